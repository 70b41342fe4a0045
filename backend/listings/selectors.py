"""Reads about listings, scoped to who is asking."""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field, fields
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from accounts.models import Role, User
from listings.models import (
    NORWEGIAN_LEVEL_ORDER,
    UNPAID_KINDS,
    Listing,
    ListingStatus,
    SavedListing,
    SavedSearch,
    SearchEntry,
    levels_up_to,
)
from listings.services import SEARCH_CONFIG
from organisations.models import MemberRights, Organisation
from reference.occupation_search import occupations_matching


@dataclass(frozen=True)
class ListingFilters:
    kind: str | None = None
    fylke: str | None = None  # two digits
    kommune: str | None = None
    bydel: str | None = None
    occupation: str | None = None  # a STYRK-08 code prefix
    position_percent_min: int | None = None
    position_percent_max: int | None = None
    start_from: datetime.date | None = None
    start_to: datetime.date | None = None
    paid: bool | None = None
    norwegian_level: str | None = None  # both levels required at or below this one
    norwegian_spoken: str | None = None  # spoken level required at or below this one
    norwegian_written: str | None = None  # written level required at or below this one
    languages: tuple[str, ...] = ()  # spoken at the work place: any of these

    def to_json(self) -> dict[str, Any]:
        """The filters that are set, as stored in a saved search."""
        data: dict[str, Any] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None or value == ():
                continue
            if isinstance(value, datetime.date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            data[item.name] = value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ListingFilters:
        """The filters of a saved search; names this version no longer knows are left out."""
        known = {item.name for item in fields(cls)}
        values = {name: value for name, value in data.items() if name in known}
        for name in ("start_from", "start_to"):
            if isinstance(values.get(name), str):
                values[name] = datetime.date.fromisoformat(values[name])
        values["languages"] = tuple(values.get("languages") or ())
        return cls(**values)

    @property
    def spoken_level(self) -> str | None:
        """The highest spoken level a listing may ask for."""
        return _lower_level(self.norwegian_spoken, self.norwegian_level)

    @property
    def written_level(self) -> str | None:
        """The highest written level a listing may ask for."""
        return _lower_level(self.norwegian_written, self.norwegian_level)


def _lower_level(*levels: str | None) -> str | None:
    given = [level for level in levels if level]
    return min(given, key=NORWEGIAN_LEVEL_ORDER.index) if given else None


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


# The filters a search page counts its choices for (its facets). Each facet's counts apply every
# filter but its own, so that a person sees how many places each other choice would leave.
FACETS = ("kind", "place", "occupation", "level", "start", "languages")


def _kommuner_in_fylke(fylke: str) -> list[str]:
    from listings.search_choices import search_choices

    return search_choices().kommuner_in_fylke.get(fylke, [])


def _filter_conditions(filters: ListingFilters) -> dict[str, Q]:
    """Each facet's part of the filters, and under "other" the filters no facet counts.

    Every condition reads the listing's own columns only (no join), so that the facet counts can
    compile them into one statement over the matching listings.
    """
    place = Q()
    if filters.fylke:
        place &= Q(kommune_id__in=_kommuner_in_fylke(filters.fylke))
    if filters.kommune:
        place &= Q(kommune_id=filters.kommune)
    if filters.bydel:
        place &= Q(bydel_id=filters.bydel)
    start = Q()
    if filters.start_from:
        start &= Q(start_date__gte=filters.start_from)
    if filters.start_to:
        start &= Q(start_date__lte=filters.start_to)
    level = Q()
    if filters.spoken_level:
        level &= Q(norwegian_spoken__in=levels_up_to(filters.spoken_level))
    if filters.written_level:
        level &= Q(norwegian_written__in=levels_up_to(filters.written_level))
    languages = Q()
    for code in filters.languages:
        # JSON containment is PostgreSQL's; SQLite (the embedded default) matches the text.
        if settings.USES_POSTGRES:
            languages |= Q(workplace_languages__contains=[code])
        else:
            languages |= Q(workplace_languages__icontains=f'"{code}"')
    other = Q()
    if filters.position_percent_min is not None:
        other &= Q(position_percent__gte=filters.position_percent_min)
    if filters.position_percent_max is not None:
        other &= Q(position_percent__lte=filters.position_percent_max)
    if filters.paid is True:
        other &= ~Q(kind__in=UNPAID_KINDS)
    elif filters.paid is False:
        other &= Q(kind__in=UNPAID_KINDS)
    return {
        "kind": Q(kind=filters.kind) if filters.kind else Q(),
        "place": place,
        # The code is the occupation's key: Django matches the prefix on the column, no join.
        "occupation": Q(occupation__code__startswith=filters.occupation)
        if filters.occupation
        else Q(),
        "level": level,
        "start": start,
        "languages": languages,
        "other": other,
    }


@dataclass(frozen=True)
class TextMatch:
    """How a search's words select and order listings.

    `condition` selects the matching listings and `rank` (None without words) orders them.
    Further ways of matching the words join `condition` with OR, for example the occupations
    the words name in any language:

        condition = condition | Q(occupation_id__in=codes)

    They need no change elsewhere: the results, their count and every facet count all use
    `condition`. A listing found only that way ranks 0 and comes after the text matches, newest
    first. Keep each part indexable (the GIN index on search_vector, the b-tree on
    occupation_id) so that PostgreSQL combines them with a BitmapOr.
    """

    condition: Q
    rank: SearchRank | None


def text_match(q: str) -> TextMatch:
    """The condition and rank of the words `q` (see TextMatch)."""
    q = q.strip()
    if not q:
        return TextMatch(Q(), None)
    # The occupations named in any of the eight languages (reference.occupation_search) match
    # beside the words: a listing found by its occupation alone ranks 0, after the text matches.
    occupations = occupation_words_match(q)
    if settings.USES_POSTGRES:
        query = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        return TextMatch(
            Q(search_vector=query) | occupations, SearchRank(F("search_vector"), query)
        )
    return TextMatch(Q(title__icontains=q) | Q(description__icontains=q) | occupations, None)


def _open_listings(today: datetime.date | None) -> QuerySet[Listing]:
    today = today or timezone.localdate()
    return Listing.objects.filter(status=ListingStatus.PUBLISHED, deadline__gte=today)


def listing_search(
    *,
    viewer: User | None,
    q: str = "",
    filters: ListingFilters | None = None,
    today: datetime.date | None = None,
    cards: bool = False,
) -> QuerySet[Listing]:
    """Published listings still open for applications, best match first.

    `cards`: only what a result card shows (no description, no screening questions).
    """
    match = text_match(q)
    queryset = _open_listings(today).filter(match.condition)
    for condition in _filter_conditions(filters or ListingFilters()).values():
        queryset = queryset.filter(condition)
    if match.rank is not None:
        queryset = queryset.annotate(rank=match.rank).order_by("-rank", "-published_at", "-id")
    else:
        queryset = queryset.order_by("-published_at", "-id")
    # The search vector is for the database only: never fetched.
    if cards:
        return queryset.select_related("organisation", "kommune", "bydel").defer(
            "search_vector", "description", "address", "schedule"
        )
    return _with_relations(queryset).defer("search_vector")


@dataclass(frozen=True)
class ResultKey:
    """A result on a page, with what its card depends on besides the language and the
    reference data: the listing's last change and its organisation's name and verification."""

    pk: int
    changed: str
    organisation_verified: bool
    organisation_name: str


@dataclass
class SearchFacets:
    """How many listings match, and how many each choice of each facet would leave.

    Each facet's counts apply every filter except its own; `total` applies them all.
    """

    total: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    kommuner: dict[str, int] = field(default_factory=dict)  # kommune number: count
    occupations: dict[str, int] = field(default_factory=dict)  # 4-digit code: count
    levels: dict[tuple[str, str], int] = field(default_factory=dict)  # (spoken, written): count
    start_months: dict[str, int] = field(default_factory=dict)  # "2027-01": count
    languages: dict[str, int] = field(default_factory=dict)
    page: list[ResultKey] = field(default_factory=list)  # when asked for a page of results

    @property
    def page_ids(self) -> list[int]:
        return [result.pk for result in self.page]

    def occupation_groups(self, digits: int) -> dict[str, int]:
        """The counts summed by the first `digits` digits of the occupation code."""
        groups: dict[str, int] = defaultdict(int)
        for code, count in self.occupations.items():
            groups[code[:digits]] += count
        return dict(groups)

    def fylker(self, kommune_fylke: dict[str, str]) -> dict[str, int]:
        """The counts summed by fylke; `kommune_fylke` maps a kommune number to its fylke."""
        groups: dict[str, int] = defaultdict(int)
        for number, count in self.kommuner.items():
            groups[kommune_fylke.get(number, "")] += count
        return dict(groups)

    def with_levels(self, spoken: str | None, written: str | None) -> int:
        """How many listings (all other filters applied) ask for at most these levels."""
        spoken_ok = set(levels_up_to(spoken)) if spoken else None
        written_ok = set(levels_up_to(written)) if written else None
        return sum(
            count
            for (s, w), count in self.levels.items()
            if (spoken_ok is None or s in spoken_ok) and (written_ok is None or w in written_ok)
        )


def _where_sql(queryset: QuerySet[Any]) -> tuple[str, list[Any]]:
    """The WHERE clause of `queryset`, over its table's own columns."""
    query = queryset.query
    compiler = query.get_compiler(connection=connection)
    try:
        sql, params = query.where.as_sql(compiler, connection)
    except FullResultSet:
        return "TRUE", []
    except EmptyResultSet:
        return "FALSE", []
    return (sql or "TRUE"), list(params)


# The grouping sets of the facet statement, each by `failed` and these columns. The facets of
# few values share one set (kind, level and start month: at most a few thousand groups); a
# listing's workplace languages are grouped by the whole list (the entry keeps it as text,
# hashed faster than jsonb) and counted per language here.
_GROUPING_SETS = {
    "few": ("kind", "norwegian_spoken", "norwegian_written", "start_month"),
    "place": ("kommune_id",),
    "occupation": ("occupation_id",),
    "languages": ("workplace_languages",),
}
_GROUPED = [column for columns in _GROUPING_SETS.values() for column in columns]


def _grouping_mask(grouping_set: str) -> int:
    """GROUPING(every grouped column) in the rows of a grouping set: a bit per column, the
    first column the highest, set where the column is not grouped."""
    mask = 0
    for column in _GROUPED:
        mask = mask * 2 + (0 if column in _GROUPING_SETS[grouping_set] else 1)
    return mask


_SET_OF_MASK = {_grouping_mask(name): name for name in _GROUPING_SETS}


def listing_search_facets(
    *,
    viewer: User | None,
    q: str = "",
    filters: ListingFilters | None = None,
    today: datetime.date | None = None,
    page: tuple[int, int] | None = None,
) -> SearchFacets:
    """The number of matches and the counts of every facet, in one statement on PostgreSQL;
    with `page` (offset, limit), also the ids of that page of results, best match first (as
    listing_search orders them), in `page_ids`.

    On PostgreSQL it reads the published listings' search entries (SearchEntry: the open
    market, not its archive). The entries the words match are read once (through the GIN
    index) into a materialised CTE with their rank and `failed`: '' for a listing that passes
    every facet's filter, the facet's name for one that fails that filter alone, NULL for one
    that fails two or more.
    A facet counts its values with every filter but its own, so the listings that count for
    facet F are those with `failed` '' or F: one aggregate with a grouping set per facet, each
    by (failed, the facet's columns), gives every count in one pass, summed up here. The page
    is the best of the listings that pass every filter (a top-N sort), each with what its
    cached card depends on (ResultKey), so that a page whose cards are cached needs no other
    query.
    """
    match = text_match(q)
    conditions = _filter_conditions(filters or ListingFilters())
    other = conditions.pop("other")
    if not settings.USES_POSTGRES:
        base = _open_listings(today).filter(match.condition).filter(other)
        facets = _facets_by_queries(base, conditions)
        if page is not None:
            offset, limit = page
            found = listing_search(viewer=viewer, q=q, filters=filters, today=today)
            facets.page = [
                ResultKey(pk, changed.isoformat(), verified, name)
                for pk, changed, verified, name in found.values_list(
                    "pk", "updated_at", "organisation__verified", "organisation__name"
                )[offset : offset + limit]
            ]
        return facets
    # The statement's parameters in the order they appear: rank, failed, base, page.
    params: list[Any] = []
    rank_sql = "0"
    if match.rank is not None:
        annotated = SearchEntry.objects.annotate(rank=match.rank).query
        compiler = annotated.get_compiler(connection=connection)
        rank_sql, rank_params = compiler.compile(annotated.annotations["rank"])
        params.extend(rank_params)
    failures: list[tuple[str, str]] = []  # (facet, "this facet's filter fails") when in use
    failure_params: list[Any] = []
    for name in FACETS:
        sql, condition_params = _where_sql(SearchEntry.objects.filter(conditions[name]))
        if sql != "TRUE":
            failures.append((name, f"(({sql}) IS NOT TRUE)"))
            failure_params.extend(condition_params)
    failed_sql = "''"
    if failures:
        # Each test appears twice: in the number of failures and in the branch naming it.
        count_failed = " + ".join(f"{test}::int" for _name, test in failures)
        branches = " ".join(f"WHEN {test} THEN '{name}'" for name, test in failures)
        failed_sql = f"CASE WHEN {count_failed} > 1 THEN NULL {branches} ELSE '' END"
        params.extend(failure_params * 2)
    today = today or timezone.localdate()
    entries = SearchEntry.objects.filter(deadline__gte=today).filter(match.condition)
    base_sql, base_params = _where_sql(entries.filter(other))
    params.extend(base_params)
    sets = ", ".join(f"(failed, {', '.join(columns)})" for columns in _GROUPING_SETS.values())
    page_sql = ""
    if page is not None:
        page_sql = (
            "UNION ALL SELECT 'page', NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
            "json_agg(json_build_array(p.id, l.updated_at, o.verified, o.name) "
            "ORDER BY p.rank DESC, p.published_at DESC, p.id DESC)::text, NULL "
            "FROM (SELECT id, rank, published_at FROM m WHERE failed = '' "
            "ORDER BY rank DESC, published_at DESC, id DESC LIMIT %s OFFSET %s) AS p "
            "JOIN listings_listing AS l ON l.id = p.id "
            "JOIN organisations_organisation AS o ON o.id = l.organisation_id"
        )
        params.extend([page[1], page[0]])
    # Only names and columns of this module, and the ORM's SQL, are formatted into the
    # statement; every value is a parameter.
    statement = f"""
        WITH m AS MATERIALIZED (
            SELECT listing_id AS id, published_at, {rank_sql} AS rank, kind, kommune_id,
                   occupation_id, norwegian_spoken, norwegian_written,
                   workplace_languages_text AS workplace_languages, start_month,
                   {failed_sql} AS failed
            FROM listings_searchentry
            WHERE {base_sql}
        )
        SELECT failed, GROUPING({", ".join(_GROUPED)}), kind, kommune_id, occupation_id,
               norwegian_spoken, norwegian_written, start_month, workplace_languages, count(*)
        FROM m WHERE failed IS NOT NULL
        GROUP BY GROUPING SETS ({sets})
        {page_sql}
    """  # noqa: S608 - every value is a parameter; the conditions are the ORM's SQL
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    return _facets_from_rows(rows)


def _facets_from_rows(rows: list[tuple[Any, ...]]) -> SearchFacets:
    """SearchFacets from the rows of listing_search_facets' statement: a facet sums the rows
    whose `failed` is '' (every filter passed) or its own name (only its own filter failed)."""
    facets = SearchFacets()
    kinds: dict[str, int] = defaultdict(int)
    kommuner: dict[str, int] = defaultdict(int)
    occupations: dict[str, int] = defaultdict(int)
    levels: dict[tuple[str, str], int] = defaultdict(int)
    months: dict[str, int] = defaultdict(int)
    languages: dict[str, int] = defaultdict(int)
    for failed, mask, kind, kommune, occupation, spoken, written, month, codes, n in rows:
        if failed == "page":
            facets.page = [ResultKey(*result) for result in json.loads(codes or "[]")]
            continue
        grouping_set = _SET_OF_MASK[mask]
        if grouping_set == "few":
            if failed == "":
                facets.total += n
            if failed in ("", "kind"):
                kinds[kind] += n
            if failed in ("", "level"):
                levels[(spoken, written)] += n
            if failed in ("", "start"):
                months[month.isoformat()[:7]] += n  # "2027-01"
        elif grouping_set == "place" and failed in ("", "place"):
            kommuner[kommune] += n
        elif grouping_set == "occupation" and failed in ("", "occupation"):
            occupations[occupation] += n
        elif grouping_set == "languages" and failed in ("", "languages"):
            for code in json.loads(codes) if codes else ():
                languages[code] += n
    facets.kinds = dict(kinds)
    facets.kommuner = dict(kommuner)
    facets.occupations = dict(occupations)
    facets.levels = dict(levels)
    facets.start_months = dict(months)
    facets.languages = dict(languages)
    return facets


def listing_search_rows(ids: list[int]) -> list[Listing]:
    """The published listings `ids` in that order, with everything the API shows of them."""
    found = {
        listing.pk: listing
        for listing in _with_relations(Listing.objects.filter(pk__in=ids)).defer("search_vector")
    }
    return [found[pk] for pk in ids if pk in found]


def listing_cards(ids: list[int]) -> list[Listing]:
    """The listings `ids` in that order, with what a result card shows (one query)."""
    found = {
        listing.pk: listing
        for listing in Listing.objects.filter(pk__in=ids)
        .select_related("organisation", "kommune", "bydel", "occupation")
        .defer("search_vector", "description", "address", "schedule")
    }
    return [found[pk] for pk in ids if pk in found]


def _facets_by_queries(base: QuerySet[Listing], conditions: dict[str, Q]) -> SearchFacets:
    """The facets without PostgreSQL (the embedded SQLite mode, small data): a query each."""

    def but(facet: str) -> QuerySet[Listing]:
        queryset = base
        for name, condition in conditions.items():
            if name != facet:
                queryset = queryset.filter(condition)
        return queryset.order_by()

    def counted(queryset: QuerySet[Listing], *columns: str) -> list[tuple[Any, ...]]:
        return list(queryset.values_list(*columns).annotate(n=Count("pk")))

    facets = SearchFacets(total=but("").count())
    facets.kinds = {kind: n for kind, n in counted(but("kind"), "kind")}
    facets.kommuner = {number: n for number, n in counted(but("place"), "kommune_id")}
    facets.occupations = {code: n for code, n in counted(but("occupation"), "occupation_id")}
    facets.levels = {
        (spoken, written): n
        for spoken, written, n in counted(but("level"), "norwegian_spoken", "norwegian_written")
    }
    months: dict[str, int] = defaultdict(int)
    for start in but("start").values_list("start_date", flat=True):
        months[start.strftime("%Y-%m")] += 1
    facets.start_months = dict(months)
    languages: dict[str, int] = defaultdict(int)
    for codes in but("languages").values_list("workplace_languages", flat=True):
        for code in codes or ():
            languages[code] += 1
    facets.languages = dict(languages)
    return facets


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
