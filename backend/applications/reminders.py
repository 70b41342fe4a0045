"""Reminders about listings and applications: unanswered, interviews, deadlines, offers, digests."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from accounts.models import Role, User
from applications.models import Application, ApplicationEvent, ApplicationStatus
from applications.services import OFFER_ANSWER_DAYS
from listings.models import ListingStatus, SavedListing, SavedSearch
from listings.selectors import ListingFilters, listing_contacts, listing_search
from notifications import links
from notifications.models import Kind
from notifications.quiet import OSLO
from notifications.scans import periodic_scan
from notifications.scans.common import local_date, local_midnight, period, reached
from notifications.services import Planned, notifications_create

logger = logging.getLogger(__name__)

UNANSWERED = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW)


def _applications(**filters: Any) -> QuerySet[Application]:
    return Application.objects.filter(**filters).select_related(
        "applicant", "listing__organisation", "listing__created_by"
    )


@periodic_scan("applications_unanswered")
def scan_applications_unanswered(*, now: datetime.datetime) -> int:
    """To the employer: an application nobody has answered for 5 days, then again at 10."""
    thresholds = {datetime.timedelta(days=d): d for d in period("application_unanswered_days")}
    candidates = _applications(
        status__in=UNANSWERED, submitted_at__lte=now - min(thresholds)
    ).prefetch_related("listing__organisation__memberships__user")
    planned: list[Planned] = []
    for application in candidates:
        days = thresholds[reached(now - application.submitted_at, thresholds)]
        for employer in listing_contacts(application.listing):
            planned.append(
                Planned(
                    recipient=employer,
                    kind=Kind.APPLICATION_UNANSWERED,
                    occurrence=f"application:{application.pk}:day{days}",
                    context={"application": application.pk, "days": days},
                    link_path=links.application_for_employer(application.pk),
                )
            )
    return notifications_create(planned=planned, now=now)


@periodic_scan("interviews")
def scan_interviews(*, now: datetime.datetime) -> int:
    """To the applicant and the employer: the day before an interview, and two hours before."""
    first, last = (datetime.timedelta(hours=h) for h in period("interview_reminder_hours"))
    candidates = list(
        _applications(
            status=ApplicationStatus.INTERVIEW, interview_at__gt=now, interview_at__lte=now + first
        ).prefetch_related("listing__organisation__memberships__user")
    )
    inviters = {
        event.application_id: event.by
        for event in ApplicationEvent.objects.filter(
            application__in=candidates, to_status=ApplicationStatus.INTERVIEW, by__isnull=False
        )
        .select_related("by")
        .order_by("at", "id")
    }
    planned: list[Planned] = []
    for application in candidates:
        assert application.interview_at is not None
        soon = application.interview_at - now <= last
        hours = int((last if soon else first).total_seconds() // 3600)
        inviter = inviters.get(application.pk)
        employers = [inviter] if inviter is not None else listing_contacts(application.listing)
        for person in [application.applicant, *employers]:
            planned.append(
                Planned(
                    recipient=person,
                    kind=Kind.INTERVIEW_SOON if soon else Kind.INTERVIEW_TOMORROW,
                    occurrence=(
                        f"application:{application.pk}:interview:"
                        f"{application.interview_at.isoformat()}:{hours}h"
                    ),
                    context={
                        "application": application.pk,
                        "interview_at": application.interview_at.isoformat(),
                    },
                    link_path=(
                        links.application_for_applicant(application.pk)
                        if person.pk == application.applicant_id
                        else links.application_for_employer(application.pk)
                    ),
                    expires_at=application.interview_at,
                )
            )
    return notifications_create(planned=planned, now=now)


@periodic_scan("saved_listing_deadlines")
def scan_saved_listing_deadlines(*, now: datetime.datetime) -> int:
    """To the newcomer: a listing they saved and have not applied for closes in 2 days."""
    today = local_date(now)
    last_day = today + datetime.timedelta(days=period("saved_listing_deadline_days"))
    applied = Application.objects.filter(listing=OuterRef("listing"), applicant=OuterRef("user"))
    saved = (
        SavedListing.objects.filter(
            listing__status=ListingStatus.PUBLISHED,
            listing__deadline__gte=today,
            listing__deadline__lte=last_day,
            user__role=Role.NEWCOMER,
        )
        .exclude(Exists(applied))
        .select_related("user", "listing")
    )
    planned = [
        Planned(
            recipient=item.user,
            kind=Kind.SAVED_LISTING_DEADLINE,
            occurrence=f"listing:{item.listing_id}:deadline:{item.listing.deadline.isoformat()}",
            context={"listing": item.listing_id, "deadline": item.listing.deadline.isoformat()},
            link_path=links.listing(item.listing_id),
            expires_at=local_midnight(item.listing.deadline + datetime.timedelta(days=1)),
        )
        for item in saved
    ]
    return notifications_create(planned=planned, now=now)


@periodic_scan("offers_waiting")
def scan_offers_waiting(*, now: datetime.datetime) -> int:
    """To the newcomer: an offer they have not answered after 3 days, then again at 10."""
    thresholds = {datetime.timedelta(days=d): d for d in period("offer_waiting_days")}
    candidates = _applications(
        status=ApplicationStatus.OFFERED, offered_at__lte=now - min(thresholds)
    )
    planned: list[Planned] = []
    for application in candidates:
        assert application.offered_at is not None
        days = thresholds[reached(now - application.offered_at, thresholds)]
        answer_by = local_date(application.offered_at) + datetime.timedelta(days=OFFER_ANSWER_DAYS)
        planned.append(
            Planned(
                recipient=application.applicant,
                kind=Kind.OFFER_WAITING,
                occurrence=f"application:{application.pk}:offer:day{days}",
                context={"application": application.pk, "answer_by": answer_by.isoformat()},
                link_path=links.application_for_applicant(application.pk),
                expires_at=local_midnight(answer_by + datetime.timedelta(days=1)),
            )
        )
    return notifications_create(planned=planned, now=now)


@periodic_scan("search_digests")
def scan_search_digests(*, now: datetime.datetime) -> int:
    """To the newcomer, once a day: how many listings published since yesterday match."""
    first_hour, last_hour = period("search_digest_hours")
    local = now.astimezone(OSLO)
    if not first_hour <= local.hour < last_hour:
        return 0
    window_end = datetime.datetime.combine(local.date(), datetime.time(first_hour), tzinfo=OSLO)
    window_start = window_end - datetime.timedelta(days=1)
    occurrence = f"digest:{local.date().isoformat()}"
    searches: dict[int, list[SavedSearch]] = {}
    users: dict[int, User] = {}
    for search in SavedSearch.objects.filter(
        user__is_active=True, user__role=Role.NEWCOMER
    ).select_related("user"):
        searches.setdefault(search.user_id, []).append(search)
        users[search.user_id] = search.user
    planned: list[Planned] = []
    for user_id, own in searches.items():
        matches: set[int] = set()
        for search in own:
            try:
                filters = ListingFilters.from_json(search.filters)
            except (TypeError, ValueError):
                logger.warning("saved search %s has filters we cannot read", search.pk)
                continue
            matches.update(
                listing_search(
                    viewer=users[user_id], q=search.query, filters=filters, today=local.date()
                )
                .filter(published_at__gte=window_start, published_at__lt=window_end)
                .values_list("pk", flat=True)
            )
        if matches:
            planned.append(
                Planned(
                    recipient=users[user_id],
                    kind=Kind.SEARCH_DIGEST,
                    occurrence=occurrence,
                    context={"count": len(matches), "day": local.date().isoformat()},
                    link_path=links.saved_listings(),
                    expires_at=window_end + datetime.timedelta(days=1),
                )
            )
    return notifications_create(planned=planned, now=now)
