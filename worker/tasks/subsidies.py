"""Subsidy cases: compute eligibility (one case, or a chunk of a recomputation), what-if runs,
and the daily upkeep of refund claims and idempotency keys."""

from celery import shared_task
from django.utils import timezone

from subsidies.services.cases import cases_compute
from subsidies.services.claims import refund_claims_expire
from subsidies.services.idempotency import idempotency_records_clean
from subsidies.services.whatif import whatif_run


@shared_task(
    name="worker.tasks.subsidies.compute_eligibility",
    time_limit=120,
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=5,
)
def compute_eligibility(case_id: int) -> int:
    return cases_compute(case_ids=[case_id])


@shared_task(
    name="worker.tasks.subsidies.recompute_eligibility",
    time_limit=600,
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=5,
)
def recompute_eligibility(case_ids: list[int]) -> int:
    return cases_compute(case_ids=case_ids)


@shared_task(name="worker.tasks.subsidies.run_whatif", time_limit=1800)
def run_whatif(run_id: int) -> None:
    whatif_run(run_id=run_id)


@shared_task(name="worker.tasks.subsidies.expire_refund_claims", time_limit=300)
def expire_refund_claims() -> int:
    return refund_claims_expire(today=timezone.localdate())


@shared_task(name="worker.tasks.subsidies.clean_idempotency_records", time_limit=300)
def clean_idempotency_records() -> int:
    return idempotency_records_clean()
