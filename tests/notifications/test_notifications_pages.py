"""Messages in the recipient's language; the in-app list, the unread count and the settings page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.translation import gettext

from accounts.models import User
from applications.models import Application, ApplicationStatus
from common.dates import local_datetime
from common.text import isolate
from notifications import services
from notifications.context_processors import unread_count
from notifications.messages import render
from notifications.models import Channel, Kind, Notification, NotificationPreference
from notifications.services import Planned, notifications_send_due
from tests.notifications.conftest import NOW, status_planned
from tests.support.notification_backends import MemorySmsBackend

pytestmark = pytest.mark.django_db

ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff]")


def interview_soon(application: Application, recipient: User) -> Planned:
    at = NOW + datetime.timedelta(hours=2)
    return Planned(
        recipient=recipient,
        kind=Kind.INTERVIEW_SOON,
        occurrence=f"application:{application.pk}:interview:{at.isoformat()}:2h",
        context={"application": application.pk, "interview_at": at.isoformat()},
        link_path=f"/me/applications/{application.pk}/",
    )


def in_app_rows(user: User) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, channel=Channel.IN_APP))


# Messages come out in the recipient's language.


def test_an_sms_and_an_email_to_an_arabic_reader_are_in_arabic(
    application: Application,
) -> None:
    assert application.applicant.language == "ar"
    services.notifications_create(
        planned=[interview_soon(application, application.applicant)], now=NOW
    )
    notifications_send_due(now=NOW)
    (sms,) = MemorySmsBackend.outbox
    (email,) = mail.outbox
    at = NOW + datetime.timedelta(hours=2)
    with translation.override("ar"):
        when = local_datetime(at)
        expected = gettext(
            "Reminder: your interview with %(organisation)s for %(title)s is on %(when)s."
        ) % {
            "organisation": isolate(application.listing.organisation.name),
            "title": isolate(application.listing.title),
            "when": when,
        }
        subject = gettext("Interview reminder")
    assert ARABIC_LETTERS.search(when), "the date is written the Arabic way"
    assert sms.text == f"{expected} http://127.0.0.1:8000/me/applications/{application.pk}/"
    assert email.subject == subject
    assert email.body.startswith(expected)
    assert len(sms.text) < 300, "short enough for a phone"


def test_each_person_gets_the_message_in_their_own_language(
    application: Application, employer: User
) -> None:
    employer.language = "uk"
    employer.save(update_fields=["language"])
    services.notifications_create(
        planned=[
            interview_soon(application, application.applicant),
            interview_soon(application, employer),
        ],
        now=NOW,
    )
    notifications_send_due(now=NOW)
    by_address = {message.to[0]: message for message in mail.outbox}
    with translation.override("uk"):
        subject_uk = gettext("Interview reminder")
        when_uk = local_datetime(NOW + datetime.timedelta(hours=2))
    with translation.override("ar"):
        subject_ar = gettext("Interview reminder")
    assert by_address[employer.email].subject == subject_uk
    assert when_uk in by_address[employer.email].body
    assert application.applicant.full_name in by_address[employer.email].body
    assert by_address[application.applicant.email].subject == subject_ar


def test_the_in_app_message_follows_the_language_of_the_page(application: Application) -> None:
    services.notifications_create(planned=[status_planned(application)], now=NOW)
    (row,) = in_app_rows(application.applicant)
    for language in ("ar", "nb", "en"):
        with translation.override(language):
            expected = gettext(
                "Your application for %(title)s has been sent to %(organisation)s."
            ) % {
                "title": isolate(application.listing.title),
                "organisation": isolate(application.listing.organisation.name),
            }
        assert render(row, language=language).text == expected


def test_every_status_has_its_own_message(application: Application) -> None:
    texts = set()
    for status in ApplicationStatus:
        planned = Planned(
            recipient=application.applicant,
            kind=Kind.APPLICATION_STATUS,
            occurrence=f"application:{application.pk}:{status}",
            context={"application": application.pk, "status": status},
            link_path="/",
        )
        services.notifications_create(planned=[planned], now=NOW)
        row = Notification.objects.get(
            idempotency_key__startswith=f"application_status:application:{application.pk}:{status}:",
            channel=Channel.IN_APP,
        )
        texts.add(render(row, language="en").text)
    assert len(texts) == len(ApplicationStatus)


# The in-app list and the unread count.


def test_the_list_shows_the_persons_own_notifications_in_arabic_right_to_left(
    client_for, application: Application, newcomer_b: User
) -> None:  # type: ignore[no-untyped-def]
    services.notifications_create(planned=[status_planned(application)], now=NOW)
    other = Application.objects.create(listing=application.listing, applicant=newcomer_b, number=99)
    services.notifications_create(planned=[status_planned(other)], now=NOW)
    response = client_for(application.applicant).get("/notifications/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    with translation.override("ar"):
        assert f"<h1>{gettext('Notifications')}</h1>" in html
        assert gettext("News about your application") in html
    assert f'href="/me/applications/{application.pk}/"' in html
    assert f'href="/me/applications/{other.pk}/"' not in html
    assert response.context["notifications_unread"] == 1


def test_marking_as_read_works_without_javascript_and_only_for_the_owner(
    client_for, application: Application, newcomer_b: User
) -> None:  # type: ignore[no-untyped-def]
    services.notifications_create(planned=[status_planned(application)], now=NOW)
    (row,) = in_app_rows(application.applicant)
    assert client_for(newcomer_b).post(f"/notifications/{row.pk}/read").status_code == 404
    assert client_for(application.applicant).get(f"/notifications/{row.pk}/read").status_code == 405
    response = client_for(application.applicant).post(
        f"/notifications/{row.pk}/read", {"next": "/notifications/?page=1"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/notifications/?page=1"
    row.refresh_from_db()
    assert row.read_at is not None


def test_mark_all_as_read(client_for, application: Application) -> None:  # type: ignore[no-untyped-def]
    services.notifications_create(
        planned=[status_planned(application), status_planned(application, "in_review")], now=NOW
    )
    client = client_for(application.applicant)
    assert client.get("/notifications/").context["notifications_unread"] == 2
    assert client.post("/notifications/read-all").status_code == 302
    assert client.get("/notifications/").context["notifications_unread"] == 0


def test_the_unread_count_is_one_query_and_only_for_signed_in_people(
    django_assert_num_queries, application: Application
) -> None:  # type: ignore[no-untyped-def]
    services.notifications_create(
        planned=[status_planned(application), status_planned(application, "in_review")], now=NOW
    )
    request = RequestFactory().get("/")
    request.user = application.applicant
    with django_assert_num_queries(1):
        context = unread_count(request)
    assert Template("{{ notifications_unread }}").render(Context(context)) == "2"
    Notification.objects.filter(channel=Channel.IN_APP).update(read_at=NOW)
    assert not unread_count(request)["notifications_unread"]
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert unread_count(request) == {}


def test_the_pages_need_a_signed_in_person() -> None:
    for url in ("/notifications/", "/notifications/settings/"):
        response = Client().get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


# Choosing channels.


def test_a_person_chooses_channels_per_category_and_can_switch_off_all_but_the_necessary(
    client_for, newcomer: User
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(newcomer)
    page = client.get("/notifications/settings/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'name="applications" value="in_app"' in html
    assert 'name="interviews" value="in_app"' not in html  # it cannot be switched off
    assert 'name="applicants"' not in html  # an employer's category
    response = client.post("/notifications/settings/", {"applications": ["sms"]})
    assert response.status_code == 302
    stored = {
        p.category: (p.email, p.sms, p.in_app)
        for p in NotificationPreference.objects.filter(user=newcomer)
    }
    assert stored["applications"] == (False, True, False)
    assert stored["searches"] == (False, False, False)
    assert stored["interviews"] == (False, False, True)
    assert stored["offers"] == (False, False, True)
    page = client.get("/notifications/settings/")
    assert page.context["form"]["applications"].value() == ["sms"]


def test_the_settings_page_for_an_employer_shows_the_employers_categories(
    client_for, employer: User
) -> None:  # type: ignore[no-untyped-def]
    html = client_for(employer).get("/notifications/settings/").content.decode()
    assert 'name="applicants"' in html
    assert 'name="searches"' not in html
