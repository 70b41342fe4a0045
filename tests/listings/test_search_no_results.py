"""A search that finds nothing says what was searched and offers the nearest searches that do
find places: another spelling, the same field of work, the whole country."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from listings.search_suggestions import SuggestionKind, no_results
from listings.selectors import ListingFilters
from organisations.models import Organisation
from tests.factories import ListingFactory

pytestmark = pytest.mark.django_db

FSI, PDI = "\u2068", "\u2069"


def _search(client: Client, language: str = "en", **params: str) -> str:
    response = client.get(reverse("listings:search"), params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _links(page: str) -> dict[str, str]:
    """The suggestion links of the page: text -> href."""
    block = page.split('class="suggestions"', 1)[1].split("</ul>", 1)[0]
    return {
        re.sub(r"\s+", " ", unescape(text)).strip(): unescape(href)
        for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', block, re.S)
    }


def test_a_misspelled_word_is_offered_the_spelling_that_finds_places(
    client: Client, organisation: Organisation
) -> None:
    bakery = ListingFactory(organisation=organisation, title="Brød og boller", occupation_id="7512")
    page = _search(client, q="bakrey")
    assert f"No places match “{FSI}bakrey{PDI}”." in unescape(page)
    links = _links(page)
    assert f"Did you mean “{FSI}bakery{PDI}”?" in links
    href = links[f"Did you mean “{FSI}bakery{PDI}”?"]
    assert "q=bakery" in href
    assert f"/listings/{bakery.pk}" in _search(client, q="bakery")


def test_the_same_field_of_work_is_offered_with_its_count(
    client: Client, organisation: Organisation
) -> None:
    ListingFactory(organisation=organisation, title="Fiskeskjærer", occupation_id="7511")
    ListingFactory(organisation=organisation, title="Ysteri", occupation_id="7513")
    page = _search(client, q="bakery")  # a baker's listing there is none of, but 751 has two
    links = _links(page)
    label = "Other work in the same field: Food processing and related trades workers"
    assert label in links
    assert "(2 places)" in page
    href = links[label]
    assert "occupation=751" in href and "q=" not in href
    followed = client.get(href, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Fiskeskjærer" in followed and "Ysteri" in followed


def test_the_whole_country_is_offered_when_a_place_was_chosen(
    client: Client, organisation: Organisation
) -> None:
    ListingFactory(organisation=organisation, title="Bakeri i Bergen", kommune_id="4601")
    page = _search(client, q="baker", kommune="0301")
    assert f"No places match “{FSI}baker{PDI}” in Oslo." in unescape(page)
    links = _links(page)
    label = "The same search in all of Norway, not only Oslo"
    assert "kommune" not in links[label] and "q=baker" in links[label]
    assert "Bakeri i Bergen" in client.get(links[label]).content.decode()


def test_the_suggestions_are_in_the_readers_language(
    client: Client, organisation: Organisation
) -> None:
    ListingFactory(organisation=organisation, title="Fiskeskjærer", occupation_id="7511")
    page = unescape(_search(client, "ar", q="مخبز"))
    assert f"لا توجد أماكن تطابق «{FSI}مخبز{PDI}»." in page
    assert "عمال تصنيع الأغذية" in page  # 751 in Arabic, not Norwegian
    assert "Slaktere, fiskehandlere, konditorer" not in page


def test_nothing_to_offer_says_so_plainly(client: Client, organisation: Organisation) -> None:
    page = unescape(_search(client, q="zzqx"))
    assert f"No places match “{FSI}zzqx{PDI}”." in page
    assert 'class="suggestions"' not in page
    assert "Try fewer filters or other words." in page


def test_the_selector_offers_only_searches_that_find_something(
    organisation: Organisation,
) -> None:
    ListingFactory(organisation=organisation, occupation_id="9412", kommune_id="4601")
    found = no_results(
        viewer=None, q="kitchen", filters=ListingFilters(kommune="0301"), language="en"
    )
    assert found.words == "kitchen" and found.place == "Oslo"
    assert [(s.kind, s.count) for s in found.suggestions] == [(SuggestionKind.COUNTRY, 1)]
