"""A phone signup keeps no name until the number is verified; unverified accounts expire."""

from __future__ import annotations

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import NewcomerProfile, Role, User
from tests.factories import ApplicationFactory, UserFactory
from tests.support.notification_backends import MemorySmsBackend
from worker.schedule import BEAT_SCHEDULE
from worker.tasks import accounts as account_tasks

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(hours=24)


def _code(text: str) -> str:
    match = re.search(r"\b(\d{6})\b", text)
    assert match, text
    return match.group(1)


def _signup(client: Client, name: str, phone: str = "912 34 567") -> None:
    response = client.post(
        reverse("account_signup_phone"),
        {"full_name": name, "phone": phone, "language": "en", "privacy_notice": "on"},
    )
    assert response.status_code == 302


def _unverified(**fields: object) -> User:
    """A user whose email address was never verified."""
    user = UserFactory(**fields)
    EmailAddress.objects.filter(user=user).update(verified=False)
    return user


def _joined(user: User, *, hours_ago: float) -> User:
    User.objects.filter(pk=user.pk).update(
        date_joined=timezone.now() - datetime.timedelta(hours=hours_ago)
    )
    return user


def test_phone_signup_stores_no_name_until_the_code_proves_the_number() -> None:
    client = Client()
    _signup(client, "Yonas Tesfay")
    user = User.objects.get(phone="+4791234567")
    assert (user.full_name, user.phone_verified) == ("", False)
    assert "Yonas" not in str(User.objects.filter(pk=user.pk).values().get())

    code = _code(MemorySmsBackend.outbox[-1].text)
    assert client.post(reverse("account_confirm_login_code"), {"code": code}).status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.phone_verified) == ("Yonas Tesfay", True)


def test_someone_elses_signup_for_a_number_never_names_its_account() -> None:
    """A stranger types a number that is not theirs: the owner's code sets the owner's name."""
    stranger, owner = Client(), Client()
    _signup(stranger, "Somebody Else")
    _signup(owner, "Hodan Abdi")
    assert User.objects.get().full_name == ""
    code = _code(MemorySmsBackend.outbox[-1].text)  # the code texted for the owner's signup
    owner.post(reverse("account_confirm_login_code"), {"code": code})
    assert User.objects.get().full_name == "Hodan Abdi"


def test_a_verified_name_is_not_replaced_by_a_later_signup() -> None:
    user = User.objects.create_user(
        phone="+4791234567", full_name="Farid Karimi", role=Role.NEWCOMER, phone_verified=True
    )
    client = Client()
    _signup(client, "Someone Else")
    client.post(
        reverse("account_confirm_login_code"), {"code": _code(MemorySmsBackend.outbox[-1].text)}
    )
    user.refresh_from_db()
    assert user.full_name == "Farid Karimi"


def test_unverified_accounts_older_than_a_day_are_deleted_and_the_rest_kept(
    employer: User, newcomer: User, guide: User
) -> None:
    old_phone, _ = services.newcomer_signup_by_phone(phone="92345678", language="so")
    _joined(old_phone, hours_ago=25)
    new_phone, _ = services.newcomer_signup_by_phone(phone="93456789", language="so")
    _joined(new_phone, hours_ago=23)
    verified_phone, _ = services.newcomer_signup_by_phone(phone="94567890", language="so")
    services.user_phone_verified(user=verified_phone, phone=verified_phone.phone or "")
    _joined(verified_phone, hours_ago=48)
    old_email = _joined(_unverified(role=Role.EMPLOYER), hours_ago=30)
    # Created by an admin, never verified: not a signup, kept.
    staff_made = _joined(_unverified(role=Role.VEILEDER), hours_ago=100)
    for persona in (employer, newcomer, guide):  # verified emails
        _joined(persona, hours_ago=100)

    assert services.user_delete_unverified(older_than=DAY) == 2
    assert not User.objects.filter(pk__in=[old_phone.pk, old_email.pk]).exists()
    assert not NewcomerProfile.objects.filter(user_id=old_phone.pk).exists()
    kept = {new_phone, verified_phone, staff_made, employer, newcomer, guide}
    assert kept <= set(User.objects.all())
    assert services.user_delete_unverified(older_than=DAY) == 0  # idempotent


def test_an_account_that_logged_in_or_is_referenced_is_kept(listing) -> None:  # type: ignore[no-untyped-def]
    logged_in = _unverified(role=Role.NEWCOMER, last_login=timezone.now())
    _joined(logged_in, hours_ago=48)
    applicant = _unverified(role=Role.NEWCOMER)
    ApplicationFactory(listing=listing, applicant=applicant)
    _joined(applicant, hours_ago=48)
    assert services.user_delete_unverified(older_than=DAY) == 0
    assert User.objects.filter(pk__in=[logged_in.pk, applicant.pk]).count() == 2


@override_settings(UNVERIFIED_ACCOUNT_HOURS=2)
def test_the_periodic_task_uses_the_setting_and_is_scheduled() -> None:
    user, _ = services.newcomer_signup_by_phone(phone="92345678", language="nb")
    _joined(user, hours_ago=3)
    assert account_tasks.delete_unverified_accounts.apply().get() == 1
    assert account_tasks.delete_unverified_accounts.apply().get() == 0
    entry = BEAT_SCHEDULE["accounts-delete-unverified"]
    assert entry["task"] == "worker.tasks.accounts.delete_unverified_accounts"
    interval = entry["schedule"].total_seconds()
    assert 0 < entry["options"]["expires"] < interval
