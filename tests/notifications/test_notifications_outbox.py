"""The outbox: a row per channel and key, preferences, quiet hours, retries, crashes, rollbacks."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import override_settings

from accounts.models import User
from applications import services as application_services
from applications.models import Application, ApplicationStatus
from common.sms import send_sms
from common.spool import read_lines
from listings.models import Listing
from notifications import services
from notifications.checks import notification_settings
from notifications.messages import About
from notifications.models import Channel, Kind, Notification, NotificationPreference, Status
from notifications.quiet import OSLO, in_quiet_hours, sms_allowed_from
from notifications.services import Planned, notifications_send_due, provider_token
from tests.factories import NewcomerFactory
from tests.notifications.conftest import NOW, status_planned
from tests.support.notification_backends import MemorySmsBackend

pytestmark = pytest.mark.django_db

LEASE = datetime.timedelta(seconds=settings.NOTIFICATION_LEASE_SECONDS)


def rows(**filters: object) -> dict[str, Notification]:
    return {row.channel: row for row in Notification.objects.filter(**filters)}


def interview_planned(application: Application) -> Planned:
    return Planned(
        recipient=application.applicant,
        kind=Kind.INTERVIEW_SOON,
        occurrence=f"application:{application.pk}:interview:test:2h",
        context={
            "application": application.pk,
            "interview_at": (NOW + datetime.timedelta(hours=2)).isoformat(),
        },
        link_path="/me/applications/1/",
        expires_at=NOW + datetime.timedelta(hours=2),
    )


# Writing to the outbox.


def test_a_notification_is_one_row_per_channel_and_planning_it_again_adds_nothing(
    application: Application,
) -> None:
    assert services.notifications_create(planned=[status_planned(application)], now=NOW) == 1
    by_channel = rows()
    assert {c: (r.status, r.last_error) for c, r in by_channel.items()} == {
        Channel.EMAIL: (Status.PENDING, ""),
        Channel.SMS: (Status.SKIPPED, "opted_out"),  # SMS about applications is off by default
        Channel.IN_APP: (Status.SENT, ""),
    }
    assert len({r.idempotency_key for r in by_channel.values()}) == 3
    assert services.notifications_create(planned=[status_planned(application)], now=NOW) == 0
    assert Notification.objects.count() == 3


def test_the_channels_a_person_chose_are_used(application: Application) -> None:
    services.notification_preferences_update(
        by=application.applicant, choices={"applications": {Channel.SMS}}
    )
    services.notifications_create(planned=[status_planned(application)], now=NOW)
    assert {c: (r.status, r.last_error) for c, r in rows().items()} == {
        Channel.EMAIL: (Status.SKIPPED, "opted_out"),
        Channel.SMS: (Status.PENDING, ""),
        Channel.IN_APP: (Status.SKIPPED, "opted_out"),
    }


def test_necessary_messages_always_reach_the_person_in_innsteg(application: Application) -> None:
    newcomer = application.applicant
    services.notification_preferences_update(by=newcomer, choices={"interviews": set()})
    stored = NotificationPreference.objects.get(user=newcomer, category="interviews")
    assert (stored.email, stored.sms, stored.in_app) == (False, False, True)
    services.notifications_create(planned=[interview_planned(application)], now=NOW)
    assert {c: r.status for c, r in rows().items()} == {
        Channel.EMAIL: Status.SKIPPED,
        Channel.SMS: Status.SKIPPED,
        Channel.IN_APP: Status.SENT,
    }


def test_a_person_chooses_only_among_their_own_categories(employer: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.notification_preferences_update(by=employer, choices={"searches": set()})
    assert "categories" in error.value.message_dict


def test_a_channel_without_an_address_is_skipped(listing: Listing) -> None:
    phone_only = NewcomerFactory(email=None, phone="+4790000001", phone_verified=True)
    application = Application.objects.create(listing=listing, applicant=phone_only, number=1)
    services.notifications_create(planned=[status_planned(application)], now=NOW)
    assert {c: (r.status, r.last_error) for c, r in rows().items()} == {
        Channel.EMAIL: (Status.SKIPPED, "no_email"),
        Channel.SMS: (Status.PENDING, ""),  # people without email get SMS by default
        Channel.IN_APP: (Status.SENT, ""),
    }


def test_an_unverified_phone_gets_no_sms(application: Application) -> None:
    User.objects.filter(pk=application.applicant_id).update(phone_verified=False)
    application.applicant.refresh_from_db()
    services.notifications_create(planned=[interview_planned(application)], now=NOW)
    assert rows()[Channel.SMS].last_error == "no_phone"


def test_a_person_who_opts_out_before_sending_gets_nothing_on_that_channel(
    application: Application,
) -> None:
    services.notifications_create(planned=[status_planned(application)], now=NOW)
    services.notification_preferences_update(
        by=application.applicant, choices={"applications": {Channel.IN_APP}}
    )
    notifications_send_due(now=NOW)
    assert not mail.outbox
    email = rows()[Channel.EMAIL]
    assert (email.status, email.last_error) == (Status.SKIPPED, "opted_out")


# Sending.


def test_due_email_and_sms_are_sent_once_with_the_link(application: Application) -> None:
    services.notifications_create(planned=[interview_planned(application)], now=NOW)
    assert notifications_send_due(now=NOW) == 2
    assert notifications_send_due(now=NOW) == 0
    (email,) = mail.outbox
    (sms,) = MemorySmsBackend.outbox
    assert email.to == [application.applicant.email]
    assert "http://127.0.0.1:8000/me/applications/1/" in email.body
    assert "/notifications/settings/" in email.body
    assert sms.to == application.applicant.phone
    assert sms.text.endswith(" http://127.0.0.1:8000/me/applications/1/")
    assert {r.status for r in rows().values()} == {Status.SENT}


def test_no_sms_between_nine_in_the_evening_and_eight_in_the_morning(
    application: Application,
) -> None:
    evening = datetime.datetime(2026, 3, 10, 22, 30, tzinfo=OSLO)
    Application.objects.filter(pk=application.pk).update(
        interview_at=evening + datetime.timedelta(hours=20)
    )
    planned = Planned(
        recipient=application.applicant,
        kind=Kind.INTERVIEW_TOMORROW,
        occurrence="application:1:interview:test:24h",
        context={
            "application": application.pk,
            "interview_at": (evening + datetime.timedelta(hours=20)).isoformat(),
        },
        link_path="/me/applications/1/",
        expires_at=evening + datetime.timedelta(hours=20),
    )
    services.notifications_create(planned=[planned], now=evening)
    sms = rows()[Channel.SMS]
    assert sms.due_at == datetime.datetime(2026, 3, 11, 8, 0, tzinfo=OSLO)
    assert notifications_send_due(now=evening) == 1  # the email goes now
    assert len(mail.outbox) == 1
    # An SMS row due in the night (a retry, say) waits too.
    Notification.objects.filter(pk=sms.pk).update(next_attempt_at=evening)
    for moment in (evening, datetime.datetime(2026, 3, 11, 7, 59, tzinfo=OSLO)):
        assert notifications_send_due(now=moment) == 0
    assert not MemorySmsBackend.outbox
    assert notifications_send_due(now=datetime.datetime(2026, 3, 11, 8, 0, tzinfo=OSLO)) == 1
    assert len(MemorySmsBackend.outbox) == 1


def test_a_reminder_whose_moment_has_passed_is_not_sent(application: Application) -> None:
    services.notifications_create(planned=[interview_planned(application)], now=NOW)
    notifications_send_due(now=NOW + datetime.timedelta(hours=3))
    assert not mail.outbox
    assert not MemorySmsBackend.outbox
    assert {r.last_error for r in Notification.objects.filter(status=Status.SKIPPED)} == {"expired"}


def test_a_reminder_about_something_done_meanwhile_is_not_sent(application: Application) -> None:
    services.notifications_create(planned=[interview_planned(application)], now=NOW)
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.REJECTED)
    notifications_send_due(now=NOW)
    assert not mail.outbox
    assert not MemorySmsBackend.outbox
    assert rows()[Channel.EMAIL].last_error == "moot"
    assert rows()[Channel.IN_APP].status == Status.SENT  # the list in Innsteg keeps it


def test_a_message_about_something_deleted_is_skipped(application: Application) -> None:
    services.notifications_create(planned=[status_planned(application)], now=NOW)
    application.delete()
    notifications_send_due(now=NOW)
    assert not mail.outbox
    assert rows()[Channel.EMAIL].last_error == "gone"


@override_settings(SMS_BACKEND="tests.support.notification_backends.FailingSmsBackend")
def test_failed_sends_are_retried_with_backoff_then_marked_failed(
    application: Application,
) -> None:
    services.notifications_create(planned=[interview_planned(application)], now=NOW)
    Notification.objects.update(expires_at=None)
    sms = rows()[Channel.SMS]
    moment = NOW
    for attempt, wait in enumerate((60, 300, 1800, 7200), start=1):
        notifications_send_due(now=moment)
        sms.refresh_from_db()
        assert (sms.status, sms.attempts) == (Status.PENDING, attempt)
        assert sms.next_attempt_at == moment + datetime.timedelta(seconds=wait)
        assert notifications_send_due(now=sms.next_attempt_at - datetime.timedelta(seconds=1)) == 0
        moment = sms.next_attempt_at
    notifications_send_due(now=moment)
    sms.refresh_from_db()
    assert (sms.status, sms.attempts) == (Status.FAILED, 5)
    assert sms.last_error == "SMS gateway failed: TimeoutError"
    assert notifications_send_due(now=moment + datetime.timedelta(days=1)) == 0


def test_admins_see_failed_notifications_and_send_them_again(
    client_for, platform_admin: User, application: Application
) -> None:  # type: ignore[no-untyped-def]
    services.notifications_create(planned=[status_planned(application)], now=NOW)
    email = rows()[Channel.EMAIL]
    Notification.objects.filter(pk=email.pk).update(
        status=Status.FAILED, attempts=5, last_error="SMTPServerDisconnected"
    )
    admin = client_for(platform_admin)
    page = admin.get("/admin/notifications/notification/?status__exact=failed")
    assert page.status_code == 200
    assert "SMTPServerDisconnected" in page.content.decode()
    response = admin.post(
        "/admin/notifications/notification/",
        {"action": "retry", "_selected_action": [email.pk]},
    )
    assert response.status_code == 302
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (Status.PENDING, 0, "")
    notifications_send_due()
    assert len(mail.outbox) == 1


def test_a_worker_that_died_between_sending_and_marking_does_not_cause_a_second_message(
    application: Application, tmp_path: Path
) -> None:
    """The dead worker's provider call went through; its row stays claimed until the lease ends."""
    services.notifications_create(planned=[interview_planned(application)], now=NOW)
    with override_settings(
        EMAIL_BACKEND="notifications.mail.FileEmailBackend", EMAIL_FILE_PATH=str(tmp_path)
    ):
        claimed = services.notifications_claim(now=NOW, worker="dead", batch_size=10)
        assert len(claimed) == 2
        # What the dead worker got done: the provider took both messages.
        dead = list(Notification.objects.filter(pk__in=claimed).select_related("recipient"))
        for row in dead:
            services._deliver(row, frozenset(Channel), About.load(dead))
        assert notifications_send_due(now=NOW + LEASE / 2) == 0  # its lease still holds
        assert notifications_send_due(now=NOW + LEASE + datetime.timedelta(seconds=1)) == 2
    sent = Notification.objects.filter(pk__in=claimed)
    assert {(r.status, r.attempts) for r in sent} == {(Status.SENT, 2)}
    email_row = rows()[Channel.EMAIL]
    lines = read_lines(tmp_path / "email.jsonl")
    assert [line["key"] for line in lines] == [provider_token(email_row.idempotency_key)]
    # At least once: the provider was handed the email twice, with the same key both times.
    handovers = read_lines(tmp_path / "handovers.jsonl")
    assert [line["key"] for line in handovers] == [provider_token(email_row.idempotency_key)] * 2
    assert len(MemorySmsBackend.outbox) == 1


