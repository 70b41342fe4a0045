"""The pages and the API docs work under the Content-Security-Policy: no violation, no console
error, and Swagger UI renders the operations from our own static files."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from listings.models import Listing
from organisations.models import Organisation
from tests.factories import ListingFactory, NewcomerFactory, ScreeningQuestionFactory
from tests.support.browser import phone_context, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Recorded from before any script of the page runs.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


class Watch:
    """Console errors and CSP violations of a page, with any request that left our server."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("request", self._request)
        self.base = base

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _request(self, request: object) -> None:
        url = str(getattr(request, "url", ""))
        if not url.startswith((self.base, "data:", "about:")):
            self.foreign.append(url)

    def problems(self) -> list[str]:
        violations = self.page.evaluate("window.__cspViolations || []")
        return [*violations, *self.errors, *(f"foreign: {url}" for url in self.foreign)]


@pytest.fixture
def listing(organisation: Organisation) -> Listing:
    listing = ListingFactory(organisation=organisation, title="Bakeriarbeider på Grorud")
    ScreeningQuestionFactory(listing=listing, text="Kan du starte klokka seks?")
    return listing


def test_pages_run_under_the_policy_without_violations(
    browser: Browser, live_server: LiveServer, listing: Listing
) -> None:
    base = live_server.url
    context = phone_context(browser)
    context.add_init_script(RECORD_VIOLATIONS)
    context.add_cookies([session_cookie(NewcomerFactory(), base)])  # type: ignore[list-item]
    page = context.new_page()
    watch = Watch(page, base)
    for path, ready in [
        ("/listings/", "main"),
        (f"/listings/{listing.pk}/", "h1"),
        (f"/listings/{listing.pk}/apply/", "form[data-draft]"),
    ]:
        response = page.goto(f"{base}{path}")
        assert response is not None
        assert "default-src 'self'" in response.headers.get("content-security-policy", ""), path
        expect(page.locator(ready).first).to_be_visible()
        page.wait_for_load_state("load")
        assert watch.problems() == [], path
    context.close()


def test_the_api_docs_render_the_operations_under_the_policy(
    browser: Browser, live_server: LiveServer
) -> None:
    base = live_server.url
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    watch = Watch(page, base)
    response = page.goto(f"{base}/api/docs/")
    assert response is not None
    assert response.headers.get("content-security-policy")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=20000)
    assert page.locator(".swagger-ui .opblock").count() > 5
    page.wait_for_load_state("networkidle")
    assert watch.problems() == []
    context.close()
