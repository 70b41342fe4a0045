"""Periodic upkeep of placement agreements: start them on their start date, end them after."""

from celery import shared_task
from django.utils import timezone

from placements.services import agreements_start_and_end


@shared_task(name="worker.tasks.placements.start_and_end_agreements", time_limit=300)
def start_and_end_agreements() -> dict[str, int]:
    return agreements_start_and_end(today=timezone.localdate())
