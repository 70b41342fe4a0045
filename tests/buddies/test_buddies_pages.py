"""The buddy pages, through the forms people use."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from buddies.models import BuddyMatch, BuddyRequest, MatchStatus, Volunteer, VolunteerStatus
from tests.buddies.conftest import make_volunteer
from tests.conftest import _with_totp
from tests.factories import NewcomerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_volunteer_signs_up_and_the_coordinator_approves(coordinator: User, client_for) -> None:  # type: ignore[no-untyped-def]
    person = _with_totp(UserFactory(role=Role.VOLUNTEER, full_name="Per Lie"))
    client = client_for(person)
    assert client.get(reverse("buddies:volunteer")).status_code == 200
    refused = client.post(reverse("buddies:volunteer"), {"kommune": "0301"})
    assert refused.status_code == 400
    assert not Volunteer.objects.exists()
    response = client.post(
        reverse("buddies:volunteer"),
        {
            "languages": ["nb", "uk"],
            "interests": ["music"],
            "kommune": "0301",
            "bydel": "030112",
            "availability": ["weekday_evenings"],
            "available": "on",
        },
    )
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(user=person)
    assert volunteer.status == VolunteerStatus.PENDING
    coordinating = client_for(coordinator)
    assert "Per Lie" in coordinating.get(reverse("buddies:coordinator")).content.decode()
    coordinating.post(reverse("buddies:volunteer_approve", args=[person.pk]))
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.APPROVED


def test_a_bydel_of_another_kommune_is_named_on_the_form(client_for) -> None:  # type: ignore[no-untyped-def]
    newcomer = NewcomerFactory(language="en")
    response = client_for(newcomer).post(
        reverse("buddies:newcomer"),
        {
            "languages": ["ar"],
            "kommune": "4601",
            "bydel": "030111",
            "availability": ["weekends"],
            "active": "on",
        },
    )
    assert response.status_code == 400
    assert "Choose a bydel of the kommune you chose." in response.content.decode()
    assert not BuddyRequest.objects.exists()


def test_the_whole_way_on_the_pages(coordinator: User, client_for) -> None:  # type: ignore[no-untyped-def]
    amal = NewcomerFactory(full_name="Amal Haddad", language="en", phone="+4791234567")
    tone = make_volunteer(approve_by=coordinator)
    newcomer_client = client_for(amal)
    newcomer_client.post(
        reverse("buddies:newcomer"),
        {
            "languages": ["ar"],
            "interests": ["cooking"],
            "kommune": "0301",
            "bydel": "030111",
            "availability": ["weekends"],
            "active": "on",
        },
    )
    coordinating = client_for(coordinator)
    response = coordinating.post(
        reverse("buddies:propose"), {"volunteer": tone.user_id, "newcomer": amal.pk}
    )
    match = BuddyMatch.objects.get()
    assert response["Location"] == reverse("buddies:match", args=[match.pk])

    accept = reverse("buddies:match_accept", args=[match.pk])
    assert newcomer_client.post(accept, {}).status_code == 400
    newcomer_client.post(accept, {"accept-shares": ["phone"]})
    volunteer_client = client_for(tone.user)
    assert coordinating.post(accept, {"accept-shares": ["email"]}).status_code == 403
    volunteer_client.post(accept, {"accept-shares": ["email"]})
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE
    page = volunteer_client.get(reverse("buddies:match", args=[match.pk])).content.decode()
    assert "+4791234567" in page

    volunteer_client.post(
        reverse("buddies:match_checkin", args=[match.pk]),
        {
            "checkin-happened_on": timezone.localdate().isoformat(),
            "checkin-note": "Kaffe på Stovner",
        },
    )
    assert (
        "Kaffe på Stovner"
        in newcomer_client.get(reverse("buddies:match", args=[match.pk])).content.decode()
    )
    newcomer_client.post(reverse("buddies:match_end", args=[match.pk]), {"end-reason": "moved"})
    match.refresh_from_db()
    assert match.status == MatchStatus.ENDED and match.end_reason == "moved"


def test_a_veileder_appoints_a_coordinator(veileder: User, guide: User, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(veileder)
    assert client.get(reverse("buddies:appoint")).status_code == 200
    response = client.post(
        reverse("buddies:appoint"),
        {"email": guide.email, "kommune": "0301", "organisation_name": "Frelsesarmeen"},
    )
    assert response.status_code == 302
    assert client_for(guide).get(reverse("buddies:coordinator")).status_code == 200
    refused = client.post(reverse("buddies:appoint"), {"email": guide.email, "kommune": "4601"})
    assert refused.status_code == 400


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_the_pages_read_right_to_left(
    language: str, proposed: BuddyMatch, seeker: User, client_for
) -> None:  # type: ignore[no-untyped-def]
    seeker.language = language
    seeker.save(update_fields=["language"])
    client = client_for(seeker)
    for url in (reverse("buddies:newcomer"), reverse("buddies:match", args=[proposed.pk])):
        html = client.get(url).content.decode()
        assert f'<html lang="{language}" dir="rtl">' in html
