import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from accounts.models import Role, User
from common.demo import DEMO_PASSWORD, seed_demo
from listings.models import Listing, ListingStatus
from organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_demo_data_has_every_persona_and_loads_twice_without_change() -> None:
    logins = seed_demo()
    counts = (User.objects.count(), Organisation.objects.count(), Listing.objects.count())
    assert {login.role for login in logins} == {role.value for role in Role}
    assert len({u.language for u in User.objects.filter(role=Role.NEWCOMER)}) >= 5
    assert Organisation.objects.values("kommune").distinct().count() >= 3
    assert Listing.objects.filter(status=ListingStatus.PUBLISHED).count() >= 4
    seed_demo()
    assert (User.objects.count(), Organisation.objects.count(), Listing.objects.count()) == counts


@override_settings(DEBUG=True, MFA_TOTP_INSECURE_BYPASS_CODE="000000")
def test_the_printed_demo_logins_work_with_the_demo_code() -> None:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    printed = out.getvalue()
    assert "two-factor code 000000" in printed
    for login in seed_demo():
        if login.role == Role.NEWCOMER and "@" not in login.login:
            continue  # phone logins get an SMS code
        client = Client()
        step = client.post(
            reverse("account_login"), {"login": login.login, "password": DEMO_PASSWORD}
        )
        assert step.status_code == 302, login
        if login.role != Role.NEWCOMER:
            assert "two-factor code" in login.note
            assert f"{login.login:<30} {login.name}" in printed
            client.post(reverse("mfa_authenticate"), {"code": "000000"})
        home = client.get(reverse("home"))
        assert home.status_code == 200, login
        assert home.context["user"].email == login.login
