import pytest
from django.test import Client

from common.api.pagination import CappedCountPaginator
from listings.models import Listing
from tests.factories import ListingFactory

pytestmark = pytest.mark.django_db


def test_search_counts_exactly_below_the_cap(listing: Listing) -> None:
    body = Client().get("/api/v1/listings/").json()
    assert (body["count"], body["count_is_capped"]) == (1, False)


def test_search_stops_counting_at_the_cap(
    organisation,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    ListingFactory.create_batch(3, organisation=organisation)
    monkeypatch.setattr(CappedCountPaginator, "cap", 2)
    body = Client().get("/api/v1/listings/?page_size=1").json()
    assert (body["count"], body["count_is_capped"]) == (2, True)
    assert len(body["results"]) == 1
