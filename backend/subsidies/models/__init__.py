"""The subsidies app's models, one module per area."""

from subsidies.models.cases import (
    CASE_FACT_FIELDS,
    DECIDED_STATUSES,
    UNDECIDED_STATUSES,
    CaseStatus,
    ClaimStatus,
    Decision,
    DecisionOutcome,
    DecisionPeriod,
    EligibilityResult,
    Recommendation,
    RecommendationOutcome,
    RefundClaim,
    RejectionReason,
    Scheme,
    SubsidyCase,
)
from subsidies.models.clients import (
    SCOPE_DECIDE,
    SCOPE_NATIONAL_ID,
    SCOPE_READ,
    SCOPE_SIMULATE,
    CaseSystemClient,
    IdempotencyRecord,
)
from subsidies.models.compute import ComputeRequest
from subsidies.models.facts import PermitKind, PersonFacts
from subsidies.models.feed import CaseEvent, CaseEventKind
from subsidies.models.whatif import WhatIfRun, WhatIfStatus

__all__ = [
    "CASE_FACT_FIELDS",
    "DECIDED_STATUSES",
    "SCOPE_DECIDE",
    "SCOPE_NATIONAL_ID",
    "SCOPE_READ",
    "SCOPE_SIMULATE",
    "UNDECIDED_STATUSES",
    "CaseEvent",
    "CaseEventKind",
    "CaseStatus",
    "CaseSystemClient",
    "ClaimStatus",
    "ComputeRequest",
    "Decision",
    "DecisionOutcome",
    "DecisionPeriod",
    "EligibilityResult",
    "IdempotencyRecord",
    "PermitKind",
    "PersonFacts",
    "Recommendation",
    "RecommendationOutcome",
    "RefundClaim",
    "RejectionReason",
    "Scheme",
    "SubsidyCase",
    "WhatIfRun",
    "WhatIfStatus",
]
