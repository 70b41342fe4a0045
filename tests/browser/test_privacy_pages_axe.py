"""axe-core on the privacy notice, the accessibility statement and the page about the service,
in bokmål and Arabic, on a phone: no violation of serious or critical impact."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from tests.support.browser import axe_violations, phone_context

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PAGES = ["privacy:notice", "privacy:accessibility", "privacy:about"]


@pytest.mark.parametrize("language", ["nb", "ar"])
def test_no_serious_violations_on_the_privacy_pages(
    browser: Browser, live_server: LiveServer, language: str
) -> None:
    context = phone_context(browser)
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page = context.new_page()
    found: dict[str, object] = {}
    for name in PAGES:
        page.goto(live_server.url + reverse(name))
        assert page.locator("html").get_attribute("lang") == language, name
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        if violations := axe_violations(page):
            found[name] = violations
    context.close()
    assert not found, found
