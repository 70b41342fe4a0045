"""Buddy personas: Oslo's coordinator (a guide appointed by a veileder), approved volunteers, a
newcomer who wants a buddy, and a veileder of Bergen who coordinates Bergen only."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from accounts.models import Role, User
from buddies import services
from buddies.models import BuddyMatch, BuddyRequest, Volunteer
from reference.models import Bydel, Kommune
from tests.conftest import _with_totp
from tests.factories import NewcomerFactory, UserFactory


def make_volunteer(
    *,
    name: str = "Tone Bakke",
    languages: Sequence[str] = ("nb", "ar"),
    interests: Sequence[str] = ("cooking",),
    kommune: str = "0301",
    bydel: str | None = "030111",
    availability: Sequence[str] = ("weekends",),
    approve_by: User | None = None,
    language: str = "nb",
) -> Volunteer:
    user = _with_totp(UserFactory(role=Role.VOLUNTEER, full_name=name, language=language))
    volunteer = services.volunteer_save(
        user=user,
        languages=list(languages),
        interests=list(interests),
        kommune=Kommune.objects.get(number=kommune),
        bydel=Bydel.objects.get(number=bydel) if bydel else None,
        availability=list(availability),
    )
    if approve_by is not None:
        volunteer = services.volunteer_decide(volunteer=volunteer, by=approve_by, approve=True)
    return volunteer


def make_request(
    user: User,
    *,
    languages: Sequence[str] = ("ar",),
    interests: Sequence[str] = ("cooking",),
    kommune: str = "0301",
    bydel: str | None = "030111",
    availability: Sequence[str] = ("weekends",),
) -> BuddyRequest:
    return services.buddy_request_save(
        user=user,
        active=True,
        languages=list(languages),
        interests=list(interests),
        kommune=Kommune.objects.get(number=kommune),
        bydel=Bydel.objects.get(number=bydel) if bydel else None,
        availability=list(availability),
    )


@pytest.fixture
def coordinator(veileder: User) -> User:
    """A guide of a volunteer organisation, appointed for Oslo by Oslo's veileder."""
    person = _with_totp(UserFactory(role=Role.GUIDE, full_name="Sara Moe"))
    services.coordinator_appoint(
        by=veileder,
        user=person,
        kommune=Kommune.objects.get(number="0301"),
        organisation_name="Røde Kors Oslo",
    )
    return person


@pytest.fixture
def volunteer(coordinator: User) -> Volunteer:
    return make_volunteer(approve_by=coordinator)


@pytest.fixture
def seeker() -> User:
    """A newcomer of Oslo with a phone and an email, who wants a buddy (Arabic)."""
    user = NewcomerFactory(full_name="Amal Haddad", language="ar", phone="+4791234567")
    make_request(user)
    return user


@pytest.fixture
def proposed(coordinator: User, volunteer: Volunteer, seeker: User) -> BuddyMatch:
    return services.match_propose(by=coordinator, volunteer=volunteer.user, newcomer=seeker)


@pytest.fixture
def active(proposed: BuddyMatch, volunteer: Volunteer, seeker: User) -> BuddyMatch:
    services.match_accept(match=proposed, by=seeker, shares=["phone"])
    return services.match_accept(match=proposed, by=volunteer.user, shares=["full_name", "email"])
