"""Retention: anonymise or delete what is past its period (privacy.retention)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from privacy.retention import retention_apply


@shared_task(name="worker.tasks.privacy.apply_retention", time_limit=1800)
def apply_retention() -> dict[str, int]:
    return retention_apply(now=timezone.now()).as_dict()
