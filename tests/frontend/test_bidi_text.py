"""Bidirectional control characters never turn the text around a name backwards.

Names (people, organisations, listing titles) are stored without them; every piece of someone's
text in a page title, a notification, an email or an SMS goes between Unicode isolates (FSI ...
PDI), and in the page body between `<bdi>` or in an element with `dir="auto"`.
"""

from __future__ import annotations

import re

import pytest
from allauth.account.utils import user_display
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from accounts import services as accounts_services
from accounts.forms import PhoneSignupForm
from accounts.models import Role, User
from applications.models import Application, ApplicationStatus
from common.text import clean_name, isolate, strip_bidi_controls
from listings import services as listing_services
from listings.models import Listing
from notifications.messages import email_body, render, sms_text
from notifications.models import Channel, Kind, Notification
from organisations import services as organisation_services
from organisations.models import Organisation
from reference.models import Kommune, Occupation
from tests.conftest import login
from tests.factories import ApplicationFactory, ListingFactory, NewcomerFactory

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
PDF = "\u202c"
FSI = "\u2068"
PDI = "\u2069"
CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
TRICK = f"Amal {RLO}fdp.exe{PDF}"


def test_clean_name_removes_every_bidi_control_and_trims() -> None:
    assert clean_name(f"  {CONTROLS}Amal{CONTROLS} Haddad ") == "Amal Haddad"
    assert strip_bidi_controls("أمل حداد") == "أمل حداد"  # letters stay, only controls go


def test_isolate_wraps_and_drops_the_texts_own_controls() -> None:
    assert isolate(TRICK) == f"{FSI}Amal fdp.exe{PDI}"
    assert isolate(f"x{PDI}y") == f"{FSI}xy{PDI}"  # a stray PDI cannot close our isolate early


# Names are stored without controls, whichever way they come in.


@pytest.mark.django_db
def test_signup_stores_a_full_name_without_controls() -> None:
    user, _ = accounts_services.newcomer_signup_by_phone(phone="+4791234567", language="nb")
    accounts_services.user_phone_verified(user=user, phone="+4791234567", full_name=TRICK)
    assert user.full_name == "Amal fdp.exe"
    other = User(email="x@example.com")
    accounts_services.user_complete_signup(
        user=other, full_name=f"{RLO}Kari{PDF}", role=Role.EMPLOYER, language="nb"
    )
    assert other.full_name == "Kari"


@pytest.mark.django_db
def test_phone_signup_page_cleans_the_name_and_refuses_one_of_only_controls() -> None:
    client = Client()
    response = client.post(
        reverse("account_signup_phone"),
        {"full_name": TRICK, "phone": "912 34 567", "language": "nb", "privacy_notice": "on"},
    )
    assert response.status_code == 302
    # No name is kept before the SMS code proves the number; the one waiting is clean.
    assert User.objects.get(phone="+4791234567").full_name == ""
    pending = client.session[accounts_services.PENDING_NAME_SESSION_KEY]
    assert pending["full_name"] == "Amal fdp.exe"

    data = {"phone": "912 34 568", "language": "nb", "privacy_notice": "on"}
    form = PhoneSignupForm(data={**data, "full_name": RLO * 3})
    assert not form.is_valid()
    assert "full_name" in form.errors


@pytest.mark.django_db
def test_organisation_and_listing_names_are_stored_without_controls(employer: User) -> None:
    organisation = organisation_services.organisation_register(
        by=employer,
        orgnr="923609016",
        name=f"{RLO}Bakeri{PDF} AS",
        kommune=Kommune.objects.get(pk="0301"),
        employees=5,
    )
    assert organisation.name == "Bakeri AS"
    source = ListingFactory.build(organisation=organisation)
    listing = listing_services.listing_create(
        organisation=organisation,
        by=employer,
        kind=source.kind,
        title=f"Baker {RLO}reka{PDF}",
        description="Du baker brød.",
        occupation=Occupation.objects.get(pk="7512"),
        kommune=Kommune.objects.get(pk="0301"),
        position_percent=100,
        start_date=source.start_date,
        monthly_wage=32000,
        deadline=source.deadline,
    )
    assert listing.title == "Baker reka"
    listing_services.listing_update(listing=listing, by=employer, title=f"{RLO}Kokk")
    listing.refresh_from_db()
    assert listing.title == "Kokk"


