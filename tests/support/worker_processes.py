"""Real processes for the worker tests: a private Redis (the `redis_server` fixture), Celery
workers and beats.

Every process runs in its own session, so that a test can kill it (and its children) by id.
The worker processes use the test database; the test must commit its data
(`django_db(transaction=True)`) for them to see it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import psycopg
import pytest
from celery import Celery
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], bool], *, timeout: float, every: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


class RedisServer:
    """A Redis of the test's own, without persistence: a restart forgets every queued message."""

    def __init__(self) -> None:
        if shutil.which("redis-server") is None:
            pytest.fail("redis-server is not installed (Debian: apt-get install redis-server)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        if not wait_for(self._answers, timeout=10, every=0.05):
            pytest.fail("the test's redis-server did not start")

    def _answers(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
        except OSError:
            return False
        return True

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A Redis of the test's own, started; stopping or restarting it disturbs nothing else."""
    server = RedisServer()
    server.start()
    yield server
    server.stop()


def database_url() -> str:
    """The URL of the test database this test process uses."""
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST']}:{settings['PORT']}"
        f"/{settings['NAME']}"
    )


def process_env(tmp_path: Path, redis_url: str, **extra: str) -> dict[str, str]:
    """The environment of a worker or beat: base settings, the test database, file backends."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "INNSTEG_VAR_DIR": str(tmp_path / "var"),
        "SMS_BACKEND": "tests.support.notification_backends.SlowFileSmsBackend",
        "SMS_FILE_PATH": str(tmp_path / "provider"),
        "EMAIL_BACKEND": "tests.support.notification_backends.SlowFileEmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "provider"),
        "NOTIFICATION_SMS_QUIET_HOURS": "",  # the tests run at any hour
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def _spawn(arguments: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "worker.celery_app", *arguments],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def start_worker(
    env: dict[str, str], log: Path, *, concurrency: int = 1, loglevel: str = "WARNING"
) -> subprocess.Popen[bytes]:
    pool = ["--pool=solo"] if concurrency == 1 else ["--pool=prefork", f"-c{concurrency}"]
    return _spawn(
        ["worker", *pool, "--without-gossip", "--without-mingle", f"--loglevel={loglevel}"],
        env,
        log,
    )


def start_beat(env: dict[str, str], log: Path, schedule: Path) -> subprocess.Popen[bytes]:
    level = env.get("LOG_LEVEL", "WARNING")
    return _spawn(["beat", f"--schedule={schedule}", f"--loglevel={level}"], env, log)


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    """Signal the process and its children (its session), and wait for it."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def nudge(redis_url: str) -> None:
    """What beat does every few seconds: ask a worker to send what is due."""
    probe = Celery("probe", broker=redis_url, set_as_current=False)
    try:
        probe.send_task("worker.tasks.notifications.send_due", retry=False)
    finally:
        probe.close()


@contextlib.contextmanager
def project_app_on(redis_url: str) -> Iterator[None]:
    """The test process enqueues through `redis_url` as the web processes do (not eagerly)."""
    from worker.celery_app import app

    before = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_url
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url = before


@contextlib.contextmanager
def holding(statement: str, params: Sequence[object] = ()) -> Iterator[psycopg.Connection]:
    """A second database session that runs `statement` in a transaction it keeps open (to hold
    locks) until the block ends."""
    with psycopg.connect(database_url()) as session:
        session.execute(statement, params)
        try:
            yield session
        finally:
            session.rollback()


def waiting_for_locks() -> int:
    """How many sessions of the test database wait for a lock."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return int(cursor.fetchone()[0])
