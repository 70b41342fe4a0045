"""The one way the domain asks for background work: a task by its name, sent after commit.

Services never import the worker: the worker's tasks import the services they call, so an import
the other way would tie every app and the worker into one knot. A service names the task instead:

    enqueue("worker.tasks.subsidies.run_whatif", run.pk)

The project's Celery app (config imports it) registers every task of worker/tasks; each is an
OnCommitTask, whose apply_async waits for the caller's transaction to commit and hands the message
to the broker with a short timeout (in the embedded mode of `make run` it runs in-process on
commit). A message is only a nudge: the work is already recorded in the database by the service.
"""

from __future__ import annotations

from typing import Any

from celery import current_app


def enqueue(task_name: str, *args: Any, **kwargs: Any) -> None:
    """Run the task `task_name` with these arguments once the current transaction commits."""
    app = current_app
    if task_name not in app.tasks:
        # The task modules register on the app's import signal, which a web process has not
        # fired yet; firing it imports them (the worker does the same at start).
        app.loader.import_default_modules()
    app.tasks[task_name].apply_async(args, kwargs)
