"""The one way to enqueue: on commit, briefly, and never at the cost of the change.

Every task of the project is an `OnCommitTask` (worker.celery_app sets it as the app's task
class). Its `apply_async` (and so `delay`) waits for the caller's transaction to commit, then
hands the message to the broker with a short timeout and no retries; a broker that is down is
logged, not raised. The message is only a nudge: the work itself is recorded in the database in
the same transaction (an outbox row, a compute request, a queued run) and a periodic sweep in
worker.schedule finds whatever no message reached.

Tasks retry the errors that really occur when Redis or PostgreSQL goes away for a moment, with
exponential backoff and a limit; anything else is a bug and fails at once.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import kombu.exceptions
import psycopg
import redis.exceptions
from celery import Task
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction

logger = logging.getLogger(__name__)

# What the broker and the database raise when they are away, checked against the real errors in
# tests/worker/test_worker_tasks.py.
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    psycopg.OperationalError,
    OperationalError,
    InterfaceError,
)
# What a failed hand-over to the broker raises (kombu wraps most of redis-py's errors).
BROKER_ERRORS: tuple[type[Exception], ...] = (
    kombu.exceptions.OperationalError,
    redis.exceptions.RedisError,
    OSError,
)


# Per thread (kombu connections are not thread-safe), per broker URL: the sending connection.
_connections = threading.local()


class OnCommitTask(Task):
    autoretry_for = TRANSIENT_ERRORS
    max_retries = 5
    retry_backoff = 2  # 2, 4, 8, 16, 32 s
    retry_backoff_max = 60
    retry_jitter = True

    def apply_async(  # type: ignore[override]
        self, args: Any = None, kwargs: Any = None, **options: Any
    ) -> Any:  # the AsyncResult, or None when the send is deferred or failed
        """Send after the caller's transaction commits; a broker that is down is only logged."""
        if self.app.conf.task_always_eager:  # in-process: run on commit, errors propagate
            run = super().apply_async
            return self._on_commit(lambda: run(args, kwargs, **options))
        return self._on_commit(lambda: self._send(args, kwargs, options))

    @staticmethod
    def _on_commit(send: Any) -> Any:
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(send)
            return None
        return send()

    def _send(self, args: Any, kwargs: Any, options: dict[str, Any]) -> Any:
        connection = self._enqueue_connection()
        try:
            return super().apply_async(
                args, kwargs, **{**options, "connection": connection, "retry": False}
            )
        except BROKER_ERRORS as error:
            _connections.__dict__.pop(self.app.conf.broker_url, None)
            connection.release()
            logger.warning(
                "%s not enqueued (%s); a sweep finds its work", self.name, type(error).__name__
            )
            return None

    def _enqueue_connection(self) -> Any:
        """This thread's connection for sending, with short timeouts and no retries; kept open
        across requests (a web thread sends one nudge a request), made again after a failure."""
        url = self.app.conf.broker_url
        connection = _connections.__dict__.get(url)
        if connection is None:
            timeout = settings.WORKER_ENQUEUE_TIMEOUT_SECONDS
            connection = self.app.connection_for_write(
                url,
                connect_timeout=timeout,
                transport_options={
                    "max_retries": 0,
                    "socket_connect_timeout": timeout,
                    "socket_timeout": timeout,
                },
            )
            _connections.__dict__[url] = connection
        return connection
