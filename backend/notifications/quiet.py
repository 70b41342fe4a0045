"""Quiet hours: no SMS at night, Oslo time. An SMS due in them waits until they end."""

from __future__ import annotations

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

OSLO = ZoneInfo("Europe/Oslo")


@lru_cache(maxsize=8)
def parse_quiet_hours(raw: str) -> tuple[datetime.time, datetime.time] | None:
    """ "21:00-08:00" -> (21:00, 08:00); "" -> None (no quiet hours)."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        start, end = (datetime.time.fromisoformat(part.strip()) for part in raw.split("-"))
    except ValueError:
        raise ImproperlyConfigured(
            f"NOTIFICATION_SMS_QUIET_HOURS={raw!r} is not a range like 21:00-08:00."
        ) from None
    if start == end:
        raise ImproperlyConfigured("NOTIFICATION_SMS_QUIET_HOURS starts and ends at the same time.")
    return start, end


def quiet_hours() -> tuple[datetime.time, datetime.time] | None:
    return parse_quiet_hours(settings.NOTIFICATION_SMS_QUIET_HOURS)


def _is_quiet(clock: datetime.time, start: datetime.time, end: datetime.time) -> bool:
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end  # the range wraps past midnight


def in_quiet_hours(moment: datetime.datetime) -> bool:
    hours = quiet_hours()
    if hours is None:
        return False
    return _is_quiet(moment.astimezone(OSLO).time(), *hours)


def sms_allowed_from(moment: datetime.datetime) -> datetime.datetime:
    """`moment` itself, or the end of the quiet hours it falls in."""
    hours = quiet_hours()
    if hours is None:
        return moment
    start, end = hours
    local = moment.astimezone(OSLO)
    if not _is_quiet(local.time(), start, end):
        return moment
    day = local.date()
    if start > end and local.time() >= start:
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, end, tzinfo=OSLO)
