"""The periodic scans: find what someone should be reminded of now, and put it in the outbox.

Every scan takes `now` and may run any number of times, also two at once: each reminder has an
occurrence in its idempotency key (which application, which threshold, which interview time), so a
second run finds its rows already there. A scan that comes late sends only the latest reminder it
has reached (an application first seen at 11 days gets the 10-day reminder, not the 5-day one too).
The periods come from settings.NOTIFICATION_PERIODS.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from notifications.scans.agreements import scan_agreements_waiting, scan_periods_ending
from notifications.scans.guides import scan_guide_digests
from notifications.scans.marketplace import (
    scan_applications_unanswered,
    scan_interviews,
    scan_offers_waiting,
    scan_saved_listing_deadlines,
    scan_search_digests,
)
from notifications.scans.subsidies import scan_cases_waiting, scan_refund_claims_due

Scan = Callable[..., int]
SCANS: dict[str, Scan] = {
    "applications_unanswered": scan_applications_unanswered,
    "interviews": scan_interviews,
    "saved_listing_deadlines": scan_saved_listing_deadlines,
    "offers_waiting": scan_offers_waiting,
    "search_digests": scan_search_digests,
    "agreements_waiting": scan_agreements_waiting,
    "periods_ending": scan_periods_ending,
    "cases_waiting": scan_cases_waiting,
    "refund_claims_due": scan_refund_claims_due,
    "guide_digests": scan_guide_digests,
}


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


__all__ = [
    "SCANS",
    "scan_agreements_waiting",
    "scan_all",
    "scan_applications_unanswered",
    "scan_cases_waiting",
    "scan_guide_digests",
    "scan_interviews",
    "scan_offers_waiting",
    "scan_periods_ending",
    "scan_refund_claims_due",
    "scan_saved_listing_deadlines",
    "scan_search_digests",
]
