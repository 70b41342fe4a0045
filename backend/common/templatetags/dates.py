"""Template filters for dates, times and lists in the reader's language (common.dates)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django import template

from common import dates

register = template.Library()


@register.filter
def local_date(value: datetime.date | None) -> str:
    return dates.local_date(value) if value else ""


@register.filter
def local_short_date(value: datetime.date | None) -> str:
    return dates.local_date(value, short=True) if value else ""


@register.filter
def local_time(value: datetime.time | datetime.datetime | None) -> str:
    return dates.local_time(value) if value else ""


@register.filter
def local_datetime(value: datetime.datetime | None) -> str:
    return dates.local_datetime(value) if value else ""


@register.filter
def join_list(value: Iterable[object] | None) -> str:
    return dates.join_list(value or [])
