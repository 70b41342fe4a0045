"""A worker renews the lease of the rows it holds while it sends a batch, and gives back the rows
it has not sent when it must stop (shutdown, or its task's budget spent)."""

from __future__ import annotations

import time
from typing import ClassVar

import pytest
from django.test import override_settings
from django.utils import timezone

from applications.models import Application
from common.sms import BaseSmsBackend, Sms
from notifications.models import Channel, Notification, Status
from notifications.services import notifications_claim, notifications_send_due
from tests.notifications.conftest import due_rows

pytestmark = pytest.mark.django_db

LEASE_SECONDS = 2
ANSWER_SECONDS = 0.3  # ten messages take 3 s: longer than the lease


class TakeoverProbeSmsBackend(BaseSmsBackend):
    """A gateway that takes ANSWER_SECONDS a message; after each one, another worker tries to
    claim whatever is due."""

    sent: ClassVar[list[str]] = []
    taken: ClassVar[list[int]] = []

    def send(self, message: Sms) -> str:
        time.sleep(ANSWER_SECONDS)
        self.sent.append(message.key)
        self.taken.extend(notifications_claim(now=timezone.now(), worker="other", batch_size=100))
        return f"probe-{message.key}"


@override_settings(
    NOTIFICATION_LEASE_SECONDS=LEASE_SECONDS,
    SMS_BACKEND=f"{__name__}.TakeoverProbeSmsBackend",
    NOTIFICATION_SMS_QUIET_HOURS="",
)
def test_a_batch_that_takes_longer_than_the_lease_keeps_its_rows(
    applications: list[Application],
) -> None:
    TakeoverProbeSmsBackend.sent, TakeoverProbeSmsBackend.taken = [], []
    ids = due_rows(applications, 10, channels=(Channel.SMS,))
    started = time.monotonic()
    assert notifications_send_due(worker="first", batch_size=10) == 10
    assert time.monotonic() - started > LEASE_SECONDS
    assert TakeoverProbeSmsBackend.taken == [], "another worker took rows the first still held"
    assert len(TakeoverProbeSmsBackend.sent) == len(set(TakeoverProbeSmsBackend.sent)) == 10
    rows = Notification.objects.filter(pk__in=ids)
    assert {(row.status, row.attempts) for row in rows} == {(Status.SENT, 1)}


@override_settings(NOTIFICATION_SMS_QUIET_HOURS="")
def test_a_worker_that_must_stop_gives_back_the_rows_it_has_not_sent(
    applications: list[Application],
) -> None:
    ids = due_rows(applications, 6, channels=(Channel.SMS,))
    asked = 0

    def keep_going() -> bool:
        nonlocal asked
        asked += 1
        return asked <= 2  # two messages, then the worker shuts down

    assert notifications_send_due(worker="stopping", batch_size=6, keep_going=keep_going) == 6
    rows = Notification.objects.filter(pk__in=ids)
    assert rows.filter(status=Status.SENT).count() == 2
    back = rows.exclude(status=Status.SENT)
    assert {(r.status, r.attempts, r.claimed_by, r.claimed_at) for r in back} == {
        (Status.PENDING, 0, "", None)
    }
    assert notifications_send_due(worker="next", batch_size=6) == 4  # sent by the next worker
    assert rows.filter(status=Status.SENT).count() == 6
