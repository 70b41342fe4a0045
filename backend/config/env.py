"""Read settings from the environment and fail loudly on a value that makes no sense."""

from __future__ import annotations

import os
import re
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use true or false.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


_DATABASE_SCHEMES = {"postgres", "postgresql", "pgsql", "sqlite"}


def env_database(name: str, default: str) -> dict[str, Any]:
    """Parse a database URL; PostgreSQL and SQLite are the two engines we run on."""
    raw = os.environ.get(name) or default
    scheme = urlsplit(raw).scheme
    if scheme not in _DATABASE_SCHEMES:
        raise ImproperlyConfigured(
            f"{name} is not a valid database URL (expected postgres://user@host:port/name "
            f"or sqlite:///path): scheme {scheme!r} is not supported."
        )
    try:
        config = dict(dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True))
    except ValueError as error:  # dj_database_url.ParseError is a ValueError
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {error}") from None
    if scheme != "sqlite" and not (config.get("NAME") and config.get("HOST")):
        raise ImproperlyConfigured(
            f"{name} is not a valid database URL: it must name a host and a database."
        )
    return config


def env_redis_url(name: str) -> str | None:
    raw = os.environ.get(name)
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in {"redis", "rediss"} or not parts.hostname:
        raise ImproperlyConfigured(
            f"{name} is not a valid Redis URL (expected redis://host:port/db)."
        )
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ImproperlyConfigured(f"{name} has a port that is not a number.") from None
    return raw


_RATE = re.compile(r"\A\s*(\d+)\s*/\s*(s|sec|m|min|h|hour|d|day)\s*\Z")


def env_rate(name: str, default: str) -> str:
    """A request rate as Django REST framework reads it: a count per period, e.g. "60/min"."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    match = _RATE.match(raw)
    if match is None or int(match.group(1)) < 1:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a rate; write a count per s, min, hour or day, e.g. 60/min."
        )
    return f"{match.group(1)}/{match.group(2)}"
