"""The demo's applications: newcomers apply in their own words, employers answer them.

Every application is a story told once: when the newcomer has applied for the listing already,
the story is not told again. Together they hold every status of an application.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils import timezone

from accounts.models import User
from applications.models import Application, RejectionReason
from applications.services import (
    applicant_profile_update,
    application_accept,
    application_invite_to_interview,
    application_offer,
    application_reject,
    application_review,
    application_submit,
    application_withdraw,
    applications_expire,
)
from demo.listings import (
    CAFE_TRAINEE,
    CARETAKER_JOB,
    CARPENTER_APPRENTICE,
    KITCHEN_JOB,
    SHOP_PRACTICE,
    SUMMER_PRACTICE,
    Listings,
    organisation_admin,
)
from demo.people import (
    AHMED,
    AMAL,
    DAWIT,
    FARID,
    GRORUD,
    HAVNEKAFE,
    HODAN,
    MARIAM,
    OKSANA,
    OLENA,
    TBV,
    YONAS,
)
from listings.models import Listing, ListingStatus
from listings.services import listing_close, listing_mark_filled, saved_listing_add
from notifications.quiet import OSLO
from placements.models import PlacementAgreement

# What each newcomer tells employers, as they would write it.
PROFILES: dict[str, dict[str, object]] = {
    AMAL: {
        "languages": ["ar", "en"],
        "norwegian_spoken": "A2",
        "norwegian_written": "A1",
        "experience": "Ti år som baker i Aleppo. Kasse og lager i butikk i Oslo (praksis).",
        "availability": "Hverdager fra 06:00",
    },
    YONAS: {
        "languages": ["ti", "am", "en"],
        "norwegian_spoken": "A1",
        "norwegian_written": "A1",
        "experience": "Butikkmedarbeider i Asmara i tre år.",
        "availability": "Mandag til fredag",
    },
    OLENA: {
        "languages": ["uk", "ru", "en"],
        "norwegian_spoken": "A1",
        "norwegian_written": "A2",
        "experience": "Administrator av kafé i Kyiv i fem år.",
        "availability": "Når som helst",
    },
    HODAN: {
        "languages": ["so", "en"],
        "norwegian_spoken": "A2",
        "norwegian_written": "A1",
        "experience": "Hjelpearbeider på byggeplass i Mogadishu.",
        "availability": "Fra neste måned",
    },
    FARID: {
        "languages": ["fa", "ps"],
        "norwegian_spoken": "A1",
        "norwegian_written": "A0",
        "experience": "Kokk på restaurant i Kabul i seks år.",
        "availability": "Hverdager",
    },
    DAWIT: {
        "languages": ["ti", "en"],
        "norwegian_spoken": "A1",
        "norwegian_written": "A1",
        "experience": "Oppvask og kjøkkenhjelp på hotell.",
        "availability": "Hverdager og helger",
    },
    MARIAM: {
        "languages": ["so", "ar"],
        "norwegian_spoken": "A2",
        "norwegian_written": "A2",
        "experience": "Bakte brød for familiens butikk i Hargeisa.",
        "availability": "Tidlig om morgenen",
    },
    AHMED: {
        "languages": ["ar", "ku"],
        "norwegian_spoken": "A2",
        "norwegian_written": "A1",
        "experience": "Konditor i Damaskus i fire år.",
        "availability": "Hverdager",
    },
    OKSANA: {
        "languages": ["uk", "en"],
        "norwegian_spoken": "A1",
        "norwegian_written": "A1",
        "experience": "Kantinearbeider i Lviv.",
        "availability": "Hverdager",
    },
}


def person(login: str) -> User:
    """A demo person by their login: an email address, or a phone number."""
    if login.startswith("+"):
        return User.objects.get(phone=login)
    return User.objects.get(email=login)


def seed_profiles() -> None:
    for login, fields in PROFILES.items():
        newcomer = person(login)
        if not hasattr(newcomer, "applicant_profile"):
            applicant_profile_update(by=newcomer, **fields)


def apply(
    listing: Listing, login: str, message: str, answers: Sequence[bool] | None = None
) -> Application | None:
    """The newcomer applies, answering the screening questions (yes to each unless told);
    None if they have applied for the listing already, or it no longer takes applications (a
    demo loaded on an earlier day keeps its listings)."""
    applicant = person(login)
    if Application.objects.filter(listing=listing, applicant=applicant).exists():
        return None
    listing.refresh_from_db()
    if listing.status != ListingStatus.PUBLISHED or listing.deadline < timezone.localdate():
        return None
    questions = list(listing.screening_questions.order_by("position", "pk"))
    given = [True] * len(questions) if answers is None else list(answers)
    return application_submit(
        listing=listing,
        by=applicant,
        message=message,
        answers={q.pk: answer for q, answer in zip(questions, given, strict=True)},
    )


def hire(
    listing: Listing, login: str, message: str, answers: Sequence[bool] | None = None
) -> PlacementAgreement | None:
    """Apply, reviewed, offered, accepted: the agreement it drafts, or None if told before."""
    application = apply(listing, login, message, answers)
    if application is None:
        return None
    employer = organisation_admin(listing.organisation)
    application = application_review(application=application, by=employer)
    application = application_offer(application=application, by=employer, note="Velkommen til oss!")
    application_accept(application=application, by=application.applicant)
    return PlacementAgreement.objects.get(application=application)


def interview_time(today: datetime.date) -> datetime.datetime:
    """Tomorrow at 10:00, Oslo time."""
    return datetime.datetime.combine(
        today + datetime.timedelta(days=1), datetime.time(10), tzinfo=OSLO
    )


def seed_applications(listings: Listings) -> None:
    """Applications in each status but accepted (see placements for those)."""
    today = timezone.localdate()
    kari = organisation_admin(listings[(GRORUD, SHOP_PRACTICE)].organisation)
    ola = organisation_admin(listings[(HAVNEKAFE, CAFE_TRAINEE)].organisation)
    siri = organisation_admin(listings[(TBV, CARETAKER_JOB)].organisation)

    # Submitted: Amal's application to the café trainee post waits for Ola.
    apply(
        listings[(HAVNEKAFE, CAFE_TRAINEE)],
        AMAL,
        "مرحباً، عملت في مخبز لعشر سنوات وأحب خدمة الزبائن. أتعلم النرويجية كل يوم.",
    )

    # In review: Ola reads Yonas's application.
    application = apply(
        listings[(HAVNEKAFE, CAFE_TRAINEE)],
        YONAS,
        "ሰላም! ኣብ ኣስመራ ኣብ ድኳን ሰሪሐ እየ። ክመሃርን ክሰርሕን ድሉው እየ።",
    )
    if application is not None:
        application_review(application=application, by=ola)

    # Interview: Amal meets Kari at the bakery tomorrow at ten.
    application = apply(
        listings[(GRORUD, SHOP_PRACTICE)],
        AMAL,
        "أريد أن أتعلم العمل في المتجر وأن أتحدث النرويجية مع الزبائن.",
    )
    if application is not None:
        application_review(application=application, by=kari)
        application_invite_to_interview(
            application=application,
            by=kari,
            at=interview_time(today),
            place="Grorud Bakeri, Stovner senter 1",
            note="Ta gjerne med en venn som tolk.",
        )

    # Offered: Kari offers Farid the kitchen job; he has not answered yet.
    application = apply(
        listings[(GRORUD, KITCHEN_JOB)],
        FARID,
        "سلام، من شش سال در کابل آشپز بودم و دوست دارم در آشپزخانه کار کنم.",
    )
    if application is not None:
        application = application_review(application=application, by=kari)
        application_offer(application=application, by=kari, note="Vi vil gjerne ha deg med!")

    # Rejected: the shop practice in Bergen needs more Norwegian than Olena has yet.
    application = apply(
        listings[(HAVNEKAFE, SHOP_PRACTICE)],
        OLENA,
        "Добрий день! Я хочу працювати в магазині та краще вивчити норвезьку мову.",
    )
    if application is not None:
        application = application_review(application=application, by=ola)
        application_reject(
            application=application,
            by=ola,
            reason=RejectionReason.LANGUAGE_LEVEL,
            note="Søk gjerne igjen etter neste norskkurs.",
        )

    # Withdrawn: Hodan applied for the apprenticeship, then chose a course instead.
    application = apply(
        listings[(TBV, CARPENTER_APPRENTICE)],
        HODAN,
        "Salaan, waxaan jeclahay inaan noqdo nijaar. Hore ayaan uga shaqeeyay dhismo.",
        answers=[False, True],
    )
    if application is not None:
        application_withdraw(
            application=application, by=application.applicant, note="Jeg begynner på kurs."
        )

    # Rejected, and the listing filled: the caretaker job went to someone else.
    caretaker = listings[(TBV, CARETAKER_JOB)]
    application = apply(
        caretaker, HODAN, "Waxaan hore u sameeyay dayactir guryaha. Waan diyaar ahay."
    )
    if application is not None:
        application_reject(application=application, by=siri, reason=RejectionReason.POSITION_FILLED)
    caretaker.refresh_from_db()
    if caretaker.status == ListingStatus.PUBLISHED:
        listing_mark_filled(listing=caretaker, by=siri)

    # Expired: the summer practice closed before Ola answered Olena.
    summer = listings[(HAVNEKAFE, SUMMER_PRACTICE)]
    apply(summer, OLENA, "Я люблю працювати з людьми. Можу починати одразу.")
    summer.refresh_from_db()
    if summer.status == ListingStatus.PUBLISHED:
        listing_close(listing=summer, by=ola)
    applications_expire(today=today)

    # Amal keeps the apprenticeship for later; it closes in two days.
    amal = person(AMAL)
    apprenticeship = listings[(TBV, CARPENTER_APPRENTICE)]
    if not amal.saved_listings.filter(listing=apprenticeship).exists():
        saved_listing_add(listing=apprenticeship, by=amal)
