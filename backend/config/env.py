"""Read settings from the environment and fail loudly on a value that makes no sense.

Every reader also takes NAME_FILE, a file holding the value (secrets from compose or Kubernetes)."""

from __future__ import annotations

import base64
import os
import re
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_raw(name: str) -> str | None:
    """The value of `name`, or the contents of the file that `name`_FILE points at (how compose
    and Kubernetes hand secrets over), or None. Setting both is a mistake and says so."""
    value = os.environ.get(name)
    path = os.environ.get(f"{name}_FILE")
    if path is None:
        return value
    if value is not None:
        raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both.")
    try:
        with open(path, encoding="utf-8") as secret:
            return secret.read().strip()
    except OSError as error:
        raise ImproperlyConfigured(
            f"{name}_FILE={path!r} cannot be read: {error.strerror}."
        ) from None


def env_str(name: str, default: str | None = None) -> str:
    value = env_raw(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = env_raw(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use true or false.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = env_raw(name)
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
    raw = env_raw(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


_DATABASE_SCHEMES = {"postgres", "postgresql", "pgsql", "sqlite"}


def env_database(name: str, default: str) -> dict[str, Any]:
    """Parse a database URL; PostgreSQL and SQLite are the two engines we run on."""
    raw = env_raw(name) or default
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
    if scheme == "sqlite":
        # The embedded demo's web server and scheduler write to one file: wait for the lock.
        config["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    elif not (config.get("NAME") and config.get("HOST")):
        raise ImproperlyConfigured(
            f"{name} is not a valid database URL: it must name a host and a database."
        )
    else:
        # The working set (open listings, their search entries and indexes) is read from
        # memory: a random read costs about what a sequential one does. With PostgreSQL's
        # default of 4.0 the planner tests a broad word against every open listing's search
        # vector instead of reading its matches from the GIN index (about 1.5 times slower).
        # An `options` given in the URL comes after and wins.
        given = config.get("OPTIONS")
        options: dict[str, Any] = dict(given) if isinstance(given, dict) else {}
        options["options"] = f"-c random_page_cost=1.1 {options.get('options', '')}".strip()
        config["OPTIONS"] = options
    return config


def env_redis_url(name: str) -> str | None:
    raw = env_raw(name)
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


def env_encryption_keys(name: str, default: str) -> list[str]:
    """Comma-separated 32-byte keys in url-safe base64 (newest first) from `NAME` or `NAME_FILE`."""
    keys = [key.strip() for key in env_str(name, default).split(",") if key.strip()]
    if not keys:
        raise ImproperlyConfigured(f"{name} holds no key.")
    for position, key in enumerate(keys, start=1):
        try:
            valid = len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32
        except (ValueError, UnicodeEncodeError):
            valid = False
        if not valid:
            raise ImproperlyConfigured(
                f"Key {position} of {name} is not 32 bytes in url-safe base64 (make one with "
                "`python -c 'import base64, os; "
                "print(base64.urlsafe_b64encode(os.urandom(32)).decode())'`)."
            )
    return keys


def env_hmac_keys(name: str, default: str, *, min_length: int = 32) -> list[str]:
    """Comma-separated HMAC keys (newest first) from `NAME` or `NAME_FILE`."""
    keys = [key.strip() for key in env_str(name, default).split(",") if key.strip()]
    if not keys:
        raise ImproperlyConfigured(f"{name} holds no key.")
    for position, key in enumerate(keys, start=1):
        if len(key) < min_length:
            raise ImproperlyConfigured(
                f"Key {position} of {name} is shorter than {min_length} characters."
            )
    return keys


_RATE = re.compile(r"\A\s*(\d+)\s*/\s*(s|sec|m|min|h|hour|d|day)\s*\Z")


def env_rate(name: str, default: str) -> str:
    """A request rate as Django REST framework reads it: a count per period, e.g. "60/min"."""
    raw = env_raw(name)
    if raw is None:
        return default
    match = _RATE.match(raw)
    if match is None or int(match.group(1)) < 1:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a rate; write a count per s, min, hour or day, e.g. 60/min."
        )
    return f"{match.group(1)}/{match.group(2)}"
