"""One meaning of "n months after a date", for the whole project.

Pure Python (standard library only), so the rules engine can use it without Django. The reading is
the one the subsidy rules settle (docs/rules/settled-readings.md, "Month arithmetic"):

- ``add_months(day, n)`` keeps the day of the month and clamps it to the month's last day:
  31 January 2025 + 1 month is 28 February 2025, 31 January 2024 + 1 month is 29 February 2024,
  31 January + 2 months is 31 March.
- A period of ``n`` months that begins on ``start`` ends the day before ``add_months(start, n)``:
  one month from 15 January ends 14 February, one month from 31 January 2025 ends 27 February
  2025 (the next period begins on 28 February).
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["add_months", "days_in_month", "is_leap_year", "period_last_day"]

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ONE_DAY = timedelta(days=1)


def is_leap_year(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and is_leap_year(year):
        return 29
    return _MONTH_DAYS[month - 1]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later (or earlier), clamped to the month's end.

    2024-01-31 plus one month is 2024-02-29; plus two months is 2024-03-31.
    """
    index = day.month - 1 + months
    year = day.year + index // 12
    month = index % 12 + 1
    last = days_in_month(year, month)
    return date(year, month, day.day if day.day <= last else last)


def period_last_day(start: date, months: int) -> date:
    """The last day of a period of ``months`` whole months that begins on ``start``."""
    return add_months(start, months) - _ONE_DAY
