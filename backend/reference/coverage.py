"""How far the occupation names are translated: per language, the groups with and without a name
of their own, the unit groups that listings use first."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from reference.csv_import import NAME_LANGUAGES
from reference.models import Occupation


@dataclass(frozen=True)
class LanguageCoverage:
    language: str
    units_translated: int
    units_total: int
    groups_translated: int  # the two-digit groups of the search form
    groups_total: int
    untranslated_in_use: list[tuple[str, str, int]]  # (code, Norwegian title, listings)


def occupation_name_coverage() -> list[LanguageCoverage]:
    units = list(
        Occupation.objects.filter(level=4)
        .annotate(listing_count=Count("listing"))  # listings in any state
        .order_by("-listing_count", "code")
    )
    groups = list(Occupation.objects.filter(level=2).exclude(code__in=("00", "01", "02", "03")))
    report = []
    for language in NAME_LANGUAGES:
        report.append(
            LanguageCoverage(
                language=language,
                units_translated=sum(1 for unit in units if unit.names.get(language)),
                units_total=len(units),
                groups_translated=sum(1 for group in groups if group.names.get(language)),
                groups_total=len(groups),
                untranslated_in_use=[
                    (unit.code, unit.title_nb, unit.listing_count)
                    for unit in units
                    if unit.listing_count and not unit.names.get(language)
                ],
            )
        )
    return report
