"""A busy worker that gets SIGTERM (Kubernetes stopping its pod) stops claiming, finishes the
message in hand, gives back the rest and exits well inside the pod's termination grace period
(60 s); a restarted worker sends what it gave back. Real worker, Redis and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from applications.models import Application
from common.spool import handover_counts
from notifications.models import Notification, Status
from notifications.services import provider_token
from tests.notifications.conftest import due_rows
from tests.support.worker_processes import (
    RedisServer,
    nudge,
    process_env,
    start_worker,
    stop,
    wait_for,
)

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]

# The message in hand (at most SMS_GATEWAY_TIMEOUT_SECONDS or EMAIL_TIMEOUT) and the worker's own
# shutdown; the pod's grace period (deploy/k8s/worker.yaml) is 60 s.
EXIT_BOUND_SECONDS = 20


def test_a_busy_worker_given_sigterm_exits_in_time_and_loses_nothing(
    tmp_path: Path, redis_server: RedisServer, applications: list[Application]
) -> None:
    ids = due_rows(applications, 400)
    env = process_env(
        tmp_path,
        redis_server.url,
        NOTIFICATION_BATCH_SIZE="100",
        NOTIFICATION_FILE_LATENCY_MS="10-50",  # a provider's API: 400 messages take 12 s or more
        NOTIFICATION_SEND_BUDGET_SECONDS="600",  # only the shutdown stops the loop
    )
    provider = tmp_path / "provider"
    log = tmp_path / "worker.log"
    worker = start_worker(env, log)
    try:
        nudge(redis_server.url)

        def busy() -> bool:
            return sum(handover_counts(provider).values()) >= 50 and (
                Notification.objects.filter(status=Status.SENDING).count() >= 10
            )

        assert wait_for(busy, timeout=60, every=0.05), log.read_text()
        started = time.monotonic()
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=EXIT_BOUND_SECONDS)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running {EXIT_BOUND_SECONDS} s after SIGTERM:\n{log.read_text()}")
        exited_after = time.monotonic() - started

        rows = Notification.objects.filter(pk__in=ids)
        sent = {
            provider_token(k)
            for k in rows.filter(status=Status.SENT).values_list("idempotency_key", flat=True)
        }
        handed = handover_counts(provider)
        assert 50 <= len(sent) < 400, "stopped mid-run"
        # Every row is sent (handed over once) or back in the outbox (never handed over).
        assert not rows.exclude(status__in=(Status.SENT, Status.PENDING)).exists()
        assert set(handed) == sent and max(handed.values()) == 1
        assert set(rows.filter(status=Status.PENDING).values_list("attempts", "claimed_by")) == {
            (0, "")
        }

        worker = start_worker(env, log)

        def all_sent() -> bool:
            nudge(redis_server.url)  # what beat does every few seconds
            return not rows.exclude(status=Status.SENT).exists()

        assert wait_for(all_sent, timeout=120, every=1), log.read_text()
    finally:
        stop(worker)
    handed = handover_counts(provider)
    assert set(handed) == {
        provider_token(k) for k in rows.values_list("idempotency_key", flat=True)
    }
    assert max(handed.values()) == 1, "a message was handed over twice"
    assert exited_after < EXIT_BOUND_SECONDS
