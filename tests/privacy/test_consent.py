"""Consent: the privacy notice accepted at signup, sharing with the guide given and withdrawn by
the newcomer, and the employer keeping an applicant's contact details only while needed."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Consent, ConsentKind, NewcomerProfile, Role, User
from accounts.selectors import consent_active
from applications.models import Application, ApplicationEvent
from applications.selectors import applicant_for_employer
from listings.models import Listing
from tests.factories import ApplicationFactory, UserFactory
from tests.subsidies.conftest import ready_agreement
from tests.support.notification_backends import MemorySmsBackend

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-and-unusual-pass-2026"


def _email_signup(client: Client, **extra: str) -> Client:
    data = {
        "email": "amal@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "full_name": "Amal Haddad",
        "role": Role.NEWCOMER,
        "language": "en",
        **extra,
    }
    client.post(reverse("account_signup"), data)
    return client


@override_settings(PRIVACY_NOTICE_VERSION="2026-12")
def test_email_signup_records_the_privacy_notice_with_its_version_and_date() -> None:
    before = timezone.now()
    _email_signup(Client(), privacy_notice="on")
    user = User.objects.get(email="amal@example.com")
    consent = consent_active(user=user, kind=ConsentKind.PRIVACY_NOTICE)
    assert consent is not None
    assert consent.version == "2026-12"
    assert before <= consent.given_at <= timezone.now()


def test_email_signup_without_the_privacy_notice_is_refused_naming_the_field() -> None:
    response = Client().post(
        reverse("account_signup"),
        {
            "email": "amal@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "full_name": "Amal Haddad",
            "role": Role.NEWCOMER,
            "language": "en",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "privacy_notice" in response.context["form"].errors
    assert not User.objects.filter(email="amal@example.com").exists()
    # The box links to the privacy page.
    assert reverse("privacy:notice") in response.content.decode()


def test_phone_signup_without_the_privacy_notice_is_refused_naming_the_field() -> None:
    response = Client().post(
        reverse("account_signup_phone"),
        {"full_name": "Yonas Tesfay", "phone": "912 34 567", "language": "en"},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["privacy_notice"]
    assert not User.objects.filter(phone="+4791234567").exists()
    assert MemorySmsBackend.outbox == []


def test_phone_signup_records_the_privacy_notice_when_the_code_proves_the_number() -> None:
    client = Client()
    client.post(
        reverse("account_signup_phone"),
        {
            "full_name": "Yonas Tesfay",
            "phone": "912 34 567",
            "language": "en",
            "privacy_notice": "on",
        },
    )
    user = User.objects.get(phone="+4791234567")
    assert not Consent.objects.filter(user=user).exists()  # nothing kept before the code

    code = re.search(r"\b(\d{6})\b", MemorySmsBackend.outbox[-1].text)
    assert code
    client.post(reverse("account_confirm_login_code"), {"code": code.group(1)})
    consent = consent_active(user=user, kind=ConsentKind.PRIVACY_NOTICE)
    assert consent is not None and consent.version == settings.PRIVACY_NOTICE_VERSION


def test_a_new_version_of_a_consent_replaces_the_old_and_the_same_one_changes_nothing(
    newcomer: User,
) -> None:
    first = services.consent_give(user=newcomer, kind=ConsentKind.PRIVACY_NOTICE, version="1")
    again = services.consent_give(user=newcomer, kind=ConsentKind.PRIVACY_NOTICE, version="1")
    assert again.pk == first.pk
    second = services.consent_give(user=newcomer, kind=ConsentKind.PRIVACY_NOTICE, version="2")
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert consent_active(user=newcomer, kind=ConsentKind.PRIVACY_NOTICE) == second


# Sharing with the guide.


def test_guide_sees_applications_and_agreements_only_while_the_newcomer_shares(
    client_for, newcomer: User, guide: User, listing: Listing, organisation
) -> None:  # type: ignore[no-untyped-def]
    NewcomerProfile.objects.filter(user=newcomer).update(guide=guide)
    application = ApplicationFactory(listing=listing, applicant=newcomer)
    agreement = ready_agreement(organisation=organisation, newcomer=newcomer)
    guide_client = client_for(guide)
    application_url = f"/api/v1/applications/{application.pk}/"
    agreement_url = reverse("placements:detail", args=[agreement.pk])

    # Existing newcomers have not agreed: the guide sees nothing.
    assert guide_client.get(application_url).status_code == 404
    assert guide_client.get(agreement_url).status_code == 404

    me = client_for(newcomer)
    page = me.get(reverse("applications:profile"))
    assert reverse("account_guide_sharing") in page.content.decode()
    response = me.post(reverse("account_guide_sharing"), {"share": "on"})
    assert response.status_code == 302
    assert guide_client.get(application_url).status_code == 200
    assert guide_client.get(agreement_url).status_code == 200
    assert me.get(reverse("applications:profile")).context["guide_sharing"] is True

    # Withdrawn: hidden at once.
    me.post(reverse("account_guide_sharing"), {})
    assert guide_client.get(application_url).status_code == 404
    assert guide_client.get(agreement_url).status_code == 404
    assert consent_active(user=newcomer, kind=ConsentKind.GUIDE_SHARING) is None
    assert Consent.objects.filter(user=newcomer, kind=ConsentKind.GUIDE_SHARING).count() == 1


def test_only_a_newcomer_sets_guide_sharing(client_for, guide: User) -> None:  # type: ignore[no-untyped-def]
    assert (
        client_for(guide).post(reverse("account_guide_sharing"), {"share": "on"}).status_code == 403
    )
    assert not Consent.objects.exists()


# Minimisation: the employer's view of the applicant's contact details.


def _ended(application: Application, *, days_ago: float) -> Application:
    Application.objects.filter(pk=application.pk).update(status="rejected")
    ApplicationEvent.objects.create(
        application=application,
        from_status="submitted",
        to_status="rejected",
        at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    return Application.objects.select_related("listing", "applicant").get(pk=application.pk)


def test_employer_sees_contact_while_active_and_for_thirty_days_after(
    client_for, employer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    applicant = UserFactory(email="amal@example.com", phone="+4791234567")
    active = ApplicationFactory(listing=listing, applicant=applicant, revealed_at=timezone.now())
    assert applicant_for_employer(active).email == "amal@example.com"

    recently = _ended(active, days_ago=29)
    assert (applicant_for_employer(recently).email, applicant_for_employer(recently).phone) == (
        "amal@example.com",
        "+4791234567",
    )
    page = client_for(employer).get(reverse("employer:application_detail", args=[active.pk]))
    assert "amal@example.com" in page.content.decode()

    Application.objects.filter(pk=active.pk).update(status="submitted")
    ApplicationEvent.objects.filter(application=active, to_status="rejected").delete()
    long_ago = _ended(active, days_ago=31)
    shown = applicant_for_employer(long_ago)
    assert (shown.email, shown.phone, shown.withheld) == (None, None, True)
    assert shown.name == applicant.full_name
    employer_client = client_for(employer)
    page = employer_client.get(reverse("employer:application_detail", args=[active.pk]))
    assert "amal@example.com" not in page.content.decode()
    assert "+4791234567" not in page.content.decode()
    listed = employer_client.get(f"/api/v1/listings/{listing.pk}/applications/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [(r["applicant_email"], r["applicant_phone"]) for r in rows] == [(None, None)]
