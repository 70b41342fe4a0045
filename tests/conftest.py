"""Fixtures shared by the whole suite: personas and clients.

Personas: two newcomers, two employers of different organisations, a guide, a veileder and a
beslutter serving Oslo, a veileder serving Bergen, a platform admin, and anonymous.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.test import Client

from accounts.models import Role, User
from listings.models import Listing
from notifications.sms import MemorySmsBackend
from organisations.models import Organisation
from reference import csv_import
from reference.models import Bydel, Kommune, Occupation
from tests.factories import (
    TEST_PASSWORD,
    ListingFactory,
    NewcomerFactory,
    OrganisationFactory,
    UserFactory,
    make_employer,
)
from tests.support.browser import browser  # noqa: F401 - the session's Chromium, for any folder


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


@pytest.fixture(autouse=True)
def _data_from_migrations(request: pytest.FixtureRequest) -> None:
    """Put back what the migrations load, for tests on a flushed (transactional) database.

    A transactional test flushes every table when it ends. Django's serialized rollback
    restores the rows, but not on the connection a running Playwright event loop sees, so
    the reference data and the site are loaded again here when they are gone.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = "live_server" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction", False)
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    if Kommune.objects.exists():
        return
    csv_import.import_kommuner(Kommune)
    csv_import.import_bydeler(Bydel)
    csv_import.import_occupations(Occupation)
    Site.objects.update_or_create(
        id=settings.SITE_ID,
        defaults={"name": "Innsteg", "domain": urlsplit(settings.SITE_URL).netloc or "innsteg.no"},
    )
