"""Agreements in every state, reached through the services as people would reach them.

Tests here read messages in English.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from accounts.models import ConsentKind, NewcomerProfile, User
from accounts.services import consent_give
from listings.models import Listing
from placements import services
from placements.models import PlacementAgreement
from tests.placements.agreement_steps import TODAY, accept_offer, approved_by_all, submitted
from tests.support import english_personas

# The English-reading personas, as fixtures of this folder.
_english = english_personas._english
newcomer = english_personas.newcomer
newcomer_b = english_personas.newcomer_b
employer = english_personas.employer
employer_b = english_personas.employer_b


@pytest.fixture
def draft(listing: Listing, newcomer: User) -> PlacementAgreement:
    """The draft agreement of `newcomer` with `employer`'s organisation, in Oslo."""
    return accept_offer(listing, newcomer)


@pytest.fixture
def awaiting(draft: PlacementAgreement, employer: User) -> PlacementAgreement:
    return submitted(draft, employer)


@pytest.fixture
def ready(
    awaiting: PlacementAgreement, newcomer: User, employer: User, veileder: User
) -> PlacementAgreement:
    return approved_by_all(awaiting, newcomer=newcomer, employer=employer, veileder=veileder)


@pytest.fixture
def in_state(
    listing: Listing,
    newcomer: User,
    employer: User,
    veileder: User,
) -> Callable[[str], PlacementAgreement]:
    """An agreement in the named status, reached through the services."""

    def make(status: str) -> PlacementAgreement:
        agreement = accept_offer(listing, newcomer)
        if status == "draft":
            return agreement
        submitted(agreement, employer, start_date=TODAY - datetime.timedelta(days=10))
        if status == "awaiting_approvals":
            return agreement
        approved_by_all(agreement, newcomer=newcomer, employer=employer, veileder=veileder)
        if status == "ready":
            return agreement
        services.agreement_start(agreement=agreement, by=veileder)
        if status == "running":
            return agreement
        if status == "ended":
            return services.agreement_end(agreement=agreement, by=veileder)
        if status == "cancelled":
            return services.agreement_cancel(agreement=agreement, by=employer, reason="Lagt ned")
        raise AssertionError(status)

    return make


@pytest.fixture
def veileder(veileder: User) -> User:
    """The Oslo veileder, reading English like the personas above."""
    veileder.language = "en"
    veileder.save(update_fields=["language"])
    return veileder


@pytest.fixture
def guided(newcomer: User, guide: User) -> User:
    """`guide` follows `newcomer`, who shares their applications and agreements with the guide."""
    NewcomerProfile.objects.update_or_create(user=newcomer, defaults={"guide": guide})
    consent_give(user=newcomer, kind=ConsentKind.GUIDE_SHARING)
    return newcomer
