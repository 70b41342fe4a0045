"""The admin never shows two-factor secrets, lets a device be removed (a lost phone), and writes
every change of a person's role, kommuner or access flags to the audit log."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from audit.models import AuditEntry
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(platform_admin: User) -> Client:
    return login(Client(HTTP_USER_AGENT="AdminBrowser/1"), platform_admin)


def _secrets_of(user: User) -> list[str]:
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    codes = RecoveryCodes.activate(user).instance
    return [totp.wrap().instance.data["secret"], *codes.wrap().get_unused_codes()]


def test_the_authenticator_admin_shows_no_secret(admin_client: Client, veileder: User) -> None:
    secrets = _secrets_of(veileder)
    totp = Authenticator.objects.get(user=veileder, type=Authenticator.Type.TOTP)
    pages = [
        admin_client.get("/admin/mfa/authenticator/"),
        admin_client.get(f"/admin/mfa/authenticator/{totp.pk}/change/"),
        admin_client.get(f"/admin/mfa/authenticator/{totp.pk}/delete/"),
    ]
    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        assert not [secret for secret in secrets if secret in html]
    # Read-only: no way to add a device or to change one.
    assert admin_client.get("/admin/mfa/authenticator/add/").status_code == 403
    change = admin_client.post(
        f"/admin/mfa/authenticator/{totp.pk}/change/", {"data": '{"secret": "AAAA"}'}
    )
    assert change.status_code == 403
    totp.refresh_from_db()
    assert totp.data["secret"] != "AAAA"


def test_an_admin_removes_a_lost_device_and_it_is_audited(
    admin_client: Client, platform_admin: User, veileder: User
) -> None:
    _secrets_of(veileder)  # a TOTP device and recovery codes
    totp = Authenticator.objects.get(user=veileder, type=Authenticator.Type.TOTP)
    response = admin_client.post(f"/admin/mfa/authenticator/{totp.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=veileder).exists()  # recovery codes went too
    [entry] = AuditEntry.objects.filter(action="account.mfa_reset")
    assert (entry.object_type, entry.object_id) == ("user", str(veileder.pk))
    assert (entry.user_id, entry.user_agent) == (platform_admin.pk, "AdminBrowser/1")
    assert sorted(entry.details["removed"]) == ["recovery_codes", "totp"]
    # At the next request the veileder is sent to set up a new device.
    veileder_client = Client()
    veileder_client.force_login(veileder)
    assert veileder_client.get("/")["Location"] == reverse("mfa_activate_totp")


def _change_form(user: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "full_name": user.full_name,
        "email": user.email or "",
        "phone": user.phone or "",
        "role": user.role,
        "language": user.language,
        "kommuner": list(user.kommuner.values_list("number", flat=True)),
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_changing_role_kommuner_and_access_is_audited(
    admin_client: Client, platform_admin: User, veileder: User
) -> None:
    response = admin_client.post(
        f"/admin/accounts/user/{veileder.pk}/change/",
        _change_form(veileder, role=Role.BESLUTTER, kommuner=["0301", "4601"], is_staff="on"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    [entry] = AuditEntry.objects.filter(action="account.access_change")
    assert (entry.object_type, entry.object_id, entry.user_id) == (
        "user",
        str(veileder.pk),
        platform_admin.pk,
    )
    assert entry.details["changes"] == {
        "role": {"old": "veileder", "new": "beslutter"},
        "kommuner": {"old": ["0301"], "new": ["0301", "4601"]},
        "is_staff": {"old": False, "new": True},
    }
    veileder.refresh_from_db()
    # Saving again without a change of access writes nothing more.
    admin_client.post(
        f"/admin/accounts/user/{veileder.pk}/change/",
        _change_form(veileder, full_name="Another Name"),
    )
    assert AuditEntry.objects.filter(action="account.access_change").count() == 1


def test_deactivating_and_making_superuser_are_audited(admin_client: Client, guide: User) -> None:
    admin_client.post(
        f"/admin/accounts/user/{guide.pk}/change/",
        _change_form(guide, is_active="", is_superuser="on"),
    )
    [entry] = AuditEntry.objects.filter(action="account.access_change")
    assert entry.details["changes"] == {
        "is_active": {"old": True, "new": False},
        "is_superuser": {"old": False, "new": True},
    }


def test_creating_a_person_in_the_admin_is_audited(admin_client: Client) -> None:
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "full_name": "Vera Veileder",
            "email": "vera@nav.no",
            "role": Role.VEILEDER,
            "language": "nb",
            "password1": "a-long-and-unusual-pass-2026",
            "password2": "a-long-and-unusual-pass-2026",
        },
    )
    assert response.status_code == 302
    vera = User.objects.get(email="vera@nav.no")
    [entry] = AuditEntry.objects.filter(action="account.create")
    assert entry.object_id == str(vera.pk)
    assert entry.details["changes"]["role"] == {"old": None, "new": "veileder"}
    assert "password" not in str(entry.details)
