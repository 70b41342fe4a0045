"""Fixtures shared by the whole suite: personas and clients.

Personas: two newcomers, two employers of different organisations, a guide, a veileder and a
beslutter serving Oslo, a veileder serving Bergen, a platform admin, and anonymous.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache
from django.test import Client

from accounts.models import Role, User
from listings.models import Listing
from notifications.sms import MemorySmsBackend
from organisations.models import Organisation
from tests.factories import (
    TEST_PASSWORD,
    ListingFactory,
    NewcomerFactory,
    OrganisationFactory,
    UserFactory,
    make_employer,
)


@pytest.fixture(autouse=True)
def _clean_cache_and_sms() -> Iterator[None]:
    cache.clear()  # rate limits live in the (Redis) cache
    MemorySmsBackend.outbox.clear()
    yield
    MemorySmsBackend.outbox.clear()


def _with_totp(user: User) -> User:
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def newcomer(db: None) -> User:
    return NewcomerFactory(full_name="Amal Haddad", language="ar")


@pytest.fixture
def newcomer_b(db: None) -> User:
    return NewcomerFactory(full_name="Yonas Tesfay", language="ti")


@pytest.fixture
def organisation(db: None) -> Organisation:
    return OrganisationFactory(orgnr="988077917", name="Grorud Bakeri AS", bydel_id="030111")


@pytest.fixture
def organisation_b(db: None) -> Organisation:
    return OrganisationFactory(orgnr="974760673", name="Bergen Havnekafe AS", kommune_id="4601")


@pytest.fixture
def employer(organisation: Organisation) -> User:
    return make_employer(organisation, full_name="Kari Nordmann")


@pytest.fixture
def employer_b(organisation_b: Organisation) -> User:
    return make_employer(organisation_b, full_name="Ola Hansen")


@pytest.fixture
def guide(db: None) -> User:
    return UserFactory(role=Role.GUIDE, serves=("0301",))


@pytest.fixture
def veileder(db: None) -> User:
    return _with_totp(UserFactory(role=Role.VEILEDER, serves=("0301",)))


@pytest.fixture
def beslutter(db: None) -> User:
    return _with_totp(UserFactory(role=Role.BESLUTTER, serves=("0301",)))


@pytest.fixture
def veileder_bergen(db: None) -> User:
    return _with_totp(UserFactory(role=Role.VEILEDER, serves=("4601",)))


@pytest.fixture
def platform_admin(db: None) -> User:
    return _with_totp(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))


def login(client: Client, user: User) -> Client:
    """A client signed in as `user`, past every login stage (password, MFA)."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def client_for(client: Client):  # type: ignore[no-untyped-def]
    def _client_for(user: User | None) -> Client:
        fresh = Client()
        return login(fresh, user) if user is not None else fresh

    return _client_for


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


__all__ = ["TEST_PASSWORD", "has_totp", "login"]


# Listings and applications.


@pytest.fixture
def listing(organisation: Organisation) -> Listing:
    """A published listing of `organisation` (the employer's)."""
    return ListingFactory(organisation=organisation, title="Bakeriarbeider på Grorud")


@pytest.fixture
def listing_b(organisation_b: Organisation) -> Listing:
    """A published listing of `organisation_b` (employer_b's)."""
    return ListingFactory(
        organisation=organisation_b, title="Kafémedarbeider i Bergen", kommune_id="4601"
    )
