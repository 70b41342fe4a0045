"""Reminders about subsidy cases: a case waiting for its decision, a refund claim coming due."""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, Subquery

from accounts.models import Role
from accounts.selectors import caseworkers
from listings.selectors import listing_contacts
from notifications import links
from notifications.models import Kind
from notifications.scans import periodic_scan
from notifications.scans.common import days_before, local_date, local_midnight, period
from notifications.services import Planned, notifications_create
from subsidies.models import CaseStatus, ClaimStatus, Recommendation, RefundClaim, SubsidyCase


def working_days_after(start: datetime.date, end: datetime.date) -> int:
    """Monday to Friday days after `start`, up to and including `end` (public holidays count)."""
    days = 0
    day = start + datetime.timedelta(days=1)
    while day <= end:
        days += day.weekday() < 5
        day += datetime.timedelta(days=1)
    return days


@periodic_scan("cases_waiting")
def scan_cases_waiting(*, now: datetime.datetime) -> int:
    """To the kommune's beslutters: a recommended case without a decision for 3 working days."""
    limit = period("case_waiting_working_days")
    today = local_date(now)
    latest = Recommendation.objects.filter(case=OuterRef("pk")).order_by("-at", "-id")
    waiting = list(
        SubsidyCase.objects.filter(status=CaseStatus.RECOMMENDED)
        .annotate(recommendation=Subquery(latest.values("pk")[:1]))
        .annotate(recommended_at=Subquery(latest.values("at")[:1]))
        .filter(recommendation__isnull=False)
        .values_list("pk", "kommune_id", "agreement_id", "recommendation", "recommended_at")
    )
    beslutters = caseworkers((row[1] for row in waiting), role=Role.BESLUTTER)
    planned = [
        Planned(
            recipient=person,
            kind=Kind.CASE_WAITING,
            occurrence=f"case:{case_id}:recommendation:{recommendation}:wd{limit}",
            context={"case": case_id, "agreement": agreement_id, "days": limit},
            link_path=links.agreement(agreement_id),
        )
        for case_id, kommune_id, agreement_id, recommendation, recommended_at in waiting
        if working_days_after(local_date(recommended_at), today) >= limit
        for person in beslutters.get(kommune_id, [])
    ]
    return notifications_create(planned=planned, now=now)


@periodic_scan("refund_claims_due")
def scan_refund_claims_due(*, now: datetime.datetime) -> int:
    """To the employer: a claim still without its wages, 7 days before and on its due date."""
    thresholds = tuple(period("refund_claim_due_days"))
    today = local_date(now)
    claims = (
        RefundClaim.objects.filter(
            status=ClaimStatus.AWAITING_WAGE,
            due_date__gte=today,
            due_date__lte=today + datetime.timedelta(days=max(thresholds)),
        )
        .select_related(
            "case__agreement__application__listing__created_by",
            "case__agreement__application__listing__organisation",
        )
        .prefetch_related("case__agreement__application__listing__organisation__memberships__user")
    )
    planned: list[Planned] = []
    for claim in claims:
        days = days_before((claim.due_date - today).days, thresholds)
        if days is None:
            continue
        agreement = claim.case.agreement
        planned.extend(
            Planned(
                recipient=person,
                kind=Kind.REFUND_CLAIM_DUE,
                occurrence=f"claim:{claim.pk}:due:{claim.due_date.isoformat()}:day{days}",
                context={"claim": claim.pk, "agreement": agreement.pk},
                link_path=links.agreement(agreement.pk),
                expires_at=local_midnight(claim.due_date + datetime.timedelta(days=1)),
            )
            for person in listing_contacts(agreement.application.listing)
        )
    return notifications_create(planned=planned, now=now)
