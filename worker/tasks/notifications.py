"""Notifications: the periodic scans, and draining the outbox.

Both are safe to run any number of times and in parallel: the outbox rows and their keys are the
truth, these messages only say "look now".
"""

import time

from celery import shared_task
from celery.worker import state as worker_state
from django.conf import settings
from django.utils import timezone

from notifications.scans import scan_all
from notifications.services import notifications_send_due, worker_name


def shutting_down() -> bool:
    """The worker was asked to stop (SIGTERM, SIGINT, SIGQUIT) while this task runs.

    Set in the process that runs the task with the solo and threads pools; a prefork child never
    hears of it, and is bounded by NOTIFICATION_SEND_BUDGET_SECONDS instead.
    """
    # A warm shutdown sets should_stop to the exit code, 0: "set" is "neither None nor False",
    # as in celery.worker.state.maybe_shutdown.
    return any(
        flag is not None and flag is not False
        for flag in (worker_state.should_stop, worker_state.should_terminate)
    )


@shared_task(name="worker.tasks.notifications.scan", time_limit=600)
def scan() -> dict[str, int]:
    return scan_all(now=timezone.now())


@shared_task(
    name="worker.tasks.notifications.send_due",
    time_limit=settings.NOTIFICATION_SEND_BUDGET_SECONDS + 60,
)
def send_due() -> int:
    """Send due email and SMS in batches until none are left, the budget is spent or the worker
    shuts down; rows claimed but not sent go back to the outbox for the next nudge."""
    worker = worker_name()
    deadline = time.monotonic() + settings.NOTIFICATION_SEND_BUDGET_SECONDS

    def keep_going() -> bool:
        return time.monotonic() < deadline and not shutting_down()

    claimed = 0
    while keep_going():
        batch = notifications_send_due(now=timezone.now(), worker=worker, keep_going=keep_going)
        if not batch:
            break
        claimed += batch
    return claimed
