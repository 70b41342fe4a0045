"""Two beat processes at once: only the one holding the Redis lock schedules; when it dies, the
other takes over within one lock period."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tests.support.worker_processes import RedisServer, process_env, start_beat, stop, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

SENDING = "Scheduler: Sending due task notifications-send-due"


def _sends(log: Path) -> int:
    return log.read_text(errors="replace").count(SENDING) if log.exists() else 0


def test_a_second_beat_waits_and_takes_over_when_the_first_dies(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    env = process_env(
        tmp_path,
        redis_server.url,
        LOG_LEVEL="INFO",
        NOTIFICATION_SEND_INTERVAL_SECONDS="1",
        INNSTEG_BEAT_LOCK_SECONDS="3",
    )
    logs = [tmp_path / "beat-1.log", tmp_path / "beat-2.log"]
    first = start_beat(env, logs[0], tmp_path / "schedule-1")
    assert wait_for(lambda: _sends(logs[0]) >= 2, timeout=60), logs[0].read_text()[-2000:]
    second = start_beat(env, logs[1], tmp_path / "schedule-2")
    try:
        before = _sends(logs[0])
        assert wait_for(lambda: _sends(logs[0]) >= before + 5, timeout=30)
        assert _sends(logs[1]) == 0, "the second beat scheduled while the first held the lock"

        stop(first, signal.SIGKILL)  # no clean release: the lock must run out
        killed_at = time.monotonic()
        assert wait_for(lambda: _sends(logs[1]) >= 1, timeout=20), logs[1].read_text()[-2000:]
        # It took over after the lock ran out (3 s), plus at most one standby wait (1 s).
        assert time.monotonic() - killed_at < 3 + 1 + 5
    finally:
        stop(first)
        stop(second)
