"""Plans reached as people reach them: a newcomer of Oslo followed by a guide, and a placement
that has ended."""

from __future__ import annotations

import pytest

from accounts.models import ConsentKind, NewcomerProfile, User
from accounts.services import consent_give
from listings.models import Listing
from placements import services as placement_services
from placements.models import PlacementAgreement
from plans.models import DevelopmentPlan
from tests.placements.agreement_steps import accept_offer, approved_by_all, submitted
from tests.plans.factories import PlanFactory


@pytest.fixture
def followed(newcomer: User, guide: User) -> User:
    """Newcomer A lives in Oslo, follows the guide and lets them see their data."""
    NewcomerProfile.objects.filter(user=newcomer).update(kommune_id="0301", guide=guide)
    consent_give(user=newcomer, kind=ConsentKind.GUIDE_SHARING)
    return newcomer


@pytest.fixture
def plan(followed: User) -> DevelopmentPlan:
    return PlanFactory(newcomer=followed)


def ended(agreement: PlacementAgreement, *, veileder: User) -> PlacementAgreement:
    placement_services.agreement_start(agreement=agreement, by=veileder, today=agreement.start_date)
    return placement_services.agreement_end(agreement=agreement, by=veileder)


@pytest.fixture
def ended_agreement(
    followed: User, listing: Listing, employer: User, veileder: User
) -> PlacementAgreement:
    """Newcomer A's placement at employer A's bakery, approved by all, run and ended."""
    agreement = submitted(accept_offer(listing, followed), employer)
    approved_by_all(agreement, newcomer=followed, employer=employer, veileder=veileder)
    return ended(agreement, veileder=veileder)
