"""Reads about subsidies, scoped to who is asking. Selectors only read: the view or service that
serves personal data writes the audit entry for it (subsidies.services.audit).

What an answer shows beyond the stored rows (the facts the rules still need, the reasons of a
result and the record's errors in the reader's language) is worked out here, so that the
serializers only present it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from accounts.models import CASEWORKER_ROLES, Role, User
from common.errors import NotAllowed, NotParty, OutOfScope, WrongRole
from organisations.models import Organisation
from placements.models import PlacementAgreement
from subsidies import rules
from subsidies.eligibility import eligibility_evaluate, eligibility_explain, record_errors
from subsidies.models import (
    CaseEvent,
    DecisionPeriod,
    PersonFacts,
    Recommendation,
    RefundClaim,
    SubsidyCase,
    WhatIfRun,
)
from subsidies.records import CASE_RECORD_RELATIONS, case_record, missing_facts
from subsidies.rules import RuleSet
from subsidies.rules.bulk import answer_many
from subsidies.viewers import Viewer

SIMULATING_ROLES = frozenset({Role.VEILEDER, Role.BESLUTTER, Role.ADMIN, Role.EMPLOYER})
BULK_SIMULATING_ROLES = frozenset({Role.BESLUTTER, Role.ADMIN})
SIMULATE_MAX_RECORDS = 1000
"""The most records one bulk request may send (docs/rules/formats.md, "In bulk")."""


def eligibility_simulate_many(*, viewer: Viewer, records: Sequence[Any]) -> list[dict[str, Any]]:
    """Answers for a list of records, in order; an invalid record is answered by its errors
    (`{"errors": [...]}`) in its place. For beslutters, platform admins and case systems whose
    token has `subsidies:simulate` (the API checks the scope). Nothing is stored or read."""
    user = viewer.user
    if viewer.client is None and (user is None or user.role not in BULK_SIMULATING_ROLES):
        raise NotAllowed(
            _(
                "Only beslutters, platform admins and case systems allowed to simulate can "
                "check records in bulk."
            ),
            code="bulk_simulation_not_allowed",
        )
    if len(records) > SIMULATE_MAX_RECORDS:
        raise ValidationError(
            {
                "records": _("Send at most %(max)d records at a time; this request has %(count)d.")
                % {"max": SIMULATE_MAX_RECORDS, "count": len(records)}
            }
        )
    return answer_many(records, translate=gettext)


def eligibility_simulate(*, viewer: User, record: Mapping[str, Any]) -> dict[str, Any]:
    """A pre-check of a record: caseworkers for any employer, employers for their own only."""
    if viewer.role not in SIMULATING_ROLES:
        raise WrongRole(_("Only caseworkers and employers can run eligibility checks."))
    if viewer.role == Role.EMPLOYER:
        employer = record.get("employer")
        orgnr = str(employer.get("orgnr", "")) if isinstance(employer, Mapping) else ""
        if not Organisation.objects.filter(orgnr=orgnr, memberships__user=viewer).exists():
            raise NotParty(_("Employers can only check placements in their own organisations."))
    return eligibility_evaluate(record)


@dataclass(frozen=True)
class CaseSummary:
    """What a caseworker sees of an agreement's subsidy case on the agreement's page."""

    case: SubsidyCase
    rule_set: RuleSet | None
    """The rule set the case is computed under (docs/rules/), with its validity dates."""
    eligible: bool | None
    monthly_amount_nok: int | None


def case_summary_for_agreement(*, viewer: User, agreement_id: int) -> CaseSummary | None:
    """The subsidy case of an agreement, for a caseworker of its kommune; None for anyone else
    or when the agreement has no case. No personal data: status, rule set and amount."""
    if viewer.role not in CASEWORKER_ROLES:
        return None
    case = (
        SubsidyCase.objects.filter(
            agreement_id=agreement_id, kommune__in=viewer.kommuner.values("number")
        )
        .select_related("agreement", "current_result")
        .defer("current_result__input_snapshot", "current_result__answer")
        .first()
    )
    if case is None:
        return None
    version = case.rule_set_version
    result = case.current_result
    return CaseSummary(
        case=case,
        rule_set=rules.get_rule_set(version.split("+", 1)[0]) if version else None,
        eligible=None if result is None else result.eligible,
        monthly_amount_nok=None if result is None else result.monthly_amount_nok,
    )


# Subsidy cases, for caseworkers (their kommuner) and case systems (the kommuner bound to them).


def _in_scope(viewer: Viewer, field: str = "kommune_id") -> Q:
    if viewer.every_kommune:
        return Q()
    return Q(**{f"{field}__in": sorted(viewer.kommuner)})


def case_list(
    *, viewer: Viewer, status: str | None = None, kommune: str | None = None
) -> QuerySet[SubsidyCase]:
    """Cases of the viewer's kommuner, newest first, without personal data. Asking for a
    kommune the viewer does not serve is refused (OutOfScope), not answered with nothing."""
    if kommune and not viewer.every_kommune and kommune not in viewer.kommuner:
        raise OutOfScope()
    cases = (
        SubsidyCase.objects.filter(_in_scope(viewer))
        .select_related(*CASE_RECORD_RELATIONS, "newcomer", "current_result")
        .defer("current_result__input_snapshot", "current_result__answer")
    )
    if status:
        cases = cases.filter(status=status)
    if kommune:
        cases = cases.filter(kommune_id=kommune)
    return cases.order_by("-opened_at", "-id")


def case_get(*, viewer: Viewer, pk: int) -> SubsidyCase:
    """One case of the viewer's kommuner; SubsidyCase.DoesNotExist outside them."""
    return (
        SubsidyCase.objects.filter(_in_scope(viewer))
        .select_related(*CASE_RECORD_RELATIONS, "newcomer", "current_result")
        .get(pk=pk)
    )


