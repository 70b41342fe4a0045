"""`manage.py check` (and every command that runs checks) refuses nonsense in the notification
settings before a worker meets it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

from notifications.quiet import quiet_hours

PERIODS = frozenset(
    {
        "application_unanswered_days",
        "interview_reminder_hours",
        "saved_listing_deadline_days",
        "offer_waiting_days",
        "agreement_waiting_days",
        "period_ending_days",
        "case_waiting_working_days",
        "refund_claim_due_days",
        "search_digest_hours",
    }
)


@register()
def notification_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    try:
        quiet_hours()
    except ImproperlyConfigured as error:
        errors.append(Error(str(error), id="notifications.E001"))
    missing = PERIODS - set(settings.NOTIFICATION_PERIODS)
    if missing:
        errors.append(
            Error(
                f"NOTIFICATION_PERIODS lacks {', '.join(sorted(missing))}.",
                id="notifications.E002",
            )
        )
    if not settings.NOTIFICATION_RETRY_BACKOFF_SECONDS:
        errors.append(
            Error("NOTIFICATION_RETRY_BACKOFF_SECONDS needs one wait.", id="notifications.E003")
        )
    return errors
