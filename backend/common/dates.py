"""Dates, times and lists in the reader's language, from the Unicode CLDR data through Babel.

Django's own locale formats cover neither Tigrinya nor Somali (a page in those languages would
show English month names in an English order); Babel carries CLDR's data for every language
Innsteg offers. Every date and time a person reads goes through these functions, in the active
language (a page's, or the recipient's inside `translation.override`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.lists import format_list
from django.conf import settings
from django.utils import timezone, translation

# CLDR's width of a written-out date: "7. desember 2026", "7 ديسمبر 2026", "ታሕሳስ 7, 2026".
DATE_WIDTH = "long"
SHORT_DATE_WIDTH = "medium"
TIME_WIDTH = "short"


@lru_cache(maxsize=32)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(translation.to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(translation.to_locale(settings.LANGUAGE_CODE))


def current_locale() -> Locale:
    return _locale(translation.get_language() or settings.LANGUAGE_CODE)


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def local_date(value: datetime.date | datetime.datetime, *, short: bool = False) -> str:
    """A day written as the reader's language writes it."""
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    return format_date(value, SHORT_DATE_WIDTH if short else DATE_WIDTH, locale=current_locale())


def local_time(value: datetime.time | datetime.datetime) -> str:
    """A time of day (hours and minutes) in the reader's language and clock."""
    if isinstance(value, datetime.datetime):
        value = _local(value)
    return format_time(value, TIME_WIDTH, locale=current_locale())


def local_datetime(value: datetime.datetime) -> str:
    """A moment in Norway's time zone: the day and the time, joined the language's way."""
    locale = current_locale()
    moment = _local(value)
    day = format_date(moment.date(), DATE_WIDTH, locale=locale)
    time = format_time(moment, TIME_WIDTH, locale=locale)
    # CLDR's glue between date and time, e.g. "{1}, {0}" or "{1} 'kl'. {0}" (quotes mark text).
    pattern = str(locale.datetime_formats.get("medium", "{1} {0}"))
    return pattern.replace("'", "").replace("{1}", day).replace("{0}", time)


def join_list(items: Iterable[object]) -> str:
    """Items joined as the language joins a list: "a, b og c", "a، وb، وc" in Arabic."""
    words = [str(item) for item in items]
    if not words:
        return ""
    locale = current_locale()
    # Arabic writes its lists with the Arabic comma, which CLDR has only in the "unit" style;
    # a language without that style keeps its standard "and" list.
    for style in ("unit", "standard") if locale.language == "ar" else ("standard",):
        try:
            return format_list(words, style=style, locale=locale)
        except KeyError:
            continue
    return ", ".join(words)
