"""What every scan needs: the periods, thresholds and Oslo dates."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from notifications.quiet import OSLO


def period(name: str) -> Any:
    return settings.NOTIFICATION_PERIODS[name]


def reached(elapsed: datetime.timedelta, thresholds: Iterable[datetime.timedelta]) -> Any:
    """The largest threshold `elapsed` has reached, or None."""
    passed = [threshold for threshold in thresholds if elapsed >= threshold]
    return max(passed) if passed else None


def days_before(days_left: int, thresholds: Iterable[int]) -> int | None:
    """The closest "N days before" reminder that is due with `days_left` to go, or None.

    With (30, 7): 20 days left -> 30, 5 days left -> 7, 40 days left or past -> None.
    """
    if days_left < 0:
        return None
    due = [threshold for threshold in thresholds if days_left <= threshold]
    return min(due) if due else None


def local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=OSLO)


def local_date(now: datetime.datetime) -> datetime.date:
    return now.astimezone(OSLO).date()
