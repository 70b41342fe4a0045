import datetime

import pytest
from django.utils import timezone

from listings.models import ListingStatus
from worker.celery_app import app
from worker.schedule import BEAT_SCHEDULE
from worker.tasks import marketplace


def test_every_scheduled_task_exists_and_expires() -> None:
    for name, entry in BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name
        assert entry["options"]["expires"] > 0, name


@pytest.mark.django_db
def test_the_close_task_closes_listings_past_their_deadline(listing) -> None:  # type: ignore[no-untyped-def]
    listing.status = ListingStatus.PUBLISHED
    listing.deadline = timezone.localdate() - datetime.timedelta(days=1)
    listing.save()
    assert marketplace.close_expired_listings.apply().get() == 1
    listing.refresh_from_db()
    assert listing.status == ListingStatus.CLOSED
    assert marketplace.close_expired_listings.apply().get() == 0
