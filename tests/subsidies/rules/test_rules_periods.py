"""Counting time: whole months, ages, days out of work, spells; and the orgnr check."""

from __future__ import annotations

from datetime import date

import pytest

from subsidies.rules.orgnr import is_valid_orgnr
from subsidies.rules.periods import (
    add_months,
    age_on,
    birthday,
    days_covered,
    days_in_month,
    entitlement,
    merge_intervals,
    months_between,
    overlap_days,
    period_end,
    period_last_day,
    spell_days,
    started_months,
)

D = date.fromisoformat


def o(day: str) -> int:
    return D(day).toordinal()


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ("2024-03-15", "2025-09-14", 17),
        ("2024-03-15", "2025-09-15", 18),
        ("2024-03-15", "2024-03-15", 0),
        ("2024-03-15", "2024-04-14", 0),
        ("2024-03-15", "2024-04-15", 1),
        ("2025-01-31", "2025-02-27", 0),
        ("2025-01-31", "2025-02-28", 1),  # Jan 31 + 1 month is clamped to Feb 28
        ("2024-01-31", "2024-02-28", 0),
        ("2024-01-31", "2024-02-29", 1),
        ("2025-01-31", "2025-03-30", 1),
        ("2025-01-31", "2025-03-31", 2),
        ("2024-02-29", "2025-02-28", 12),
        ("2025-09-14", "2024-03-15", -17),
    ],
)
def test_months_between(start: str, end: str, months: int) -> None:
    assert months_between(D(start), D(end)) == months


@pytest.mark.parametrize(
    ("day", "months", "result"),
    [
        ("2024-01-31", 1, "2024-02-29"),
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 2, "2024-03-31"),
        ("2025-08-15", -15, "2024-05-15"),
        ("2025-05-31", -3, "2025-02-28"),
        ("2025-12-15", 1, "2026-01-15"),
        ("2025-01-15", -1, "2024-12-15"),
    ],
)
def test_add_months(day: str, months: int, result: str) -> None:
    assert add_months(D(day), months) == D(result)


def test_months_between_agrees_with_add_months() -> None:
    for start in (D("2024-01-31"), D("2024-02-29"), D("2025-03-15"), D("2025-12-01")):
        for n in range(1, 40):
            assert months_between(start, add_months(start, n)) == n
            day_before = date.fromordinal(add_months(start, n).toordinal() - 1)
            assert months_between(start, day_before) == n - 1


def test_days_in_month() -> None:
    assert [days_in_month(2024, m) for m in (1, 2, 4)] == [31, 29, 30]
    assert days_in_month(2025, 2) == 28
    assert days_in_month(2100, 2) == 28
    assert days_in_month(2000, 2) == 29


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        ("1994-03-10", "2025-09-01", 31),
        ("1994-09-01", "2025-09-01", 31),
        ("1994-09-02", "2025-09-01", 30),
        ("2004-02-29", "2025-02-28", 20),  # the birthday comes on 1 March in a common year
        ("2004-02-29", "2025-03-01", 21),
        ("2004-02-29", "2028-02-29", 24),
    ],
)
def test_age_on(birth: str, day: str, age: int) -> None:
    assert age_on(D(birth), D(day)) == age


def test_birthday() -> None:
    assert birthday(D("1958-11-30"), 67) == D("2025-11-30")
    assert birthday(D("1960-02-29"), 67) == D("2027-03-01")
    assert birthday(D("1960-02-29"), 68) == D("2028-02-29")
    for years in range(60, 70):
        born = D("1960-02-29")
        assert age_on(born, birthday(born, years)) == years
        assert age_on(born, date.fromordinal(birthday(born, years).toordinal() - 1)) == years - 1


