"""After a search on a 360×740 phone, the first result is on the first screen: the form folds
into a summary of what was searched, and the page opens at the results (#results). In Arabic,
Tigrinya and Somali, with JavaScript on and off."""

from __future__ import annotations

import pytest
from django.conf import settings
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from organisations.models import Organisation
from tests.factories import ListingFactory, OrganisationFactory
from tests.support.browser import PHONE, phone_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bakeries(db: None) -> Organisation:
    organisation: Organisation = OrganisationFactory(name="Grorud Bakeri AS")
    for number in range(25):
        ListingFactory(
            organisation=organisation,
            title=f"Bakeriarbeider {number}",
            workplace_languages=["ar", "ti", "so"],
        )
    return organisation


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("language", ["ar", "ti", "so"])
def test_the_first_result_is_above_the_fold_after_a_search(
    browser: Browser,
    live_server: LiveServer,
    bakeries: Organisation,
    language: str,
    javascript: bool,
) -> None:
    context = phone_context(browser, javascript=javascript)
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/listings/")
    page.fill("#id_q", "bakeriarbeider")
    page.locator("form.search button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("#results")
    expect(page.locator("details.search-form")).not_to_have_attribute("open", "")
    first = page.locator("article.card").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box is not None
    # Its heading (the link to the listing) lies inside the first screen, not below the fold.
    heading = first.locator("h3").bounding_box()
    assert (
        heading is not None
        and heading["y"] >= 0
        and heading["y"] + heading["height"] <= PHONE["height"]
    ), (language, heading)
    # The summary of the search and the way to change it are on the same screen.
    summary = page.locator("details.search-form > summary").bounding_box()
    assert summary is not None and summary["y"] >= 0
    context.close()
