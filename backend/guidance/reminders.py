"""The weekly digest to each establishment guide: who in their caseload needs them this week.

Once per ISO week and guide (the week is in the idempotency key), from Monday at the first hour of
NOTIFICATION_PERIODS["guide_digest_hour"] Oslo time; a scan that comes later in the week still
sends that week's digest. A guide with nothing to report gets none. Counts only: the names are
on the caseload page the message links to.
"""

from __future__ import annotations

import datetime

from guidance.notify import caseload_path
from guidance.selectors import digest_for_guide, guides_with_caseload
from notifications.models import Kind
from notifications.quiet import OSLO
from notifications.scans import periodic_scan
from notifications.scans.common import period
from notifications.services import Planned, notifications_create


def digest_week(now: datetime.datetime) -> str | None:
    """The ISO week whose digest is due at `now`, or None before Monday's hour."""
    local = now.astimezone(OSLO)
    if local.weekday() == 0 and local.hour < period("guide_digest_hour"):
        return None
    year, week, _day = local.isocalendar()
    return f"{year}-W{week:02d}"


@periodic_scan("guide_digests")
def scan_guide_digests(*, now: datetime.datetime) -> int:
    week = digest_week(now)
    if week is None:
        return 0
    planned: list[Planned] = []
    for guide in guides_with_caseload():
        digest = digest_for_guide(guide=guide, now=now)
        if digest.empty:
            continue
        planned.append(
            Planned(
                recipient=guide,
                kind=Kind.GUIDE_DIGEST,
                occurrence=f"week:{week}",
                context={
                    "week": week,
                    "idle": digest.idle,
                    "interviews": digest.interviews,
                    "ending": digest.ending,
                    "overdue": digest.overdue,
                },
                link_path=caseload_path(),
            )
        )
    return notifications_create(planned=planned, now=now)
