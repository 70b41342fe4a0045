"""Lighthouse's mobile audit (simulated slow 4G and a slow phone) of the search and listing pages.

`make lighthouse` runs this file alone and prints the scores. The suite holds accessibility at
100 and performance at 90 or more, a margin below the goal of 95 for a busy test machine.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from pytest_django.live_server_helper import LiveServer

from listings.models import Listing
from tests.factories import ListingFactory, OrganisationFactory, ScreeningQuestionFactory
from tests.support.browser import CHROMIUM_FLAGS, chromium_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

LIGHTHOUSE = (
    Path(__file__).resolve().parents[2] / "frontend/tools/node_modules/lighthouse/cli/index.js"
)


def _scores(url: str, language: str) -> dict[str, int]:
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is missing: run `npm ci` in frontend/tools (make test does)")
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    cookie = {"Cookie": f"{settings.LANGUAGE_COOKIE_NAME}={language}"}
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--only-categories=performance,accessibility",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)} --lang={language}",
        f"--extra-headers={json.dumps(cookie)}",
    ]
    # Lighthouse now and then fails to record its trace (NO_NAVSTART, NO_FCP) on a busy
    # machine; that says nothing about the page, so such a run is tried again.
    errors: list[str] = []
    for _attempt in range(3):
        result = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=240, check=False
        )
        if result.returncode == 0:
            report = json.loads(result.stdout)
            categories = report["categories"].values()
            if all(category["score"] is not None for category in categories):
                return {
                    name: round(category["score"] * 100)
                    for name, category in report["categories"].items()
                }
            errors.append(str(report.get("runtimeError")))
        else:
            errors.append(result.stderr[-1000:])
    pytest.fail(f"Lighthouse could not audit {url}: {errors}")


@pytest.fixture
def published(db: None) -> Listing:
    organisation = OrganisationFactory()
    listings = ListingFactory.create_batch(
        12, organisation=organisation, workplace_languages=["ar", "en"]
    )
    ScreeningQuestionFactory(listing=listings[0])
    return listings[0]


def test_search_and_listing_pages_score_on_a_phone(
    live_server: LiveServer, published: Listing
) -> None:
    pages = {
        "search": f"{live_server.url}/listings/?q=bakeriarbeider",
        "listing": f"{live_server.url}/listings/{published.pk}/",
    }
    scores = {name: _scores(url, "ar") for name, url in pages.items()}
    print(f"\nLighthouse mobile scores (Arabic): {json.dumps(scores)}")
    for name, score in scores.items():
        assert score["accessibility"] == 100, (name, score)
        assert score["performance"] >= 90, (name, score)
