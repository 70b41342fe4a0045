"""The one beat schedule. Every entry is idempotent and expires before its next run."""

from datetime import timedelta
from typing import Any

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "sessions-clear-expired": {
        "task": "worker.tasks.maintenance.clear_expired_sessions",
        "schedule": timedelta(hours=6),
        "options": {"expires": 3 * 3600},
    },
    # Just after midnight Oslo time, so that a deadline "today" still holds all day.
    "listings-close-expired": {
        "task": "worker.tasks.marketplace.close_expired_listings",
        "schedule": crontab(minute=5, hour=0),
        "options": {"expires": 12 * 3600},
    },
    "applications-expire": {
        "task": "worker.tasks.marketplace.expire_applications",
        "schedule": crontab(minute=15, hour=0),
        "options": {"expires": 12 * 3600},
    },
}
