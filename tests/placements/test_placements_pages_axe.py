"""axe-core on the agreement pages as the newcomer, the employer and the veileder see them, on a
phone, in bokmål and Arabic, with and without form errors: no serious or critical violation."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from placements.models import PlacementAgreement
from tests.support.browser import axe_violations, phone_context, session_cookie

pytestmark = pytest.mark.django_db(transaction=True)


def _submit_with_errors(page: Page, role: str) -> None:
    """Send the form that is wrong on purpose; the page comes back with the error."""
    if role == "veileder":  # approve for the newcomer without a reason
        page.locator("form[aria-labelledby='behalf-heading'] button[type=submit]").click()
        assert page.locator("#id_behalf-reason").get_attribute("aria-invalid") == "true"
    else:  # terms without their end date
        page.fill("#id_end_date", "")
        page.locator("form[action$='/edit/'] button[type=submit]").click()
        assert page.locator("#id_end_date").get_attribute("aria-invalid") == "true"


@pytest.mark.parametrize("language", ["nb", "ar"])
def test_no_serious_violations_on_the_agreement_pages(
    browser: Browser,
    live_server: LiveServer,
    awaiting: PlacementAgreement,
    newcomer: User,
    employer: User,
    veileder: User,
    language: str,
) -> None:
    detail = reverse("placements:detail", args=[awaiting.pk])
    edit = reverse("placements:edit", args=[awaiting.pk])
    visits = [
        (newcomer, [reverse("placements:list"), detail], None),
        (employer, [detail, edit], edit),
        (veileder, [reverse("placements:list") + "?status=awaiting_approvals", detail], detail),
    ]
    cookies = {}
    for user, _paths, _form in visits:
        user.language = language
        user.save(update_fields=["language"])
        cookies[user.pk] = session_cookie(user, live_server.url)

    found: dict[str, object] = {}
    for user, paths, form_page in visits:
        context = phone_context(browser)
        context.add_cookies([cookies[user.pk]])
        page = context.new_page()
        for path in paths:
            page.goto(live_server.url + path)
            assert page.locator("html").get_attribute("lang") == language
            if violations := axe_violations(page):
                found[f"{user.role} {path}"] = violations
        if form_page is not None:
            page.goto(live_server.url + form_page)
            _submit_with_errors(page, user.role)
            if violations := axe_violations(page):
                found[f"{user.role} {form_page} with an error"] = violations
        context.close()
    assert not found, found
