"""A newcomer on a 360×740 phone, in Arabic and in Tigrinya: sees the place their guide suggests,
marked as suggested by the guide, and answers the guide's message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import ConsentKind, NewcomerProfile, Role
from accounts.services import consent_give
from guidance.models import GuideMessage
from guidance.services import message_send, suggestion_create
from notifications.models import Kind, Notification
from tests.factories import ListingFactory, NewcomerFactory, OrganisationFactory, UserFactory
from tests.support.browser import phone_context, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(os.environ.get("BROWSER_SCREENSHOTS", "var/screenshots"))


def _translated(language: str, text: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


@pytest.mark.parametrize("language", ["ar", "ti"])
def test_the_newcomer_sees_the_suggestion_and_answers_the_guide(
    browser: Browser, live_server: LiveServer, language: str
) -> None:
    guide = UserFactory(role=Role.GUIDE, serves=("0301",), full_name="Ingrid Lund")
    newcomer = NewcomerFactory(full_name="Selam Tesfay", language=language)
    NewcomerProfile.objects.filter(user=newcomer).update(guide=guide, kommune_id="0301")
    consent_give(user=newcomer, kind=ConsentKind.GUIDE_SHARING)
    listing = ListingFactory(
        organisation=OrganisationFactory(name="Grorud Bakeri AS"),
        title="Bakeriarbeider på Grorud",
    )
    suggestion_create(
        newcomer=newcomer, listing=listing, by=guide, note="Du har erfaring som baker."
    )
    message_send(newcomer=newcomer, sender=guide, body="Hei! Har du sett forslaget mitt?")

    base = live_server.url
    context = phone_context(browser)
    context.add_cookies([session_cookie(newcomer, base)])  # type: ignore[list-item]
    page = context.new_page()
    page.goto(f"{base}/me/guide/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    suggested = page.locator(".suggestion")
    expect(suggested.locator(".badge")).to_have_text(
        _translated(language, "Suggested by your guide")
    )
    expect(suggested.locator("h3")).to_have_text(listing.title)
    expect(page.locator(".message-item").first).to_contain_text("Har du sett forslaget mitt?")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # The listing's own page says it too.
    suggested.locator("h3 a").click()
    expect(page.locator(".callout.suggested .badge")).to_have_text(
        _translated(language, "Suggested by your guide")
    )
    page.go_back()

    page.fill("#id_body", "ሰላም! Ja, jeg søker i dag.")
    page.locator("#messages form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".message-item")).to_have_count(2)
    expect(page.locator(".message-item.mine")).to_contain_text("Ja, jeg søker i dag.")
    answer = GuideMessage.objects.get(sender=newcomer)
    assert answer.body == "ሰላም! Ja, jeg søker i dag."
    assert Notification.objects.filter(recipient=guide, kind=Kind.GUIDE_MESSAGE).exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"guide-thread-{language}.png"), full_page=True)
    context.close()
