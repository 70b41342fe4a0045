"""Each marketplace reminder is written once by its scan, at the moment the settings say."""

from __future__ import annotations

import datetime
from datetime import UTC

import pytest
from django.conf import settings
from django.test import override_settings

from accounts.models import User
from applications import reminders as marketplace
from applications.models import Application, ApplicationEvent, ApplicationStatus
from listings.models import Listing, ListingKind, SavedListing, SavedSearch
from notifications import scans
from notifications.models import Channel, Kind, Notification
from notifications.quiet import OSLO
from organisations.models import MemberRights, Membership, Organisation
from tests.factories import ApplicationFactory, ListingFactory, UserFactory
from tests.notifications.conftest import NOW, in_app

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def colleague(organisation: Organisation) -> User:
    """A second member of the employer's organisation, without admin rights."""
    user = UserFactory(role="employer")
    Membership.objects.create(organisation=organisation, user=user, rights=MemberRights.MEMBER)
    return user


def test_an_unanswered_application_reminds_the_employer_at_5_and_at_10_days(
    newcomer: User, employer: User, colleague: User, listing: Listing
) -> None:
    application = ApplicationFactory(
        listing=listing, applicant=newcomer, submitted_at=NOW - 5 * DAY + HOUR
    )
    assert marketplace.scan_applications_unanswered(now=NOW) == 0
    assert marketplace.scan_applications_unanswered(now=NOW + HOUR) == 1
    assert marketplace.scan_applications_unanswered(now=NOW + 2 * HOUR) == 0
    assert marketplace.scan_applications_unanswered(now=NOW + 4 * DAY) == 0
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.IN_REVIEW)
    assert marketplace.scan_applications_unanswered(now=NOW + 5 * DAY + HOUR) == 1
    assert marketplace.scan_applications_unanswered(now=NOW + 9 * DAY) == 0
    key = f"application_unanswered:application:{application.pk}"
    assert in_app(Kind.APPLICATION_UNANSWERED) == [
        (employer.pk, f"{key}:day10"),
        (employer.pk, f"{key}:day5"),
    ]
    links = set(Notification.objects.values_list("link_path", flat=True))
    assert links == {f"/employer/applications/{application.pk}/"}


def test_the_listing_creator_gets_the_reminder_and_an_answered_application_none(
    newcomer: User, newcomer_b: User, colleague: User, listing: Listing
) -> None:
    Listing.objects.filter(pk=listing.pk).update(created_by=colleague)
    ApplicationFactory(listing=listing, applicant=newcomer, submitted_at=NOW - 6 * DAY)
    ApplicationFactory(
        listing=listing,
        applicant=newcomer_b,
        submitted_at=NOW - 6 * DAY,
        status=ApplicationStatus.INTERVIEW,
    )
    assert marketplace.scan_applications_unanswered(now=NOW) == 1
    assert [r for r, _key in in_app(Kind.APPLICATION_UNANSWERED)] == [colleague.pk]


def test_a_scan_that_comes_late_sends_only_the_latest_reminder(
    newcomer: User, employer: User, listing: Listing
) -> None:
    application = ApplicationFactory(
        listing=listing, applicant=newcomer, submitted_at=NOW - 11 * DAY
    )
    assert marketplace.scan_applications_unanswered(now=NOW) == 1
    assert in_app(Kind.APPLICATION_UNANSWERED) == [
        (employer.pk, f"application_unanswered:application:{application.pk}:day10")
    ]


def test_an_interview_is_reminded_the_day_before_and_two_hours_before_to_both(
    newcomer: User, employer: User, colleague: User, listing: Listing
) -> None:
    at = NOW + 30 * HOUR
    application = ApplicationFactory(
        listing=listing, applicant=newcomer, status=ApplicationStatus.INTERVIEW, interview_at=at
    )
    ApplicationEvent.objects.create(
        application=application, from_status="submitted", to_status="interview", by=employer
    )
    assert marketplace.scan_interviews(now=NOW) == 0
    assert marketplace.scan_interviews(now=at - 24 * HOUR) == 2
    assert marketplace.scan_interviews(now=at - 20 * HOUR) == 0
    assert marketplace.scan_interviews(now=at - 2 * HOUR) == 2
    assert marketplace.scan_interviews(now=at - HOUR) == 0
    assert marketplace.scan_interviews(now=at + HOUR) == 0
    moment = at.astimezone(UTC).isoformat()
    key = f"interview_tomorrow:application:{application.pk}:interview:{moment}:24h"
    assert in_app(Kind.INTERVIEW_TOMORROW) == sorted([(newcomer.pk, key), (employer.pk, key)])
    assert [r for r, _key in in_app(Kind.INTERVIEW_SOON)] == sorted([newcomer.pk, employer.pk])
    # A new time is a new interview: it is reminded again.
    Application.objects.filter(pk=application.pk).update(interview_at=at + DAY)
    assert marketplace.scan_interviews(now=at + DAY - 2 * HOUR) == 2
    # The reminders stop with the interview's moment.
    assert Notification.objects.filter(kind=Kind.INTERVIEW_SOON).first().expires_at in (
        at,
        at + DAY,
    )


