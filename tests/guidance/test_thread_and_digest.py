"""The thread between a newcomer and their guide, the suggestions and introductions, and the
guide's weekly digest."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from applications.models import ApplicationStatus
from common.errors import Conflict, NotAllowed
from guidance import services
from guidance.models import GuideMessage, Introduction, IntroductionStatus
from guidance.reminders import scan_guide_digests
from listings.models import Listing
from notifications import messages
from notifications.models import Channel, Kind, Notification, Status
from notifications.quiet import OSLO
from notifications.scans import scan_all
from notifications.services import notification_preferences_update, notifications_send_due
from placements.models import AgreementStatus, PlacementAgreement
from plans.models import StepStatus
from tests.conftest import login
from tests.factories import ApplicationFactory, NewcomerFactory
from tests.guidance.conftest import follow
from tests.placements.agreement_steps import accept_offer
from tests.plans.factories import PlanFactory, StepFactory
from tests.support.notification_backends import MemorySmsBackend

pytestmark = pytest.mark.django_db

SECRET = "Jeg har fått ny bolig i Stovner"


def test_a_message_is_encrypted_at_rest_and_announced_without_its_text(
    guide: User, sharing: User, caplog: pytest.LogCaptureFixture
) -> None:
    sharing.phone, sharing.phone_verified = "+4791234567", True
    sharing.save(update_fields=["phone", "phone_verified"])
    notification_preferences_update(
        by=sharing, choices={"guidance": {Channel.SMS, Channel.EMAIL, Channel.IN_APP}}
    )
    caplog.set_level(logging.DEBUG)
    client = login(Client(), guide)
    response = client.post(reverse("guidance:thread", args=[sharing.pk]), {"body": SECRET})
    assert response.status_code == 302 and SECRET not in response["Location"]
    message = GuideMessage.objects.get()
    assert message.body == SECRET and message.sender == guide
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM guidance_guidemessage WHERE id = %s", [message.pk])
        (stored,) = cursor.fetchone()
    assert SECRET not in stored

    rows = Notification.objects.filter(recipient=sharing, kind=Kind.GUIDE_MESSAGE)
    assert {row.channel for row in rows} == {Channel.EMAIL, Channel.SMS, Channel.IN_APP}
    assert all(SECRET not in str(row.context) and SECRET not in row.link_path for row in rows)
    rendered = messages.render(rows.get(channel=Channel.IN_APP))
    assert SECRET not in rendered.text and guide.full_name in rendered.text
    assert rendered.url.endswith(reverse("guidance:mine"))
    # Sent in the morning (quiet hours): the SMS carries the link, never the text.
    morning = datetime.datetime(2030, 1, 7, 10, 0, tzinfo=OSLO)
    notifications_send_due(now=morning)
    sms = [m.text for m in MemorySmsBackend.outbox]
    assert sms and all(SECRET not in text for text in sms)
    assert mail.outbox and all(SECRET not in m.body + m.subject for m in mail.outbox)
    assert all(SECRET not in record.getMessage() for record in caplog.records)


def test_the_newcomer_answers_and_the_guide_is_told(guide: User, sharing: User) -> None:
    services.message_send(newcomer=sharing, sender=guide, body="Hvordan gikk intervjuet?")
    client = login(Client(), sharing)
    page = client.get(reverse("guidance:mine"))
    assert "Hvordan gikk intervjuet?" in page.content.decode()
    assert GuideMessage.objects.get().read_at is not None  # reading marks it read
    client.post(reverse("guidance:mine"), {"body": "Det gikk bra, takk!"})
    answer = GuideMessage.objects.get(sender=sharing)
    told = Notification.objects.get(recipient=guide, kind=Kind.GUIDE_MESSAGE, channel="in_app")
    assert told.context == {"message": answer.pk}
    assert told.link_path == reverse("guidance:thread", args=[sharing.pk])
    # A message read before its SMS or email goes out is not announced any more.
    pending = Notification.objects.get(recipient=guide, kind=Kind.GUIDE_MESSAGE, channel="email")
    assert pending.status == Status.PENDING
    services.thread_mark_read(newcomer=sharing, reader=guide)
    assert not messages.still_relevant(pending, messages.About())


def test_only_the_newcomer_and_their_guide_write_in_the_thread(
    guide: User, guide_b: User, sharing: User, newcomer_b: User
) -> None:
    with pytest.raises(NotAllowed):
        services.message_send(newcomer=sharing, sender=guide_b, body="Hei")
    with pytest.raises(NotAllowed):
        services.message_send(newcomer=sharing, sender=newcomer_b, body="Hei")
    lonely = NewcomerFactory()
    with pytest.raises(Conflict):
        services.message_send(newcomer=lonely, sender=lonely, body="Hei")
    client = login(Client(), sharing)
    empty = client.post(
        reverse("api-my-guide-messages"), {"body": "  "}, content_type="application/json"
    )
    assert empty.status_code == 400 and "body" in empty.json()["error"]["fields"]
    assert not GuideMessage.objects.exists()


def test_the_newcomer_sees_the_guides_suggestion_on_their_pages(
    guide: User, sharing: User, listing: Listing
) -> None:
    guide_client = login(Client(), guide)
    response = guide_client.post(
        reverse("guidance:suggest", args=[sharing.pk]),
        {"suggest-listing": listing.pk, "suggest-note": "Du har erfaring som baker."},
    )
    assert response.status_code == 302
    client = login(Client(), sharing)
    detail = client.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    assert 'class="callout suggested"' in detail and "Du har erfaring som baker." in detail
    mine = client.get(reverse("guidance:mine")).content.decode()
    assert listing.title in mine
    assert client.get(reverse("api-my-guide-suggestions")).json()[0]["listing"] == listing.pk
    # Someone else sees no marker on the same listing.
    other = login(Client(), NewcomerFactory())
    assert (
        "callout suggested"
        not in other.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    )
    assert Notification.objects.filter(recipient=sharing, kind=Kind.GUIDE_SUGGESTION).exists()
    again = guide_client.post(
        reverse("api-guide-suggestion-list", args=[sharing.pk]),
        {"listing": listing.pk},
        content_type="application/json",
    )
    assert again.status_code == 409


def test_the_employer_sees_the_introduction_with_the_guides_note(
    guide: User, sharing: User, listing: Listing, employer: User, employer_b: User
) -> None:
    guide_client = login(Client(), guide)
    response = guide_client.post(
        reverse("api-guide-introduction-list", args=[sharing.pk]),
        {
            "organisation": listing.organisation_id,
            "listing": listing.pk,
            "note": "Punktlig og blid.",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    told = Notification.objects.get(
        recipient=employer, kind=Kind.GUIDE_INTRODUCTION, channel="in_app"
    )
    assert sharing.full_name not in messages.render(told).text  # the name is on the page only
    client = login(Client(), employer)
    page = client.get(reverse("employer:introductions")).content.decode()
    assert "Punktlig og blid." in page and sharing.full_name in page and guide.full_name in page
    other = login(Client(), employer_b)
    assert "Punktlig og blid." not in other.get(reverse("employer:introductions")).content.decode()
    assert other.get(reverse("api-introduction-list")).json() == []
    introduction = Introduction.objects.get()
    assert (
        other.post(
            reverse("employer:introduction_answer", args=[introduction.pk]), {"welcome": "yes"}
        ).status_code
        == 404
    )
    client.post(reverse("employer:introduction_answer", args=[introduction.pk]), {"welcome": "yes"})
    introduction.refresh_from_db()
    assert (
        introduction.status == IntroductionStatus.WELCOMED and introduction.answered_by == employer
    )
    answered = Notification.objects.get(
        recipient=guide, kind=Kind.GUIDE_INTRODUCTION, channel="in_app"
    )
    assert sharing.full_name in messages.render(answered, language="en").text


MONDAY_MORNING = datetime.datetime(2026, 12, 7, 8, 0, tzinfo=OSLO)


def test_the_weekly_digest_tells_the_guide_who_needs_them(
    guide: User, sharing: User, private: User, listing: Listing
) -> None:
    guide.language = "en"
    guide.save(update_fields=["language"])
    now = MONDAY_MORNING
    # Sharing: no application for 20 days, an interview on Wednesday, an overdue plan step.
    application = ApplicationFactory(listing=listing, applicant=sharing)
    application.submitted_at = now - datetime.timedelta(days=20)
    application.status = ApplicationStatus.INTERVIEW
    application.interview_at = now + datetime.timedelta(days=2)
    application.save()
    StepFactory(
        plan=PlanFactory(newcomer=sharing),
        due_date=now.date() - datetime.timedelta(days=1),
        status=StepStatus.IN_PROGRESS,
    )
    # A placement of a third newcomer ends in three weeks.
    placed = follow(NewcomerFactory(full_name="Dawit Haile"), guide, shares=True)
    agreement = accept_offer(listing, placed)
    PlacementAgreement.objects.filter(pk=agreement.pk).update(
        status=AgreementStatus.RUNNING,
        start_date=now.date() - datetime.timedelta(days=60),
        end_date=now.date() + datetime.timedelta(days=21),
        newcomer_approved_at=now,
        employer_approved_at=now,
        veileder_approved_at=now,
    )
    # Private does not share: they are counted in nothing.

    assert scan_guide_digests(now=now - datetime.timedelta(hours=2)) == 0  # before 07:00 Monday
    assert scan_guide_digests(now=now) == 1
    assert scan_guide_digests(now=now + datetime.timedelta(days=3)) == 0  # once a week
    digest = Notification.objects.get(recipient=guide, kind=Kind.GUIDE_DIGEST, channel="in_app")
    assert digest.context == {
        "week": "2026-W50",
        "idle": 1,  # Dawit applied (and accepted an offer) just now
        "interviews": 1,
        "ending": 1,
        "overdue": 1,
    }
    text = messages.render(digest).text
    assert "1 has not applied for anything in 14 days" in text
    assert "1 has an interview coming" in text and "1 has a plan step overdue" in text
    assert sharing.full_name not in text
    assert digest.link_path == reverse("guidance:caseload")
    # Next week there is a new one; scan_all runs it too.
    next_week = now + datetime.timedelta(days=7)
    assert scan_all(now=next_week)["guide_digests"] == 1
    assert sum(scan_all(now=next_week).values()) == 0


def test_a_guide_with_nothing_to_report_gets_no_digest(guide: User, private: User) -> None:
    assert scan_guide_digests(now=MONDAY_MORNING) == 0
    assert timezone.now()  # the scan reads nothing else