def with_missing_facts(cases: Iterable[SubsidyCase]) -> list[SubsidyCase]:
    """The cases, each with `missing` set: the facts the rules still need before computing."""
    cases = list(cases)
    for case in cases:
        case.missing = missing_facts(case)  # type: ignore[attr-defined]
    return cases


def case_get_full(*, viewer: Viewer, pk: int) -> SubsidyCase:
    """One case with its recommendations and its decision (periods and claims), and `missing`
    (the facts the rules still need)."""
    recommendations = Recommendation.objects.select_related("by").order_by("-at", "-id")
    periods = DecisionPeriod.objects.select_related("claim").order_by("number")
    case = (
        SubsidyCase.objects.filter(_in_scope(viewer))
        .select_related(*CASE_RECORD_RELATIONS, "newcomer", "current_result", "decision__by")
        .prefetch_related(
            Prefetch("recommendations", queryset=recommendations),
            Prefetch("decision__periods", queryset=periods),
        )
        .get(pk=pk)
    )
    return with_missing_facts([case])[0]


def case_explained(*, viewer: Viewer, pk: int) -> SubsidyCase:
    """One case with everything about it, including the input record (birth date, residence
    permit), worked out for the reader: the current result with `reasons` (its explanation in
    the reader's language) and the case with `compute_errors_shown` (the record's errors worded
    again in the reader's language; the stored ones are English). Holds personal data: whoever
    serves it records the read (subsidies.services.audit.case_read_record)."""
    case = case_get_full(viewer=viewer, pk=pk)
    result = case.current_result
    if result is not None:
        result.reasons = eligibility_explain(  # type: ignore[attr-defined]
            snapshot=result.input_snapshot, stored_answer=result.answer
        )
    shown = list(case.compute_errors or [])
    if shown and not case.missing:  # type: ignore[attr-defined]
        shown = record_errors(case_record(case)) or shown
    case.compute_errors_shown = shown  # type: ignore[attr-defined]
    return case


def person_facts_get(*, case: SubsidyCase) -> PersonFacts | None:
    """The facts about a case's newcomer (of a case the viewer may see: see case_get). Personal
    data: whoever serves it records the read (subsidies.services.audit.person_facts_read_record)."""
    return PersonFacts.objects.filter(person_id=case.newcomer_id).first()


def agreement_list(*, viewer: Viewer, status: str | None = None) -> QuerySet[PlacementAgreement]:
    """Placement agreements of the viewer's kommuner, newest first."""
    agreements = PlacementAgreement.objects.filter(_in_scope(viewer)).select_related(
        "newcomer", "organisation", "subsidy_case"
    )
    if status:
        agreements = agreements.filter(status=status)
    return agreements.order_by("-created_at", "-id")


def agreement_get(*, viewer: Viewer, pk: int) -> PlacementAgreement:
    return agreement_list(viewer=viewer).get(pk=pk)


def _claims(
    claims: QuerySet[RefundClaim], status: str | None, case: int | None
) -> QuerySet[RefundClaim]:
    claims = claims.select_related("period", "case__organisation")
    if status:
        claims = claims.filter(status=status)
    if case is not None:
        claims = claims.filter(case_id=case)
    return claims.order_by("period__start", "id")


def refund_claim_list(
    *, viewer: Viewer, status: str | None = None, case: int | None = None
) -> QuerySet[RefundClaim]:
    return _claims(RefundClaim.objects.filter(_in_scope(viewer, "case__kommune_id")), status, case)


def refund_claim_list_for_employer(
    *, viewer: User, status: str | None = None, case: int | None = None
) -> QuerySet[RefundClaim]:
    """The refund claims of the organisations the employer belongs to."""
    if viewer.role != Role.EMPLOYER:
        return RefundClaim.objects.none()
    organisations = Organisation.objects.filter(memberships__user=viewer)
    return _claims(RefundClaim.objects.filter(case__organisation__in=organisations), status, case)


def refund_claim_get_for_employer(*, viewer: User, pk: int) -> RefundClaim:
    return refund_claim_list_for_employer(viewer=viewer).get(pk=pk)


def case_event_list(*, viewer: Viewer, after: int, limit: int) -> list[CaseEvent]:
    """The next `limit` events after the cursor `after`, in order."""
    return list(CaseEvent.objects.filter(_in_scope(viewer), id__gt=after).order_by("id")[:limit])


def whatif_get(*, viewer: Viewer, pk: int) -> WhatIfRun:
    """A what-if run the viewer started (or, for a caseworker, any run of their kommuner)."""
    runs = WhatIfRun.objects.all()
    if viewer.client is not None:
        runs = runs.filter(client_id=viewer.client.application.client_id)
    elif not viewer.every_kommune:
        assert viewer.user is not None
        runs = runs.filter(created_by=viewer.user)
    return runs.get(pk=pk)


def case_counts_by_status() -> dict[str, int]:
    """Subsidy cases by status across every kommune, for the operators' metrics."""
    rows = SubsidyCase.objects.values_list("status").annotate(n=Count("pk"))
    return dict(rows)
