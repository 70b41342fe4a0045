"""Headless Chromium (Debian's) driven by Playwright, against a live Django server.

The browser is never downloaded: Playwright launches /usr/bin/chromium (or $CHROMIUM_PATH).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from accounts.models import User
from tests.support.auth import signed_in_session

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "frontend/tools/node_modules/axe-core/axe.min.js"


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Chromium is not installed (Debian: apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def browser(django_db_setup: None) -> Iterator[Browser]:
    """One Chromium for the session, started after the test database exists.

    Playwright's sync API keeps an event loop on this thread while it runs; the tests' ORM
    calls (and the database flushes between tests) are still plain synchronous calls, so
    Django's async-safety guard is lifted for exactly that time.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True
            )
            yield launched
            launched.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def phone_context(browser: Browser, *, javascript: bool = True) -> BrowserContext:
    return browser.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        java_script_enabled=javascript,
        locale="nb-NO",
    )


def session_cookie(user: User, url: str) -> dict[str, str]:
    """The cookie that signs `user` in on the live server at `url`, for `add_cookies`: a session
    past every login stage (password, and the second factor for people who need it)."""
    client = Client()
    signed_in_session(client, user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": url,
    }


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = phone_context(browser)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page: Page) -> list[dict[str, object]]:
    """Serious and critical axe-core violations on the page as it is now (WCAG 2.1 A and AA)."""
    if not AXE_SCRIPT.exists():
        pytest.fail("axe-core is missing: run `npm ci` in frontend/tools (make test does)")
    # Through the DevTools protocol, which the page's Content-Security-Policy does not govern
    # (a <script> tag with axe's source inline would be refused by it).
    page.evaluate(AXE_SCRIPT.read_text() + "\n;undefined")
    result = page.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5),
            }));
        }"""
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]