@pytest.mark.django_db
def test_the_listing_form_refuses_a_title_of_only_controls(
    client: Client, employer: User, organisation: Organisation
) -> None:
    login(client, employer)
    response = client.post(
        reverse("employer:listing_create", args=[organisation.pk]), {"title": RLO + PDF}
    )
    assert response.status_code == 200
    assert "title" in response.context["form"].errors


# Text that got in before (or from elsewhere) is isolated where it is shown.


@pytest.mark.django_db
def test_a_listing_page_isolates_the_title_in_title_and_body(
    client: Client, organisation: Organisation
) -> None:
    listing = ListingFactory(organisation=organisation, title=TRICK)
    html = client.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    head_title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert head_title
    assert head_title.group(1).startswith(f"{FSI}Amal fdp.exe{PDI} ")
    assert re.search(r'<h1[^>]*dir="auto"[^>]*>' + re.escape(TRICK), html)


@pytest.mark.django_db
def test_the_apply_page_isolates_title_and_organisation(
    client: Client, newcomer: User, organisation: Organisation
) -> None:
    listing = ListingFactory(organisation=organisation, title=TRICK)
    client.force_login(newcomer)
    html = client.get(reverse("applications:apply", args=[listing.pk])).content.decode()
    assert f"<bdi>{TRICK}</bdi> · <bdi>{organisation.name}</bdi>" in html


@pytest.mark.django_db
def test_names_inside_translated_sentences_are_isolated(
    client: Client, employer: User, organisation: Organisation
) -> None:
    listing = ListingFactory(organisation=organisation, title=TRICK)
    login(client, employer)
    html = client.get(reverse("employer:applicant_list", args=[listing.pk])).content.decode()
    head_title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert head_title
    assert f"{FSI}Amal fdp.exe{PDI}" in head_title.group(1)
    assert RLO not in head_title.group(1)


def test_the_isolate_filter_escapes_like_any_value() -> None:
    rendered = Template("{% load bidi %}{{ name|isolate }}").render(
        Context({"name": "<b>Amal</b>"})
    )
    assert rendered == f"{FSI}&lt;b&gt;Amal&lt;/b&gt;{PDI}"


@pytest.mark.django_db
def test_notification_sms_and_email_isolate_names_and_titles(organisation: Organisation) -> None:
    applicant = NewcomerFactory(full_name="Yonas", language="en")
    listing: Listing = ListingFactory(organisation=organisation, title=TRICK)
    application: Application = ApplicationFactory(
        listing=listing, applicant=applicant, status=ApplicationStatus.SUBMITTED
    )
    notification = Notification.objects.create(
        recipient=applicant,
        kind=Kind.APPLICATION_STATUS,
        channel=Channel.SMS,
        idempotency_key=f"bidi-test:{application.pk}",
        context={"application": application.pk, "status": "submitted"},
        link_path=f"/me/applications/{application.pk}/",
    )
    message = render(notification)
    assert f"{FSI}Amal fdp.exe{PDI}" in message.text
    assert f"{FSI}{organisation.name}{PDI}" in message.text
    for text in (sms_text(message), email_body(message, language="en")):
        assert RLO not in text
        assert text.count(FSI) == text.count(PDI) == 2


@pytest.mark.django_db
def test_allauth_names_a_person_between_isolates() -> None:
    user = NewcomerFactory(full_name="أمل حداد")
    assert user_display(user) == f"{FSI}أمل حداد{PDI}"
