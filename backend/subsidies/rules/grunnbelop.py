"""The grunnbeløp (G) history: the amount in force on a day, read from ``data/grunnbelop.csv``."""

from __future__ import annotations

import csv
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

CSV_PATH = Path(__file__).resolve().parent / "data" / "grunnbelop.csv"


class GrunnbelopTable:
    """An immutable, sorted list of (date the amount applies from, G per year in NOK)."""

    __slots__ = ("_amounts", "_by_month", "_ordinals", "entries")

    def __init__(self, entries: Iterable[tuple[date, Decimal]]) -> None:
        ordered = tuple(sorted(entries))
        if not ordered:
            raise ValueError("a grunnbeløp table needs at least one entry")
        if len({day for day, _ in ordered}) != len(ordered):
            raise ValueError("a grunnbeløp table has one amount per date")
        self.entries: tuple[tuple[date, Decimal], ...] = ordered
        self._ordinals = tuple(day.toordinal() for day, _ in ordered)
        self._amounts = tuple(amount for _, amount in ordered)
        self._by_month: dict[int, Decimal | None] = {}

    def in_force_on(self, day: date) -> Decimal | None:
        """G in force on ``day``, or None before the first entry."""
        index = bisect_right(self._ordinals, day.toordinal())
        return self._amounts[index - 1] if index else None

    def for_month(self, year: int, month: int) -> Decimal | None:
        """G in force on the 1st of the month (cached per month)."""
        key = year * 12 + month
        try:
            return self._by_month[key]
        except KeyError:
            amount = self.in_force_on(date(year, month, 1))
            self._by_month[key] = amount
            return amount

    def with_entries(self, extra: Mapping[date, Decimal]) -> GrunnbelopTable:
        """A new table with ``extra`` added, replacing amounts on the same dates."""
        merged = dict(self.entries)
        merged.update(extra)
        return GrunnbelopTable(merged.items())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GrunnbelopTable) and self.entries == other.entries

    def __hash__(self) -> int:
        return hash(self.entries)

    def __repr__(self) -> str:
        first, last = self.entries[0], self.entries[-1]
        return f"GrunnbelopTable({len(self.entries)} entries, {first[0]}..{last[0]} = {last[1]})"


def read_csv(path: Path = CSV_PATH) -> GrunnbelopTable:
    """Read ``dato,belop,kilder`` rows (see ``data/SOURCES.md``)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            (date.fromisoformat(row["dato"]), Decimal(row["belop"]))
            for row in csv.DictReader(handle)
        ]
    return GrunnbelopTable(rows)


@cache
def history() -> GrunnbelopTable:
    """The G history shipped with the package, read once."""
    return read_csv()
