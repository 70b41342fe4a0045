"""A what-if run is held by its worker's heartbeat; the sweep runs again a run whose worker
stopped, and fails it, saying why, after its last attempt."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from organisations.models import Organisation
from subsidies.models import WhatIfRun, WhatIfStatus
from subsidies.services.whatif import MAX_WHATIF_ATTEMPTS, whatif_runs_sweep
from tests.subsidies.conftest import open_case

pytestmark = pytest.mark.django_db

PARAMETERS = {"innstegsjobb_share": "0.7"}


def running(*, attempts: int, beat_seconds_ago: float) -> WhatIfRun:
    return WhatIfRun.objects.create(
        parameters=PARAMETERS,
        status=WhatIfStatus.RUNNING,
        attempts=attempts,
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=beat_seconds_ago),
        worker="worker-that-died",
    )


def test_a_run_whose_worker_stopped_is_run_again_and_counted(
    organisation: Organisation, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    open_case(organisation)
    run = running(attempts=1, beat_seconds_ago=settings.WHATIF_LEASE_SECONDS + 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert whatif_runs_sweep() == {"requeued": 1, "failed": 0, "resent": 0}
    run.refresh_from_db()
    assert (run.status, run.attempts) == (WhatIfStatus.DONE, 2)
    assert run.result is not None and run.result["cases"] == 1
    assert run.error == "" and run.finished_at is not None


def test_a_run_whose_worker_stopped_on_every_attempt_fails_visibly() -> None:
    run = running(attempts=MAX_WHATIF_ATTEMPTS, beat_seconds_ago=settings.WHATIF_LEASE_SECONDS + 1)
    assert whatif_runs_sweep() == {"requeued": 0, "failed": 1, "resent": 0}
    run.refresh_from_db()
    assert run.status == WhatIfStatus.FAILED
    assert run.error == f"The worker running it stopped {MAX_WHATIF_ATTEMPTS} times."
    assert run.finished_at is not None and run.worker == ""
    assert whatif_runs_sweep() == {"requeued": 0, "failed": 0, "resent": 0}  # left alone


def test_a_run_with_a_fresh_heartbeat_and_a_new_queued_run_are_left_alone() -> None:
    run = running(attempts=1, beat_seconds_ago=settings.WHATIF_LEASE_SECONDS / 2)
    queued = WhatIfRun.objects.create(parameters=PARAMETERS)
    assert whatif_runs_sweep() == {"requeued": 0, "failed": 0, "resent": 0}
    run.refresh_from_db()
    queued.refresh_from_db()
    assert (run.status, run.worker) == (WhatIfStatus.RUNNING, "worker-that-died")
    assert queued.status == WhatIfStatus.QUEUED


def test_a_queued_run_whose_message_was_lost_is_sent_again(
    organisation: Organisation, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    open_case(organisation)
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.WHATIF_LEASE_SECONDS + 1)
    run = WhatIfRun.objects.create(parameters=PARAMETERS, created_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        assert whatif_runs_sweep() == {"requeued": 0, "failed": 0, "resent": 1}
    run.refresh_from_db()
    assert (run.status, run.attempts) == (WhatIfStatus.DONE, 1)
