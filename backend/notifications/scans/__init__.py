"""The periodic scans: find what someone should be reminded of now, and put it in the outbox.

Every scan takes `now` and may run any number of times, also two at once: each reminder has an
occurrence in its idempotency key (which application, which threshold, which interview time), so a
second run finds its rows already there. A scan that comes late sends only the latest reminder it
has reached (an application first seen at 11 days gets the 10-day reminder, not the 5-day one too).
The periods come from settings.NOTIFICATION_PERIODS. The apps register their scans here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction

Scan = Callable[..., int]
# Filled by the apps whose rows the scans read (applications.reminders, subsidies.reminders), each
# imported by its app's ready(): notifications knows how to remind, not what about.
SCANS: dict[str, Scan] = {}


def periodic_scan(name: str) -> Callable[[Scan], Scan]:
    """Register a scan that beat runs under `name` (each tick, see worker.schedule)."""

    def register(scan: Scan) -> Scan:
        SCANS[name] = scan
        return scan

    return register


@contextmanager
def _alone(name: str) -> Iterator[bool]:
    """In a transaction: True if no other process runs the scan `name` right now.

    Not needed for correctness (the keys are), but two beat processes then do the work once.
    """
    with transaction.atomic():
        if connection.vendor != "postgresql":
            yield True
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_try_advisory_xact_lock(hashtext(%s))", [f"notifications.scan.{name}"]
            )
            (acquired,) = cursor.fetchone() or (False,)
        yield bool(acquired)


def scan_all(*, now: datetime.datetime) -> dict[str, int]:
    """Run every scan, each in its own transaction; returns the new notifications per scan."""
    created: dict[str, int] = {}
    for name, scan in SCANS.items():
        with _alone(name) as alone:
            created[name] = scan(now=now) if alone else 0
    return created
