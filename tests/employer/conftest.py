"""Tests here read messages in English; `application` is one newcomer's application to `listing`."""

import pytest

from accounts.models import User
from applications import services
from applications.models import ApplicantProfile, Application
from listings.models import Listing
from tests.factories import ScreeningQuestionFactory
from tests.support.english_personas import (  # noqa: F401 - fixtures for this folder
    _english,
    employer,
    employer_b,
    newcomer,
    newcomer_b,
)


@pytest.fixture
def application(newcomer: User, listing: Listing) -> Application:  # noqa: F811
    """Amal Haddad's application to the employer's listing, with a profile and an answer."""
    ApplicantProfile.objects.create(
        user=newcomer,
        languages=["ar", "en"],
        norwegian_spoken="A2",
        norwegian_written="A1",
        experience="Bakte brød i Aleppo i fem år.",
        availability="Fra mars",
    )
    question = ScreeningQuestionFactory(listing=listing, text="Kan du starte kl. 6?")
    return services.application_submit(
        listing=listing, by=newcomer, message="Jeg liker å bake.", answers={question.pk: True}
    )
