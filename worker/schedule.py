"""The one beat schedule. Every entry is idempotent and expires before its next run."""

from datetime import timedelta
from typing import Any

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "sessions-clear-expired": {
        "task": "worker.tasks.maintenance.clear_expired_sessions",
        "schedule": timedelta(hours=6),
        "options": {"expires": 3 * 3600},
    },
}
