"""A person's buddy data: in their export, and gone (the other side told) when they delete."""

from __future__ import annotations

import pytest

from accounts.models import User
from buddies.models import BuddyCheckIn, BuddyMatch, BuddyRequest, Volunteer
from notifications.models import Channel, Kind, Notification
from privacy.exports import person_export
from privacy.services import account_delete

pytestmark = pytest.mark.django_db


def _sections(user: User) -> dict[str, list[dict[str, object]]]:
    sections = person_export(viewer=user)["sections"]
    return {key: rows for key, rows in sections.items() if key.startswith("buddy")}


def test_the_export_holds_the_sign_up_the_request_and_the_matches(
    active: BuddyMatch, volunteer: Volunteer, seeker: User
) -> None:
    from django.utils import timezone

    from buddies import services

    services.checkin_add(match=active, by=seeker, happened_on=timezone.localdate(), note="Tur")
    mine = _sections(volunteer.user)
    assert mine["buddy_volunteer"][0]["languages"] == ["nb", "ar"]
    assert mine["buddy_matches_as_volunteer"][0]["volunteer_shares"] == ["full_name", "email"]
    theirs = _sections(seeker)
    assert theirs["buddy_request"][0]["languages"] == ["ar"]
    assert theirs["buddy_matches_as_newcomer"][0]["newcomer_shares"] == ["phone"]
    assert theirs["buddy_checkins_written"][0]["note"] == "Tur"
    assert "volunteer_shares" not in theirs["buddy_matches_as_newcomer"][0]


def test_a_volunteer_deletes_their_account_and_the_newcomer_is_told(
    active: BuddyMatch, volunteer: Volunteer, seeker: User
) -> None:
    account_delete(user=volunteer.user, by=volunteer.user)
    assert not Volunteer.objects.exists()
    assert not BuddyMatch.objects.exists()
    assert not BuddyCheckIn.objects.exists()
    assert BuddyRequest.objects.filter(user=seeker).exists()
    told = Notification.objects.filter(
        recipient=seeker, kind=Kind.BUDDY_ENDED, channel=Channel.IN_APP
    )
    assert told.count() == 1
