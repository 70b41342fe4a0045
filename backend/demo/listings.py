"""The demo's listings: every kind, in every organisation, with screening questions; one draft.

Looked up by organisation and title. Closing and filling come later (see stories), once the
listing's applications are in.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from accounts.models import User
from demo.people import GRORUD, HAVNEKAFE, TBV, TROMSO
from listings.models import Listing, ListingKind
from listings.services import ScreeningQuestionData, listing_create, listing_publish
from organisations.models import Membership, Organisation
from reference.models import Occupation

Listings = dict[tuple[str, str], Listing]


@dataclass(frozen=True)
class DemoListing:
    orgnr: str
    kind: str
    title: str
    description: str
    occupation: str
    fields: dict[str, Any]
    questions: tuple[ScreeningQuestionData, ...] = ()
    publish: bool = True
    deadline_days: int = 21
    start_days: int = 30
    positions: int = 2


SHOP_PRACTICE = "Praksisplass: butikk og lager"
KITCHEN_JOB = "Innstegsjobb: kjøkkenassistent"
BAKER_JOB = "Nystartsjobb: baker"
XMAS_DRAFT = "Julebakst: ekstrahjelp i desember"
CAFE_TRAINEE = "Trainee: drift av kafé"
SUMMER_PRACTICE = "Praksisplass: servering i sommer"
CARPENTER_APPRENTICE = "Læreplass: tømrer"
CARETAKER_JOB = "Nystartsjobb: vaktmester"
# Found by a search in any language for care or cleaning (occupations 5321 and 9112).
CARE_PRACTICE = "Praksisplass: helsefagarbeider på sykehjem"
CLEANER_JOB = "Nystartsjobb: renholder"


def _practice(orgnr: str) -> DemoListing:
    return DemoListing(
        orgnr=orgnr,
        kind=ListingKind.PRAKSISPLASS,
        title=SHOP_PRACTICE,
        description="Du lærer å ta imot varer, fylle hyller og hjelpe kunder. Vi har god tid.",
        occupation="5223",
        fields={
            "days_per_week": 3,
            "position_percent": 60,
            "norwegian_spoken": "A2",
            "norwegian_written": "A1",
            "workplace_languages": ["en", "ar"],
        },
    )


def _entry_job(orgnr: str) -> DemoListing:
    return DemoListing(
        orgnr=orgnr,
        kind=ListingKind.INNSTEGSJOBB,
        title=KITCHEN_JOB,
        description="Lønnet jobb på kjøkkenet, med norskopplæring to dager i uken.",
        occupation="9412",
        fields={
            "monthly_wage": 28000,
            "work_hours_per_week": 22,
            "tuition_hours_per_week": 8,
            "position_percent": 80,
            "norwegian_spoken": "A1",
            "norwegian_written": "A1",
            "workplace_languages": ["en", "ti", "so"],
        },
        positions=3,
    )


_EARLY_SHIFTS: ScreeningQuestionData = {
    "text": "Kan du begynne klokken 06:00 om morgenen?",
    "required_answer": True,
}
_FOOD_HYGIENE: ScreeningQuestionData = {
    "text": "Har du jobbet med mat før?",
    "required_answer": None,
}

DEMO_LISTINGS: tuple[DemoListing, ...] = (
    *(_practice(orgnr) for orgnr in (GRORUD, HAVNEKAFE, TBV, TROMSO)),
    *(_entry_job(orgnr) for orgnr in (GRORUD, HAVNEKAFE, TBV, TROMSO)),
    DemoListing(
        orgnr=GRORUD,
        kind=ListingKind.NYSTARTSJOBB,
        title=BAKER_JOB,
        description="Fast jobb i bakeriet på Stovner: brød, boller og kaker fra tidlig morgen.",
        occupation="7512",
        fields={
            "monthly_wage": 30000,
            "position_percent": 100,
            "norwegian_spoken": "A2",
            "norwegian_written": "A1",
            "workplace_languages": ["ar", "en"],
        },
        questions=(_EARLY_SHIFTS, _FOOD_HYGIENE),
        deadline_days=5,
        positions=4,
    ),
    DemoListing(
        orgnr=GRORUD,
        kind=ListingKind.TRAINEE,
        title=XMAS_DRAFT,
        description="Hjelp oss med pepperkaker og julekaker i desember. Vi lærer deg alt.",
        occupation="7512",
        fields={"monthly_wage": 26000, "position_percent": 50},
        publish=False,
        start_days=10,
        deadline_days=7,
    ),
    DemoListing(
        orgnr=HAVNEKAFE,
        kind=ListingKind.TRAINEE,
        title=CAFE_TRAINEE,
        description="Ett år som trainee: kasse, innkjøp, vaktlister og kundeservice på kaia.",
        occupation="5131",
        fields={
            "monthly_wage": 32000,
            "position_percent": 100,
            "norwegian_spoken": "B1",
            "norwegian_written": "A2",
            "workplace_languages": ["en", "uk"],
        },
        questions=({"text": "Har du arbeidstillatelse i Norge?", "required_answer": True},),
        deadline_days=9,
    ),
    DemoListing(
        orgnr=HAVNEKAFE,
        kind=ListingKind.PRAKSISPLASS,
        title=SUMMER_PRACTICE,
        description="Servering ute på brygga i sommersesongen. Du lærer norsk på jobben.",
        occupation="5131",
        fields={"days_per_week": 4, "position_percent": 80, "workplace_languages": ["en"]},
        deadline_days=3,
    ),
    DemoListing(
        orgnr=TBV,
        kind=ListingKind.LAEREPLASS,
        title=CARPENTER_APPRENTICE,
        description="To år som lærling i tømrerfaget, med fagbrev til slutt. Verktøyet får du.",
        occupation="7115",
        fields={
            "monthly_wage": 24000,
            "position_percent": 100,
            "duration_months": 24,
            "intention_agreement": True,
            "norwegian_spoken": "A2",
            "norwegian_written": "A2",
        },
        # One question in English: the pages name the language each question is written in.
        questions=(
            {"text": "Har du førerkort klasse B?", "required_answer": None},
            {"text": "Can you work outdoors in the winter?", "required_answer": None},
        ),
        deadline_days=2,
        positions=1,
    ),
    DemoListing(
        orgnr=TBV,
        kind=ListingKind.NYSTARTSJOBB,
        title=CARETAKER_JOB,
        description="Vaktmester i borettslag i Trondheim: små reparasjoner, snømåking og ettersyn.",
        occupation="5153",
        fields={"monthly_wage": 33000, "position_percent": 100, "workplace_languages": ["so"]},
        positions=1,
    ),
    DemoListing(
        orgnr=TROMSO,
        kind=ListingKind.PRAKSISPLASS,
        title=CARE_PRACTICE,
        description="Du hjelper beboerne med måltider, turer og samtaler, sammen med en fast "
        "kontaktperson. Passer for deg som vil bli helsefagarbeider.",
        occupation="5321",
        fields={"days_per_week": 4, "position_percent": 80, "workplace_languages": ["ti", "ar"]},
    ),
    DemoListing(
        orgnr=TBV,
        kind=ListingKind.NYSTARTSJOBB,
        title=CLEANER_JOB,
        description="Renhold av trappeoppganger og fellesarealer i borettslag, på dagtid.",
        occupation="9112",
        fields={"monthly_wage": 31000, "position_percent": 80, "workplace_languages": ["so"]},
        positions=2,
    ),
)


def organisation(orgnr: str) -> Organisation:
    found = Organisation.objects.filter(orgnr=orgnr).order_by("pk").first()
    assert found is not None, orgnr
    return found


def organisation_admin(organisation: Organisation) -> User:
    membership = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    assert membership is not None, organisation
    return membership.user


def seed_listings() -> Listings:
    """Every demo listing, by (orgnr, title): made and published where it is missing."""
    today = timezone.localdate()
    listings: Listings = {}
    for demo in DEMO_LISTINGS:
        owner = organisation(demo.orgnr)
        listing = Listing.objects.filter(organisation=owner, title=demo.title).first()
        if listing is None:
            by = organisation_admin(owner)
            listing = listing_create(
                organisation=owner,
                by=by,
                kind=demo.kind,
                title=demo.title,
                description=demo.description,
                occupation=Occupation.objects.get(code=demo.occupation),
                kommune=owner.kommune,
                bydel=owner.bydel,
                address="Storgata 1",
                schedule="08:00-15:00",
                start_date=today + datetime.timedelta(days=demo.start_days),
                duration_months=demo.fields.get("duration_months", 12),
                positions=demo.positions,
                deadline=today + datetime.timedelta(days=demo.deadline_days),
                screening_questions=demo.questions,
                **{k: v for k, v in demo.fields.items() if k != "duration_months"},
            )
            if demo.publish:
                listing = listing_publish(listing=listing, by=by)
        listings[(demo.orgnr, demo.title)] = listing
    return listings
