import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _password_login(client: Client, user: User) -> object:
    return client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})


def _current_totp(secret: str) -> str:
    (counter, *_) = [c for c in yield_hotp_counters_from_time() if c == int(time.time()) // 30]
    return format_hotp_value(hotp_value(secret, counter))


def test_a_veileder_without_mfa_is_sent_to_set_it_up() -> None:
    veileder = UserFactory(role=Role.VEILEDER, serves=("0301",))
    client = Client()
    _password_login(client, veileder)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get("/admin/").status_code == 302
    api = client.get("/api/v1/organisations/")
    assert api.status_code == 403
    assert api.json()["error"]["code"] == "mfa_required"
    # The way to set MFA up stays open: allauth asks for the password again, then shows the form.
    setup = client.get(reverse("mfa_activate_totp"), follow=True)
    assert setup.status_code == 200
    assert setup.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    client.post(setup.redirect_chain[-1][0], {"password": TEST_PASSWORD})
    form = client.get(reverse("mfa_activate_totp"))
    assert form.status_code == 200
    assert "form" in form.context


def test_a_veileder_with_mfa_must_give_the_totp_code_at_login() -> None:
    veileder = UserFactory(role=Role.VEILEDER, serves=("0301",))
    secret = generate_totp_secret()
    TOTP.activate(veileder, secret)
    client = Client()
    response = _password_login(client, veileder)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # Password alone does not sign in.
    assert client.get(reverse("home")).context["user"].is_anonymous

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert client.get(reverse("home")).context["user"].is_anonymous

    client.post(reverse("mfa_authenticate"), {"code": _current_totp(secret)})
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert home.context["user"] == veileder


def test_newcomers_do_not_need_mfa(newcomer: User) -> None:
    client = Client()
    _password_login(client, newcomer)
    assert client.get(reverse("home")).context["user"] == newcomer
    assert not Authenticator.objects.filter(user=newcomer).exists()


def test_a_newcomer_cannot_reach_staff_pages(client_for, newcomer: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(newcomer)
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert "/admin/login/" in admin["Location"]
    assert client.get("/admin/accounts/user/").status_code == 302
    assert client.get("/api/v1/organisations/").status_code == 403


def test_the_admin_opens_for_a_platform_admin(client_for, platform_admin: User) -> None:  # type: ignore[no-untyped-def]
    assert client_for(platform_admin).get("/admin/").status_code == 200


def test_choosing_a_language_is_kept_on_the_account(client_for, employer: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(employer)
    response = client.post(reverse("set_language"), {"language": "uk", "next": "/"})
    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.language == "uk"
    # A new session (another phone) gets the stored language.
    other = client_for(employer)
    assert '<html lang="uk"' in other.get(reverse("home")).content.decode()
