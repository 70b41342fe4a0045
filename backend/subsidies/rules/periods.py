"""Counting time the way the rule set does: whole calendar months, ages, days out of work.

Dates inside a period are inclusive at both ends. Interval helpers work on proleptic ordinals
(``date.toordinal()``) so that the arithmetic is plain integer arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from common.months import add_months, days_in_month, is_leap_year, period_last_day

__all__ = [
    "Interval",
    "add_months",
    "age_on",
    "birthday",
    "days_covered",
    "days_in_month",
    "entitlement",
    "is_leap_year",
    "merge_intervals",
    "months_between",
    "overlap_days",
    "period_end",
    "period_last_day",
    "spell_days",
    "started_months",
]

Interval = tuple[int, int]
"""An inclusive range of days as ``(first_ordinal, last_ordinal)``."""


def months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end``: the largest n with start + n months <= end.

    2024-03-15 to 2025-09-14 is 17 and to 2025-09-15 is 18. At month ends the clamped addition
    decides: 2024-01-31 to 2024-02-29 is one month, to 2024-02-28 is none. Negative when ``end``
    is before ``start``.
    """
    if end < start:
        return -months_between(end, start)
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day and add_months(start, months) > end:
        months -= 1
    return months


def started_months(start: date, last_day: date) -> int:
    """Months, a partial last month counted as one, in the inclusive period start..last_day."""
    if last_day < start:
        return 0
    months = months_between(start, date.fromordinal(last_day.toordinal() + 1))
    if add_months(start, months) <= last_day:
        months += 1
    return months


def age_on(birth_date: date, day: date) -> int:
    """Age in whole years on ``day``. A 29 February birthday comes on 1 March in other years."""
    age = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        age -= 1
    return age


def birthday(birth_date: date, age: int) -> date:
    """The day the person turns ``age`` (1 March for a 29 February birthday in a common year)."""
    year = birth_date.year + age
    if birth_date.month == 2 and birth_date.day == 29 and not is_leap_year(year):
        return date(year, 3, 1)
    return date(year, birth_date.month, birth_date.day)


def merge_intervals(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    """Sorted union of inclusive day ranges; overlapping or touching ranges become one."""
    merged: list[list[int]] = []
    for first, last in sorted(intervals):
        if merged and first <= merged[-1][1] + 1:
            if last > merged[-1][1]:
                merged[-1][1] = last
        else:
            merged.append([first, last])
    return tuple((first, last) for first, last in merged)


def days_covered(merged: Sequence[Interval], first: int, last: int) -> int:
    """Days of the merged ranges that fall inside ``first..last`` (inclusive ordinals)."""
    total = 0
    for start, end in merged:
        if end < first:
            continue
        if start > last:
            break
        total += (end if end < last else last) - (start if start > first else first) + 1
    return total


def spell_days(merged: Sequence[Interval], before: int, gap_months: int) -> int:
    """Days out of work in the spell that reaches the day ``before`` (an ordinal, excluded).

    The spell is built backwards from ``before``: the last range belongs to it when it ends at
    most ``gap_months`` calendar months before ``before`` (on or after ``before`` minus
    ``gap_months`` months); an earlier range when the next range starts no later than its first
    gap day plus ``gap_months`` months. Gap days are not counted, and days from ``before`` on
    are cut off.
    """
    total = 0
    follow = before
    # The trailing gap: the spell reaches ``before`` when its last period ends at most
    # ``gap_months`` months before it (docs/rules/settled-readings.md, "A spell that reaches").
    trailing_limit = add_months(date.fromordinal(before), -gap_months).toordinal()
    for start, end in reversed(merged):
        if start >= before:
            continue
        if end >= before:
            end = before - 1
        if follow == before:
            if end < trailing_limit:
                break
        elif end + 1 < follow:
            gap_start = date.fromordinal(end + 1)
            if add_months(gap_start, gap_months).toordinal() < follow:
                break
        total += end - start + 1
        follow = start
    return total


def overlap_days(first: int, last: int, other_first: int, other_last: int) -> int:
    """Days shared by two inclusive ordinal ranges (0 when they do not meet)."""
    lo = first if first > other_first else other_first
    hi = last if last < other_last else other_last
    return hi - lo + 1 if hi >= lo else 0


def period_end(start: date, months: int, latest: date) -> date | None:
    """Last day of a period of ``months`` months from ``start``, cut at ``latest``.

    None when the period is empty (no months, or ``latest`` before ``start``).
    """
    if months <= 0 or latest < start:
        return None
    end = period_last_day(start, months)
    return latest if latest < end else end


def entitlement(start: date, months: int, latest: date) -> tuple[date | None, int]:
    """(last day, months counted) of ``months`` months from ``start`` cut at ``latest``.

    A period cut short counts its partial last month as a month (it is paid pro rata).
    """
    if months <= 0 or latest < start:
        return None, 0
    end = period_last_day(start, months)
    if latest < end:
        return latest, started_months(start, latest)
    return end, months
