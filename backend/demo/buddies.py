"""Buddy matching in the demo: a coordinator of Oslo for a volunteer organisation (a volunteer
herself, appointed by Oslo's veileder), volunteers (approved, waiting for approval), newcomers
who want a buddy, a proposal waiting for both to accept, an active match with a check-in, and a
newcomer with a proposal ready for the coordinator. Made through the services; looked up before
made."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from buddies import services
from buddies.models import BuddyCheckIn, BuddyMatch, Volunteer, VolunteerStatus
from demo.people import AMAL, MFA_NOTE, OKSANA, YONAS, DemoLogin, _person, caseworker_of
from reference.models import Bydel, Kommune

COORDINATOR = "sara@rodekors.no"
# email, name, language, languages, interests, bydel, availability, approved
VOLUNTEERS = [
    (
        "tone.bakke@example.no",
        "Tone Bakke",
        "nb",
        ["nb", "en", "ar"],
        ["outdoors", "cooking", "norwegian"],
        "030111",
        ["weekday_evenings", "weekends"],
        True,
    ),
    (
        "lars.holm@example.no",
        "Lars Holm",
        "nb",
        ["nb", "en", "ti"],
        ["sports", "games", "jobs"],
        "030110",
        ["weekends"],
        True,
    ),
    (
        "per.lie@example.no",
        "Per Lie",
        "nb",
        ["nb", "en", "uk", "ru"],
        ["music", "technology"],
        "030112",
        ["weekday_evenings"],
        True,
    ),
    (
        "mona.said@example.no",
        "Mona Said",
        "nb",
        ["nb", "so", "ar"],
        ["family", "crafts"],
        "030109",
        ["weekday_daytime"],
        False,
    ),
]
# who (email or phone), languages, interests, bydel, availability
REQUESTS = [
    (AMAL, ["ar", "en"], ["cooking", "norwegian", "family"], "030111", ["weekends"]),
    (YONAS, ["ti", "nb"], ["sports", "jobs"], "030110", ["weekends", "weekday_evenings"]),
    (OKSANA, ["uk", "en"], ["music", "culture"], "030112", ["weekday_evenings"]),
]


def _newcomer(key: str) -> User:
    return User.objects.get(email=key) if "@" in key else User.objects.get(phone=key)


@transaction.atomic
def seed_buddies() -> list[DemoLogin]:
    oslo = Kommune.objects.get(number="0301")
    veileder = caseworker_of("0301", Role.VEILEDER)
    coordinator = _person(
        email=COORDINATOR,
        phone=None,
        full_name="Sara Moe",
        role=Role.VOLUNTEER,
        language="nb",
    )
    services.coordinator_appoint(
        by=veileder, user=coordinator, kommune=oslo, organisation_name="Røde Kors Oslo"
    )
    logins = [
        DemoLogin(
            coordinator.role,
            COORDINATOR,
            coordinator.full_name,
            "nb",
            f"buddy coordinator of Oslo for Røde Kors; {MFA_NOTE}",
        )
    ]
    volunteers: dict[str, User] = {}
    for email, name, language, languages, interests, bydel, availability, approved in VOLUNTEERS:
        user = _person(
            email=email, phone=None, full_name=name, role=Role.VOLUNTEER, language=language
        )
        volunteers[email] = user
        logins.append(
            DemoLogin(
                user.role,
                email,
                name,
                language,
                MFA_NOTE,
            )
        )
        if Volunteer.objects.filter(user=user).exists():
            continue
        volunteer = services.volunteer_save(
            user=user,
            languages=languages,
            interests=interests,
            kommune=oslo,
            bydel=Bydel.objects.get(number=bydel),
            availability=availability,
        )
        if approved:
            services.volunteer_decide(volunteer=volunteer, by=coordinator, approve=True)
    for key, languages, interests, bydel, availability in REQUESTS:
        services.buddy_request_save(
            user=_newcomer(key),
            active=True,
            languages=languages,
            interests=interests,
            kommune=oslo,
            bydel=Bydel.objects.get(number=bydel),
            availability=availability,
        )
    assert Volunteer.objects.get(user=volunteers["tone.bakke@example.no"]).status == (
        VolunteerStatus.APPROVED
    )

    # Tone and Amal: buddies for three weeks, with a check-in from Tone.
    tone, amal = volunteers["tone.bakke@example.no"], _newcomer(AMAL)
    if not BuddyMatch.objects.filter(volunteer=tone, newcomer=amal).exists():
        started = timezone.now() - datetime.timedelta(days=21)
        match = services.match_propose(by=coordinator, volunteer=tone, newcomer=amal)
        BuddyMatch.objects.filter(pk=match.pk).update(
            proposed_at=started - datetime.timedelta(days=2)
        )
        services.match_accept(match=match, by=amal, shares=["email"], now=started)
        match = services.match_accept(
            match=match, by=tone, shares=["full_name", "email"], now=started
        )
        checkin = services.checkin_add(
            match=match,
            by=tone,
            happened_on=timezone.localdate() - datetime.timedelta(days=7),
            note="Vi gikk tur ved Alnaelva og øvde på norske ord for mat. Neste gang: bibliotek.",
        )
        BuddyCheckIn.objects.filter(pk=checkin.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=7)
        )
    # Lars and Yonas: proposed, Yonas has accepted, Lars has not answered yet.
    lars, yonas = volunteers["lars.holm@example.no"], _newcomer(YONAS)
    if not BuddyMatch.objects.filter(volunteer=lars, newcomer=yonas).exists():
        match = services.match_propose(by=coordinator, volunteer=lars, newcomer=yonas)
        services.match_accept(match=match, by=yonas, shares=["phone"])
    # Oksana waits: the coordinator's page proposes Per (they share Ukrainian).
    return logins
