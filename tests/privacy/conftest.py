"""Fixtures for the privacy tests: a newcomer with data in every corner (a running agreement, an
open application with answers, saved listings and searches, notifications and preferences, facts
for subsidy cases), the subsidy cases of tests/subsidies, and field-encryption keys.

Tests here read messages in English.
"""

from __future__ import annotations

import base64
import datetime
import os

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from allauth.mfa.utils import decrypt

from accounts.models import User
from applications.models import ApplicantProfile, Application, ApplicationEvent, ScreeningAnswer
from listings.models import Listing, SavedListing, SavedSearch
from notifications.models import Category, Channel, Kind, Notification, NotificationPreference
from placements import services as placement_services
from placements.models import PlacementAgreement
from subsidies.models import PersonFacts
from tests.factories import ScreeningQuestionFactory
from tests.placements.agreement_steps import TODAY, accept_offer, approved_by_all, submitted
from tests.subsidies.conftest import case  # noqa: F401 - the POLICY.md sample case
from tests.support import english_personas

_english = english_personas._english
newcomer = english_personas.newcomer
newcomer_b = english_personas.newcomer_b
employer = english_personas.employer
employer_b = english_personas.employer_b


@pytest.fixture
def veileder(veileder: User) -> User:
    """The veileder of tests/conftest.py, reading English like the personas above."""
    return english_personas.in_english(veileder)


NATIONAL_ID = "10039410031"  # a valid fødselsnummer for 10 March 1994
D_NUMBER = "50039410025"  # the D-nummer for the same day
OTHER_NATIONAL_ID = "01010050053"  # a valid fødselsnummer for 1 January 2000
TOTP_SECRET_MARK = "totp-secret-must-not-leak"


def new_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def totp_secret_of(user: User) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return decrypt(authenticator.data["secret"])


def current_totp(secret: str, at: float) -> str:
    return format_hotp_value(hotp_value(secret, int(at) // 30))


@pytest.fixture
def running(listing: Listing, newcomer: User, employer: User, veileder: User) -> PlacementAgreement:
    """`newcomer`'s running agreement with `employer`'s organisation."""
    agreement = accept_offer(listing, newcomer)
    submitted(agreement, employer, start_date=TODAY - datetime.timedelta(days=10))
    approved_by_all(agreement, newcomer=newcomer, employer=employer, veileder=veileder)
    return placement_services.agreement_start(agreement=agreement, by=veileder)


@pytest.fixture
def open_application(listing_b: Listing, newcomer: User) -> Application:
    """`newcomer`'s application to employer_b's listing: a message and a screening answer."""
    question = ScreeningQuestionFactory(listing=listing_b)
    application = Application.objects.create(
        listing=listing_b,
        applicant=newcomer,
        number=1,
        message="Jeg heter Amal og baker gjerne.",
        profile_snapshot={"experience": "Baker i Aleppo", "languages": ["ar"]},
    )
    ApplicationEvent.objects.create(application=application, to_status="submitted", by=newcomer)
    ScreeningAnswer.objects.create(application=application, question=question, answer=True)
    return application


@pytest.fixture
def rich_newcomer(
    newcomer: User,
    running: PlacementAgreement,
    open_application: Application,
    listing_b: Listing,
) -> User:
    ApplicantProfile.objects.update_or_create(
        user=newcomer, defaults={"experience": "Baker i Aleppo", "languages": ["ar"]}
    )
    SavedListing.objects.create(user=newcomer, listing=listing_b)
    SavedSearch.objects.create(user=newcomer, name="Baker", query="baker")
    Notification.objects.create(
        recipient=newcomer,
        channel=Channel.IN_APP,
        kind=Kind.APPLICATION_STATUS,
        idempotency_key=f"privacy-test-{newcomer.pk}",
        link_path="/me/applications/",
    )
    NotificationPreference.objects.create(user=newcomer, category=Category.OFFERS, sms=True)
    PersonFacts.objects.create(person=newcomer, birth_date=datetime.date(1990, 5, 1))
    device = TOTP.activate(newcomer, generate_totp_secret()).instance
    device.data["secret_mark"] = TOTP_SECRET_MARK
    device.save()
    newcomer.phone = "+4791234567"
    newcomer.save(update_fields=["phone"])
    return newcomer
