"""Who sees what, on the pages and in the API.

- Before both accept, a buddy sees the newcomer's first name, languages and area, nothing more
  (and the newcomer the same of the buddy); after, also what the other chose to share.
- The coordinator of another kommune sees nothing: no match, no volunteer, no proposal.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User
from buddies.models import BuddyMatch, Volunteer, VolunteerStatus
from tests.buddies.conftest import make_volunteer

pytestmark = pytest.mark.django_db

# What a buddy must not see of the newcomer before both accept, and of the buddy likewise.
NEWCOMER_HIDDEN = ("Haddad", "+4791234567")
VOLUNTEER_HIDDEN = ("Bakke",)


def _hidden_of(user: User) -> list[str]:
    return [value for value in (user.email or "", user.phone or "") if value]


def test_before_both_accept_the_buddy_sees_first_name_languages_and_area(
    proposed: BuddyMatch, volunteer: Volunteer, seeker: User, client_for
) -> None:  # type: ignore[no-untyped-def]
    page = client_for(volunteer.user).get(reverse("buddies:match", args=[proposed.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Amal" in html and "Stovner" in html
    for secret in (*NEWCOMER_HIDDEN, *_hidden_of(seeker)):
        assert secret not in html, secret

    api = client_for(volunteer.user).get(f"/api/v1/buddies/matches/{proposed.pk}/")
    other = api.json()["other"]
    assert other == {
        "first_name": "Amal",
        "languages": ["ar"],
        "kommune": "Oslo",
        "bydel": "Stovner",
        "full_name": "",
        "phone": "",
        "email": "",
    }
    assert api.json()["volunteer"] is None and api.json()["newcomer"] is None
    assert api.json()["score_parts"] == [] and api.json()["score"] is None
    body = api.content.decode()
    for secret in (*NEWCOMER_HIDDEN, *_hidden_of(seeker)):
        assert secret not in body, secret


def test_and_the_newcomer_sees_as_little_of_the_buddy(
    proposed: BuddyMatch, volunteer: Volunteer, seeker: User, client_for
) -> None:  # type: ignore[no-untyped-def]
    html = client_for(seeker).get(reverse("buddies:match", args=[proposed.pk])).content.decode()
    assert "Tone" in html
    for secret in (*VOLUNTEER_HIDDEN, *_hidden_of(volunteer.user)):
        assert secret not in html, secret


def test_one_acceptance_shows_nothing_more(
    proposed: BuddyMatch, volunteer: Volunteer, seeker: User, client_for
) -> None:  # type: ignore[no-untyped-def]
    from buddies import services

    services.match_accept(match=proposed, by=seeker, shares=["full_name", "phone", "email"])
    api = client_for(volunteer.user).get(f"/api/v1/buddies/matches/{proposed.pk}/").json()
    assert api["other"]["full_name"] == api["other"]["phone"] == api["other"]["email"] == ""


def test_after_both_accept_each_sees_what_the_other_shared(
    active: BuddyMatch, volunteer: Volunteer, seeker: User, client_for
) -> None:  # type: ignore[no-untyped-def]
    # Amal shared her phone; Tone her full name and email.
    to_volunteer = client_for(volunteer.user).get(f"/api/v1/buddies/matches/{active.pk}/").json()
    assert to_volunteer["other"]["phone"] == "+4791234567"
    assert to_volunteer["other"]["full_name"] == "" and to_volunteer["other"]["email"] == ""
    to_newcomer = client_for(seeker).get(f"/api/v1/buddies/matches/{active.pk}/").json()
    assert to_newcomer["other"]["full_name"] == "Tone Bakke"
    assert to_newcomer["other"]["email"] == volunteer.user.email
    assert to_newcomer["other"]["phone"] == ""
    page = client_for(seeker).get(reverse("buddies:match", args=[active.pk])).content.decode()
    assert volunteer.user.email in page


def test_the_coordinator_of_another_kommune_sees_nothing(
    active: BuddyMatch, volunteer: Volunteer, veileder_bergen: User, client_for
) -> None:  # type: ignore[no-untyped-def]
    pending = make_volunteer(name="Mona Said", languages=["ar"])
    bergen = client_for(veileder_bergen)
    assert bergen.get(reverse("buddies:match", args=[active.pk])).status_code == 404
    assert bergen.get(f"/api/v1/buddies/matches/{active.pk}/").status_code == 404
    assert bergen.get("/api/v1/buddies/matches/").json() == []
    assert bergen.get("/api/v1/buddies/volunteers/").json() == []
    assert bergen.get("/api/v1/buddies/proposals/").json() == []
    assert bergen.post(f"/api/v1/buddies/volunteers/{pending.pk}/approve/").status_code == 404
    assert bergen.post(reverse("buddies:volunteer_approve", args=[pending.pk])).status_code == 404
    page = bergen.get(reverse("buddies:coordinator")).content.decode()
    for name in ("Amal", "Tone", "Mona"):
        assert name not in page
    pending.refresh_from_db()
    assert pending.status == VolunteerStatus.PENDING


def test_another_newcomer_or_volunteer_sees_nothing(
    proposed: BuddyMatch, newcomer_b: User, coordinator: User, client_for
) -> None:  # type: ignore[no-untyped-def]
    other = make_volunteer(name="Lars Holm", approve_by=coordinator)
    for person in (newcomer_b, other.user):
        client = client_for(person)
        assert client.get(reverse("buddies:match", args=[proposed.pk])).status_code == 404
        assert client.get(f"/api/v1/buddies/matches/{proposed.pk}/").status_code == 404
        assert client.get("/api/v1/buddies/matches/").json() == []


def test_a_guide_who_is_not_appointed_coordinates_nothing(guide: User, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(guide)
    assert client.get(reverse("buddies:coordinator")).status_code == 403
    assert client.get("/api/v1/buddies/proposals/").status_code == 403


def test_the_coordinator_sees_the_proposals_with_their_reasons(
    coordinator: User, seeker: User, volunteer: Volunteer, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    client = client_for(coordinator)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("buddies:coordinator"))
    html = page.content.decode()
    assert "Amal Haddad" in html and "Tone Bakke" in html
    assert "Languages in common: Arabic." in html
    assert "They live in the same bydel." in html
    (row,) = client.get("/api/v1/buddies/proposals/").json()
    assert row["volunteer_id"] == volunteer.user_id and row["newcomer_id"] == seeker.pk
    assert [part["code"] for part in row["score_parts"]] == [
        "languages",
        "distance",
        "interests",
        "availability",
    ]
    assert row["score"] == sum(part["points"] for part in row["score_parts"])
    assert row["newcomer"]["phone"] == "" and row["newcomer"]["email"] == ""


def test_a_volunteer_needs_two_factor_login(client) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import login_password_only
    from tests.factories import UserFactory

    volunteer = UserFactory(role="volunteer")
    login_password_only(client, volunteer)
    response = client.get(reverse("buddies:volunteer"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get("/api/v1/buddies/matches/").status_code == 403
