"""The service worker: a person opens the listings they looked at and their applications without
a connection; any other page says the phone is offline; and one person's kept pages are never
shown to another on a shared phone (wiped at logout, kept per person)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from applications.models import Application
from tests.factories import ApplicationFactory, ListingFactory, NewcomerFactory, OrganisationFactory
from tests.support.browser import phone_context, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_CACHES = (
    """async () => (await caches.keys()).filter(name => name.startsWith("innsteg-pages-"))"""
)


def _controlled(page: Page, url: str) -> None:
    """Open `url` once the service worker is in charge of the page (after its first install)."""
    page.goto(url)
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    if not page.evaluate("() => !!navigator.serviceWorker.controller"):
        page.reload()
    assert page.evaluate("() => !!navigator.serviceWorker.controller")


def _sign_in(context: BrowserContext, user: User, base: str) -> None:
    context.clear_cookies()
    context.add_cookies([session_cookie(user, base)])  # type: ignore[list-item]


def test_visited_pages_open_offline_and_only_for_their_person(
    browser: Browser, live_server: LiveServer
) -> None:
    base = live_server.url
    organisation = OrganisationFactory()
    seen = ListingFactory(organisation=organisation, title="Bakeriarbeider på Grorud")
    unseen = ListingFactory(organisation=organisation, title="Lagerarbeider i Alnabru")
    amal: User = NewcomerFactory(language="ar")
    application: Application = ApplicationFactory(listing=seen, applicant=amal)
    yonas: User = NewcomerFactory(language="ti")

    context = phone_context(browser)
    _sign_in(context, amal, base)
    page = context.new_page()
    _controlled(page, base + reverse("home"))
    listing_url = base + reverse("listings:detail", args=[seen.pk])
    application_url = base + reverse("applications:detail", args=[application.pk])
    page.goto(listing_url)
    page.goto(application_url)
    assert len(page.evaluate(PAGE_CACHES)) == 1

    context.set_offline(True)
    page.goto(listing_url)
    expect(page.locator("h1")).to_have_text("Bakeriarbeider på Grorud")
    page.goto(application_url)
    expect(page.locator("h1")).to_have_text("Bakeriarbeider på Grorud")
    # A page never opened: the offline page, naming nobody.
    page.goto(base + reverse("listings:detail", args=[unseen.pk]))
    expect(page.locator("body")).to_have_attribute("data-offline-page", "")
    assert "Lagerarbeider" not in page.content()
    assert amal.full_name not in page.content()
    # The offline page wipes nothing: the person's pages are still there.
    assert len(page.evaluate(PAGE_CACHES)) == 1
    context.set_offline(False)

    # Logging out wipes the kept pages: the next person (or anyone) finds none of them.
    page.goto(base + reverse("home"))
    page.locator(".main-menu > summary").click()
    page.locator(".main-menu form[data-clear-drafts] button").click()
    page.wait_for_url(lambda url: "/logout" not in url)
    expect(page.locator(".main-menu")).to_have_count(0)
    page.wait_for_function(
        """async () => (await caches.keys()).every(name => !name.startsWith("innsteg-pages-"))"""
    )
    context.set_offline(True)
    page.goto(listing_url)
    expect(page.locator("body")).to_have_attribute("data-offline-page", "")
    context.set_offline(False)

    # Without a logout (a session that ran out), the next person's first page wipes the
    # previous person's pages before any of theirs are kept.
    _sign_in(context, amal, base)
    page.goto(listing_url)
    assert len(page.evaluate(PAGE_CACHES)) == 1
    _sign_in(context, yonas, base)
    page.goto(base + reverse("applications:mine"))
    context.set_offline(True)
    page.goto(listing_url)
    expect(page.locator("body")).to_have_attribute("data-offline-page", "")
    context.set_offline(False)
    caches = page.evaluate(PAGE_CACHES)
    assert len(caches) == 1
    context.close()


def test_the_service_worker_is_served_for_the_whole_site(live_server: LiveServer) -> None:
    from django.test import Client

    response = Client().get(reverse("service_worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    assert "worker-src 'self'" in response["Content-Security-Policy"]
    body = response.content.decode()
    assert body.startswith("self.INNSTEG = {")
    assert reverse("offline") in body
