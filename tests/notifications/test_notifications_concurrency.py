"""Two scans, two planners or two senders at the same moment: one row per key, one message each.

Each thread has its own database connection, so the data is committed first.
"""

from __future__ import annotations

import datetime
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import connection

from accounts.models import User
from applications.models import ApplicationEvent, ApplicationStatus
from listings.models import Listing
from notifications import scans, services
from notifications.mail import IDEMPOTENCY_HEADER
from notifications.models import Channel, Notification, Status
from tests.factories import ApplicationFactory, NewcomerFactory
from tests.notifications.conftest import NOW, due_rows, status_planned

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(work: Callable[[], Any], times: int = 2) -> list[Any]:
    """Run `work` in `times` threads released together; return what each returned."""
    barrier = threading.Barrier(times)
    results: list[Any] = [None] * times
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work()
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def test_two_scans_at_once_write_each_reminder_once(employer: User, listing: Listing) -> None:
    for _ in range(30):
        ApplicationFactory(
            listing=listing,
            applicant=NewcomerFactory(),
            submitted_at=NOW - datetime.timedelta(days=6),
        )
    application = ApplicationFactory(
        listing=listing,
        applicant=NewcomerFactory(),
        status=ApplicationStatus.INTERVIEW,
        interview_at=NOW + datetime.timedelta(hours=3),
    )
    ApplicationEvent.objects.create(
        application=application, from_status="submitted", to_status="interview", by=employer
    )
    results = at_once(lambda: scans.scan_all(now=NOW), times=3)
    assert sum(r["applications_unanswered"] for r in results) == 30
    assert sum(r["interviews"] for r in results) == 2
    assert Notification.objects.count() == (30 + 2) * 3


def test_two_planners_of_the_same_notification_write_it_once(
    newcomer: User, listing: Listing
) -> None:
    application = ApplicationFactory(listing=listing, applicant=newcomer)
    results = at_once(
        lambda: services.notifications_create(planned=[status_planned(application)], now=NOW),
        times=4,
    )
    assert Notification.objects.count() == 3
    assert 1 <= sum(results) <= 4  # a planner counts what it found missing when it looked


def test_two_senders_at_once_send_each_message_once(listing: Listing) -> None:
    applications = [
        ApplicationFactory(listing=listing, applicant=NewcomerFactory()) for _ in range(60)
    ]
    due_rows(applications, 60, channels=(Channel.EMAIL,))

    def drain() -> int:
        sent = 0
        while claimed := services.notifications_send_due(batch_size=7):
            sent += claimed
        return sent

    assert sum(at_once(drain, times=3)) == 60
    keys = Counter(message.extra_headers[IDEMPOTENCY_HEADER] for message in mail.outbox)
    assert len(keys) == 60
    assert max(keys.values()) == 1
    assert not Notification.objects.filter(status=Status.PENDING).exists()
