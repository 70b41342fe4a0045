"""Every task enqueues on commit, survives a broker that is down, and retries the errors that
really occur when Redis or PostgreSQL goes away."""

from __future__ import annotations

import time
from collections.abc import Iterator

import kombu
import psycopg
import pytest
import redis
from django.db import OperationalError, connection, transaction

from tests.support.worker_processes import free_port, project_app_on
from worker.celery_app import app
from worker.tasks import notifications, subsidies
from worker.tasks.base import TRANSIENT_ERRORS, OnCommitTask


def project_tasks() -> list[OnCommitTask]:
    app.loader.import_default_modules()
    return [task for name, task in app.tasks.items() if name.startswith("worker.tasks.")]


def test_every_task_retries_transient_errors_with_backoff_and_a_limit() -> None:
    tasks = project_tasks()
    assert {
        "worker.tasks.subsidies.sweep_compute_requests",
        "worker.tasks.subsidies.run_whatif",
    } <= {task.name for task in tasks}
    for task in tasks:
        assert isinstance(task, OnCommitTask), task.name
        assert task.autoretry_for == TRANSIENT_ERRORS, task.name
        assert task.max_retries == 5 and task.retry_backoff, task.name


def test_the_retried_errors_are_the_ones_redis_kombu_and_psycopg_really_raise() -> None:
    closed = free_port()
    raised: list[Exception] = []
    with pytest.raises(redis.exceptions.ConnectionError) as redis_error:
        redis.Redis(port=closed, socket_connect_timeout=0.5).ping()
    raised.append(redis_error.value)
    with (
        pytest.raises(kombu.exceptions.OperationalError) as kombu_error,
        kombu.Connection(
            f"redis://127.0.0.1:{closed}/0", transport_options={"max_retries": 0}
        ) as broker,
    ):
        broker.default_channel  # noqa: B018 - connecting is what raises
    raised.append(kombu_error.value)
    with pytest.raises(psycopg.OperationalError) as psycopg_error:
        psycopg.connect(host="127.0.0.1", port=closed, connect_timeout=1)
    raised.append(psycopg_error.value)
    for error in raised:
        assert isinstance(error, TRANSIENT_ERRORS), type(error)
    # What Django raises for a connection PostgreSQL dropped.
    assert issubclass(OperationalError, TRANSIENT_ERRORS)
    # The old list matched none of them.
    assert not any(isinstance(error, ConnectionError) for error in raised[1:])


@pytest.fixture
def broker_down() -> Iterator[None]:
    """The project's app talking to a broker that does not answer, not in eager mode."""
    with project_app_on(f"redis://127.0.0.1:{free_port()}/0"):
        yield


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("broker_down")
def test_with_the_broker_down_enqueuing_on_commit_is_quick_and_raises_nothing() -> None:
    started = time.monotonic()
    with transaction.atomic():
        assert notifications.send_due.delay() is None  # deferred to the commit
        assert connection.run_on_commit
    assert time.monotonic() - started < 2.5, "one short try, no retries"
    started = time.monotonic()
    assert subsidies.compute_eligibility.delay(1) is None  # outside a transaction: at once
    assert time.monotonic() - started < 2.5


@pytest.mark.django_db(transaction=True)
def test_sends_from_one_thread_reuse_one_broker_connection(redis_server) -> None:  # type: ignore[no-untyped-def]
    from worker.tasks import base

    with project_app_on(redis_server.url):
        notifications.send_due.delay()
        first = base._connections.__dict__[redis_server.url]
        notifications.send_due.delay()
        assert base._connections.__dict__[redis_server.url] is first
        client = redis.Redis.from_url(redis_server.url)
        assert client.llen("celery") == 2
