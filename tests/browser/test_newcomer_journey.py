"""A newcomer on a 360×740 phone, in Arabic and in Tigrinya, with JavaScript on and off:
sign up by SMS code, fill the profile, search, apply, and see the employer's answer."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from applications.models import Application, ApplicationStatus
from applications.services import application_invite_to_interview
from listings.models import Listing
from organisations.models import Organisation
from tests.factories import (
    ListingFactory,
    OrganisationFactory,
    ScreeningQuestionFactory,
    make_employer,
)
from tests.support.browser import phone_context
from tests.support.notification_backends import MemorySmsBackend

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _translated(language: str, text: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


@pytest.fixture
def bakery(db: None) -> Listing:
    organisation: Organisation = OrganisationFactory(name="Grorud Bakeri AS")
    make_employer(organisation, email="sjef@grorudbakeri.no")
    listing = ListingFactory(organisation=organisation, title="Bakeriarbeider på Grorud")
    ScreeningQuestionFactory(listing=listing, text="Kan du starte klokka seks?")
    return listing


def _choose_language(page: Page, language: str) -> None:
    page.locator(".languages > summary").click()  # one menu of languages, not eight buttons
    page.locator(f'.languages button[value="{language}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def _sign_up_by_phone(page: Page, base: str, phone: str) -> User:
    page.goto(f"{base}/accounts/signup/phone/")
    page.fill("#id_full_name", "Selam Tesfay")
    page.fill("#id_phone", phone)
    page.check("#id_privacy_notice")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_code")).to_be_visible()
    sms = MemorySmsBackend.outbox[-1]
    code = re.search(r"\b(\d{6})\b", sms.text)
    assert code, sms.text
    page.fill("#id_code", code.group(1))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    return User.objects.get(phone__endswith=phone.replace(" ", "")[-8:])


def _fill_profile(page: Page, base: str) -> None:
    page.goto(f"{base}/me/profile/")
    page.check('input[name="languages"][value="ti"]')
    page.check('input[name="languages"][value="en"]')
    page.select_option("#id_norwegian_spoken", "A2")
    page.select_option("#id_norwegian_written", "A1")
    page.fill("#id_experience", "Baker i Asmara i fire år.")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _search_and_apply(page: Page, base: str, listing: Listing) -> None:
    page.goto(f"{base}/listings/")
    # The profile's levels are a search already: the form is folded into its summary, and the
    # person opens it to type words ("Change search").
    folded = page.locator("details.search-form")
    if folded.count() and not folded.evaluate("element => element.open"):
        folded.locator("> summary").click()
    page.fill("#id_q", "bakeriarbeider")
    page.locator("form.search button[type=submit]").click()
    page.locator(f'a[href="/listings/{listing.pk}/"]').first.click()
    expect(page.locator("h1")).to_have_text(listing.title)
    page.locator(f'a[href="/listings/{listing.pk}/apply/"]').click()
    question = listing.screening_questions.get()
    page.check(f'input[name="question_{question.pk}"][value="yes"]')
    page.fill("#id_message", "ሰላም! I would like to work with you.")
    page.locator("main form[data-draft] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/me/applications/\d+/$"))


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("language", ["ar", "ti"])
def test_newcomer_journey_on_a_phone(
    browser: Browser, live_server: LiveServer, bakery: Listing, language: str, javascript: bool
) -> None:
    context = phone_context(browser, javascript=javascript)
    page = context.new_page()
    base = live_server.url
    page.goto(f"{base}/")
    _choose_language(page, language)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")

    newcomer = _sign_up_by_phone(page, base, "+47 91 23 45 67")
    assert newcomer.language == language
    _fill_profile(page, base)
    newcomer.refresh_from_db()
    assert newcomer.applicant_profile.norwegian_spoken == "A2"

    _search_and_apply(page, base, bakery)
    application = Application.objects.get(applicant=newcomer, listing=bakery)
    assert sorted(application.profile_snapshot["languages"]) == ["en", "ti"]
    expect(page.locator(".status-line strong")).to_have_text(
        _translated(language, ApplicationStatus.SUBMITTED.label)
    )

    employer = User.objects.get(email="sjef@grorudbakeri.no")
    application_invite_to_interview(
        application=application,
        by=employer,
        at=timezone.now() + datetime.timedelta(days=2),
        place="Grorudveien 5",
    )
    page.goto(f"{base}/me/applications/")
    expect(page.locator(".status").first).to_have_text(
        _translated(language, ApplicationStatus.INTERVIEW.label)
    )
    page.locator(f'a[href="/me/applications/{application.pk}/"]').click()
    expect(page.locator("#interview-heading")).to_have_text(_translated(language, "Your interview"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_a_draft_waits_for_the_connection(
    browser: Browser, live_server: LiveServer, bakery: Listing
) -> None:
    context = phone_context(browser)
    page = context.new_page()
    base = live_server.url
    _sign_up_by_phone(page, base, "+47 92 34 56 78")
    page.goto(f"{base}/listings/{bakery.pk}/apply/")
    question = bakery.screening_questions.get()
    page.check(f'input[name="question_{question.pk}"][value="no"]')
    page.fill("#id_message", "Sendt fra bussen")
    context.set_offline(True)
    page.locator("main form[data-draft] button[type=submit]").click()
    expect(page.locator(".draft-status")).not_to_be_empty()
    assert not Application.objects.exists()

    # The phone loses the page too; the draft is still on it when the newcomer comes back.
    page.goto("about:blank")
    context.set_offline(False)
    page.goto(f"{base}/listings/{bakery.pk}/apply/")
    page.wait_for_url(re.compile(r"/me/applications/\d+/$"))
    application = Application.objects.get(listing=bakery)
    assert application.message == "Sendt fra bussen"
    assert application.answers.get().answer is False
    context.close()
