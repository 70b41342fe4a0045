"""A draft application kept on a shared phone belongs to the person who wrote it: it is never
shown to or sent for someone else, and logging out wipes it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from applications.models import Application
from common.templatetags.drafts import draft_owner
from listings.models import Listing
from tests.factories import ListingFactory, NewcomerFactory, ScreeningQuestionFactory
from tests.support.browser import phone_context, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFTS = """() => Object.keys(localStorage).filter(k => k.startsWith("innsteg-draft"))"""


@pytest.fixture
def bakery(organisation: object) -> Listing:
    listing = ListingFactory(organisation=organisation, title="Bakeriarbeider på Grorud")
    ScreeningQuestionFactory(listing=listing, text="Kan du starte klokka seks?")
    return listing


def _sign_in(context: BrowserContext, user: User, base: str) -> None:
    context.clear_cookies()
    context.add_cookies([session_cookie(user, base)])  # type: ignore[list-item]


def _write_draft_offline(context: BrowserContext, base: str, listing: Listing) -> Page:
    """Fill the application, lose the connection at "send", and close the page (the phone's
    browser drops it); the next page comes once the phone is online again."""
    page = context.new_page()
    page.goto(f"{base}/listings/{listing.pk}/apply/")
    question = listing.screening_questions.get()
    page.check(f'input[name="question_{question.pk}"][value="yes"]')
    page.fill("#id_message", "Hilsen fra Amal, 900 11 222")
    context.set_offline(True)
    page.wait_for_function("() => !navigator.onLine")
    page.locator("main form[data-draft] button[type=submit]").click()
    offline = page.locator("main form[data-draft]").get_attribute("data-offline")
    expect(page.locator(".draft-status")).to_have_text(offline or "")
    page.close()
    context.set_offline(False)
    assert not Application.objects.exists()
    return context.new_page()


def _expect_no_draft_for(page: Page, base: str, listing: Listing) -> None:
    page.goto(f"{base}/listings/{listing.pk}/apply/")
    expect(page.locator("#id_message")).to_have_value("")
    expect(page.locator(".draft-status")).to_be_empty()
    page.wait_for_timeout(500)  # time for a pending draft to go, if it were going to
    assert page.url.endswith(f"/listings/{listing.pk}/apply/")
    assert not Application.objects.exists()


def test_a_draft_is_wiped_at_logout_and_never_sent_for_the_next_person(
    browser: Browser, live_server: LiveServer, bakery: Listing
) -> None:
    amal = NewcomerFactory(full_name="Amal Haddad")
    yonas = NewcomerFactory(full_name="Yonas Tesfay")
    base = live_server.url
    context = phone_context(browser)
    _sign_in(context, amal, base)
    page = _write_draft_offline(context, base, bakery)
    page.goto(f"{base}/listings/")
    keys = page.evaluate(DRAFTS)
    assert keys == [f"innsteg-draft:{draft_owner(amal)}:apply-{bakery.pk}"]
    assert amal.email not in keys[0]
    page.locator("header .main-menu > summary").click()  # the person's menu holds "Log out"
    page.locator("header form[data-clear-drafts] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.evaluate(DRAFTS) == []

    _sign_in(context, yonas, base)
    _expect_no_draft_for(page, base, bakery)
    context.close()


def test_someone_elses_draft_is_not_shown_even_without_logout(
    browser: Browser, live_server: LiveServer, bakery: Listing
) -> None:
    """Amal's session ends without a logout; Yonas signs in on the same phone."""
    amal = NewcomerFactory(full_name="Amal Haddad")
    yonas = NewcomerFactory(full_name="Yonas Tesfay")
    base = live_server.url
    context = phone_context(browser)
    _sign_in(context, amal, base)
    page = _write_draft_offline(context, base, bakery)

    _sign_in(context, yonas, base)
    _expect_no_draft_for(page, base, bakery)
    assert page.evaluate(DRAFTS) == []

    # Amal's own draft still goes for Amal when it is still on the phone.
    _sign_in(context, amal, base)
    page.close()
    page = _write_draft_offline(context, base, bakery)
    page.goto(f"{base}/listings/{bakery.pk}/apply/")
    page.wait_for_url(re.compile(r"/me/applications/\d+/$"))
    assert Application.objects.get().applicant == amal
    context.close()


def test_a_page_for_a_visitor_wipes_every_draft(
    browser: Browser, live_server: LiveServer, bakery: Listing
) -> None:
    amal = NewcomerFactory(full_name="Amal Haddad")
    base = live_server.url
    context = phone_context(browser)
    _sign_in(context, amal, base)
    page = _write_draft_offline(context, base, bakery)
    context.clear_cookies()  # the session is gone
    page.goto(f"{base}/listings/")
    assert page.evaluate(DRAFTS) == []
    context.close()