def test_a_saved_listing_reminds_two_days_before_its_deadline_unless_applied(
    newcomer: User, newcomer_b: User, organisation: Organisation
) -> None:
    today = NOW.date()
    closing = ListingFactory(organisation=organisation, deadline=today + 2 * DAY)
    later = ListingFactory(organisation=organisation, deadline=today + 3 * DAY)
    for listing in (closing, later):
        SavedListing.objects.create(user=newcomer, listing=listing)
        SavedListing.objects.create(user=newcomer_b, listing=listing)
    ApplicationFactory(listing=closing, applicant=newcomer_b)
    assert marketplace.scan_saved_listing_deadlines(now=NOW) == 1
    assert marketplace.scan_saved_listing_deadlines(now=NOW + HOUR) == 0
    assert in_app(Kind.SAVED_LISTING_DEADLINE) == [
        (
            newcomer.pk,
            f"saved_listing_deadline:listing:{closing.pk}:deadline:{closing.deadline.isoformat()}",
        )
    ]
    assert marketplace.scan_saved_listing_deadlines(now=NOW + DAY) == 2  # `later`, for both of them


def test_an_offer_waiting_for_an_answer_reminds_the_newcomer_at_3_and_10_days(
    newcomer: User, listing: Listing
) -> None:
    application = ApplicationFactory(
        listing=listing,
        applicant=newcomer,
        status=ApplicationStatus.OFFERED,
        offered_at=NOW - 3 * DAY,
    )
    assert marketplace.scan_offers_waiting(now=NOW - HOUR) == 0
    assert marketplace.scan_offers_waiting(now=NOW) == 1
    assert marketplace.scan_offers_waiting(now=NOW + 6 * DAY) == 0
    assert marketplace.scan_offers_waiting(now=NOW + 7 * DAY) == 1
    rows = Notification.objects.filter(kind=Kind.OFFER_WAITING, channel=Channel.IN_APP)
    assert {row.context["answer_by"] for row in rows} == {"2026-03-21"}
    assert {row.recipient_id for row in rows} == {newcomer.pk}
    assert application.pk in {row.context["application"] for row in rows}


def test_new_listings_for_saved_searches_come_in_one_daily_digest(
    newcomer: User, newcomer_b: User, organisation: Organisation
) -> None:
    yesterday_evening = datetime.datetime(2026, 3, 9, 20, 0, tzinfo=OSLO)
    ListingFactory(organisation=organisation, published_at=yesterday_evening)
    ListingFactory(
        organisation=organisation, title="Kokk i kantine", published_at=yesterday_evening
    )
    ListingFactory(
        organisation=organisation,
        kind=ListingKind.PRAKSISPLASS,
        monthly_wage=None,
        days_per_week=3,
        published_at=yesterday_evening,
    )
    ListingFactory(organisation=organisation, published_at=yesterday_evening - 2 * DAY)
    SavedSearch.objects.create(user=newcomer, name="Jobber", filters={"kind": "nystartsjobb"})
    SavedSearch.objects.create(user=newcomer, name="Kokk", query="kokk")
    SavedSearch.objects.create(
        user=newcomer_b, name="Trondheim", filters={"kommune": "5001", "start_from": "2026-01-01"}
    )
    morning = datetime.datetime(2026, 3, 10, 8, 0, tzinfo=OSLO)
    assert marketplace.scan_search_digests(now=morning - 2 * HOUR) == 0  # before the digest hour
    assert marketplace.scan_search_digests(now=morning) == 1
    assert marketplace.scan_search_digests(now=morning + HOUR) == 0
    assert marketplace.scan_search_digests(now=NOW) == 0  # after the window
    (digest,) = Notification.objects.filter(kind=Kind.SEARCH_DIGEST, channel=Channel.IN_APP)
    assert (digest.recipient_id, digest.context["count"]) == (newcomer.pk, 2)
    assert digest.link_path == "/saved/"
    assert marketplace.scan_search_digests(now=morning + DAY) == 0  # nothing new since


@override_settings(
    NOTIFICATION_PERIODS={
        **settings.NOTIFICATION_PERIODS,
        "application_unanswered_days": (2,),
    }
)
def test_the_periods_come_from_settings(newcomer: User, employer: User, listing: Listing) -> None:
    ApplicationFactory(listing=listing, applicant=newcomer, submitted_at=NOW - 2 * DAY)
    assert marketplace.scan_applications_unanswered(now=NOW) == 1


def test_scan_all_runs_every_scan_and_a_second_run_adds_nothing(
    newcomer: User, employer: User, listing: Listing
) -> None:
    ApplicationFactory(listing=listing, applicant=newcomer, submitted_at=NOW - 6 * DAY)
    first = scans.scan_all(now=NOW)
    assert set(first) == set(scans.SCANS)
    assert first["applications_unanswered"] == 1
    assert sum(scans.scan_all(now=NOW).values()) == 0
