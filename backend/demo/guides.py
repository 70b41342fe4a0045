"""The demo's establishment guides: Ingrid (Oslo kommune) with her caseload, a volunteer centre
that Oslo approved as a guide partner with a guide of its own, contacts in the log, listings
suggested to Amal and Yonas, an introduction of Amal to Grorud Bakeri, and a thread between Yonas
and Ingrid. Made through the services, so every notification is real; each thing is looked up
before it is made."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import NewcomerProfile, Role, User
from demo.listings import BAKER_JOB, KITCHEN_JOB, Listings, organisation
from demo.people import AMAL, GRORUD, MFA_NOTE, YONAS, DemoLogin, _person, caseworker_of
from guidance.models import (
    Contact,
    ContactKind,
    GuideAssignment,
    GuideMessage,
    Introduction,
    Suggestion,
)
from guidance.services import (
    contact_add,
    guides_assign,
    introduction_create,
    message_send,
    partner_approve,
    suggestion_create,
)
from listings.models import Listing, ListingStatus
from organisations.models import (
    MemberRights,
    Membership,
    Organisation,
    OrganisationKind,
    PartnerApproval,
)
from reference.models import Kommune

GUIDE = "guide@oslo.kommune.no"
VOLUNTEER_CENTRE = "912345602"
VOLUNTEER_GUIDE = "farah@frivilligstovner.no"
FARID = "farid@example.com"

THREAD = [
    ("guide", "Hei Yonas! Jeg har funnet en jobb som kan passe for deg. Se forslaget mitt."),
    ("newcomer", "Takk! Kan vi snakke om den på mandag?"),
    ("guide", "Ja, mandag klokka 10 på Stovner bydelshus."),
]


def _user(email: str | None = None, phone: str | None = None) -> User:
    found = User.objects.filter(email=email).first() if email else None
    if found is None and phone:
        found = User.objects.filter(phone=phone).first()
    assert found is not None, email or phone
    return found


def _volunteer_centre(veileder: User) -> tuple[Organisation, User]:
    oslo = Kommune.objects.get(number="0301")
    centre, _created = Organisation.objects.get_or_create(
        orgnr=VOLUNTEER_CENTRE,
        defaults={
            "name": "Stovner Frivilligsentral",
            "kind": OrganisationKind.VOLUNTEER,
            "kommune": oslo,
            "aga_zone": oslo.aga_zone or oslo.zone_choices[0],
            "employees": 4,
            "verified": True,
        },
    )
    volunteer = _person(
        email=VOLUNTEER_GUIDE,
        phone=None,
        full_name="Farah Nur",
        role=Role.GUIDE,
        language="so",
    )
    Membership.objects.get_or_create(
        organisation=centre, user=volunteer, defaults={"rights": MemberRights.ADMIN}
    )
    if not PartnerApproval.objects.active().filter(organisation=centre, kommune=oslo).exists():
        partner_approve(organisation=centre, kommune=oslo, by=veileder)
    return centre, volunteer


def _open_listing(listings: Listings, title: str) -> Listing | None:
    listing = listings.get((GRORUD, title))
    if listing is None or listing.status != ListingStatus.PUBLISHED:
        return None
    return listing if listing.deadline >= timezone.localdate() else None


def seed_guides(listings: Listings) -> list[DemoLogin]:
    """The guides' workspace in Oslo; returns the volunteer guide's login to print."""
    veileder = caseworker_of("0301", Role.VEILEDER)
    guide = _user(GUIDE)
    amal, yonas, farid = _user(AMAL), _user(phone=YONAS), _user(FARID)
    _centre, volunteer = _volunteer_centre(veileder)

    # Farid is followed by the volunteer guide: handed over from Ingrid once, told in Persian.
    # (seed_people gives every Oslo newcomer to Ingrid again: put Farid back without a new step.)
    if not GuideAssignment.objects.filter(newcomer=farid, guide=volunteer).exists():
        guides_assign(newcomers=[farid], guide=volunteer, by=veileder)
    NewcomerProfile.objects.filter(user=farid).update(guide=volunteer)

    today = timezone.localdate()
    if not Contact.objects.filter(newcomer=amal).exists():
        contact_add(
            newcomer=amal,
            by=guide,
            date=today - datetime.timedelta(days=12),
            kind=ContactKind.MEETING,
            note="Første samtale: ønsker jobb som baker, har erfaring fra Aleppo.",
        )
        contact_add(
            newcomer=amal,
            by=guide,
            date=today - datetime.timedelta(days=3),
            kind=ContactKind.PHONE,
            note="Forberedte intervjuet sammen.",
        )
    if not Contact.objects.filter(newcomer=yonas).exists():
        contact_add(
            newcomer=yonas,
            by=guide,
            date=today - datetime.timedelta(days=5),
            kind=ContactKind.WORKPLACE,
            note="Besøkte butikken sammen med Yonas.",
        )

    baker, kitchen = _open_listing(listings, BAKER_JOB), _open_listing(listings, KITCHEN_JOB)
    for newcomer, listing, note in (
        (yonas, kitchen, "Du liker å lage mat, og de lærer deg norsk på jobben."),
        (amal, baker, "Passer med erfaringen din fra bakeriet i Aleppo."),
    ):
        if listing is None:
            continue
        if not Suggestion.objects.filter(newcomer=newcomer, listing=listing).exists():
            suggestion_create(newcomer=newcomer, listing=listing, by=guide, note=note)

    grorud = organisation(GRORUD)
    if not Introduction.objects.filter(newcomer=amal, organisation=grorud).exists():
        introduction_create(
            newcomer=amal,
            organisation=grorud,
            listing=baker,
            by=guide,
            note=(
                "Amal har fire års erfaring som baker og snakker arabisk og litt norsk (A2). "
                "Hun er punktlig og vil gjerne vise hva hun kan."
            ),
        )

    if not GuideMessage.objects.filter(newcomer=yonas).exists():
        for who, text in THREAD:
            message_send(newcomer=yonas, sender=guide if who == "guide" else yonas, body=text)

    return [
        DemoLogin(
            volunteer.role, volunteer.email or "", volunteer.full_name, volunteer.language, MFA_NOTE
        )
    ]
