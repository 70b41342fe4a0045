"""A search that found nothing, on a phone in Arabic, Tigrinya and Somali: the page says what was
searched and offers the nearest searches as links a thumb can hit, with no serious axe-core
violation and no sideways scrolling at 320 CSS pixels."""

from __future__ import annotations

import os
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from tests.factories import ListingFactory, OrganisationFactory
from tests.support.browser import PHONE, axe_violations, phone_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {"ar": "مخبز", "ti": "ሓባዚ", "so": "foornada"}


@pytest.mark.parametrize("language", ["ar", "ti", "so"])
def test_the_nearest_searches_on_a_phone(
    browser: Browser, live_server: LiveServer, language: str
) -> None:
    organisation = OrganisationFactory()
    # Nothing of the baker's in Oslo: the same field of work there, or a bakery in Bergen.
    ListingFactory(organisation=organisation, title="Fiskeskjærer", occupation_id="7511")
    ListingFactory(organisation=organisation, title="Bakeri i Bergen", kommune_id="4601")
    context = phone_context(browser)
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page = context.new_page()
    query = urlencode({"q": WORDS[language], "kommune": "0301"})
    page.goto(f"{live_server.url}{reverse('listings:search')}?{query}")
    assert page.locator("html").get_attribute("lang") == language
    assert WORDS[language] in page.locator(".no-results").inner_text()
    links = page.locator(".suggestions a")
    assert links.count() == 2  # the same field of work (751) in Oslo, and all of Norway
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box is not None and box["height"] >= 44, box
    assert not axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert int(page.evaluate("document.documentElement.scrollWidth")) <= 320
    page.set_viewport_size(PHONE)
    if shots := os.environ.get("INNSTEG_SCREENSHOTS"):
        page.screenshot(path=f"{shots}/no-results-{language}.png", full_page=True)
    links.first.click()
    assert "Fiskeskjærer" in page.locator("main").inner_text()
    context.close()