def test_the_memory_and_file_sms_backends_drop_a_repeated_key(tmp_path: Path) -> None:
    send_sms(to="+4791234567", text="one", key="k1")
    send_sms(to="+4791234567", text="one", key="k1")
    send_sms(to="+4791234567", text="a login code has no key")
    send_sms(to="+4791234567", text="a login code has no key")
    assert [m.text for m in MemorySmsBackend.outbox] == ["one", *["a login code has no key"] * 2]
    with override_settings(SMS_BACKEND="common.sms.FileSmsBackend", SMS_FILE_PATH=str(tmp_path)):
        assert send_sms(to="+4791234567", text="two", key="k2") == "file-k2"
        assert send_sms(to="+4791234567", text="two", key="k2") == "file-k2"
    assert [line["key"] for line in read_lines(tmp_path / "sms.jsonl")] == ["k2"]


# Domain events: every status change tells the newcomer, in the same transaction.


def test_every_status_change_tells_the_newcomer(
    newcomer: User, employer: User, listing: Listing
) -> None:
    application = application_services.application_submit(listing=listing, by=newcomer)
    application_services.application_review(application=application, by=employer)
    application_services.application_offer(application=application, by=employer)
    in_app = Notification.objects.filter(channel=Channel.IN_APP).order_by("id")
    assert [(n.recipient_id, n.context["status"]) for n in in_app] == [
        (newcomer.pk, ApplicationStatus.SUBMITTED),
        (newcomer.pk, ApplicationStatus.IN_REVIEW),
        (newcomer.pk, ApplicationStatus.OFFERED),
    ]
    assert {n.kind for n in in_app} == {Kind.APPLICATION_STATUS}
    assert {n.link_path for n in in_app} == {f"/me/applications/{application.pk}/"}


