"""A real Celery worker process recomputes cases queued through a real Redis, and the benchmark
command runs end to end against it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery import Celery

from subsidies.models import CaseStatus, EligibilityResult, SubsidyCase
from tests.subsidies.conftest import open_case
from tests.support.worker_processes import (
    ROOT,
    RedisServer,
    process_env,
    start_worker,
    stop,
    wait_for,
)

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def worker(redis_server: RedisServer, tmp_path: Path) -> Iterator[dict[str, str]]:
    """Two worker processes on the test database and the private Redis; their environment."""
    env = process_env(tmp_path, redis_server.url)
    process = start_worker(env, tmp_path / "worker.log", concurrency=2)
    yield env
    stop(process)


def test_a_worker_process_recomputes_queued_cases(organisation, worker, redis_server) -> None:  # type: ignore[no-untyped-def]
    cases = [open_case(organisation, compute=False) for _ in range(5)]
    ids = [case.pk for case in cases]
    assert not EligibilityResult.objects.exists()

    producer = Celery("test-producer", broker=redis_server.url, set_as_current=False)
    try:
        producer.send_task("worker.tasks.subsidies.recompute_eligibility", args=[ids[:3]])
        producer.send_task("worker.tasks.subsidies.recompute_eligibility", args=[ids[3:]])
    finally:
        producer.close()

    computed = SubsidyCase.objects.filter(pk__in=ids, status=CaseStatus.COMPUTED)
    assert wait_for(lambda: computed.count() == len(ids), timeout=60, every=0.2)
    for case in SubsidyCase.objects.filter(pk__in=ids).select_related("current_result"):
        assert case.current_result is not None
        assert case.current_result.rule_set == "nystartsjobb-pilot-v1"
        assert case.current_result.monthly_amount_nok == 12690
    assert EligibilityResult.objects.count() == len(ids)


def test_the_benchmark_command_recomputes_through_the_workers(worker) -> None:  # type: ignore[no-untyped-def]
    env = {**worker, "LOG_LEVEL": "WARNING"}
    completed = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "bench_recompute",
            "--cases",
            "600",
            "--chunk",
            "100",
            "--engine-seconds",
            "0.2",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    output = completed.stdout
    assert "2 worker process(es)" in output
    assert "evaluate_record a second" in output
    assert "recomputed 600 cases in" in output
    assert "6 tasks of 100" in output
    assert "deleted the seeded rows" in output
    assert not SubsidyCase.objects.exists()
