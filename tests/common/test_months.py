"""One meaning of "n months after a date" (docs/rules/settled-readings.md, "Month arithmetic"):
common.months is the only implementation, and the placements and the rules engine both follow
it for every start day of 2024-2026 and every length of 1-48 months."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from common import months
from common.months import add_months, days_in_month, period_last_day
from placements.services import agreement_end_date
from subsidies.rules import periods
from subsidies.services import decisions

START_DAYS = [
    date(2024, 1, 1) + timedelta(days=n) for n in range((date(2027, 1, 1) - date(2024, 1, 1)).days)
]
LENGTHS = range(1, 49)


def test_placements_and_the_engine_end_every_period_on_the_same_day() -> None:
    pairs = 0
    for start in START_DAYS:
        for length in LENGTHS:
            expected = period_last_day(start, length)
            assert agreement_end_date(start, length) == expected, (start, length)
            assert periods.entitlement(start, length, date.max) == (expected, length)
            assert periods.period_end(start, length, date.max) == expected
            # the months between the start and the day after the end are the length again
            assert periods.months_between(start, expected + timedelta(days=1)) == length
            assert periods.started_months(start, expected) == length
            pairs += 1
    assert pairs == 1096 * 48


def test_there_is_one_implementation() -> None:
    assert periods.add_months is months.add_months
    assert periods.period_last_day is months.period_last_day
    assert decisions.add_months is months.add_months


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 1, 31), 2, date(2024, 3, 31)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2025, 8, 31), 1, date(2025, 9, 30)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2025, 1, 15), -15, date(2023, 10, 15)),
    ],
)
def test_add_months_clamps_to_the_month_end(day: date, n: int, expected: date) -> None:
    assert add_months(day, n) == expected


@pytest.mark.parametrize(
    ("start", "n", "last"),
    [
        (date(2025, 1, 15), 1, date(2025, 2, 14)),
        (date(2025, 1, 31), 1, date(2025, 2, 27)),
        (date(2024, 1, 31), 1, date(2024, 2, 28)),
        (date(2024, 1, 30), 1, date(2024, 2, 28)),
        (date(2024, 1, 29), 1, date(2024, 2, 28)),
        (date(2025, 9, 1), 12, date(2026, 8, 31)),
        (date(2024, 2, 29), 12, date(2025, 2, 27)),
        (date(2025, 12, 31), 2, date(2026, 2, 27)),
    ],
)
def test_period_last_day(start: date, n: int, last: date) -> None:
    assert period_last_day(start, n) == last
    assert agreement_end_date(start, n) == last


def test_no_duration_has_no_end() -> None:
    assert agreement_end_date(date(2025, 1, 1), None) is None
    assert agreement_end_date(date(2025, 1, 1), 0) is None


def test_days_in_month_knows_leap_years() -> None:
    assert [days_in_month(y, 2) for y in (1900, 2000, 2024, 2025, 2100)] == [28, 29, 29, 28, 28]
