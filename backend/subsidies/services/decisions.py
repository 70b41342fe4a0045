"""Recommending and deciding subsidy cases: a veileder recommends, another person decides.

An approved decision covers at most 12 months from the start date (the engine's decision
period, also ended by the agreement's end date), split into monthly periods, each with the most
that can be refunded for it and a refund claim due two months after the period's last day.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Role, User
from audit.models import AuditAction, AuditObjectType
from common.errors import AlreadyDecided, Conflict, SamePerson, WrongStatus
from common.months import add_months, period_last_day
from subsidies import rules
from subsidies.models import (
    CaseEventKind,
    CaseStatus,
    Decision,
    DecisionOutcome,
    DecisionPeriod,
    EligibilityResult,
    Recommendation,
    RecommendationOutcome,
    RefundClaim,
    RejectionReason,
    SubsidyCase,
)
from subsidies.rules.money import prorate
from subsidies.services.audit import audit_record
from subsidies.services.cases import (
    COMPUTABLE_STATUSES,
    check_version,
    locked_case,
    queue_compute,
    require_caseworker,
)
from subsidies.services.events import case_event, case_events_record
from subsidies.viewers import Origin

RECOMMENDING_ROLES = (Role.VEILEDER, Role.BESLUTTER)
DECIDING_ROLES = (Role.BESLUTTER,)
CLAIM_DUE_MONTHS = 2
MAX_TEXT = 2000


def _status_conflict(case: SubsidyCase) -> Conflict:
    if case.is_decided:
        return AlreadyDecided(_("This case has already been decided."))
    if case.status == CaseStatus.OPEN:
        return WrongStatus(
            _("The case's eligibility has not been computed yet."), code="not_computed"
        )
    if case.status == CaseStatus.RECOMMENDED:
        return WrongStatus(_("This case has already been recommended."), code="already_recommended")
    return WrongStatus(
        _("A case is decided after a veileder has recommended it."), code="not_recommended"
    )


def _check_text(field: str, text: str) -> str:
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise ValidationError({field: _("Write at most %(max)d characters.") % {"max": MAX_TEXT}})
    return text


def _via(origin: Origin | None) -> str:
    client = origin.client if origin else None
    return client.application.client_id if client is not None else ""


def _move_to(
    case: SubsidyCase,
    status: str,
    *,
    by: User,
    origin: Origin | None,
    action: str,
    details: dict[str, Any],
    event_kind: str,
    **payload: Any,
) -> SubsidyCase:
    """The case moves to `status` in a new version; the step is audited and told in the feed."""
    case.status = status
    case.version += 1
    case.save(update_fields=["status", "version", "updated_at"])
    audit_record(
        action=action,
        object_type=AuditObjectType.SUBSIDY_CASE,
        object_id=case.pk,
        by=by,
        origin=origin,
        kommune_id=case.kommune_id,
        details=details,
    )
    case_events_record([case_event(case, event_kind, **payload)])
    return case


@transaction.atomic
def case_recommend(
    *,
    case: SubsidyCase,
    by: User,
    outcome: str,
    note: str = "",
    origin: Origin | None = None,
    expected_version: int | None = None,
) -> SubsidyCase:
    """A veileder recommends approving or rejecting the computed result."""
    case = locked_case(case)
    require_caseworker(case=case, by=by, roles=RECOMMENDING_ROLES, origin=origin)
    if case.status != CaseStatus.COMPUTED:
        raise _status_conflict(case)
    check_version(case, expected_version)
    if outcome not in RecommendationOutcome.values:
        raise ValidationError({"outcome": _("Recommend approve or reject.")})
    note = _check_text("note", note)
    result = case.current_result
    assert result is not None
    if outcome == RecommendationOutcome.APPROVE and not result.eligible:
        raise ValidationError(
            {"outcome": _("The case is not eligible under the rules: it cannot be approved.")}
        )
    recommendation = Recommendation.objects.create(
        case=case, result=result, outcome=outcome, note=note, by=by, via_client=_via(origin)
    )
    return _move_to(
        case,
        CaseStatus.RECOMMENDED,
        by=by,
        origin=origin,
        action=AuditAction.RECOMMEND,
        details={"outcome": outcome, "recommendation": recommendation.pk, "result": result.pk},
        event_kind=CaseEventKind.RECOMMENDED,
        outcome=outcome,
        result=result.pk,
    )


def _begin_decision(
    case: SubsidyCase, by: User, origin: Origin | None, expected_version: int | None
) -> tuple[SubsidyCase, Recommendation, EligibilityResult]:
    case = locked_case(case)
    require_caseworker(case=case, by=by, roles=DECIDING_ROLES, origin=origin)
    if case.status != CaseStatus.RECOMMENDED:
        raise _status_conflict(case)
    check_version(case, expected_version)
    recommendation = case.recommendations.order_by("-at", "-id").first()
    assert recommendation is not None
    if recommendation.by_id == by.pk:
        raise SamePerson(
            _("Someone other than the person who recommended the case must decide it.")
        )
    result = case.current_result
    assert result is not None
    return case, recommendation, result


def _save_decision(decision: Decision) -> None:
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:
        # The row lock makes this rare; the unique constraint makes it impossible.
        raise AlreadyDecided(_("This case has already been decided.")) from None


def _monthly_amount(snapshot: dict[str, Any], month: datetime.date) -> int:
    answer = rules.evaluate({**snapshot, "month": f"{month.year:04d}-{month.month:02d}"})
    return int(answer["monthly_amount_nok"])


def decision_periods(
    *, result: EligibilityResult, agreement_end: datetime.date | None
) -> list[DecisionPeriod]:
    """The monthly periods of an approval (unsaved): month n runs from the start date plus n-1
    months to the day before start plus n months, at most 12 of them, ending with the engine's
    decision period or the agreement, whichever ends first. Each period has the full-month amount
    with the G of its first day, and pro rata for a shorter last period."""
    period = result.answer["decision_period"]
    start = datetime.date.fromisoformat(period["start"])
    end = datetime.date.fromisoformat(period["end"])
    if agreement_end is not None and agreement_end < end:
        end = agreement_end
    periods: list[DecisionPeriod] = []
    for number in range(1, 13):
        first = add_months(start, number - 1)
        if first > end:
            break
        full_last = period_last_day(start, number)
        last = min(full_last, end)
        monthly = _monthly_amount(result.input_snapshot, first)
        days = (last - first).days + 1
        full_days = (full_last - first).days + 1
        periods.append(
            DecisionPeriod(
                number=number,
                start=first,
                end=last,
                monthly_amount_nok=monthly,
                max_amount_nok=prorate(monthly, days, full_days),
            )
        )
    return periods


def _refuse_overlapping_subsidy(case: SubsidyCase, periods: list[DecisionPeriod]) -> None:
    """Rule 7 against Innsteg's own decisions: refuse an approval whose periods overlap an
    approved subsidy for the same person on another case.

    The person's row is locked first, so two beslutters approving two cases of one person at
    the same moment take turns: the second sees the first's decision and is refused.
    """
    if not periods:
        return
    list(User.objects.select_for_update().filter(pk=case.newcomer_id).values_list("pk"))
    start, end = periods[0].start, periods[-1].end
    overlap = (
        DecisionPeriod.objects.filter(
            decision__outcome=DecisionOutcome.APPROVED,
            decision__case__newcomer_id=case.newcomer_id,
            start__lte=end,
            end__gte=start,
        )
        .exclude(decision__case_id=case.pk)
        .values("decision_id", "decision__case_id")
        .annotate(first=Min("start"), last=Max("end"))
        .order_by("first")
        .first()
    )
    if overlap is None:
        return
    other = DecisionPeriod.objects.filter(decision_id=overlap["decision_id"]).aggregate(
        first=Min("start"), last=Max("end")
    )
    raise Conflict(
        _(
            "This person already has an approved subsidy for part of this period: decision "
            "%(decision)s on case %(case)s, from %(start)s to %(end)s."
        )
        % {
            "decision": overlap["decision_id"],
            "case": overlap["decision__case_id"],
            "start": date_format(other["first"]),
            "end": date_format(other["last"]),
        },
        code="overlapping_subsidy",
        other_decision=overlap["decision_id"],
        other_case=overlap["decision__case_id"],
    )


def claim_due_date(period_end: datetime.date) -> datetime.date:
    return add_months(period_end, CLAIM_DUE_MONTHS)


@transaction.atomic
def case_approve(
    *,
    case: SubsidyCase,
    by: User,
    note: str = "",
    origin: Origin | None = None,
    expected_version: int | None = None,
) -> SubsidyCase:
    """A beslutter approves a recommended, eligible case: the decision, its monthly periods and
    a refund claim for each period."""
    case, recommendation, result = _begin_decision(case, by, origin, expected_version)
    note = _check_text("note", note)
    if not result.eligible:
        raise Conflict(
            _("The case is not eligible under the rules: reject it instead."), code="not_eligible"
        )
    periods = decision_periods(result=result, agreement_end=case.agreement.end_date)
    _refuse_overlapping_subsidy(case, periods)
    decision = Decision(
        case=case,
        result=result,
        recommendation=recommendation,
        outcome=DecisionOutcome.APPROVED,
        note=note,
        by=by,
        via_client=_via(origin),
    )
    _save_decision(decision)
    for period in periods:
        period.decision = decision
    DecisionPeriod.objects.bulk_create(periods)
    RefundClaim.objects.bulk_create(
        RefundClaim(period=period, case=case, due_date=claim_due_date(period.end))
        for period in periods
    )
    # The person's undecided cases are computed again: rule 7 now sees this decision.
    others = list(
        SubsidyCase.objects.filter(
            newcomer_id=case.newcomer_id, status__in=COMPUTABLE_STATUSES
        ).values_list("pk", flat=True)
    )
    if others:
        queue_compute(others)
    return _move_to(
        case,
        CaseStatus.APPROVED,
        by=by,
        origin=origin,
        action=AuditAction.APPROVE,
        details={
            "decision": decision.pk,
            "result": result.pk,
            "recommendation": recommendation.pk,
            "periods": len(periods),
        },
        event_kind=CaseEventKind.APPROVED,
        decision=decision.pk,
        periods=len(periods),
        total_max_amount_nok=sum(p.max_amount_nok for p in periods),
    )


@transaction.atomic
def case_reject(
    *,
    case: SubsidyCase,
    by: User,
    reason: str,
    reason_text: str = "",
    origin: Origin | None = None,
    expected_version: int | None = None,
) -> SubsidyCase:
    """A beslutter rejects a recommended case, with a reason from the fixed list ("other" needs
    words)."""
    if reason not in RejectionReason.values:
        raise ValidationError(
            {
                "reason": _("Give one of: %(reasons)s.")
                % {"reasons": ", ".join(RejectionReason.values)}
            }
        )
    reason_text = _check_text("reason_text", reason_text)
    if reason == RejectionReason.OTHER and not reason_text:
        raise ValidationError({"reason_text": _("Say in words why the case is rejected.")})
    case, recommendation, result = _begin_decision(case, by, origin, expected_version)
    decision = Decision(
        case=case,
        result=result,
        recommendation=recommendation,
        outcome=DecisionOutcome.REJECTED,
        reason=reason,
        reason_text=reason_text,
        by=by,
        via_client=_via(origin),
    )
    _save_decision(decision)
    return _move_to(
        case,
        CaseStatus.REJECTED,
        by=by,
        origin=origin,
        action=AuditAction.REJECT,
        details={
            "decision": decision.pk,
            "reason": reason,
            "result": result.pk,
            "recommendation": recommendation.pk,
        },
        event_kind=CaseEventKind.REJECTED,
        decision=decision.pk,
        reason=reason,
    )