@override_settings(NOTIFICATION_SMS_QUIET_HOURS="")
def test_a_rolled_back_transaction_sends_nothing(
    django_capture_on_commit_callbacks,
    newcomer: User,
    employer: User,
    listing: Listing,
) -> None:  # type: ignore[no-untyped-def]
    application = application_services.application_submit(listing=listing, by=newcomer)
    Notification.objects.all().delete()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        application_services.application_review(application=application, by=employer)
        assert Notification.objects.count() == 3
        raise RuntimeError("the request failed after the change")
    assert not callbacks
    assert not Notification.objects.exists()
    assert notifications_send_due() == 0
    assert not mail.outbox
    # The same change, committed: the nudge on commit sends the email at once.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        application_services.application_review(application=application, by=employer)
    assert len(callbacks) == 1
    (email,) = mail.outbox
    assert email.to == [newcomer.email]


@pytest.mark.parametrize(
    ("moment", "allowed"),
    [
        ((2026, 3, 10, 20, 59), (2026, 3, 10, 20, 59)),
        ((2026, 3, 10, 21, 0), (2026, 3, 11, 8, 0)),
        ((2026, 3, 11, 3, 0), (2026, 3, 11, 8, 0)),
        ((2026, 3, 11, 8, 0), (2026, 3, 11, 8, 0)),
        ((2026, 3, 28, 23, 0), (2026, 3, 29, 8, 0)),  # the night summer time starts
    ],
)
def test_sms_wait_until_eight_in_the_morning_oslo_time(
    moment: tuple[int, ...], allowed: tuple[int, ...]
) -> None:
    at = datetime.datetime(*moment, tzinfo=OSLO)
    assert sms_allowed_from(at) == datetime.datetime(*allowed, tzinfo=OSLO)
    assert sms_allowed_from(at.astimezone(datetime.UTC)) == datetime.datetime(*allowed, tzinfo=OSLO)


def test_the_quiet_hours_setting_is_checked_and_can_be_switched_off() -> None:
    night = datetime.datetime(2026, 3, 10, 23, 0, tzinfo=OSLO)
    with override_settings(NOTIFICATION_SMS_QUIET_HOURS="bogus"):
        assert [error.id for error in notification_settings()] == ["notifications.E001"]
    with override_settings(NOTIFICATION_SMS_QUIET_HOURS=""):
        assert not in_quiet_hours(night)
        assert sms_allowed_from(night) == night
    with override_settings(NOTIFICATION_SMS_QUIET_HOURS="22:00-07:00"):
        assert in_quiet_hours(night)
        assert not in_quiet_hours(night.replace(hour=21, minute=30))
    assert not notification_settings()
