"""The newcomer's first visit to a search or listing page transfers at most 50 KB compressed.

Counted: the page's HTML and everything it pulls in (style sheet, script, icon sprite, favicon,
web app manifest), each gzip-compressed as the server sends it. No web fonts, no framework.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from listings.models import Listing
from organisations.models import Organisation
from tests.factories import ListingFactory, ScreeningQuestionFactory

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 50 * 1024
_ASSET = re.compile(r'(?:href|src)="(/static/[^"#]+)')
_MANIFEST = re.compile(r'<link rel="manifest" href="([^"]+)"')


def _compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def _first_visit_bytes(client: Client, url: str) -> dict[str, int]:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    sizes = {url: _compressed(response.content)}
    for asset in sorted(set(_ASSET.findall(html))):
        path = finders.find(asset.removeprefix(settings.STATIC_URL))
        assert path, f"{asset} is linked but not found"
        sizes[asset] = _compressed(Path(str(path)).read_bytes())
    for manifest in _MANIFEST.findall(html):
        sizes[manifest] = _compressed(client.get(manifest).content)
    return sizes


@pytest.fixture
def busy_search(organisation: Organisation) -> Listing:
    """A full first page of results, with long texts, as a newcomer would meet it."""
    listings = ListingFactory.create_batch(
        20,
        organisation=organisation,
        title="Lagermedarbeider med truckførerbevis i Groruddalen, fast stilling",
        workplace_languages=["ar", "ti", "so", "en"],
        description="Vi pakker og sender varer til butikker i hele Østlandet. " * 80,
    )
    ScreeningQuestionFactory.create_batch(3, listing=listings[0])
    return listings[0]


@pytest.mark.parametrize("language", ["nb", "ar", "ti"])
@pytest.mark.parametrize("page", ["search", "listing"])
def test_first_visit_stays_within_50_kb(busy_search: Listing, language: str, page: str) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = (
        reverse("listings:search")
        if page == "search"
        else reverse("listings:detail", args=[busy_search.pk])
    )
    sizes = _first_visit_bytes(client, url)
    total = sum(sizes.values())
    print(f"\n{page} page in {language}: {total} bytes compressed on first visit")
    assert total <= BUDGET_BYTES, f"{total} bytes: {sizes}"
    assert not any(asset.endswith((".woff", ".woff2", ".ttf")) for asset in sizes)


def test_static_files_are_compressed_and_named_for_long_caching(tmp_path: Path) -> None:
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    compressed = {path.name for path in (tmp_path / "css").glob("site.*.css.gz")}
    assert compressed, "site.css has no hashed, gzip-compressed copy"
    assert settings.WHITENOISE_MAX_AGE >= 365 * 24 * 3600
