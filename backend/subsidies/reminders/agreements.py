"""Reminders about placement agreements: approvals waiting, and periods coming to an end.

A period ends three ways: the placement itself (the agreement's end date), the subsidy decision
(its last monthly period: after it a new decision is needed), and the innstegsjobb window (the
latest day an innstegsjobb may run, from the eligibility result). Each is reminded 30 and 7 days
before, to the newcomer, the employer, the newcomer's guide and the veileder.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Max, OuterRef, QuerySet, Subquery

from accounts.models import NewcomerProfile, Role, User
from accounts.selectors import caseworkers, guide_sharing_allowed
from listings.selectors import listing_contacts
from notifications import links
from notifications.models import Kind
from notifications.scans import periodic_scan
from notifications.scans.common import days_before, local_date, local_midnight, period, reached
from notifications.services import Planned, notifications_create
from placements.models import AgreementAction, AgreementEvent, AgreementStatus, PlacementAgreement
from subsidies.models import CaseStatus, DecisionOutcome, DecisionPeriod, Scheme, SubsidyCase
from subsidies.rules.reasons import INNSTEGSJOBB_PERMIT_WINDOW

ACTIVE = (AgreementStatus.READY, AgreementStatus.RUNNING)


def _agreements(**filters: Any) -> QuerySet[PlacementAgreement]:
    return (
        PlacementAgreement.objects.filter(**filters)
        .annotate(guide_sharing=guide_sharing_allowed("newcomer"))
        .select_related(
            "newcomer__newcomer_profile__guide",
            "organisation",
            "kommune",
            "application__listing__created_by",
            "application__listing__organisation",
            "veileder_approved_by",
        )
        .prefetch_related("application__listing__organisation__memberships__user")
    )


def _veiledere(kommuner: Iterable[str]) -> dict[str, list[User]]:
    return caseworkers(kommuner, role=Role.VEILEDER)


def _guide(agreement: PlacementAgreement) -> User | None:
    # The guide hears about the newcomer's placement only if the newcomer shares it with them.
    if not agreement.guide_sharing:  # type: ignore[attr-defined]  # annotated by _agreements
        return None
    try:
        guide = agreement.newcomer.newcomer_profile.guide
    except NewcomerProfile.DoesNotExist:
        return None
    return guide if guide is not None and guide.is_active else None


@periodic_scan("agreements_waiting")
def scan_agreements_waiting(*, now: datetime.datetime) -> int:
    """To each party that has not approved the current terms: when asked, and again at 3 days.

    The newcomer and the employer are asked from the moment the terms go out for approval; the
    veileder, who approves last, from the moment both of them have approved.
    """
    thresholds = {datetime.timedelta(days=d): d for d in period("agreement_waiting_days")}
    asked = AgreementEvent.objects.filter(
        agreement=OuterRef("pk"),
        action__in=(AgreementAction.SUBMITTED, AgreementAction.APPROVALS_RESET),
    ).order_by("-at")
    agreements = list(
        _agreements(status=AgreementStatus.AWAITING_APPROVALS).annotate(
            asked_at=Subquery(asked.values("at")[:1])
        )
    )
    veiledere = _veiledere(a.kommune_id for a in agreements)
    planned: list[Planned] = []
    for agreement in agreements:
        waiting: list[tuple[str, datetime.datetime, list[User]]] = []
        asked_at = agreement.asked_at or agreement.updated_at
        if agreement.newcomer_approved_at is None:
            waiting.append(("newcomer", asked_at, [agreement.newcomer]))
        if agreement.employer_approved_at is None:
            waiting.append(("employer", asked_at, listing_contacts(agreement.application.listing)))
        if agreement.newcomer_approved_at and agreement.employer_approved_at:
            since = max(agreement.newcomer_approved_at, agreement.employer_approved_at)
            waiting.append(("veileder", since, veiledere.get(agreement.kommune_id, [])))
        for party, since, people in waiting:
            threshold = reached(now - since, thresholds)
            if threshold is None:
                continue
            days = thresholds[threshold]
            planned.extend(
                Planned(
                    recipient=person,
                    kind=Kind.AGREEMENT_WAITING,
                    occurrence=f"agreement:{agreement.pk}:v{agreement.version}:{party}:day{days}",
                    context={"agreement": agreement.pk},
                    link_path=links.agreement(agreement.pk),
                )
                for person in people
            )
    return notifications_create(planned=planned, now=now)


def _period_ending(
    agreement: PlacementAgreement,
    *,
    what: str,
    end: datetime.date,
    days: int,
    veiledere: dict[str, list[User]],
) -> list[Planned]:
    """One reminder to each of the four parties that `what` of `agreement` ends on `end`."""
    if agreement.veileder_approved_by is not None and agreement.veileder_approved_by.is_active:
        veileder = [agreement.veileder_approved_by]
    else:
        veileder = veiledere.get(agreement.kommune_id, [])
    guide = _guide(agreement)
    people = [
        agreement.newcomer,
        *listing_contacts(agreement.application.listing),
        *([guide] if guide else []),
        *veileder,
    ]
    return [
        Planned(
            recipient=person,
            kind=Kind.PERIOD_ENDING,
            occurrence=f"agreement:{agreement.pk}:{what}:{end.isoformat()}:day{days}",
            context={"agreement": agreement.pk, "what": what, "end": end.isoformat()},
            link_path=links.agreement(agreement.pk),
            expires_at=local_midnight(end + datetime.timedelta(days=1)),
        )
        for person in {p.pk: p for p in people}.values()
    ]


def _window_end(case: SubsidyCase) -> datetime.date | None:
    """The innstegsjobb window's last day, as the case's eligibility result worked it out."""
    if case.current_result is None:
        return None
    for reason in case.current_result.answer.get("reasons", []):
        if reason.get("code") == INNSTEGSJOBB_PERMIT_WINDOW:
            end = (reason.get("params") or {}).get("window_end")
            return datetime.date.fromisoformat(end) if end else None
    return None


@periodic_scan("periods_ending")
def scan_periods_ending(*, now: datetime.datetime) -> int:
    """30 and 7 days before a placement, a subsidy decision or an innstegsjobb window ends."""
    thresholds = tuple(period("period_ending_days"))
    today = local_date(now)
    horizon = today + datetime.timedelta(days=max(thresholds))
    endings: list[tuple[PlacementAgreement, str, datetime.date]] = []

    for agreement in _agreements(status__in=ACTIVE, end_date__gte=today, end_date__lte=horizon):
        assert agreement.end_date is not None
        endings.append((agreement, "placement", agreement.end_date))

    cases = list(
        SubsidyCase.objects.filter(
            status=CaseStatus.APPROVED,
            decision__outcome=DecisionOutcome.APPROVED,
            agreement__status__in=ACTIVE,
        ).select_related("current_result")
    )
    decision_ends = dict(
        DecisionPeriod.objects.filter(decision__case__in=cases)
        .values("decision__case")
        .annotate(last_day=Max("end"))
        .values_list("decision__case", "last_day")
    )
    by_id = {a.pk: a for a in _agreements(pk__in=[case.agreement_id for case in cases])}
    for case in cases:
        agreement = by_id[case.agreement_id]
        decision_end = decision_ends.get(case.pk)
        if decision_end is not None and today <= decision_end <= horizon:
            endings.append((agreement, "decision", decision_end))
        window_end = _window_end(case) if case.scheme == Scheme.INNSTEGSJOBB else None
        if window_end is not None and today <= window_end <= horizon:
            endings.append((agreement, "window", window_end))

    veiledere = _veiledere(agreement.kommune_id for agreement, _what, _end in endings)
    planned: list[Planned] = []
    for agreement, what, end in endings:
        days = days_before((end - today).days, thresholds)
        if days is not None:
            planned.extend(
                _period_ending(agreement, what=what, end=end, days=days, veiledere=veiledere)
            )
    return notifications_create(planned=planned, now=now)
