"""Withdrawing asks first (a page that works without JavaScript), and can be undone for ten
minutes: the application returns to the status it had, the timeline keeps both steps, and the
employer sees it as it was. After the window the undo is refused with its own error."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from applications.models import Application, ApplicationStatus
from applications.services import (
    WITHDRAW_UNDO_WINDOW,
    UndoTooLate,
    application_review,
    application_withdraw,
    application_withdraw_undo,
    withdrawal_undo_until,
)
from common.errors import Conflict, NotAllowed
from listings.models import Listing
from notifications.models import Notification
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

ClientFor = Callable[[User | None], Client]


def test_withdrawing_asks_first_and_the_question_changes_nothing(
    client_for: ClientFor, newcomer: User, listing: Listing
) -> None:
    application = ApplicationFactory(listing=listing, applicant=newcomer)
    client = client_for(newcomer)
    detail = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    confirm_url = reverse("applications:withdraw", args=[application.pk])
    # The detail page links to the question; it does not withdraw in one tap.
    assert f'href="{confirm_url}"' in detail
    page = client.get(confirm_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Withdraw your application?" in html
    assert 'class="button danger primary"' in html  # the step, in red
    assert 'class="button secondary"' in html  # keeping it, as an outline
    assert "10 minutes" in html
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_undo_brings_the_application_back_as_it_was(
    client_for: ClientFor, newcomer: User, employer: User, listing: Listing
) -> None:
    application = ApplicationFactory(listing=listing, applicant=newcomer)
    application_review(application=application, by=employer)
    client = client_for(newcomer)
    client.post(reverse("applications:withdraw", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    html = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert reverse("applications:withdraw_undo", args=[application.pk]) in html
    assert "Undo the withdrawal" in html

    response = client.post(
        reverse("applications:withdraw_undo", args=[application.pk]), follow=True
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    html = response.content.decode()
    assert "Your application is back" in html
    assert "The withdrawal was undone." in html
    steps = [(e.from_status, e.to_status) for e in application.events.order_by("at", "id")]
    assert steps[-2:] == [
        (ApplicationStatus.IN_REVIEW, ApplicationStatus.WITHDRAWN),
        (ApplicationStatus.WITHDRAWN, ApplicationStatus.IN_REVIEW),
    ]
    # The employer's page shows the application as it was, with the step named.
    employer_html = (
        client_for(employer)
        .get(reverse("employer:application_detail", args=[application.pk]))
        .content.decode()
    )
    assert "The applicant took back their withdrawal." in employer_html
    # The employer is sent nothing about the withdrawal or its undoing.
    assert not Notification.objects.filter(recipient=employer).exists()
    # Withdrawing again is possible, and can again be undone.
    application_withdraw(application=application, by=newcomer)
    application_withdraw_undo(application=application, by=newcomer)


def test_undo_after_the_window_is_refused_with_its_own_error(
    newcomer: User, listing: Listing
) -> None:
    application: Application = ApplicationFactory(listing=listing, applicant=newcomer)
    application_withdraw(application=application, by=newcomer)
    application = Application.objects.prefetch_related("events").get(pk=application.pk)
    later = timezone.now() + WITHDRAW_UNDO_WINDOW + datetime.timedelta(seconds=1)
    assert withdrawal_undo_until(application) is not None
    assert withdrawal_undo_until(application, now=later) is None
    with translation.override("en"), pytest.raises(UndoTooLate) as refused:
        application_withdraw_undo(application=application, by=newcomer, now=later)
    assert refused.value.code == "undo_too_late"
    assert "10 minutes" in str(refused.value)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_only_the_applicant_undoes_and_only_a_withdrawal(
    client_for: ClientFor, newcomer: User, newcomer_b: User, listing: Listing
) -> None:
    application: Application = ApplicationFactory(listing=listing, applicant=newcomer)
    with pytest.raises(Conflict) as nothing:
        application_withdraw_undo(application=application, by=newcomer)
    assert nothing.value.code == "not_withdrawn"
    application_withdraw(application=application, by=newcomer)
    with pytest.raises(NotAllowed):
        application_withdraw_undo(application=application, by=newcomer_b)
    undo_url = reverse("applications:withdraw_undo", args=[application.pk])
    assert client_for(newcomer_b).post(undo_url).status_code == 404
    # Undoing twice: the second says there is nothing to undo, on the page, without a 500.
    client = client_for(newcomer)
    client.post(undo_url)
    response = client.post(undo_url, follow=True)
    assert response.status_code == 200
    assert "nothing to undo" in response.content.decode()


def test_a_withdrawal_by_account_deletion_or_older_is_not_offered_for_undo(
    client_for: ClientFor, newcomer: User, listing: Listing
) -> None:
    application: Application = ApplicationFactory(listing=listing, applicant=newcomer)
    application_withdraw(application=application, by=newcomer)
    application.events.filter(to_status=ApplicationStatus.WITHDRAWN).update(
        at=timezone.now() - WITHDRAW_UNDO_WINDOW - datetime.timedelta(minutes=1)
    )
    html = (
        client_for(newcomer)
        .get(reverse("applications:detail", args=[application.pk]))
        .content.decode()
    )
    assert "Undo the withdrawal" not in html
