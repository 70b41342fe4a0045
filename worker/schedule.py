"""The one beat schedule. Every entry is idempotent and expires before its next run."""

from datetime import timedelta
from typing import Any

from celery.schedules import crontab
from django.conf import settings

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "sessions-clear-expired": {
        "task": "worker.tasks.maintenance.clear_expired_sessions",
        "schedule": timedelta(hours=6),
        "options": {"expires": 3 * 3600},
    },
    # Often, so an account never verified is gone soon after UNVERIFIED_ACCOUNT_HOURS.
    "accounts-delete-unverified": {
        "task": "worker.tasks.accounts.delete_unverified_accounts",
        "schedule": timedelta(minutes=15),
        "options": {"expires": 10 * 60},
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
    # After midnight Oslo time: a placement starts on its start date and ends after its end date.
    "agreements-start-and-end": {
        "task": "worker.tasks.placements.start_and_end_agreements",
        "schedule": crontab(minute=25, hour=0),
        "options": {"expires": 12 * 3600},
    },
    # A refund claim not reported by its due date expires the day after.
    "refund-claims-expire": {
        "task": "worker.tasks.subsidies.expire_refund_claims",
        "schedule": crontab(minute=35, hour=0),
        "options": {"expires": 12 * 3600},
    },
    # Nothing kept longer than RETENTION_PERIODS allows; at night, when few people use the site.
    "privacy-apply-retention": {
        "task": "worker.tasks.privacy.apply_retention",
        "schedule": crontab(minute=55, hour=3),
        "options": {"expires": 12 * 3600},
    },
    "idempotency-keys-clean": {
        "task": "worker.tasks.subsidies.clean_idempotency_records",
        "schedule": crontab(minute=45, hour=3),
        "options": {"expires": 12 * 3600},
    },
    # Notifications: scans write reminders to the outbox, send-due drains it. Beat nudges often,
    # so a lost message or a restarted Redis only delays sending (NOTIFICATION_*_INTERVAL_SECONDS).
    "notifications-scan": {
        "task": "worker.tasks.notifications.scan",
        "schedule": timedelta(seconds=settings.NOTIFICATION_SCAN_INTERVAL_SECONDS),
        "options": {"expires": max(1, settings.NOTIFICATION_SCAN_INTERVAL_SECONDS - 1)},
    },
    "notifications-send-due": {
        "task": "worker.tasks.notifications.send_due",
        "schedule": timedelta(seconds=settings.NOTIFICATION_SEND_INTERVAL_SECONDS),
        "options": {"expires": max(1, settings.NOTIFICATION_SEND_INTERVAL_SECONDS - 1)},
    },
    # Subsidies: compute requests and what-if runs that no message or no live worker reached
    # (Redis was down, a worker was killed) are taken up again (SUBSIDY_*/WHATIF_* settings).
    "subsidies-compute-sweep": {
        "task": "worker.tasks.subsidies.sweep_compute_requests",
        "schedule": timedelta(seconds=settings.SUBSIDY_SWEEP_INTERVAL_SECONDS),
        "options": {"expires": max(1, settings.SUBSIDY_SWEEP_INTERVAL_SECONDS - 1)},
    },
    "subsidies-whatif-sweep": {
        "task": "worker.tasks.subsidies.sweep_whatif_runs",
        "schedule": timedelta(seconds=settings.SUBSIDY_SWEEP_INTERVAL_SECONDS),
        "options": {"expires": max(1, settings.SUBSIDY_SWEEP_INTERVAL_SECONDS - 1)},
    },
}
