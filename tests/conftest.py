"""Fixtures shared by the whole suite: personas and clients.

Personas: two newcomers, two employers of different organisations, a guide, a veileder and a
beslutter serving Oslo, a veileder serving Bergen, a platform admin, and anonymous.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps as django_apps
from django.core.cache import cache
from django.test import Client

from accounts.models import Role, User
from listings.models import Listing
from organisations.models import Organisation
from reference.models import Kommune
from tests.factories import (
    TEST_PASSWORD,
    ListingFactory,
    NewcomerFactory,
    OrganisationFactory,
    UserFactory,
    make_employer,
)
from tests.support.auth import signed_in_session
from tests.support.browser import browser  # noqa: F401 - the session's Chromium, for any folder
from tests.support.notification_backends import MemorySmsBackend
from tests.support.secret_logs import CAPTURE, login_codes_sent
from tests.support.worker_processes import redis_server  # noqa: F401 - a Redis of the test's own


@pytest.fixture(autouse=True)
def _clean_cache_and_sms() -> Iterator[None]:
    cache.clear()  # rate limits live in the (Redis) cache
    MemorySmsBackend.outbox.clear()
    yield
    CAPTURE.add_codes(login_codes_sent())
    MemorySmsBackend.outbox.clear()


# No log record of the session may carry a national id or a login code that was sent
# (tests/support/secret_logs.py); the check runs when the session ends.


@pytest.fixture(autouse=True)
def _capture_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    CAPTURE.attach()
    CAPTURE.current_test = request.node.nodeid
    yield
    CAPTURE.current_test = "(outside a test)"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    leaks = CAPTURE.all_leaks()
    if not leaks:
        return
    lines = sorted({f"{leak.test}: logger {leak.logger!r} logged {leak.what}" for leak in leaks})
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.ensure_newline()
        reporter.write_sep("=", "log records with a national id or a login code", red=True)
        for line in lines:
            reporter.write_line(line)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


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
    return _with_totp(make_employer(organisation, full_name="Kari Nordmann"))


@pytest.fixture
def employer_b(organisation_b: Organisation) -> User:
    return _with_totp(make_employer(organisation_b, full_name="Ola Hansen"))


@pytest.fixture
def guide(db: None) -> User:
    return _with_totp(UserFactory(role=Role.GUIDE, serves=("0301",)))


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
    """A client signed in as `user`, past every login stage: the password and, for people who
    need MFA, a TOTP code (their device is set up if they have none)."""
    signed_in_session(client, user)
    return client


def login_password_only(client: Client, user: User) -> Client:
    """A client signed in as `user` with the password alone: no second factor in the session."""
    signed_in_session(client, user, mfa=False)
    return client


@pytest.fixture
def client_for(client: Client):  # type: ignore[no-untyped-def]
    def _client_for(user: User | None) -> Client:
        fresh = Client()
        return login(fresh, user) if user is not None else fresh

    return _client_for


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


__all__ = ["TEST_PASSWORD", "has_totp", "login", "login_password_only"]


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


# The data migrations load rows that a flush removes: (module, function) of each RunPython.
DATA_MIGRATIONS = [
    ("reference.migrations.0002_load_reference_data", "load"),
    ("accounts.migrations.0002_name_the_site", "name_site"),
]


@pytest.fixture(autouse=True)
def _data_from_migrations(request: pytest.FixtureRequest) -> None:
    """Put back what the data migrations load, for tests on a flushed (transactional) database.

    A transactional test flushes every table when it ends, so the next one runs the data
    migrations' own functions again. (Django's serialized rollback would do the same, but it
    keeps the rows on the connection object, which a running Playwright event loop does not
    share.)
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
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(django_apps, None)
