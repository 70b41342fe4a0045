"""Subsidy cases: compute eligibility (one case, or a chunk of a recomputation), what-if runs,
the sweeps that find work no message reached, and the daily upkeep of refund claims and
idempotency keys.

Every task retries the transient errors of worker.tasks.base.OnCommitTask with backoff; the
compute requests and the what-if runs in the database are what the sweeps go by.
"""

from celery import shared_task
from django.utils import timezone

from subsidies.services.cases import cases_compute, compute_requests_sweep
from subsidies.services.claims import refund_claims_expire
from subsidies.services.idempotency import idempotency_records_clean
from subsidies.services.whatif import whatif_run, whatif_runs_sweep


@shared_task(name="worker.tasks.subsidies.compute_eligibility", time_limit=120)
def compute_eligibility(case_id: int) -> int:
    return cases_compute(case_ids=[case_id])


@shared_task(name="worker.tasks.subsidies.recompute_eligibility", time_limit=600)
def recompute_eligibility(case_ids: list[int]) -> int:
    return cases_compute(case_ids=case_ids)


@shared_task(name="worker.tasks.subsidies.run_whatif", time_limit=1800, bind=True)
def run_whatif(self, run_id: int) -> None:  # type: ignore[no-untyped-def]
    whatif_run(run_id=run_id, worker=f"{self.request.hostname}:{self.request.id}")


@shared_task(name="worker.tasks.subsidies.sweep_compute_requests", time_limit=300)
def sweep_compute_requests() -> int:
    return compute_requests_sweep(now=timezone.now())


@shared_task(name="worker.tasks.subsidies.sweep_whatif_runs", time_limit=60)
def sweep_whatif_runs() -> dict[str, int]:
    return whatif_runs_sweep(now=timezone.now())


@shared_task(name="worker.tasks.subsidies.expire_refund_claims", time_limit=300)
def expire_refund_claims() -> int:
    return refund_claims_expire(today=timezone.localdate())


@shared_task(name="worker.tasks.subsidies.clean_idempotency_records", time_limit=300)
def clean_idempotency_records() -> int:
    return idempotency_records_clean()
