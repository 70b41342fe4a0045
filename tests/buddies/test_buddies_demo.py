"""The demo shows buddy matching: a coordinator, volunteers approved and waiting, a proposal
waiting for an answer, an active match with a check-in, and a proposal ready for the coordinator."""

from __future__ import annotations

import pytest

from accounts.models import Role, User
from buddies import selectors
from buddies.models import BuddyCheckIn, BuddyMatch, MatchStatus, Volunteer, VolunteerStatus
from demo.buddies import COORDINATOR
from demo.seed import seed_demo

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_part_of_buddy_matching() -> None:
    seed_demo()
    statuses = set(Volunteer.objects.values_list("status", flat=True))
    assert {VolunteerStatus.APPROVED, VolunteerStatus.PENDING} <= statuses
    assert BuddyMatch.objects.filter(status=MatchStatus.PROPOSED).exists()
    active = BuddyMatch.objects.get(status=MatchStatus.ACTIVE)
    assert BuddyCheckIn.objects.filter(match=active).exists()
    coordinator = User.objects.get(email=COORDINATOR)
    assert coordinator.role == Role.VOLUNTEER
    rows = selectors.proposal_list(viewer=coordinator)
    assert rows and all(set(row.volunteer.languages) & set(row.request.languages) for row in rows)
    counts = (BuddyMatch.objects.count(), BuddyCheckIn.objects.count(), Volunteer.objects.count())
    seed_demo()
    assert counts == (
        BuddyMatch.objects.count(),
        BuddyCheckIn.objects.count(),
        Volunteer.objects.count(),
    )
