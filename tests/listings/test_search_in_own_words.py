"""A search in any of the eight languages finds the Norwegian listings of the occupation it names,
on PostgreSQL and on SQLite (the embedded mode of `make run`) alike.

The same parametrised searches run here on the suite's PostgreSQL, and once more in a pytest of
their own on an SQLite database (`test_the_same_searches_pass_on_sqlite`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from listings import selectors
from listings.models import Listing
from tests.factories import ListingFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

# One Norwegian listing per kind of work; neither title nor description holds the words searched
# for in the other languages, so only the occupation can find them.
LISTINGS = {
    "bakery": ("7512", "Bakeri på Tøyen", "Brød og boller fra tidlig morgen."),
    "kitchen": ("9412", "Kjøkkenassistent i kantine", "Oppvask og enkel matlaging."),
    "cleaning": ("9112", "Renholder på kontorbygg", "Vask av gulv og flater om kvelden."),
    "warehouse": ("4321", "Lagermedarbeider", "Plukk og pakking av varer."),
    "shop": ("5223", "Butikkmedarbeider i dagligvare", "Kasse og varepåfylling."),
    "care": ("5321", "Helsefagarbeider på sykehjem", "Stell av eldre beboere."),
}

# (language, words typed, the listing they must find)
SEARCHES = [
    # bokmål, with inflected forms
    ("nb", "baker", "bakery"),
    ("nb", "bakeri", "bakery"),
    ("nb", "bakeriet", "bakery"),
    ("nb", "bakerier", "bakery"),
    ("nb", "bakere", "bakery"),
    ("nb", "kjøkken", "kitchen"),
    ("nb", "kjøkkenet", "kitchen"),
    ("nb", "kjøkkenassistenten", "kitchen"),
    ("nb", "kjokken", "kitchen"),
    ("nb", "renhold", "cleaning"),
    ("nb", "renholderen", "cleaning"),
    ("nb", "renholdere", "cleaning"),
    ("nb", "rengjøring", "cleaning"),
    ("nb", "lager", "warehouse"),
    ("nb", "lageret", "warehouse"),
    ("nb", "lagerarbeidere", "warehouse"),
    ("nb", "butikk", "shop"),
    ("nb", "butikken", "shop"),
    ("nb", "butikker", "shop"),
    ("nb", "omsorg", "care"),
    ("nb", "pleie", "care"),
    ("nb", "sykehjemmet", "care"),
    # nynorsk
    ("nn", "bakar", "bakery"),
    ("nn", "bakeriet", "bakery"),
    ("nn", "kjøken", "kitchen"),
    ("nn", "kjøkenet", "kitchen"),
    ("nn", "reinhald", "cleaning"),
    ("nn", "reinhaldaren", "cleaning"),
    ("nn", "lageret", "warehouse"),
    ("nn", "butikken", "shop"),
    ("nn", "sjukeheimen", "care"),
    # English
    ("en", "baker", "bakery"),
    ("en", "bakery", "bakery"),
    ("en", "Bakeries", "bakery"),
    ("en", "kitchen", "kitchen"),
    ("en", "cleaning", "cleaning"),
    ("en", "cleaners", "cleaning"),
    ("en", "warehouse", "warehouse"),
    ("en", "shop", "shop"),
    ("en", "care", "care"),
    ("en", "care worker", "care"),
    # Arabic: article, hamza, shadda, ta marbuta and broken plurals
    ("ar", "خباز", "bakery"),
    ("ar", "خبّاز", "bakery"),
    ("ar", "مخبز", "bakery"),
    ("ar", "المخبز", "bakery"),
    ("ar", "مخابز", "bakery"),
    ("ar", "مطبخ", "kitchen"),
    ("ar", "المطبخ", "kitchen"),
    ("ar", "تنظيف", "cleaning"),
    ("ar", "عاملة نظافه", "cleaning"),
    ("ar", "مستودع", "warehouse"),
    ("ar", "المستودعات", "warehouse"),
    ("ar", "متجر", "shop"),
    ("ar", "رعاية", "care"),
    ("ar", "الرعايه", "care"),
    # Ukrainian, with case endings
    ("uk", "пекар", "bakery"),
    ("uk", "пекарня", "bakery"),
    ("uk", "пекарні", "bakery"),
    ("uk", "кухня", "kitchen"),
    ("uk", "на кухні", "kitchen"),
    ("uk", "прибирання", "cleaning"),
    ("uk", "прибиральниця", "cleaning"),
    ("uk", "склад", "warehouse"),
    ("uk", "на складі", "warehouse"),
    ("uk", "магазин", "shop"),
    ("uk", "в магазині", "shop"),
    ("uk", "догляд", "care"),
    # Tigrinya
    ("ti", "ሓባዚ", "bakery"),
    ("ti", "ፎርኖ", "bakery"),
    ("ti", "ክሽነ", "kitchen"),
    ("ti", "ጽሬት", "cleaning"),
    ("ti", "መኽዘን", "warehouse"),
    ("ti", "ድኳን", "shop"),
    ("ti", "ክንክን", "care"),
    # Somali
    ("so", "rootidube", "bakery"),
    ("so", "foornada", "bakery"),
    ("so", "jikada", "kitchen"),
    ("so", "nadiifin", "cleaning"),
    ("so", "bakhaarka", "warehouse"),
    ("so", "dukaan", "shop"),
    ("so", "daryeel", "care"),
    # Persian / Dari: Persian and Arabic ye and kaf, the zero-width non-joiner, plural -ha
    ("fa", "نانوا", "bakery"),
    ("fa", "نانوایی", "bakery"),
    ("fa", "نانوايي", "bakery"),
    ("fa", "نانواها", "bakery"),
    ("fa", "آشپزخانه", "kitchen"),
    ("fa", "نظافت", "cleaning"),
    ("fa", "پاک‌کاری", "cleaning"),
    ("fa", "انبار", "warehouse"),
    ("fa", "گدام", "warehouse"),
    ("fa", "فروشگاه", "shop"),
    ("fa", "دکان", "shop"),
    ("fa", "دكان", "shop"),
    ("fa", "مراقبت", "care"),
]


@pytest.fixture
def listings() -> dict[str, Listing]:
    organisation = OrganisationFactory(name="Tøyen Drift AS")
    return {
        name: ListingFactory(
            organisation=organisation, occupation_id=code, title=title, description=description
        )
        for name, (code, title, description) in LISTINGS.items()
    }


def test_every_language_is_searched() -> None:
    assert {language for language, _, _ in SEARCHES} == {
        "nb",
        "nn",
        "en",
        "ar",
        "uk",
        "ti",
        "so",
        "fa",
    }
    for language in ("nb", "nn", "en", "ar", "uk", "ti", "so", "fa"):
        assert {
            expected for searched_in, _, expected in SEARCHES if searched_in == language
        } == set(LISTINGS), language


@pytest.mark.parametrize(("language", "words", "expected"), SEARCHES)
def test_a_search_in_the_persons_own_words_finds_the_listing(
    listings: dict[str, Listing], language: str, words: str, expected: str
) -> None:
    found = set(selectors.listing_search(viewer=None, q=words))
    assert listings[expected] in found, f"{words!r} ({language}) on {connection.vendor}"
    others = {name for name, listing in listings.items() if listing in found and name != expected}
    assert not others, f"{words!r} ({language}) also found {others}"


def test_the_api_search_matches_occupations_too(
    client: Client, listings: dict[str, Listing]
) -> None:
    response = client.get("/api/v1/listings/", {"q": "مخبز"}, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [row["id"] for row in results] == [listings["bakery"].pk]
    assert results[0]["occupation_title"] == "الخبازون وصانعو الحلويات"
    assert results[0]["occupation_title_nb"] == "Bakere, konditorer mv."


@pytest.mark.skipif(
    os.environ.get("INNSTEG_OWN_WORDS_ON_SQLITE") == "1", reason="already the SQLite run"
)
def test_the_same_searches_pass_on_sqlite(tmp_path: Path) -> None:
    """This module's searches once more, in a pytest on an SQLite database."""
    if connection.vendor == "sqlite":
        pytest.skip("this run is on SQLite already")
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DATABASE_URL")},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'innsteg.sqlite3'}",
        "INNSTEG_OWN_WORDS_ON_SQLITE": "1",
    }
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:randomly",
            str(Path(__file__).relative_to(ROOT)),
            "-k",
            "own_words_finds or every_language or api_search",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    expected = len(SEARCHES) + 2
    assert f"{expected} passed" in run.stdout, run.stdout[-2000:]
