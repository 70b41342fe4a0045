"""The public listing pages: search, a listing, saving listings and searches."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from listings.models import Listing, ListingKind, ListingStatus, SavedListing, SavedSearch
from listings.search_choices import forget_version
from organisations.models import Organisation
from tests.factories import ListingFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ClientFor = Callable[[User | None], Client]


@pytest.fixture
def anonymous() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _search(client: Client, **params: object) -> str:
    response = client.get(reverse("listings:search"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_anyone_searches_and_sees_structured_facts(anonymous: Client, listing: Listing) -> None:
    html = _search(anonymous, q="bakeriarbeider")
    assert listing.title in html
    assert "1 place" in html
    assert "32,000 kroner a month before tax" in html
    assert "100 % position" in html


def test_filters_narrow_the_results(anonymous: Client, organisation: Organisation) -> None:
    practice = ListingFactory(
        organisation=organisation,
        kind=ListingKind.PRAKSISPLASS,
        monthly_wage=None,
        days_per_week=3,
        title="Praksis i barnehage",
        workplace_languages=["ar"],
    )
    job = ListingFactory(organisation=organisation, title="Lagerjobb", norwegian_spoken="B2")
    client = anonymous
    html = _search(client, kind="praksisplass")
    assert practice.title in html and job.title not in html
    html = _search(client, paid="yes")
    assert job.title in html and practice.title not in html
    html = _search(client, languages="ar")
    assert practice.title in html and job.title not in html
    html = _search(client, norwegian_level="A2")
    assert practice.title in html and job.title not in html
    assert "3 days a week at the work place" in _search(client, kind="praksisplass")


def test_a_bad_filter_is_named_not_a_500(anonymous: Client, listing: Listing) -> None:
    html = _search(anonymous, position_percent_min="250", kind="nonsense")
    assert "Check the filters marked above." in html
    assert 'id="id_position_percent_min_error"' in html
    assert 'id="id_kind_error"' in html


def test_a_newcomer_starts_from_their_own_norwegian_level(
    client_for: ClientFor, newcomer: User, organisation: Organisation
) -> None:
    hard = ListingFactory(organisation=organisation, title="Resepsjonist", norwegian_spoken="C1")
    easy = ListingFactory(organisation=organisation, title="Oppvask")
    client = client_for(newcomer)
    client.patch(
        reverse("api-applicant-profile"),
        {"norwegian_spoken": "A2"},
        content_type="application/json",
    )
    html = _search(client)
    assert easy.title in html and hard.title not in html
    assert hard.title in _search(client, norwegian_level="")


def test_pages_keep_a_stable_order(anonymous: Client, organisation: Organisation) -> None:
    titles = {ListingFactory(organisation=organisation).title for _ in range(25)}
    client = anonymous
    first = _search(client)
    second = _search(client, page=2)
    seen_first = {title for title in titles if title in first}
    seen_second = {title for title in titles if title in second}
    assert len(seen_first) == 20 and len(seen_second) == 5
    assert not seen_first & seen_second
    assert "Page 2 of 2" in second


def test_search_page_queries_do_not_grow_with_rows(
    client_for: ClientFor, newcomer: User, organisation: Organisation
) -> None:
    client = client_for(newcomer)
    forget_version()  # the version this process read in an earlier test is gone with its cache
    client.get(reverse("listings:search"))  # the choice lists are built once, then cached

    def queries_with(rows: int) -> int:
        Listing.objects.all().delete()
        ListingFactory.create_batch(rows, organisation=organisation)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("listings:search")).status_code == 200
        return len(queries)

    assert queries_with(1) == queries_with(50)


def test_listing_page_shows_facts_above_the_employers_words(
    anonymous: Client, listing: Listing
) -> None:
    html = anonymous.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    assert html.index('class="facts"') < html.index(listing.description)
    assert "data-read-aloud" in html
    assert "Log in to apply" in html


def test_unverified_employer_is_marked(anonymous: Client) -> None:
    unverified = ListingFactory(organisation=OrganisationFactory(verified=False))
    html = anonymous.get(reverse("listings:detail", args=[unverified.pk])).content.decode()
    assert "Employer not yet verified" in html


def test_a_draft_is_only_seen_by_its_organisation(
    client_for: ClientFor,
    organisation: Organisation,
    employer: User,
    employer_b: User,
    newcomer: User,
) -> None:
    draft = ListingFactory(organisation=organisation, status=ListingStatus.DRAFT)
    url = reverse("listings:detail", args=[draft.pk])
    assert client_for(employer).get(url).status_code == 200
    for outsider in (None, employer_b, newcomer):
        assert client_for(outsider).get(url).status_code == 404


def test_a_newcomer_saves_and_unsaves_a_listing(
    client_for: ClientFor, newcomer: User, listing: Listing
) -> None:
    client = client_for(newcomer)
    url = reverse("listings:save", args=[listing.pk])
    client.post(url)
    assert SavedListing.objects.filter(user=newcomer, listing=listing).exists()
    saved_page = client.get(reverse("listings:saved")).content.decode()
    assert listing.title in saved_page
    client.post(url)
    assert not SavedListing.objects.filter(user=newcomer).exists()


def test_only_newcomers_save(
    client_for: ClientFor, employer: User, guide: User, listing: Listing
) -> None:
    url = reverse("listings:save", args=[listing.pk])
    assert client_for(None).post(url).status_code == 302
    assert client_for(employer).post(url).status_code == 403
    assert client_for(guide).post(url).status_code == 403
    assert client_for(guide).get(reverse("listings:saved")).status_code == 403
    assert not SavedListing.objects.exists()


def test_a_saved_search_keeps_its_words_and_filters(
    client_for: ClientFor, newcomer: User, newcomer_b: User, listing: Listing
) -> None:
    client = client_for(newcomer)
    query = "q=baker&kind=nystartsjobb&languages=ar&languages=en&start_from=2030-01-01"
    client.post(reverse("listings:saved-search-create"), {"query": query})
    saved = SavedSearch.objects.get(user=newcomer)
    assert saved.query == "baker"
    assert saved.filters == {
        "kind": "nystartsjobb",
        "start_from": "2030-01-01",
        "languages": ["ar", "en"],
    }
    page = client.get(reverse("listings:saved")).content.decode()
    assert "kind=nystartsjobb" in page and "languages=ar&amp;languages=en" in page
    delete = reverse("listings:saved-search-delete", args=[saved.pk])
    assert client_for(newcomer_b).post(delete).status_code == 404
    client.post(delete)
    assert not SavedSearch.objects.exists()


def test_a_listing_past_its_deadline_is_not_found_by_search(
    client_for: ClientFor, organisation: Organisation
) -> None:
    past = ListingFactory(
        organisation=organisation,
        title="Gammel annonse",
        deadline=datetime.date.today() - datetime.timedelta(days=1),
    )
    assert past.title not in _search(client_for(None))
