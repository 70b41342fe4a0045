"""What every scan needs: the periods, thresholds, Oslo dates and who answers for an employer."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Prefetch

from accounts.models import User
from listings.models import Listing
from notifications.quiet import OSLO
from organisations.models import MemberRights, Organisation
from reference.models import Kommune


def period(name: str) -> Any:
    return settings.NOTIFICATION_PERIODS[name]


def reached(elapsed: datetime.timedelta, thresholds: Iterable[datetime.timedelta]) -> Any:
    """The largest threshold `elapsed` has reached, or None."""
    passed = [threshold for threshold in thresholds if elapsed >= threshold]
    return max(passed) if passed else None


def days_before(days_left: int, thresholds: Iterable[int]) -> int | None:
    """The closest "N days before" reminder that is due with `days_left` to go, or None.

    With (30, 7): 20 days left -> 30, 5 days left -> 7, 40 days left or past -> None.
    """
    if days_left < 0:
        return None
    due = [threshold for threshold in thresholds if days_left <= threshold]
    return min(due) if due else None


def local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=OSLO)


def local_date(now: datetime.datetime) -> datetime.date:
    return now.astimezone(OSLO).date()


def organisation_admins(organisation: Organisation) -> list[User]:
    """Needs `memberships__user` prefetched on the organisation."""
    return [
        m.user
        for m in organisation.memberships.all()
        if m.rights == MemberRights.ADMIN and m.user.is_active
    ]


def listing_contacts(listing: Listing) -> list[User]:
    """Who answers for a listing: the member who created it, otherwise the organisation's admins.

    Needs `organisation__memberships__user` prefetched and `created_by` selected.
    """
    members = {m.user_id for m in listing.organisation.memberships.all()}
    if listing.created_by is not None and listing.created_by_id in members:
        return [listing.created_by]
    return organisation_admins(listing.organisation)


def caseworkers(kommuner: Iterable[str], *, role: str) -> dict[str, list[User]]:
    """The active caseworkers with `role` serving each of `kommuner`."""
    people = User.objects.filter(role=role, is_active=True).order_by("pk")
    return {
        kommune.pk: list(kommune.caseworkers.all())
        for kommune in Kommune.objects.filter(pk__in=set(kommuner)).prefetch_related(
            Prefetch("caseworkers", queryset=people)
        )
    }