def test_periods() -> None:
    start = D("2025-09-01")
    assert period_last_day(start, 12) == D("2026-08-31")
    assert period_last_day(D("2025-01-31"), 1) == D("2025-02-27")
    assert period_end(start, 24, D("2061-03-09")) == D("2027-08-31")
    assert period_end(start, 24, D("2025-11-29")) == D("2025-11-29")
    assert period_end(start, 0, D("2061-03-09")) is None
    assert period_end(start, 5, D("2025-08-31")) is None
    assert started_months(start, D("2025-11-29")) == 3
    assert started_months(start, D("2025-11-30")) == 3
    assert started_months(start, D("2025-12-01")) == 4
    assert started_months(start, D("2025-09-01")) == 1
    assert started_months(start, D("2025-08-31")) == 0
    assert entitlement(start, 24, D("2061-03-09")) == (D("2027-08-31"), 24)
    assert entitlement(start, 24, D("2025-11-29")) == (D("2025-11-29"), 3)
    assert entitlement(start, 0, D("2061-03-09")) == (None, 0)


def test_merge_and_cover() -> None:
    merged = merge_intervals(
        [
            (o("2024-06-01"), o("2024-06-30")),
            (o("2024-01-01"), o("2024-03-31")),
            (o("2024-03-01"), o("2024-04-15")),
            (o("2024-04-16"), o("2024-04-20")),  # touching: joined
        ]
    )
    assert merged == ((o("2024-01-01"), o("2024-04-20")), (o("2024-06-01"), o("2024-06-30")))
    assert days_covered(merged, o("2024-04-01"), o("2024-06-10")) == 20 + 10
    assert days_covered(merged, o("2025-01-01"), o("2025-12-31")) == 0
    assert days_covered((), o("2024-01-01"), o("2024-12-31")) == 0


def test_spell_days() -> None:
    before = o("2025-08-15")
    merged = merge_intervals(
        [(o("2023-01-01"), o("2023-12-31")), (o("2024-04-01"), o("2025-12-31"))]
    )
    assert spell_days(merged, before, 3) == 365 + 501  # gap bridged, days after cut off
    assert spell_days(merged, before, 2) == 501  # a 3-month gap breaks a 2-month tolerance
    assert spell_days(merge_intervals([(o("2025-01-01"), o("2025-04-30"))]), before, 3) == 0
    # the last period must end at most 3 months before: on or after 2025-05-15
    # (docs/rules/settled-readings.md, "A spell that reaches the application date")
    assert spell_days(merge_intervals([(o("2025-01-01"), o("2025-05-15"))]), before, 3) == 135
    assert spell_days(merge_intervals([(o("2025-01-01"), o("2025-05-14"))]), before, 3) == 0
    assert spell_days((), before, 3) == 0
    assert spell_days(merge_intervals([(o("2025-09-01"), o("2025-12-31"))]), before, 3) == 0


def test_overlap_days() -> None:
    assert overlap_days(o("2025-09-01"), o("2025-09-30"), o("2025-09-15"), o("2026-09-14")) == 16
    assert overlap_days(o("2025-09-01"), o("2025-09-30"), o("2025-10-01"), o("2026-09-14")) == 0


@pytest.mark.parametrize(
    ("orgnr", "valid"),
    [
        ("988077917", True),
        ("974760673", True),  # Brønnøysundregistrene
        ("889640782", True),  # NAV
        ("988077918", False),
        ("98807791", False),
        ("9880779170", False),
        ("98807791a", False),
        ("٩٨٨٠٧٧٩١٧", False),  # non-ASCII digits
    ],
)
def test_orgnr(orgnr: str, valid: bool) -> None:
    assert is_valid_orgnr(orgnr) is valid


def test_orgnr_check_digit_10_is_never_valid() -> None:
    # 4 x 3 = 12, remainder 1, check digit 11 - 1 = 10: no last digit makes it valid
    assert not any(is_valid_orgnr(f"40000000{d}") for d in range(10))
    # remainder 0 gives check digit 0
    assert is_valid_orgnr("000000000")
