"""axe-core on every page a newcomer sees, in bokmål, Arabic and Tigrinya, on a phone:
no violation of serious or critical impact, and the text reflows at 320 CSS pixels (a 1280 px
screen at 400 % zoom, WCAG 1.4.10) without scrolling sideways."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from applications.services import (
    application_accept,
    application_offer,
    application_review,
)
from listings.models import Listing
from tests.factories import (
    ApplicationFactory,
    ListingFactory,
    NewcomerFactory,
    OrganisationFactory,
    ScreeningQuestionFactory,
    make_employer,
)
from tests.support.browser import PHONE, axe_violations, phone_context, session_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

REFLOW_WIDTH = 320
ANONYMOUS_PAGES = ["home", "account_signup_phone", "account_login", "listings:search"]


def _width_at_320(page: Page) -> int:
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
    width = int(page.evaluate("document.documentElement.scrollWidth"))
    page.set_viewport_size(PHONE)
    return width


@pytest.fixture
def newcomer_pages(db: None) -> tuple[User, list[str]]:
    organisation = OrganisationFactory(verified=False)
    employer = make_employer(organisation)
    listing: Listing = ListingFactory(
        organisation=organisation, workplace_languages=["ar", "ti"], days_per_week=None
    )
    ScreeningQuestionFactory(listing=listing)
    other = ListingFactory(organisation=organisation)
    newcomer = NewcomerFactory()
    application = ApplicationFactory(listing=other, applicant=newcomer)
    application_review(application=application, by=employer)
    application_offer(application=application, by=employer)
    accepted = ApplicationFactory(
        listing=ListingFactory(organisation=organisation), applicant=newcomer
    )
    application_review(application=accepted, by=employer)
    application_offer(application=accepted, by=employer)
    agreement = application_accept(application=accepted, by=newcomer).agreement
    pages = [
        reverse("listings:search") + "?q=baker",
        reverse("listings:detail", args=[listing.pk]),
        reverse("applications:apply", args=[listing.pk]),
        reverse("applications:profile"),
        reverse("applications:mine"),
        reverse("applications:detail", args=[application.pk]),
        reverse("listings:saved"),
        reverse("applications:detail", args=[accepted.pk]),
        reverse("placements:list"),
        reverse("placements:detail", args=[agreement.pk]),
        reverse("notifications:list"),
        reverse("notifications:settings"),
    ]
    return newcomer, pages


@pytest.mark.parametrize("language", ["nb", "ar", "ti"])
def test_no_serious_violations_on_newcomer_pages(
    browser: Browser,
    live_server: LiveServer,
    newcomer_pages: tuple[User, list[str]],
    language: str,
) -> None:
    newcomer, pages = newcomer_pages
    newcomer.language = language
    newcomer.save(update_fields=["language"])
    context = phone_context(browser)
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page = context.new_page()
    found: dict[str, object] = {}
    for name in ANONYMOUS_PAGES:
        page.goto(live_server.url + reverse(name))
        if violations := axe_violations(page):
            found[name] = violations
    context.add_cookies([session_cookie(newcomer, live_server.url)])
    for path in pages:
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == language, path
        if violations := axe_violations(page):
            found[path] = violations
        if (width := _width_at_320(page)) > REFLOW_WIDTH:
            found[f"{path} at 320 px"] = f"{width} px wide"
    context.close()
    assert not found, found
