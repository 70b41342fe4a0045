"""Search reads the published listings' entries (listings_searchentry), which a trigger keeps in
step with listings_listing whatever writes it; what a search shows of each result is kept per
change, so a change shows at once and an unchanged page costs one query."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from accounts.models import User
from listings import selectors, services
from listings.models import Listing, ListingKind, ListingStatus, SearchEntry
from organisations.models import Organisation
from tests.factories import ListingFactory

pytestmark = pytest.mark.django_db

SEARCH = "/listings/"
COPIED = [
    "published_at",
    "deadline",
    "kind",
    "kommune_id",
    "bydel_id",
    "occupation_id",
    "position_percent",
    "start_date",
    "norwegian_spoken",
    "norwegian_written",
    "workplace_languages",
]


def _entry(listing: Listing) -> dict[str, Any] | None:
    entry = SearchEntry.objects.filter(listing_id=listing.pk).values(*COPIED).first()
    return dict(entry) if entry else None


def _listing_columns(listing: Listing) -> dict[str, Any]:
    return dict(Listing.objects.filter(pk=listing.pk).values(*COPIED).get())


def _vectors_match(listing: Listing) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT l.search_vector = e.search_vector FROM listings_listing l "
            "JOIN listings_searchentry e ON e.listing_id = l.id WHERE l.id = %s",
            [listing.pk],
        )
        (same,) = cursor.fetchone()
    return bool(same)


@pytest.fixture
def anonymous() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_an_entry_follows_its_listing_through_every_state_and_change(
    organisation: Organisation, employer: User
) -> None:
    draft = ListingFactory(organisation=organisation, status=ListingStatus.DRAFT, published_at=None)
    assert _entry(draft) is None
    services.listing_publish(listing=draft, by=employer)
    assert _entry(draft) == _listing_columns(draft)
    assert _vectors_match(draft)
    derived = SearchEntry.objects.get(listing_id=draft.pk)
    assert derived.start_month == draft.start_date.replace(day=1)
    assert json.loads(derived.workplace_languages_text) == draft.workplace_languages

    services.listing_update(
        listing=draft,
        by=employer,
        title="Lagermedarbeider",
        kind=ListingKind.TRAINEE,
        norwegian_spoken="B1",
        workplace_languages=["ar", "so"],
    )
    assert _entry(draft) == _listing_columns(draft)
    assert _entry(draft)["kind"] == ListingKind.TRAINEE  # type: ignore[index]
    assert _vectors_match(draft)  # the vector is written after the row, and followed too
    assert selectors.listing_search_facets(viewer=None, q="lagermedarbeider").total == 1

    services.listing_close(listing=draft, by=employer)
    assert _entry(draft) is None
    assert selectors.listing_search_facets(viewer=None, q="lagermedarbeider").total == 0


def test_bulk_updates_and_deletes_reach_the_entries_too(organisation: Organisation) -> None:
    today = datetime.date.today()
    expired = ListingFactory(organisation=organisation, deadline=today - datetime.timedelta(1))
    open_ = ListingFactory(organisation=organisation)
    assert services.listings_close_expired(today=today) == 1  # one UPDATE of many rows
    assert _entry(expired) is None and _entry(open_) is not None
    Listing.objects.filter(pk=open_.pk).update(position_percent=40)
    assert _entry(open_)["position_percent"] == 40  # type: ignore[index]
    Listing.objects.filter(pk=open_.pk).delete()
    assert not SearchEntry.objects.filter(listing_id=open_.pk).exists()


def test_an_unchanged_page_costs_one_query_and_a_change_shows_at_once(
    anonymous: Client,
    organisation: Organisation,
    employer: User,
    django_assert_num_queries: Any,
) -> None:
    anonymous.get(SEARCH)  # the choice lists, built once per language
    listing = ListingFactory(organisation=organisation, title="Lager på Alnabru")
    ListingFactory.create_batch(3, organisation=organisation, title="Lager")
    with django_assert_num_queries(2):  # the statement, then the cards not kept yet
        anonymous.get(SEARCH, {"q": "lager"})
    with django_assert_num_queries(1):  # every card kept
        html = anonymous.get(SEARCH, {"q": "lager"}).content.decode()
    assert "Lager på Alnabru" in html

    services.listing_update(listing=listing, by=employer, title="Lager på Furuset")
    html = anonymous.get(SEARCH, {"q": "lager"}).content.decode()
    assert "Lager på Furuset" in html and "Alnabru" not in html

    # The organisation's name and verification are part of the card, and of its key.
    Organisation.objects.filter(pk=organisation.pk).update(name="Furuset Lager AS")
    html = anonymous.get(SEARCH, {"q": "lager"}).content.decode()
    assert html.count("Furuset Lager AS") == 4


def test_the_api_keeps_each_record_per_change_and_language(
    organisation: Organisation, employer: User, django_assert_num_queries: Any
) -> None:
    client = Client()
    client.get("/api/v1/listings/?facets=true")  # choice lists cached
    listing = ListingFactory(organisation=organisation, title="Lager", occupation_id="9321")
    query = {"q": "lager", "facets": "true"}
    first = client.get("/api/v1/listings/", query, headers={"Accept-Language": "en"}).json()
    with django_assert_num_queries(1):
        again = client.get("/api/v1/listings/", query, headers={"Accept-Language": "en"}).json()
    assert again["results"] == first["results"]
    # The occupation's name is in the reader's language: another language, another record.
    norwegian = client.get("/api/v1/listings/", query, headers={"Accept-Language": "nb"}).json()
    assert norwegian["results"][0]["occupation_title"] != first["results"][0]["occupation_title"]

    services.listing_update(listing=listing, by=employer, position_percent=60)
    changed = client.get("/api/v1/listings/", query, headers={"Accept-Language": "en"}).json()
    assert changed["results"][0]["position_percent"] == 60


@pytest.mark.django_db(transaction=True)
def test_emptying_the_listings_empties_their_entries(organisation: Organisation) -> None:
    ListingFactory.create_batch(2, organisation=organisation)
    assert SearchEntry.objects.count() == 2
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE listings_listing CASCADE")  # as Django's flush between tests
    assert SearchEntry.objects.count() == 0
