"""The buddy reminders the periodic notification scan writes (notifications.scans.SCANS):

- a check-in: to both buddies when the match's last check-in (or its start) is
  CHECKIN_INTERVAL_DAYS old, and again after each further interval without one;
- the horizon: to both when the six months are over and the match still runs, once.
"""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.utils import timezone

from buddies.models import CHECKIN_INTERVAL_DAYS, BuddyMatch, MatchStatus
from notifications.models import Kind
from notifications.scans import periodic_scan
from notifications.services import Planned, notifications_create


@periodic_scan("buddy_checkins")
def scan_buddy_checkins(*, now: datetime.datetime) -> int:
    today = timezone.localdate(now)
    interval = datetime.timedelta(days=CHECKIN_INTERVAL_DAYS)
    matches = (
        BuddyMatch.objects.filter(status=MatchStatus.ACTIVE, started_at__isnull=False)
        .annotate(last_checkin=Max("checkins__happened_on"))
        .select_related("volunteer", "newcomer")
    )
    planned: list[Planned] = []
    for match in matches:
        assert match.started_at is not None
        started = timezone.localdate(match.started_at)
        last = max(started, match.last_checkin or started)
        link = f"/buddies/matches/{match.pk}/"
        people = [p for p in (match.volunteer, match.newcomer) if p.is_active]
        if today - last >= interval:
            # Once per interval without a check-in; a new check-in starts the count again.
            intervals = (today - last) // interval
            occurrence = f"match:{match.pk}:after:{last.isoformat()}:{intervals}"
            planned += [
                Planned(p, Kind.BUDDY_CHECKIN_DUE, occurrence, link, {"match": match.pk})
                for p in people
            ]
        if match.horizon_on and today >= match.horizon_on:
            planned += [
                Planned(p, Kind.BUDDY_HORIZON, f"match:{match.pk}", link, {"match": match.pk})
                for p in people
            ]
    return notifications_create(planned=planned, now=now)
