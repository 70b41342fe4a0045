import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import NewcomerProfile, Role, User
from tests.support.notification_backends import MemorySmsBackend

pytestmark = pytest.mark.django_db


def _code_from(text: str) -> str:
    match = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4}|\d{6})\b", text)
    assert match, text
    return match.group(1)


def test_signup_by_email_needs_the_code_sent_by_email() -> None:
    client = Client()
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new.employer@example.com",
            "password1": "a-long-and-unusual-pass-2026",
            "password2": "a-long-and-unusual-pass-2026",
            "full_name": "Nora Nilsen",
            "role": Role.EMPLOYER,
            "language": "en",
            "privacy_notice": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.employer@example.com")
    assert (user.role, user.full_name, user.language) == (Role.EMPLOYER, "Nora Nilsen", "en")
    assert not EmailAddress.objects.get(user=user).verified
    # Not signed in until the email address is verified.
    assert client.get(reverse("home")).context["user"].is_anonymous

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.employer@example.com"]
    code = _code_from(message.body)

    page = client.get(response["Location"])
    assert page.status_code == 200
    wrong = client.post(response["Location"], {"code": "WRONG1"})
    assert wrong.status_code == 200
    assert not EmailAddress.objects.get(user=user).verified

    done = client.post(response["Location"], {"code": code})
    assert done.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    # Employers read applicants' personal data: before anything else they set up MFA.
    home = client.get(reverse("home"))
    assert (home.status_code, home["Location"]) == (302, reverse("mfa_activate_totp"))


def test_signup_refuses_a_staff_role() -> None:
    response = Client().post(
        reverse("account_signup"),
        {
            "email": "sneaky@example.com",
            "password1": "a-long-and-unusual-pass-2026",
            "password2": "a-long-and-unusual-pass-2026",
            "full_name": "Sneaky",
            "role": Role.BESLUTTER,
        },
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(email="sneaky@example.com").exists()


def test_signup_by_phone_logs_in_with_the_sms_code() -> None:
    client = Client()
    response = client.post(
        reverse("account_signup_phone"),
        {
            "full_name": "Yonas Tesfay",
            "phone": "912 34 567",
            "language": "en",
            "privacy_notice": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    user = User.objects.get(phone="+4791234567")
    assert user.email is None
    assert user.role == Role.NEWCOMER
    assert not user.phone_verified
    assert user.full_name == ""  # kept in the session until the number is verified
    assert NewcomerProfile.objects.filter(user=user).exists()

    assert len(MemorySmsBackend.outbox) == 1
    sms = MemorySmsBackend.outbox[0]
    assert sms.to == "+4791234567"
    assert "Your Innsteg code is" in sms.text  # in the language chosen at signup
    code = _code_from(sms.text)

    done = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.phone_verified
    assert user.full_name == "Yonas Tesfay"
    assert client.get(reverse("home")).context["user"] == user


def test_phone_signup_sms_speaks_the_chosen_language() -> None:
    Client().post(
        reverse("account_signup_phone"),
        {"full_name": "Amal", "phone": "+47 923 45 678", "language": "ar", "privacy_notice": "on"},
    )
    (sms,) = MemorySmsBackend.outbox
    assert "Your Innsteg code is" not in sms.text
    assert re.search(r"[\u0600-\u06FF]", sms.text), sms.text


def test_phone_signup_with_a_known_number_logs_that_person_in() -> None:
    client = Client()
    data = {
        "full_name": "Hodan Abdi",
        "phone": "92345678",
        "language": "so",
        "privacy_notice": "on",
    }
    client.post(reverse("account_signup_phone"), data)
    client.post(reverse("account_signup_phone"), data)
    assert User.objects.filter(phone="+4792345678").count() == 1
    assert len(MemorySmsBackend.outbox) == 2


@pytest.mark.parametrize("phone", ["123", "not a number", "+47 123"])
def test_phone_signup_refuses_an_invalid_number(phone: str) -> None:
    response = Client().post(
        reverse("account_signup_phone"), {"full_name": "X", "phone": phone, "language": "nb"}
    )
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert not MemorySmsBackend.outbox
    assert not User.objects.exists()


def test_phone_login_by_code_for_an_existing_newcomer() -> None:
    user = User.objects.create_user(
        phone="+4791112222", full_name="Farid", role=Role.NEWCOMER, language="fa"
    )
    client = Client()
    response = client.post(reverse("account_request_login_code"), {"phone": "911 12 222"})
    assert response.status_code == 302
    (sms,) = MemorySmsBackend.outbox
    code = _code_from(sms.text)
    client.post(reverse("account_confirm_login_code"), {"code": code})
    assert client.get(reverse("home")).context["user"] == user
