"""Reads about listings, scoped to who is asking."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from accounts.models import Role, User
from listings.models import (
    UNPAID_KINDS,
    Listing,
    ListingStatus,
    SavedListing,
    SavedSearch,
    levels_up_to,
)
from listings.services import SEARCH_CONFIG
from organisations.models import MemberRights, Organisation
from reference.occupation_search import occupations_matching


@dataclass(frozen=True)
class ListingFilters:
    kind: str | None = None
    kommune: str | None = None
    bydel: str | None = None
    occupation: str | None = None  # a STYRK-08 code prefix
    position_percent_min: int | None = None
    position_percent_max: int | None = None
    start_from: datetime.date | None = None
    start_to: datetime.date | None = None
    paid: bool | None = None
    norwegian_level: str | None = None  # required level at or below this one
    languages: tuple[str, ...] = ()  # spoken at the work place: any of these

    def to_json(self) -> dict[str, Any]:
        """The filters that are set, as stored in a saved search."""
        data: dict[str, Any] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value is None or value == ():
                continue
            if isinstance(value, datetime.date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            data[field.name] = value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ListingFilters:
        """The filters of a saved search; names this version no longer knows are left out."""
        known = {field.name for field in fields(cls)}
        values = {name: value for name, value in data.items() if name in known}
        for name in ("start_from", "start_to"):
            if isinstance(values.get(name), str):
                values[name] = datetime.date.fromisoformat(values[name])
        values["languages"] = tuple(values.get("languages") or ())
        return cls(**values)


def _with_relations(queryset: QuerySet[Listing]) -> QuerySet[Listing]:
    return queryset.select_related(
        "organisation", "occupation", "kommune", "bydel"
    ).prefetch_related("screening_questions")


def _visible(viewer: User | None) -> Q:
    """Published listings for everyone; every state of their own organisations' for members."""
    visible = Q(status=ListingStatus.PUBLISHED)
    if viewer is not None and viewer.role == Role.EMPLOYER:
        visible |= Q(organisation__memberships__user=viewer)
    return visible


def listing_get(*, viewer: User | None, pk: int) -> Listing:
    """One listing the viewer may see; Listing.DoesNotExist otherwise."""
    return _with_relations(Listing.objects.filter(_visible(viewer)).distinct()).get(pk=pk)


def _apply_filters(queryset: QuerySet[Listing], filters: ListingFilters) -> QuerySet[Listing]:
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.kommune:
        queryset = queryset.filter(kommune_id=filters.kommune)
    if filters.bydel:
        queryset = queryset.filter(bydel_id=filters.bydel)
    if filters.occupation:
        queryset = queryset.filter(occupation__code__startswith=filters.occupation)
    if filters.position_percent_min is not None:
        queryset = queryset.filter(position_percent__gte=filters.position_percent_min)
    if filters.position_percent_max is not None:
        queryset = queryset.filter(position_percent__lte=filters.position_percent_max)
    if filters.start_from:
        queryset = queryset.filter(start_date__gte=filters.start_from)
    if filters.start_to:
        queryset = queryset.filter(start_date__lte=filters.start_to)
    if filters.paid is True:
        queryset = queryset.exclude(kind__in=UNPAID_KINDS)
    elif filters.paid is False:
        queryset = queryset.filter(kind__in=UNPAID_KINDS)
    if filters.norwegian_level:
        levels = levels_up_to(filters.norwegian_level)
        queryset = queryset.filter(norwegian_spoken__in=levels, norwegian_written__in=levels)
    if filters.languages:
        any_of = Q()
        for code in filters.languages:
            # JSON containment is PostgreSQL's; SQLite (the embedded default) matches the text.
            if settings.USES_POSTGRES:
                any_of |= Q(workplace_languages__contains=[code])
            else:
                any_of |= Q(workplace_languages__icontains=f'"{code}"')
        queryset = queryset.filter(any_of)
    return queryset


def listing_search(
    *,
    viewer: User | None,
    q: str = "",
    filters: ListingFilters | None = None,
    today: datetime.date | None = None,
) -> QuerySet[Listing]:
    """Published listings still open for applications, best match first."""
    today = today or timezone.localdate()
    queryset = Listing.objects.filter(status=ListingStatus.PUBLISHED, deadline__gte=today)
    queryset = _apply_filters(queryset, filters or ListingFilters())
    q = q.strip()
    if q and settings.USES_POSTGRES:
        query = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        queryset = (
            queryset.filter(Q(search_vector=query) | occupation_words_match(q))
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-published_at", "-id")
        )
    else:
        if q:
            queryset = queryset.filter(
                Q(title__icontains=q) | Q(description__icontains=q) | occupation_words_match(q)
            )
        queryset = queryset.order_by("-published_at", "-id")
    return _with_relations(queryset)


def occupation_words_match(q: str) -> Q:
    """Listings of the occupations that the words name in any of the eight languages, with
    synonyms and Norwegian inflections (reference.occupation_search): ORed with the text match."""
    codes = occupations_matching(q)
    return Q(occupation_id__in=sorted(codes)) if codes else Q(pk__in=[])


def listing_list_for_organisation(*, viewer: User, organisation: Organisation) -> QuerySet[Listing]:
    """Every listing of `organisation` in any state, for its members only."""
    queryset = Listing.objects.filter(organisation=organisation)
    if viewer.role != Role.EMPLOYER:
        queryset = queryset.none()
    else:
        queryset = queryset.filter(organisation__memberships__user=viewer)
    return _with_relations(queryset).order_by("-created_at", "-id")


def listing_get_for_member(*, viewer: User, pk: int) -> Listing:
    """A listing of one of the viewer's organisations; Listing.DoesNotExist otherwise."""
    if viewer.role != Role.EMPLOYER:
        raise Listing.DoesNotExist
    return _with_relations(Listing.objects.filter(organisation__memberships__user=viewer)).get(
        pk=pk
    )


def saved_listing_list(*, viewer: User) -> QuerySet[SavedListing]:
    return (
        SavedListing.objects.filter(user=viewer)
        .select_related(
            "listing__organisation",
            "listing__occupation",
            "listing__kommune",
            "listing__bydel",
        )
        .prefetch_related("listing__screening_questions")
        .order_by("-created_at", "-id")
    )


def is_saved(*, viewer: User, listing: Listing) -> bool:
    return SavedListing.objects.filter(user=viewer, listing=listing).exists()


def saved_search_list(*, viewer: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=viewer).order_by("-created_at", "-id")


# Who answers for an employer (the reminders' recipients).


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
