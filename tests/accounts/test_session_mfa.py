"""A person who needs MFA must have passed it in this very session: having a device is not
enough. The web pages, the admin and the session-authenticated API use the same check."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import MFA_REQUIRED_ROLES, Role, User
from tests.conftest import login, login_password_only
from tests.factories import TEST_PASSWORD, UserFactory
from tests.support.auth import totp_code, with_totp_secret
from tests.support.browser import session_cookie

pytestmark = pytest.mark.django_db

STAFF_PERSONAS = ["guide", "employer", "veileder", "beslutter", "platform_admin"]


def test_everyone_but_newcomers_needs_mfa() -> None:
    assert set(MFA_REQUIRED_ROLES) == set(Role) - {Role.NEWCOMER}


@pytest.mark.parametrize("persona", STAFF_PERSONAS)
def test_a_password_alone_is_logged_out_of_the_web_pages(
    persona: str, request: pytest.FixtureRequest
) -> None:
    person: User = request.getfixturevalue(persona)
    client = login_password_only(Client(), person)
    response = client.get("/me/applications/?x=1")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_login")
    assert "next=/me/applications/%3Fx%3D1" in location.query
    assert "_auth_user_id" not in client.session  # logged out
    assert client.get(reverse("home")).context["user"].is_anonymous


@pytest.mark.parametrize("persona", STAFF_PERSONAS)
def test_a_password_alone_gets_403_from_the_api(
    persona: str, request: pytest.FixtureRequest
) -> None:
    person: User = request.getfixturevalue(persona)
    response = login_password_only(Client(), person).get("/api/v1/organisations/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "mfa_required"
    assert response.json()["error"]["message"]


def test_a_password_alone_does_not_open_the_admin(platform_admin: User) -> None:
    client = login_password_only(Client(), platform_admin)
    response = client.get("/admin/accounts/user/")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("account_login")
    assert client.get("/admin/").status_code == 302


def test_a_password_alone_cannot_manage_the_device(veileder: User) -> None:
    """The account pages do not stay open to a session that skipped the second factor."""
    client = login_password_only(Client(), veileder)
    client.get(reverse("mfa_index"))
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("persona", STAFF_PERSONAS)
def test_a_session_that_passed_the_second_factor_gets_in(
    persona: str, request: pytest.FixtureRequest
) -> None:
    person: User = request.getfixturevalue(persona)
    client = login(Client(), person)
    assert client.get(reverse("home")).context["user"] == person
    api = client.get("/api/v1/organisations/")
    assert api.status_code == 200 or api.json()["error"]["code"] != "mfa_required"


def test_newcomers_need_no_second_factor(newcomer: User) -> None:
    client = login_password_only(Client(), newcomer)
    assert client.get(reverse("home")).context["user"] == newcomer
    assert client.get("/me/applications/").status_code == 200


def test_an_employer_without_a_device_is_sent_to_set_it_up() -> None:
    employer = UserFactory(role=Role.EMPLOYER)
    client = Client()
    client.post(reverse("account_login"), {"login": employer.email, "password": TEST_PASSWORD})
    response = client.get(reverse("home"))
    assert (response.status_code, response["Location"]) == (302, reverse("mfa_activate_totp"))
    api = client.get("/api/v1/organisations/")
    assert (api.status_code, api.json()["error"]["code"]) == (403, "mfa_required")


def test_a_real_login_with_totp_counts_for_the_api() -> None:
    employer = UserFactory(role=Role.EMPLOYER)
    secret = with_totp_secret(employer)
    client = Client()
    client.post(reverse("account_login"), {"login": employer.email, "password": TEST_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.get(reverse("home")).context["user"] == employer
    assert client.get("/api/v1/organisations/").status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth sends `authenticator_added` on commit
def test_setting_up_totp_counts_as_passing_it() -> None:
    veileder = UserFactory(role=Role.VEILEDER, serves=("0301",))
    client = Client()
    client.post(reverse("account_login"), {"login": veileder.email, "password": TEST_PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    form = client.get(reverse("mfa_activate_totp"))
    secret = form.context["form"].secret
    done = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert done.status_code == 302
    # The recovery codes are shown next, and the person stays signed in.
    assert client.get(done["Location"]).status_code == 200
    assert client.get(reverse("home")).context["user"] == veileder


def test_the_browser_tests_session_cookie_has_passed_the_second_factor(employer: User) -> None:
    cookie = session_cookie(employer, "http://testserver")
    client = Client()
    client.cookies[cookie["name"]] = cookie["value"]
    assert client.get(reverse("home")).context["user"] == employer
