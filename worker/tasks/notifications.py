"""Notifications: the periodic scans, and draining the outbox.

Both are safe to run any number of times and in parallel: the outbox rows and their keys are the
truth, these messages only say "look now".
"""

import time

from celery import shared_task
from django.utils import timezone

from notifications.scans import scan_all
from notifications.services import notifications_send_due, worker_name

# Stop claiming new batches after this long, well inside the time limit; beat sends the next nudge.
SEND_BUDGET_SECONDS = 120


@shared_task(name="worker.tasks.notifications.scan", time_limit=600)
def scan() -> dict[str, int]:
    return scan_all(now=timezone.now())


@shared_task(name="worker.tasks.notifications.send_due", time_limit=SEND_BUDGET_SECONDS + 180)
def send_due() -> int:
    """Send due email and SMS in batches until none are left (or the budget is spent)."""
    worker = worker_name()
    started = time.monotonic()
    claimed = 0
    while time.monotonic() - started < SEND_BUDGET_SECONDS:
        batch = notifications_send_due(now=timezone.now(), worker=worker)
        if not batch:
            break
        claimed += batch
    return claimed
