"""Periodic upkeep of accounts: delete the ones whose phone or email was never verified."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings

from accounts.services import user_delete_unverified


@shared_task(name="worker.tasks.accounts.delete_unverified_accounts", time_limit=300)
def delete_unverified_accounts() -> int:
    return user_delete_unverified(older_than=timedelta(hours=settings.UNVERIFIED_ACCOUNT_HOURS))
