"""Writes about subsidies, one module per area; the names other apps use are re-exported here."""

from subsidies.services.cases import (
    case_facts_update,
    cases_compute,
    computable_case_ids,
    eligibility_recompute_queue,
    person_facts_update,
    subsidy_case_open,
)
from subsidies.services.claims import refund_claim_report, refund_claims_expire
from subsidies.services.decisions import case_approve, case_recommend, case_reject
from subsidies.services.whatif import whatif_run, whatif_start

__all__ = [
    "case_approve",
    "case_facts_update",
    "case_recommend",
    "case_reject",
    "cases_compute",
    "computable_case_ids",
    "eligibility_recompute_queue",
    "person_facts_update",
    "refund_claim_report",
    "refund_claims_expire",
    "subsidy_case_open",
    "whatif_run",
    "whatif_start",
]
