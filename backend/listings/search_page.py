"""What the search page shows around its results: the filters in force as removable chips,
the counts of every choice (facets) as links, and a word on places a level higher.

Every link is a plain GET link to the same page with one filter changed, so it all works
without JavaScript; each ends in #results, where the results begin.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.formats import date_format, localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from common.validators import WORKPLACE_LANGUAGES
from listings.models import NORWEGIAN_LEVEL_ORDER, ListingKind
from listings.result_cache import kept_results
from listings.search_choices import SearchChoices
from listings.selectors import ListingFilters, ResultKey, SearchFacets, listing_cards

RESULTS_ANCHOR = "#results"


def rendered_cards(results: list[ResultKey]) -> list[SafeString]:
    """Each result's card as markup, kept per listing change (listings.result_cache).

    A card shows the listing and its organisation's name and verification, the same for every
    reader of a language.
    """

    def make(ids: list[int]) -> Iterable[tuple[int, str]]:
        # No request: a card is the same for every reader, and the context processors (the
        # reader's notifications) would cost a query a card.
        for listing in listing_cards(ids):
            yield listing.pk, render_to_string("listings/includes/card.html", {"listing": listing})

    return [mark_safe(card) for card in kept_results("card", results, make)]  # noqa: S308


@dataclass(frozen=True)
class Chip:
    label: str
    remove_url: str
    from_profile: bool = False


@dataclass(frozen=True)
class FacetChoice:
    label: str
    count: int
    url: str
    chosen: bool = False


@dataclass
class Facet:
    name: str
    title: str
    choices: list[FacetChoice] = field(default_factory=list)


@dataclass
class SearchPage:
    chips: list[Chip]
    facets: list[Facet]
    summary: str
    more_at_next_level: tuple[int, str, str] | None  # (count, level, url)

    @property
    def facets_markup(self) -> SafeString:
        """Each facet's section of links: some sixty links on a broad search, written here
        rather than by template loops, which cost several times as much on every search."""
        sections = []
        for facet in self.facets:
            links = format_html_join(
                "",
                '<li><a href="{}"{}><span dir="auto">{}</span> <span class="n">{}</span></a></li>',
                (
                    (
                        choice.url,
                        _CHOSEN if choice.chosen else "",
                        choice.label,
                        localize(choice.count),
                    )
                    for choice in facet.choices
                ),
            )
            sections.append(
                format_html(
                    '<section class="facet" aria-labelledby="facet-{}">'
                    '<h3 id="facet-{}">{}</h3><ul>{}</ul></section>',
                    facet.name,
                    facet.name,
                    facet.title,
                    links,
                )
            )
        return mark_safe("\n".join(sections))  # noqa: S308 - each part is escaped above


_CHOSEN = mark_safe(' aria-current="true"')


class _Links:
    """Links to the search page with one thing changed."""

    def __init__(self, query: QueryDict) -> None:
        self.pairs = [
            (name, value) for name, values in query.lists() if name != "page" for value in values
        ]

    def to(self, **changes: Any) -> str:
        pairs = [(name, value) for name, value in self.pairs if name not in changes]
        for name, value in changes.items():
            if isinstance(value, list):
                pairs.extend((name, item) for item in value)
            elif value is not None:
                pairs.append((name, value))
        return f"?{urlencode(pairs)}{RESULTS_ANCHOR}"


def _level_label(level: str) -> str:
    return _("A0 (none)") if level == "A0" else level


def search_page(
    *,
    query: QueryDict,
    q: str,
    filters: ListingFilters,
    facets: SearchFacets,
    choices: SearchChoices,
    levels_from_profile: bool,
) -> SearchPage:
    links = _Links(query)
    chips = _chips(links, q, filters, choices, levels_from_profile)
    return SearchPage(
        chips=chips,
        facets=_facets(links, filters, facets, choices),
        summary=" · ".join(chip.label for chip in chips),
        more_at_next_level=_more_at_next_level(links, filters, facets),
    )


def _chips(
    links: _Links, q: str, f: ListingFilters, choices: SearchChoices, levels_from_profile: bool
) -> list[Chip]:
    chips: list[Chip] = []
    if q:
        chips.append(Chip(f"“{q}”", links.to(q=None)))
    if f.kind:
        chips.append(Chip(str(ListingKind(f.kind).label), links.to(kind=None)))
    if f.kommune:
        chips.append(Chip(choices.kommune_label(f.kommune), links.to(kommune=None, bydel=None)))
    elif f.fylke:
        chips.append(Chip(choices.fylke_name(f.fylke), links.to(fylke=None)))
    if f.bydel:
        chips.append(Chip(dict(choices.bydeler).get(f.bydel, f.bydel), links.to(bydel=None)))
    if f.occupation:
        title = choices.occupation_titles.get(f.occupation, f.occupation)
        chips.append(Chip(title, links.to(occupation=None)))
    if f.paid is not None:
        chips.append(Chip(_("Paid") if f.paid else _("Unpaid"), links.to(paid=None)))
    spoken, written = f.spoken_level, f.written_level
    if spoken or written:
        # Empty values, not absent ones: absent, the page would take the profile's levels again.
        remove = links.to(norwegian_spoken="", norwegian_written="", norwegian_level=None)
        if spoken and written:
            label = _("Norwegian: speaking %(spoken)s, writing %(written)s") % {
                "spoken": spoken,
                "written": written,
            }
        elif spoken:
            label = _("Norwegian: speaking %(spoken)s") % {"spoken": spoken}
        else:
            label = _("Norwegian: writing %(written)s") % {"written": written}
        if levels_from_profile:
            label = _("%(levels)s (from your profile)") % {"levels": label}
        chips.append(Chip(label, remove, from_profile=levels_from_profile))
    if f.position_percent_min:
        label = _("At least %(percent)s %%") % {"percent": f.position_percent_min}
        chips.append(Chip(label, links.to(position_percent_min=None)))
    if f.start_from or f.start_to:
        if f.start_from and f.start_to:
            label = _("Starts %(first)s to %(last)s") % {
                "first": date_format(f.start_from, "SHORT_DATE_FORMAT"),
                "last": date_format(f.start_to, "SHORT_DATE_FORMAT"),
            }
        elif f.start_from:
            label = _("Starts from %(first)s") % {
                "first": date_format(f.start_from, "SHORT_DATE_FORMAT")
            }
        else:
            assert f.start_to is not None
            label = _("Starts by %(last)s") % {"last": date_format(f.start_to, "SHORT_DATE_FORMAT")}
        chips.append(Chip(label, links.to(start_from=None, start_to=None)))
    for code in f.languages:
        rest = [other for other in f.languages if other != code]
        chips.append(Chip(str(WORKPLACE_LANGUAGES[code]), links.to(languages=rest or None)))
    return chips


def _facets(
    links: _Links, f: ListingFilters, facets: SearchFacets, choices: SearchChoices
) -> list[Facet]:
    result: list[Facet] = []

    kinds = Facet("kind", _("Kind"))
    for kind in ListingKind:
        count = facets.kinds.get(kind.value, 0)
        chosen = f.kind == kind.value
        if count or chosen:
            url = links.to(kind=None if chosen else kind.value)
            kinds.choices.append(FacetChoice(str(kind.label), count, url, chosen))
    result.append(kinds)

    place = Facet("place", _("Place"))
    if f.kommune:
        count = facets.kommuner.get(f.kommune, 0)
        label = choices.kommune_label(f.kommune)
        place.choices.append(FacetChoice(label, count, links.to(kommune=None), True))
    elif f.fylke:
        for number in choices.kommuner_in_fylke.get(f.fylke, []):
            count = facets.kommuner.get(number, 0)
            if count:
                label = choices.kommune_label(number)
                place.choices.append(FacetChoice(label, count, links.to(kommune=label)))
    else:
        by_fylke = facets.fylker(choices.kommune_fylke)
        for number, name in choices.fylker:
            if by_fylke.get(number):
                url = links.to(fylke=number)
                place.choices.append(FacetChoice(name, by_fylke[number], url))
    result.append(place)

    work = Facet("occupation", _("Field of work"))
    chosen_code = f.occupation or ""
    if len(chosen_code) >= 2:
        count = sum(n for code, n in facets.occupations.items() if code.startswith(chosen_code))
        title = choices.occupation_titles.get(chosen_code, chosen_code)
        work.choices.append(FacetChoice(title, count, links.to(occupation=None), True))
    else:
        digits = 2 if chosen_code else 1
        for code, count in sorted(facets.occupation_groups(digits).items()):
            if code.startswith(chosen_code) and count:
                title = choices.occupation_titles.get(code, code)
                work.choices.append(FacetChoice(title, count, links.to(occupation=code)))
    result.append(work)

    spoken, written = f.spoken_level, f.written_level
    for name, title in (
        ("norwegian_spoken", _("Spoken Norwegian needed, at most")),
        ("norwegian_written", _("Written Norwegian needed, at most")),
    ):
        facet = Facet(name, title)
        for level in NORWEGIAN_LEVEL_ORDER:
            if name == "norwegian_spoken":
                count, chosen = facets.with_levels(level, written), spoken == level
            else:
                count, chosen = facets.with_levels(spoken, level), written == level
            url = links.to(**{name: "" if chosen else level, "norwegian_level": None})
            facet.choices.append(FacetChoice(_level_label(level), count, url, chosen))
        result.append(facet)

    languages = Facet("languages", _("Also spoken at work"))
    for code, count in sorted(facets.languages.items(), key=lambda item: (-item[1], item[0])):
        if code not in WORKPLACE_LANGUAGES:
            continue
        chosen = code in f.languages
        rest = [other for other in f.languages if other != code]
        url = links.to(languages=(rest or None) if chosen else [*f.languages, code])
        languages.choices.append(FacetChoice(str(WORKPLACE_LANGUAGES[code]), count, url, chosen))
    result.append(languages)

    start = Facet("start", _("Start"))
    for month, count in sorted(facets.start_months.items()):
        year, month_number = (int(part) for part in month.split("-"))
        first = datetime.date(year, month_number, 1)
        last = first.replace(day=calendar.monthrange(year, month_number)[1])
        chosen = f.start_from == first and f.start_to == last
        url = (
            links.to(start_from=None, start_to=None)
            if chosen
            else links.to(start_from=first.isoformat(), start_to=last.isoformat())
        )
        label = date_format(first, "YEAR_MONTH_FORMAT")
        start.choices.append(FacetChoice(label, count, url, chosen))
    result.append(start)
    return [facet for facet in result if facet.choices]


def _more_at_next_level(
    links: _Links, f: ListingFilters, facets: SearchFacets
) -> tuple[int, str, str] | None:
    """For a person at A0 in speaking or writing: how many more places ask for A1."""
    spoken, written = f.spoken_level, f.written_level
    if "A0" not in (spoken, written):
        return None
    spoken_next = "A1" if spoken == "A0" else spoken
    written_next = "A1" if written == "A0" else written
    more = facets.with_levels(spoken_next, written_next) - facets.with_levels(spoken, written)
    if more <= 0:
        return None
    url = links.to(
        norwegian_spoken=spoken_next or "",
        norwegian_written=written_next or "",
        norwegian_level=None,
    )
    return more, "A1", url
