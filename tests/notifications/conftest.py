"""Helpers for the notification tests: a fixed "now", phones, outbox rows to send and to read."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone

from accounts.models import User
from applications.models import Application, ApplicationStatus
from listings.models import Listing
from notifications.models import Channel, Kind, Notification
from notifications.quiet import OSLO
from notifications.services import Planned
from tests.factories import ApplicationFactory, NewcomerFactory

# A Tuesday at noon in Oslo: no quiet hours, a working day.
NOW = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=OSLO)

_phones = itertools.count(91000001)


def with_phone(user: User) -> User:
    user.phone = f"+47{next(_phones)}"
    user.phone_verified = True
    user.save(update_fields=["phone", "phone_verified"])
    return user


def in_app(kind: str) -> list[tuple[int, str]]:
    """(recipient, occurrence part of the key) of the in-app rows of `kind`."""
    return sorted(
        (n.recipient_id, n.idempotency_key.split(":user")[0])
        for n in Notification.objects.filter(kind=kind, channel=Channel.IN_APP)
    )


def status_planned(application: Application, occurrence: str = "submitted") -> Planned:
    """An "application status" notification to the applicant, as the domain event plans it."""
    return Planned(
        recipient=application.applicant,
        kind=Kind.APPLICATION_STATUS,
        occurrence=f"application:{application.pk}:{occurrence}",
        context={"application": application.pk, "status": "submitted"},
        link_path=f"/me/applications/{application.pk}/",
    )


@pytest.fixture
def application(newcomer: User, listing: Listing) -> Application:
    """The newcomer's (Arabic-reading) application, with an interview two hours after NOW."""
    return ApplicationFactory(
        listing=listing,
        applicant=with_phone(newcomer),
        status=ApplicationStatus.INTERVIEW,
        interview_at=NOW + datetime.timedelta(hours=2),
    )


@pytest.fixture
def applications(listing: Listing) -> list[Application]:
    """Ten newcomers with email and a verified phone, each with an application."""
    return [
        ApplicationFactory(listing=listing, applicant=with_phone(NewcomerFactory()))
        for _ in range(10)
    ]


def due_rows(
    applications: list[Application],
    count: int,
    *,
    first: int = 0,
    channels: tuple[str, ...] = (Channel.SMS, Channel.EMAIL),
) -> list[int]:
    """`count` rows due now, on `channels` in turn: offers waiting for an answer (SMS on for them).

    Written straight to the table: no nudge to a worker on commit. The applications get their
    offers, so that the reminders are still worth sending.
    """
    now = timezone.now()
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(
        status=ApplicationStatus.OFFERED, offered_at=now
    )
    rows = []
    for number in range(first, first + count):
        application = applications[number % len(applications)]
        channel = channels[number % len(channels)]
        rows.append(
            Notification(
                recipient=application.applicant,
                channel=channel,
                kind=Kind.OFFER_WAITING,
                idempotency_key=f"test:{number}:user{application.applicant_id}:{channel}",
                context={"application": application.pk, "answer_by": "2026-12-24"},
                link_path=f"/me/applications/{application.pk}/",
                due_at=now,
                next_attempt_at=now,
            )
        )
    return [row.pk for row in Notification.objects.bulk_create(rows)]
