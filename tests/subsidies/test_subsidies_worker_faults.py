"""Subsidy work is never lost and never stuck, with real worker, beat, Redis and PostgreSQL.

- a facts change while Redis is down is committed without an error and computed once Redis is
  back (the compute request in the database, found by the sweep);
- a recomputation chunk whose worker is SIGKILLed is computed by the sweep within the lease plus
  a sweep interval (here 2 s + 1 s; in production SUBSIDY_COMPUTE_LEASE_SECONDS=60 plus
  SUBSIDY_SWEEP_INTERVAL_SECONDS=30, so within 90 s);
- a what-if run whose worker is SIGKILLed is run again and finishes, its attempts counted
  (here within 2 s + 1 s; in production WHATIF_LEASE_SECONDS=60 plus 30 s);
- a database connection that PostgreSQL dropped is retried by the task.
"""

from __future__ import annotations

import signal
import time
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from pytest_django.fixtures import Settings

from accounts.models import User
from organisations.models import Organisation
from subsidies.models import CaseStatus, ComputeRequest, SubsidyCase, WhatIfRun, WhatIfStatus
from subsidies.services.cases import case_facts_update, eligibility_recompute_queue
from tests.subsidies.conftest import open_case
from tests.support.worker_processes import (
    RedisServer,
    database_url,
    holding,
    process_env,
    project_app_on,
    start_beat,
    start_worker,
    stop,
    wait_for,
    waiting_for_locks,
)
from worker.tasks.subsidies import run_whatif

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]

CASES = "subsidies_subsidycase"
BOUND_SECONDS = 30  # lease 2 s + sweep every 1 s, with room for starting the processes
LEASE_SECONDS = 2
SWEEP_SECONDS = 1


@pytest.fixture
def fast_sweeps(tmp_path: Path, redis_server: RedisServer, settings: Settings) -> dict[str, str]:
    """The environment of workers and beat that sweep every second with 2 s leases; the test
    process, which records the requests as the web processes do, leases them as briefly."""
    settings.SUBSIDY_COMPUTE_LEASE_SECONDS = LEASE_SECONDS
    settings.WHATIF_LEASE_SECONDS = LEASE_SECONDS
    settings.SUBSIDY_SWEEP_INTERVAL_SECONDS = SWEEP_SECONDS
    return process_env(
        tmp_path,
        redis_server.url,
        SUBSIDY_SWEEP_INTERVAL_SECONDS=str(SWEEP_SECONDS),
        SUBSIDY_COMPUTE_LEASE_SECONDS=str(LEASE_SECONDS),
        WHATIF_LEASE_SECONDS=str(LEASE_SECONDS),
    )


def test_a_facts_change_while_redis_is_down_is_computed_once_it_is_back(
    tmp_path: Path,
    redis_server: RedisServer,
    fast_sweeps: dict[str, str],
    organisation: Organisation,
    veileder: User,
) -> None:
    env = fast_sweeps
    case = open_case(organisation)
    assert case.status == CaseStatus.COMPUTED
    before = case.current_result_id
    log = tmp_path / "processes.log"
    worker = start_worker(env, log)
    beat = start_beat(env, log, tmp_path / "beat-schedule")
    try:
        redis_server.stop()
        started = time.monotonic()
        with project_app_on(redis_server.url):
            case_facts_update(case=case, by=veileder, tax_arrears_nok=Decimal(1200))
        assert time.monotonic() - started < 3, "the broker outage cost the caller seconds"
        case.refresh_from_db()
        assert case.status == CaseStatus.OPEN
        assert ComputeRequest.objects.filter(case=case).exists(), "the work is recorded"

        redis_server.start()  # empty: the message was never sent

        def computed() -> bool:
            case.refresh_from_db()
            return case.status == CaseStatus.COMPUTED and case.current_result_id != before

        assert wait_for(computed, timeout=BOUND_SECONDS, every=0.5), log.read_text()
    finally:
        stop(beat)
        stop(worker)
    assert case.current_result is not None
    assert case.current_result.input_snapshot["employer"]["tax_arrears_nok"] == 1200
    assert not ComputeRequest.objects.exists()


