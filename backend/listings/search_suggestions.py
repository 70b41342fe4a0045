"""What to offer when a search finds nothing: what was searched, and the nearest searches that do
find places (another spelling, the same field of work, the whole country), each with its count."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from accounts.models import User
from listings.selectors import ListingFilters, listing_search
from reference.models import Bydel, Kommune, Occupation
from reference.names import occupation_name
from reference.occupation_search import closest_words, occupations_matching

MAX_SPELLINGS = 2
MAX_GROUPS = 2


class SuggestionKind:
    SPELLING = "spelling"
    GROUP = "group"
    COUNTRY = "country"


@dataclass(frozen=True)
class Suggestion:
    kind: str
    label: str  # the word, the group's name or the place left out
    changes: dict[str, str | None]  # search parameters to set, or to drop (None)
    count: int


@dataclass(frozen=True)
class NoResults:
    words: str
    place: str  # the kommune or bydel searched in, "" for all of Norway
    suggestions: list[Suggestion]


def no_results(*, viewer: User | None, q: str, filters: ListingFilters, language: str) -> NoResults:
    """What a search for `q` with `filters` that found nothing searched, and what to try."""
    q = q.strip()
    suggestions = [
        *_spellings(viewer, q, filters, language),
        *_same_group(viewer, q, filters, language),
        *_whole_country(viewer, q, filters),
    ]
    return NoResults(words=q, place=_place_name(filters), suggestions=suggestions)


def _count(viewer: User | None, q: str, filters: ListingFilters) -> int:
    return listing_search(viewer=viewer, q=q, filters=filters).count()


def _spellings(
    viewer: User | None, q: str, filters: ListingFilters, language: str
) -> list[Suggestion]:
    if not q:
        return []
    found = []
    for word in closest_words(q, [language, "nb"], limit=5):
        count = _count(viewer, word.text, filters)
        if count:
            found.append(Suggestion(SuggestionKind.SPELLING, word.text, {"q": word.text}, count))
        if len(found) == MAX_SPELLINGS:
            break
    return found


def _same_group(
    viewer: User | None, q: str, filters: ListingFilters, language: str
) -> list[Suggestion]:
    """The minor STYRK-08 group (three digits) of the occupations searched for, or the
    sub-major group (two digits) where the minor group has nothing either."""
    codes = set(occupations_matching(q)) if q else set()
    if filters.occupation:
        codes.add(filters.occupation)
    found: list[Suggestion] = []
    tried: set[str] = set()
    for code in sorted(codes):
        for width in (3, 2):
            group = code[:width]
            if len(group) < width or group in tried:
                continue
            tried.add(group)
            if filters.occupation and group.startswith(filters.occupation):
                continue  # not wider than what was already searched
            count = _count(viewer, "", dataclasses.replace(filters, occupation=group))
            if count:
                occupation = Occupation.objects.filter(code=group).first()
                label = occupation_name(occupation, language) if occupation else group
                found.append(
                    Suggestion(SuggestionKind.GROUP, label, {"occupation": group, "q": None}, count)
                )
                break
        if len(found) == MAX_GROUPS:
            break
    return found


def _whole_country(viewer: User | None, q: str, filters: ListingFilters) -> list[Suggestion]:
    if not (filters.kommune or filters.bydel):
        return []
    count = _count(viewer, q, dataclasses.replace(filters, kommune=None, bydel=None))
    if not count:
        return []
    changes: dict[str, str | None] = {"kommune": None, "bydel": None}
    return [Suggestion(SuggestionKind.COUNTRY, _place_name(filters), changes, count)]


def _place_name(filters: ListingFilters) -> str:
    if filters.bydel:
        bydel = Bydel.objects.filter(number=filters.bydel).first()
        if bydel is not None:
            return bydel.name
    if filters.kommune:
        kommune = Kommune.objects.filter(number=filters.kommune).first()
        if kommune is not None:
            return kommune.name
    return ""
