"""The buddy pages on a 360×740 phone in Chromium: right to left in Arabic and Persian, no
sideways scrolling, and no serious axe-core violation, for the newcomer, the volunteer and the
coordinator."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from buddies import services
from buddies.models import BuddyMatch
from tests.buddies.conftest import make_request, make_volunteer
from tests.conftest import _with_totp
from tests.factories import NewcomerFactory, UserFactory
from tests.support.browser import PHONE, axe_violations, phone_context, session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def buddy_world(db: None) -> tuple[User, User, User, BuddyMatch]:
    from accounts.models import Role
    from reference.models import Kommune

    veileder = _with_totp(UserFactory(role=Role.VEILEDER, serves=("0301",)))
    coordinator = _with_totp(UserFactory(role=Role.GUIDE, full_name="Sara Moe"))
    services.coordinator_appoint(
        by=veileder, user=coordinator, kommune=Kommune.objects.get(number="0301")
    )
    amal = NewcomerFactory(full_name="Amal Haddad", phone="+4791234567")
    make_request(amal, languages=["ar", "fa"])
    tone = make_volunteer(languages=["nb", "ar", "fa"], approve_by=coordinator)
    match = services.match_propose(by=coordinator, volunteer=tone.user, newcomer=amal)
    services.match_accept(match=match, by=amal, shares=["phone"])
    match = services.match_accept(match=match, by=tone.user, shares=["email"])
    services.checkin_add(
        match=match, by=amal, happened_on=timezone.localdate(match.started_at), note="Kaffe"
    )  # type: ignore[arg-type]
    make_request(NewcomerFactory(full_name="Farid Rahimi"), languages=["fa"])
    make_volunteer(name="Mona Said", languages=["ar"])
    return amal, tone.user, coordinator, match


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_the_buddy_pages_on_a_phone(
    browser: Browser,
    live_server: LiveServer,
    buddy_world: tuple[User, User, User, BuddyMatch],
    language: str,
) -> None:
    amal, tone, coordinator, match = buddy_world
    visits = [
        (amal, [reverse("buddies:newcomer"), reverse("buddies:match", args=[match.pk])]),
        (tone, [reverse("buddies:volunteer"), reverse("buddies:match", args=[match.pk])]),
        (coordinator, [reverse("buddies:coordinator"), reverse("buddies:match", args=[match.pk])]),
    ]
    found: dict[str, object] = {}
    for person, paths in visits:
        person.language = language
        person.save(update_fields=["language"])
        context = phone_context(browser)
        context.add_cookies(
            [
                {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
                session_cookie(person, live_server.url),
            ]
        )
        page = context.new_page()
        for path in paths:
            page.goto(live_server.url + path)
            assert page.locator("html").get_attribute("dir") == "rtl", path
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
            if violations := axe_violations(page):
                found[f"{person.role} {path}"] = violations
        context.close()
    assert not found, found
