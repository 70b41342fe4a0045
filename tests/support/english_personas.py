"""Personas who read English, for tests that assert on wording.

Other tests check that people get their own language. Import these into a conftest.py.
"""

from collections.abc import Iterator

import pytest
from django.utils import translation

from accounts.models import User


def in_english(user: User) -> User:
    user.language = "en"
    user.save(update_fields=["language"])
    return user


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def newcomer(newcomer: User) -> User:
    return in_english(newcomer)


@pytest.fixture
def newcomer_b(newcomer_b: User) -> User:
    return in_english(newcomer_b)


@pytest.fixture
def employer(employer: User) -> User:
    return in_english(employer)


@pytest.fixture
def employer_b(employer_b: User) -> User:
    return in_english(employer_b)
