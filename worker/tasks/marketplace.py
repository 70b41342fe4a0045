"""Periodic upkeep of the marketplace: close listings past their deadline, expire applications."""

from celery import shared_task
from django.utils import timezone

from applications.services import applications_expire
from listings.services import listings_close_expired


@shared_task(name="worker.tasks.marketplace.close_expired_listings", time_limit=300)
def close_expired_listings() -> int:
    return listings_close_expired(today=timezone.localdate())


@shared_task(name="worker.tasks.marketplace.expire_applications", time_limit=300)
def expire_applications() -> int:
    return applications_expire(today=timezone.localdate())
