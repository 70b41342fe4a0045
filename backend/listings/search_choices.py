"""The choice lists of the search page, built once per language and reference-data version.

Kommuner, fylker, bydeler and the fields of work change only when the reference data does, yet
the search page shows them on every request. They are built here once per language, kept in the
cache (Redis in production) under the reference data's version (reference.services), and kept in
the process as well; so is the rendered markup of each select. A change of the reference data
bumps the version, and every process builds the lists again on its next request.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from common.validators import WORKPLACE_LANGUAGES
from listings.models import ListingKind, NorwegianLevel
from reference.models import Bydel, Kommune, Occupation
from reference.names import occupation_name
from reference.services import on_reference_change, reference_version

if TYPE_CHECKING:
    from collections.abc import Iterable

OSLO = "0301"
CACHE_SECONDS = 24 * 3600
FORMAT = 3  # of SearchChoices in the cache: a new release with a new shape uses new keys


Choice = tuple[str, str]


@dataclass
class SearchChoices:
    """Everything the search page lists that comes from the reference tables, in one language."""

    fylker: list[Choice] = field(default_factory=list)  # (number, name), by name
    kommuner: dict[str, tuple[str, str]] = field(default_factory=dict)  # number: (name, fylke)
    kommuner_by_name: dict[str, list[str]] = field(default_factory=dict)  # casefolded: numbers
    kommuner_in_fylke: dict[str, list[str]] = field(default_factory=dict)  # by name
    kommune_fylke: dict[str, str] = field(default_factory=dict)  # number: fylke number
    bydeler: list[Choice] = field(default_factory=list)  # Oslo's, by name
    # The fields of work: each STYRK-08 major group with its sub-major groups.
    occupation_groups: list[tuple[Choice, list[Choice]]] = field(default_factory=list)
    occupation_titles: dict[str, str] = field(default_factory=dict)  # level 1 and 2 codes
    options_markup: dict[str, str] = field(default_factory=dict)  # select name: <option>s

    def fylke_name(self, number: str) -> str:
        return dict(self.fylker).get(number, number)

    def kommune_label(self, number: str) -> str:
        """The kommune's name (names two kommuner share carry their fylke in the data)."""
        return self.kommuner.get(number, (number, ""))[0]

    def find_kommuner(self, text: str, *, fylke: str | None = None) -> list[str]:
        """The numbers of the kommuner `text` names: a number, or a name with or without the
        fylke that tells two of the same name apart ("Våler" or "Våler (Østfold)")."""
        text = " ".join(text.split())
        if text in self.kommuner:
            return [text]
        found = self.kommuner_by_name.get(text.casefold(), [])
        if fylke:
            found = [number for number in found if self.kommuner[number][1] == fylke]
        return found


def _options(choices: Iterable[tuple[str, Any]]) -> str:
    return "".join(format_html('<option value="{}">{}</option>', v, label) for v, label in choices)


def _language_boxes(name: str) -> str:
    ordered = sorted(WORKPLACE_LANGUAGES.items(), key=lambda item: str(item[1]))
    return "".join(
        format_html(
            '<label for="id_{}_{}"><input type="checkbox" value="{}" name="{}" id="id_{}_{}"> '
            "{}</label>",
            name,
            index,
            code,
            name,
            name,
            index,
            label,
        )
        for index, (code, label) in enumerate(ordered)
    )


def _build() -> SearchChoices:
    choices = SearchChoices()
    fylker: dict[str, str] = {}
    by_name: dict[str, list[str]] = defaultdict(list)
    in_fylke: dict[str, list[str]] = defaultdict(list)
    for number, name, fylke_number, fylke_name in Kommune.objects.order_by("name").values_list(
        "number", "name", "fylke_number", "fylke_name"
    ):
        choices.kommuner[number] = (name, fylke_number)
        by_name[name.casefold()].append(number)
        if name.endswith(")") and " (" in name:  # "Våler (Østfold)" is also "Våler"
            by_name[name.rpartition(" (")[0].casefold()].append(number)
        in_fylke[fylke_number].append(number)
        fylker[fylke_number] = fylke_name
    choices.fylker = sorted(fylker.items(), key=lambda item: item[1])
    choices.kommuner_by_name = dict(by_name)
    choices.kommuner_in_fylke = dict(in_fylke)
    choices.kommune_fylke = {number: fylke for number, (_, fylke) in choices.kommuner.items()}
    choices.bydeler = list(
        Bydel.objects.filter(kommune_id=OSLO).order_by("name").values_list("number", "name")
    )
    groups: dict[str, tuple[Choice, list[Choice]]] = {}
    for occupation in Occupation.objects.filter(level__in=(1, 2)).order_by("code"):
        title = occupation_name(occupation)
        choices.occupation_titles[occupation.code] = title
        if occupation.level == 1:
            groups[occupation.code] = ((occupation.code, title), [])
        elif occupation.code[:1] in groups:
            groups[occupation.code[:1]][1].append((occupation.code, title))
    choices.occupation_groups = list(groups.values())
    choices.options_markup = {
        "fylke": _options(choices.fylker),
        "bydel": _options(choices.bydeler),
        "occupation": "".join(
            format_html('<optgroup label="{}">', major_title)
            + format_html('<option value="{}">{}</option>', major_code, major_title)
            + _options(subgroups)
            + "</optgroup>"
            for (major_code, major_title), subgroups in choices.occupation_groups
        ),
        "languages": _language_boxes("languages"),
        "kind": _options(ListingKind.choices),
        "paid": _options([("yes", _("Paid")), ("no", _("Unpaid"))]),
        "norwegian_spoken": _options(NorwegianLevel.choices),
        "norwegian_written": _options(NorwegianLevel.choices),
    }
    return choices


_in_process: dict[tuple[int, str], SearchChoices] = {}
# The version as this process last read it, and when: read again at most once a second, so that
# a change reaches every process within a second, at one cache round trip a second at most.
_version: list[float] = [0.0, 0.0]  # [version, read at (monotonic)]
VERSION_CHECK_SECONDS = 1.0


def current_version() -> int:
    """The reference data's version as this process knows it (read again once a second)."""
    now = time.monotonic()
    if now - _version[1] >= VERSION_CHECK_SECONDS:
        _version[:] = [reference_version(), now]
    return int(_version[0])


def forget_version() -> None:
    """Read the version from the cache on the next request (after a change in this process)."""
    _version[1] = 0.0


on_reference_change.append(forget_version)


def search_choices() -> SearchChoices:
    """The search page's choice lists in the active language, from the process, the cache, or
    built (one query per reference table) when the reference data changed."""
    key = (current_version(), get_language() or "")
    found = _in_process.get(key)
    if found is not None:
        return found
    cache_key = f"search-choices:{FORMAT}:{key[0]}:{key[1]}"
    found = cache.get(cache_key)
    if found is None:
        found = _build()
        cache.set(cache_key, found, CACHE_SECONDS)
    if len(_in_process) > 64:  # a version or two in each language
        _in_process.clear()
    _in_process[key] = found
    return found
