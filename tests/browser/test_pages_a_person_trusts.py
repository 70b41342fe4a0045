"""The main pages on a 360×740 phone in Arabic, Tigrinya and Somali: every target a finger can
tap is at least 44×44 CSS pixels, the listing icons are drawn as lines (not filled black), the
dates are written the language's own way, and nothing Norwegian is left in the page's frame."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from applications.notices import notify_application_status
from applications.services import application_invite_to_interview, application_review
from common.dates import local_date, local_datetime
from listings.models import Listing
from tests.factories import (
    ApplicationFactory,
    ListingFactory,
    NewcomerFactory,
    OrganisationFactory,
    ScreeningQuestionFactory,
    make_employer,
)
from tests.support.browser import phone_context, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MIN_TARGET = 44
LANGUAGES = ["ar", "ti", "so"]

# Every element a finger can tap, with the size of what it taps: a check box or a radio button
# counts with its label (tapping the label ticks it); a link inside a running sentence is left
# out (WCAG 2.5.5's exception for inline targets). Menus are opened first so that their items
# are measured too.
SMALL_TARGETS = """() => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  const small = [];
  const union = (a, b) => ({
    width: Math.max(a.right, b.right) - Math.min(a.left, b.left),
    height: Math.max(a.bottom, b.bottom) - Math.min(a.top, b.top),
  });
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary";
  for (const el of document.querySelectorAll(selector)) {
    const style = getComputedStyle(el);
    let rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || style.visibility === "hidden") continue;
    if (el.closest(".sr-only, .skip")) continue;
    if (el.tagName === "A" && el.closest("p, dd, li, td, .free-text")) {
      const block = el.closest("p, dd, li, td, .free-text");
      if (block.textContent.trim() !== el.textContent.trim()) continue;  // inline in a sentence
    }
    if (el.type === "radio" || el.type === "checkbox") {
      const label = el.closest("label")
        || (el.id && document.querySelector(`label[for="${el.id}"]`));
      if (label) rect = union(rect, label.getBoundingClientRect());
    }
    if (rect.width < 43.5 || rect.height < 43.5) {
      const name = (el.textContent || el.name || "").trim().slice(0, 30);
      const size = `${Math.round(rect.width)}x${Math.round(rect.height)}`;
      small.push(`${el.tagName.toLowerCase()} "${name}" ${size}`);
    }
  }
  return small;
}"""

ICON_PAINT = """() => Array.from(document.querySelectorAll("svg.icon use")).map(use => {
  const drawn = use.closest("svg");
  const style = getComputedStyle(drawn);
  return {fill: style.fill, stroke: style.stroke, color: style.color,
          box: drawn.getBoundingClientRect().width};
})"""


@pytest.fixture
def pages(db: None) -> tuple[User, Listing, dict[str, str]]:
    organisation = OrganisationFactory()
    employer = make_employer(organisation)
    listing: Listing = ListingFactory(
        organisation=organisation, workplace_languages=["ar", "ti", "en"]
    )
    ScreeningQuestionFactory(listing=listing)
    newcomer = NewcomerFactory()
    application = ApplicationFactory(
        listing=ListingFactory(organisation=organisation), applicant=newcomer
    )
    application_review(application=application, by=employer)
    application_invite_to_interview(
        application=application,
        by=employer,
        at=timezone.now() + datetime.timedelta(days=3),
        place="Grorudveien 5",
    )
    notify_application_status(application=application, status=application.status)
    paths = {
        "home": reverse("home"),
        "search": reverse("listings:search"),
        "listing": reverse("listings:detail", args=[listing.pk]),
        "applications": reverse("applications:mine"),
        "application": reverse("applications:detail", args=[application.pk]),
        "notifications": reverse("notifications:list"),
        "profile": reverse("applications:profile"),
    }
    return newcomer, listing, paths


def _open(browser: Browser, live_server: LiveServer, language: str, user: User | None) -> Page:
    context = phone_context(browser)
    cookies: list[Any] = [
        {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
    ]
    if user is not None:
        cookies.append(session_cookie(user, live_server.url))
    context.add_cookies(cookies)
    return context.new_page()


@pytest.mark.parametrize("language", LANGUAGES)
def test_targets_icons_and_dates_on_the_main_pages(
    browser: Browser,
    live_server: LiveServer,
    pages: tuple[User, Listing, dict[str, str]],
    language: str,
) -> None:
    newcomer, listing, paths = pages
    newcomer.language = language
    newcomer.save(update_fields=["language"])
    found: dict[str, object] = {}

    anonymous = _open(browser, live_server, language, None)
    for name in ("account_login", "account_request_login_code"):
        anonymous.goto(live_server.url + reverse(name))
        if small := anonymous.evaluate(SMALL_TARGETS):
            found[name] = small
    anonymous.context.close()

    page = _open(browser, live_server, language, newcomer)
    for name, path in paths.items():
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == language, path
        if small := page.evaluate(SMALL_TARGETS):
            found[name] = small

    # The icons: outlines in the text's colour, never a black fill.
    page.goto(live_server.url + paths["listing"])
    icons = page.evaluate(ICON_PAINT)
    assert len(icons) >= 6
    for icon in icons:
        assert icon["fill"] == "none", icon
        assert icon["stroke"] == icon["color"] != "rgb(0, 0, 0)", icon

    # Dates as the language writes them (CLDR through Babel), the same in the facts and
    # the timeline of an application.
    with translation.override(language):
        deadline = local_date(listing.deadline)
        languages_text = {
            "ar": "،",  # the Arabic comma joins the workplace languages
        }.get(language, "")
    facts = page.locator("dl.facts").inner_text()
    assert deadline in facts
    assert str(listing.deadline.year) in deadline
    if languages_text:
        assert languages_text in facts
    page.goto(live_server.url + paths["application"])
    application = newcomer.applications.get()
    with translation.override(language):
        interview = local_datetime(application.interview_at)
    assert interview in page.locator("main").inner_text()
    page.context.close()
    assert not found, found


def test_the_sign_in_code_opens_the_number_pad(browser: Browser, live_server: LiveServer) -> None:
    NewcomerFactory(phone="+4791234567", phone_verified=True)
    page = _open(browser, live_server, "so", None)
    page.goto(live_server.url + reverse("account_request_login_code"))
    page.fill("input[name=phone]", "91234567")
    page.locator("main form button[type=submit]").first.click()
    code = page.locator("input[name=code]")
    assert code.get_attribute("inputmode") == "numeric"
    assert code.get_attribute("autocomplete") == "one-time-code"
    page.context.close()
