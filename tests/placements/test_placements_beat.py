"""The nightly job starts ready agreements on their start date and ends running ones after
their end date, once, whoever else has moved them."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from accounts.models import User
from listings.models import Listing
from placements import services
from placements.models import AgreementEvent, AgreementStatus, PlacementAgreement
from tests.factories import ListingFactory, NewcomerFactory
from tests.placements.agreement_steps import TODAY, accept_offer, approved_by_all, submitted
from worker.schedule import BEAT_SCHEDULE
from worker.tasks.placements import start_and_end_agreements

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def make_ready(
    organisation,
    employer: User,
    veileder: User,  # type: ignore[no-untyped-def]
) -> Callable[..., PlacementAgreement]:
    def make(start: datetime.date, end: datetime.date) -> PlacementAgreement:
        newcomer = NewcomerFactory()
        listing: Listing = ListingFactory(organisation=organisation)
        agreement = submitted(
            accept_offer(listing, newcomer), employer, start_date=start, end_date=end
        )
        return approved_by_all(agreement, newcomer=newcomer, employer=employer, veileder=veileder)

    return make


def status(agreement: PlacementAgreement) -> str:
    return PlacementAgreement.objects.get(pk=agreement.pk).status


def test_the_task_starts_and_ends_agreements_by_todays_date(
    make_ready: Callable[..., PlacementAgreement],
) -> None:
    starts_today = make_ready(TODAY, TODAY + 90 * DAY)
    starts_tomorrow = make_ready(TODAY + DAY, TODAY + 90 * DAY)
    ends_today = make_ready(TODAY - 90 * DAY, TODAY)
    ended_yesterday = make_ready(TODAY - 90 * DAY, TODAY - DAY)

    assert start_and_end_agreements() == {"started": 3, "ended": 1}
    assert status(starts_today) == AgreementStatus.RUNNING
    assert status(starts_tomorrow) == AgreementStatus.READY
    assert status(ends_today) == AgreementStatus.RUNNING  # its last day is today
    assert status(ended_yesterday) == AgreementStatus.ENDED
    events = AgreementEvent.objects.filter(agreement=ended_yesterday).order_by("-id")[:2]
    assert [(event.action, event.by) for event in events] == [("ended", None), ("started", None)]

    # A second run the same night finds nothing to do.
    assert start_and_end_agreements() == {"started": 0, "ended": 0}


def test_the_days_go_by(make_ready: Callable[..., PlacementAgreement]) -> None:
    agreement = make_ready(TODAY + 10 * DAY, TODAY + 40 * DAY)
    for day, expected in [
        (TODAY + 9 * DAY, AgreementStatus.READY),
        (TODAY + 10 * DAY, AgreementStatus.RUNNING),
        (TODAY + 40 * DAY, AgreementStatus.RUNNING),
        (TODAY + 41 * DAY, AgreementStatus.ENDED),
    ]:
        services.agreements_start_and_end(today=day)
        assert status(agreement) == expected, day
    assert AgreementEvent.objects.filter(agreement=agreement, action="started").count() == 1


def test_agreements_not_ready_are_left_alone(
    in_state: Callable[[str], PlacementAgreement],
) -> None:
    awaiting = in_state("awaiting_approvals")  # its start date has passed, but nobody approved
    assert services.agreements_start_and_end(today=TODAY + 365 * DAY) == {
        "started": 0,
        "ended": 0,
    }
    assert status(awaiting) == AgreementStatus.AWAITING_APPROVALS


def test_the_job_is_on_the_one_schedule() -> None:
    entry = BEAT_SCHEDULE["agreements-start-and-end"]
    assert entry["task"] == start_and_end_agreements.name
    assert 0 < entry["options"]["expires"] < 24 * 3600
