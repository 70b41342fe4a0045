"""Writing the event feed so that a reader following ids never misses an event.

Ids come from a sequence, and transactions can commit out of id order: a reader could see
event 102 before event 101 commits, move its cursor past 101 and never see it. So every
transaction that writes events takes one PostgreSQL advisory lock first and holds it until it
commits: events commit in id order. The lock is taken as the last step of a transaction, so it is
held only for the moment the commit takes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.utils import timezone

from subsidies.models import CaseEvent, SubsidyCase
from subsidies.services.bulk import events_insert

# Any fixed 64-bit number that no other advisory lock in the database uses.
EVENT_FEED_LOCK = 7_405_310_206_001


def _serialise_event_writers() -> None:
    if not connection.in_atomic_block:
        raise RuntimeError("Case events are written inside the transaction of their change.")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [EVENT_FEED_LOCK])


def case_events_record(events: Sequence[CaseEvent]) -> None:
    if not events:
        return
    _serialise_event_writers()
    events_insert(events)


def event_of(
    *, case_id: int, kommune_id: str, status: str, version: int, kind: str, **payload: Any
) -> CaseEvent:
    """An unsaved event; the payload always names the case's status and version."""
    return CaseEvent(
        case_id=case_id,
        kommune_id=kommune_id,
        kind=kind,
        payload={"status": status, "version": version, **payload},
        at=timezone.now(),
    )


def case_event(case: SubsidyCase, kind: str, **payload: Any) -> CaseEvent:
    """An unsaved event about `case` as it is now."""
    return event_of(
        case_id=case.pk,
        kommune_id=case.kommune_id,
        status=case.status,
        version=case.version,
        kind=kind,
        **payload,
    )