def test_a_recompute_chunk_whose_worker_is_killed_is_computed_by_the_sweep(
    tmp_path: Path,
    redis_server: RedisServer,
    fast_sweeps: dict[str, str],
    organisation: Organisation,
) -> None:
    env = fast_sweeps
    ids = [open_case(organisation, compute=False).pk for _ in range(3)]
    assert not SubsidyCase.objects.filter(status=CaseStatus.COMPUTED).exists()
    log = tmp_path / "processes.log"
    worker = start_worker(env, log)
    beat = None
    try:
        # Another session holds the cases (NO KEY: the compute requests that point at them can
        # still be written): the chunk's worker waits for them, mid-task.
        with holding(f"SELECT id FROM {CASES} WHERE id = ANY(%s) FOR NO KEY UPDATE", [ids]):
            with project_app_on(redis_server.url):
                assert eligibility_recompute_queue(case_ids=ids, chunk_size=10) == 1
            assert wait_for(lambda: waiting_for_locks() >= 1, timeout=30), log.read_text()
            stop(worker, signal.SIGKILL)
        assert ComputeRequest.objects.filter(case_id__in=ids).count() == 3
        started = time.monotonic()
        worker = start_worker(env, log)
        beat = start_beat(env, log, tmp_path / "beat-schedule")
        computed = SubsidyCase.objects.filter(pk__in=ids, status=CaseStatus.COMPUTED)
        assert wait_for(lambda: computed.count() == 3, timeout=BOUND_SECONDS, every=0.5), (
            log.read_text()
        )
        assert time.monotonic() - started < BOUND_SECONDS
    finally:
        if beat is not None:
            stop(beat)
        stop(worker)
    assert not ComputeRequest.objects.filter(case_id__in=ids).exists()


def test_a_whatif_run_whose_worker_is_killed_is_run_again_and_finishes(
    tmp_path: Path,
    redis_server: RedisServer,
    fast_sweeps: dict[str, str],
    organisation: Organisation,
) -> None:
    env = fast_sweeps
    for _ in range(2):
        open_case(organisation)
    run = WhatIfRun.objects.create(parameters={"innstegsjobb_share": "0.7"})
    log = tmp_path / "processes.log"
    worker = start_worker(env, log)
    beat = None
    try:
        # The run's worker claims it, then waits for the cases another session holds.
        with holding(f"LOCK TABLE {CASES} IN ACCESS EXCLUSIVE MODE"):
            with project_app_on(redis_server.url):
                run_whatif.delay(run.pk)
            running = WhatIfRun.objects.filter(pk=run.pk, status=WhatIfStatus.RUNNING)
            assert wait_for(running.exists, timeout=30), log.read_text()
            assert wait_for(lambda: waiting_for_locks() >= 1, timeout=10)
            stop(worker, signal.SIGKILL)
        run.refresh_from_db()
        assert (run.status, run.attempts) == (WhatIfStatus.RUNNING, 1)
        worker = start_worker(env, log)
        beat = start_beat(env, log, tmp_path / "beat-schedule")

        def finished() -> bool:
            run.refresh_from_db()
            return run.status == WhatIfStatus.DONE

        assert wait_for(finished, timeout=BOUND_SECONDS, every=0.5), log.read_text()
    finally:
        if beat is not None:
            stop(beat)
        stop(worker)
    assert run.attempts == 2
    assert run.result is not None and run.result["cases"] == 2
    assert run.error == ""


def test_a_dropped_database_connection_is_retried(
    tmp_path: Path, redis_server: RedisServer, organisation: Organisation
) -> None:
    ids = [open_case(organisation, compute=False).pk for _ in range(2)]
    log = tmp_path / "worker.log"
    worker = start_worker(process_env(tmp_path, redis_server.url), log, loglevel="INFO")
    try:
        # The chunk's task waits for the cases mid-transaction; PostgreSQL then drops its session
        # (a failover, a restart). No beat runs here: only the task's own retry computes them.
        with holding(f"SELECT id FROM {CASES} WHERE id = ANY(%s) FOR NO KEY UPDATE", [ids]):
            with project_app_on(redis_server.url):
                eligibility_recompute_queue(case_ids=ids)
            assert wait_for(lambda: waiting_for_locks() >= 1, timeout=30), log.read_text()
            with psycopg.connect(database_url(), autocommit=True) as admin:
                dropped = admin.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                ).fetchone()
        computed = SubsidyCase.objects.filter(pk__in=ids, status=CaseStatus.COMPUTED)
        assert wait_for(lambda: computed.count() == 2, timeout=30, every=0.5), log.read_text()
    finally:
        stop(worker)
    assert dropped == (1,)
    text = log.read_text()
    assert "OperationalError" in text and "Retry in" in text, text
    assert not ComputeRequest.objects.filter(case_id__in=ids).exists()
