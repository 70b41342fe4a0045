"""Writes around the reference tables: what has to happen after they change."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection

from reference.models import Bydel, Kommune, Occupation

# The cache key of the reference data's version: every cached choice list and its rendered
# markup is keyed by it, so one increment makes them all stale at once (in every process).
VERSION_KEY = "reference:version"
REFERENCE_TABLES = tuple(model._meta.db_table for model in (Kommune, Bydel, Occupation))


def reference_version() -> int:
    """The current version of the reference data, as the cache knows it."""
    version = cache.get(VERSION_KEY)
    if version is None:
        # Started from the clock, not 1: after the cache was emptied a version never comes back
        # to a number that a process still holds lists for.
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(VERSION_KEY, 0)
    return int(version)


def reference_cache_invalidate() -> None:
    """Make every cached choice list stale: the reference data changed. Other processes see
    the new version within a second (listings.search_choices), this one at once."""
    # Not set (or evicted): the next reader starts a new version from the clock.
    with contextlib.suppress(ValueError):
        cache.incr(VERSION_KEY)
    for forget in on_reference_change:
        forget()


# What else to tell in this process when the version changes (registered by its readers).
on_reference_change: list[Callable[[], None]] = []


def reference_tables_analyze() -> None:
    """Fresh planner statistics for the reference tables.

    Without them PostgreSQL guesses that a join of listings to occupations or kommuner yields a
    handful of rows and picks a nested loop that re-runs the full-text search once per reference
    row; with them it hashes the small table once. Autovacuum analyses a table only after enough
    rows changed, which a freshly loaded table of a few hundred rows may never reach.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in REFERENCE_TABLES:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def reference_data_loaded() -> None:
    """After an import: statistics for the planner, and no stale choice list anywhere."""
    reference_tables_analyze()
    reference_cache_invalidate()
