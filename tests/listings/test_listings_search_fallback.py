"""Without PostgreSQL (the embedded SQLite demo) search falls back to a plain substring match."""

import pytest
from django.test import override_settings

from listings import selectors, services
from organisations.models import Organisation
from tests.factories import ListingFactory, make_employer

pytestmark = pytest.mark.django_db


@override_settings(USES_POSTGRES=False)
def test_search_without_postgres_matches_title_or_description(organisation: Organisation) -> None:
    in_title = ListingFactory(organisation=organisation, title="Kokk på hotell")
    in_description = ListingFactory(
        organisation=organisation, title="Medarbeider", description="Vi trenger en KOKK."
    )
    ListingFactory(organisation=organisation, title="Sjåfør", description="Kjøre varebil.")
    found = selectors.listing_search(viewer=None, q="kokk")
    assert list(found) == [in_description, in_title]  # newest first


def test_search_vector_is_kept_up_to_date_by_the_services(organisation: Organisation) -> None:
    employer = make_employer(organisation)
    listing = ListingFactory(organisation=organisation, title="Sjåfør")
    assert not selectors.listing_search(viewer=None, q="servitør").exists()
    services.listing_update(listing=listing, by=employer, title="Servitør i kafé")
    assert list(selectors.listing_search(viewer=None, q="servitør")) == [listing]
