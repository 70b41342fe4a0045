"""Sessions of people who need MFA end after STAFF_SESSION_IDLE_SECONDS without a request;
newcomers keep theirs."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import reverse

from accounts.models import User
from accounts.sessions import LAST_ACTIVITY_SESSION_KEY
from tests.conftest import login
from tests.factories import TEST_PASSWORD
from tests.support.auth import totp_code, with_totp_secret

pytestmark = pytest.mark.django_db


def _idle_for(client: Client, seconds: float) -> None:
    session = client.session
    session[LAST_ACTIVITY_SESSION_KEY] = time.time() - seconds
    session.save()


def _is_sent_to_log_in(response: HttpResponse) -> bool:
    return response.status_code == 302 and urlsplit(response["Location"]).path == reverse(
        "account_login"
    )


def test_the_idle_limit_is_thirty_minutes_by_default(settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.STAFF_SESSION_IDLE_SECONDS == 30 * 60


def test_a_veileder_idle_too_long_is_logged_out_and_sent_to_log_in(veileder: User) -> None:
    client = login(Client(), veileder)
    _idle_for(client, 31 * 60)
    response = client.get("/agreements/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert (location.path, location.query) == (reverse("account_login"), "next=/agreements/")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).context["user"].is_anonymous


@pytest.mark.parametrize("persona", ["employer", "guide", "platform_admin"])
def test_the_api_answers_401_after_the_idle_limit(
    persona: str, request: pytest.FixtureRequest
) -> None:
    client = login(Client(), request.getfixturevalue(persona))
    _idle_for(client, 31 * 60)
    response = client.get("/api/v1/organisations/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "session_expired"
    assert "_auth_user_id" not in client.session


def test_each_request_keeps_a_staff_session_alive(employer: User) -> None:
    client = login(Client(), employer)
    _idle_for(client, 29 * 60)
    assert client.get(reverse("home")).context["user"] == employer
    assert time.time() - client.session[LAST_ACTIVITY_SESSION_KEY] < 5  # refreshed
    _idle_for(client, 20 * 60)
    assert client.get(reverse("home")).context["user"] == employer


def test_a_staff_session_without_a_last_activity_counts_as_expired(beslutter: User) -> None:
    client = login(Client(), beslutter)
    session = client.session
    del session[LAST_ACTIVITY_SESSION_KEY]
    session.save()
    assert _is_sent_to_log_in(client.get(reverse("home")))
    assert "_auth_user_id" not in client.session


def test_a_real_login_starts_the_idle_clock(employer: User) -> None:
    employer.authenticator_set.all().delete()
    secret = with_totp_secret(employer)
    client = Client()
    client.post(reverse("account_login"), {"login": employer.email, "password": TEST_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert time.time() - client.session[LAST_ACTIVITY_SESSION_KEY] < 5
    assert client.get(reverse("home")).context["user"] == employer


@override_settings(STAFF_SESSION_IDLE_SECONDS=120)
def test_the_idle_limit_is_a_setting(veileder: User) -> None:
    client = login(Client(), veileder)
    _idle_for(client, 90)
    assert client.get(reverse("home")).context["user"] == veileder
    _idle_for(client, 150)
    assert _is_sent_to_log_in(client.get(reverse("home")))
    assert "_auth_user_id" not in client.session


def test_newcomers_keep_their_session(newcomer: User) -> None:
    client = login(Client(), newcomer)
    _idle_for(client, 3 * 24 * 3600)
    assert client.get(reverse("home")).context["user"] == newcomer
