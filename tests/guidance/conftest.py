"""Fixtures for the guide's workspace: an Oslo guide with a caseload, a second guide, and a
newcomer of Bergen outside both."""

from __future__ import annotations

import pytest

from accounts.models import ConsentKind, NewcomerProfile, Role, User
from accounts.services import consent_give
from tests.conftest import _with_totp
from tests.factories import NewcomerFactory, UserFactory


def follow(newcomer: User, guide: User | None, *, kommune: str = "0301", shares: bool) -> User:
    NewcomerProfile.objects.filter(user=newcomer).update(guide=guide, kommune_id=kommune)
    if shares:
        consent_give(user=newcomer, kind=ConsentKind.GUIDE_SHARING)
    return newcomer


@pytest.fixture
def guide_b(db: None) -> User:
    """Another guide of Oslo."""
    return _with_totp(UserFactory(role=Role.GUIDE, serves=("0301",), full_name="Guri Berg"))


@pytest.fixture
def sharing(newcomer: User, guide: User) -> User:
    """Amal (Arabic), in `guide`'s caseload, shares with the guide."""
    return follow(newcomer, guide, shares=True)


@pytest.fixture
def private(newcomer_b: User, guide: User) -> User:
    """Yonas (Tigrinya), in `guide`'s caseload, does not share."""
    return follow(newcomer_b, guide, shares=False)


@pytest.fixture
def someone_elses(guide_b: User) -> User:
    """A newcomer of `guide_b`'s, sharing with them."""
    return follow(NewcomerFactory(full_name="Farid Rahimi", language="fa"), guide_b, shares=True)
