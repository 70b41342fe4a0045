"""The admin has no login of its own: /admin/login/ and /admin/logout/ send to allauth, so the
second factor and allauth's rate limits apply to the admin too."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from tests.factories import TEST_PASSWORD, UserFactory
from tests.support.auth import totp_code, with_totp_secret

pytestmark = pytest.mark.django_db


def _next_of(location: str) -> str:
    return parse_qs(urlsplit(location).query)["next"][0]


@pytest.fixture
def admin_with_secret() -> tuple[User, str]:
    admin = UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
    return admin, with_totp_secret(admin)


def test_the_admin_sends_to_allauths_login_with_next() -> None:
    client = Client()
    to_admin_login = client.get("/admin/")
    assert to_admin_login.status_code == 302
    to_login = client.get(to_admin_login["Location"])
    assert to_login.status_code == 302
    assert urlsplit(to_login["Location"]).path == reverse("account_login")
    assert _next_of(to_login["Location"]) == "/admin/"
    # An unsafe next is not passed on.
    elsewhere = client.get("/admin/login/?next=https://evil.example/")
    assert _next_of(elsewhere["Location"]) == "/admin/"


def test_a_password_posted_to_the_admin_login_signs_nobody_in(
    admin_with_secret: tuple[User, str],
) -> None:
    admin, _secret = admin_with_secret
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": admin.email, "password": TEST_PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("account_login")
    assert client.get("/admin/").status_code == 302  # still not signed in
    assert "_auth_user_id" not in client.session


def test_the_admin_is_reached_through_password_and_totp(
    admin_with_secret: tuple[User, str],
) -> None:
    admin, secret = admin_with_secret
    client = Client()
    login_url = client.get(client.get("/admin/")["Location"])["Location"]
    step = client.post(login_url, {"login": admin.email, "password": TEST_PASSWORD})
    assert step.status_code == 302
    assert step["Location"].startswith(reverse("mfa_authenticate"))
    assert client.get("/admin/").status_code == 302  # the password alone opens nothing

    done = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert (done.status_code, done["Location"]) == (302, "/admin/")
    assert client.get("/admin/").status_code == 200
    # Signed in, the admin's login page just goes on.
    assert client.get("/admin/login/?next=/admin/accounts/user/")["Location"] == (
        "/admin/accounts/user/"
    )


def test_allauths_rate_limit_applies_to_admin_logins(admin_with_secret: tuple[User, str]) -> None:
    admin, _secret = admin_with_secret
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    login_url = client.get("/admin/login/")["Location"]
    for _attempt in range(5):
        wrong = client.post(login_url, {"login": admin.email, "password": "not-the-password"})
        assert wrong.status_code == 200
    right = client.post(login_url, {"login": admin.email, "password": TEST_PASSWORD})
    # Refused (no step on to the TOTP form): too many failed attempts for this login.
    assert right.status_code == 200
    assert right.context["form"].errors


def test_a_signed_in_person_without_admin_access_is_refused(client_for, employer: User) -> None:  # type: ignore[no-untyped-def]
    assert client_for(employer).get("/admin/login/?next=/admin/").status_code == 403


def test_the_admin_logout_is_allauths_logout(client_for, platform_admin: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(platform_admin)
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("account_logout")
    confirm = client.post(response["Location"])
    assert confirm.status_code == 302
    assert client.get("/admin/").status_code == 302
