"""Reads about subsidies, scoped to who is asking. Reads of personal data are audited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from accounts.models import CASEWORKER_ROLES, Role, User
from common.errors import NotAllowed
from organisations.models import Organisation
from placements.models import PlacementAgreement
from subsidies import rules
from subsidies.eligibility import eligibility_evaluate
from subsidies.models import (
    AuditAction,
    CaseEvent,
    DecisionPeriod,
    PersonFacts,
    Recommendation,
    RefundClaim,
    SubsidyCase,
    WhatIfRun,
)
from subsidies.records import CASE_RECORD_RELATIONS
from subsidies.rules import RuleSet
from subsidies.rules.bulk import answer_many
from subsidies.services.audit import audit_record
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
        raise PermissionDenied(_("Only caseworkers and employers can run eligibility checks."))
    if viewer.role == Role.EMPLOYER:
        employer = record.get("employer")
        orgnr = str(employer.get("orgnr", "")) if isinstance(employer, Mapping) else ""
        if not Organisation.objects.filter(orgnr=orgnr, memberships__user=viewer).exists():
            raise PermissionDenied(
                _("Employers can only check placements in their own organisations.")
            )
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
    """Cases of the viewer's kommuner, newest first, without personal data."""
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


def case_get_full(*, viewer: Viewer, pk: int) -> SubsidyCase:
    """One case with its recommendations and its decision (periods and claims)."""
    recommendations = Recommendation.objects.select_related("by").order_by("-at", "-id")
    periods = DecisionPeriod.objects.select_related("claim").order_by("number")
    return (
        SubsidyCase.objects.filter(_in_scope(viewer))
        .select_related(*CASE_RECORD_RELATIONS, "newcomer", "current_result", "decision__by")
        .prefetch_related(
            Prefetch("recommendations", queryset=recommendations),
            Prefetch("decision__periods", queryset=periods),
        )
        .get(pk=pk)
    )


def case_read(*, viewer: Viewer, pk: int) -> SubsidyCase:
    """One case with everything about it, including the input record (birth date, residence
    permit): an audited read."""
    case = case_get_full(viewer=viewer, pk=pk)
    audit_record(
        action=AuditAction.CASE_READ,
        object_type="subsidy_case",
        object_id=case.pk,
        by=viewer.user,
        origin=viewer.origin,
        kommune_id=case.kommune_id,
        details={"fields": ["input_snapshot"]} if case.current_result_id else {},
    )
    return case


def person_facts_read(
    *, viewer: Viewer, case: SubsidyCase, reveal_national_id: bool = False
) -> PersonFacts | None:
    """The facts about a case's newcomer: an audited read (the national id, when revealed, is
    audited on its own)."""
    facts = PersonFacts.objects.filter(person_id=case.newcomer_id).first()
    fields = ["birth_date", "residence_permit", "introduction_programme", "out_of_work_periods"]
    audit_record(
        action=AuditAction.NATIONAL_ID_READ if reveal_national_id else AuditAction.FACTS_READ,
        object_type="person_facts",
        object_id=case.newcomer_id,
        by=viewer.user,
        origin=viewer.origin,
        kommune_id=case.kommune_id,
        details={
            "case": case.pk,
            "fields": [*fields, "national_id"] if reveal_national_id else fields,
            "found": facts is not None,
        },
    )
    return facts


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
