"""The search page and API with facets: counts, grouped and typed choices, the profile's levels
as a chip, a constant number of queries, plans without a nested loop, cached choice lists."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from applications.models import ApplicantProfile
from listings import selectors
from listings.models import ListingKind
from listings.search_choices import forget_version, search_choices
from listings.selectors import ListingFilters
from organisations.models import Organisation
from reference.models import Kommune
from reference.services import reference_tables_analyze
from tests.factories import ListingFactory

pytestmark = pytest.mark.django_db

ClientFor = Callable[[User | None], Client]
SEARCH = "/listings/"


@pytest.fixture
def anonymous() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _listings(organisation: Organisation) -> None:
    ListingFactory(organisation=organisation, kind=ListingKind.TRAINEE, title="Lager Oslo")
    ListingFactory(
        organisation=organisation,
        kind=ListingKind.TRAINEE,
        kommune_id="4601",
        title="Lager Bergen",
        workplace_languages=["ar", "en"],
    )
    ListingFactory(
        organisation=organisation,
        kind=ListingKind.LAEREPLASS,
        kommune_id="4601",
        occupation_id="5120",
        title="Kokk Bergen",
        norwegian_spoken="A1",
        workplace_languages=["ar"],
    )


def test_each_facet_counts_with_every_filter_but_its_own(organisation: Organisation) -> None:
    _listings(organisation)
    facets = selectors.listing_search_facets(
        viewer=None, filters=ListingFilters(kind=ListingKind.TRAINEE, fylke="46")
    )
    assert facets.total == 1  # the trainee post in Bergen
    # Kinds in Vestland (the kind filter left out), places of trainee posts (the place left out).
    assert facets.kinds == {ListingKind.TRAINEE: 1, ListingKind.LAEREPLASS: 1}
    assert facets.kommuner == {"0301": 1, "4601": 1}
    assert facets.fylker(search_choices().kommune_fylke) == {"03": 1, "46": 1}
    assert facets.languages == {"ar": 1, "en": 1}
    assert facets.occupation_groups(1) == {"7": 1}
    assert facets.with_levels("A0", "A0") == 1


def test_the_page_ids_come_with_the_counts_in_rank_order(organisation: Organisation) -> None:
    _listings(organisation)
    facets = selectors.listing_search_facets(viewer=None, q="lager", page=(0, 20))
    expected = list(selectors.listing_search(viewer=None, q="lager").values_list("pk", flat=True))
    assert facets.total == 2 and facets.page_ids == expected


def test_the_page_shows_counts_as_links_and_filters_as_removable_chips(
    anonymous: Client, organisation: Organisation
) -> None:
    _listings(organisation)
    html = anonymous.get(SEARCH, {"q": "lager", "kommune": "Bergen"}).content.decode()
    assert "Lager Bergen" in html and "Lager Oslo" not in html
    assert 'aria-label="Remove: “lager”"' in html
    assert 'aria-label="Remove: Bergen"' in html
    assert "Your search:" in html  # the form folded into what was searched
    assert 'id="results"' in html and 'action="/listings/#results"' in html
    assert "Trainee post" in html  # a kind with its count


def test_a_kommune_is_typed_by_name_and_a_shared_name_asks_for_the_fylke(
    anonymous: Client, listing: Any
) -> None:
    html = anonymous.get(SEARCH, {"kommune": "Våler"}).content.decode()
    assert "Several kommuner have this name: choose the fylke as well." in html
    html = anonymous.get(SEARCH, {"kommune": "Våler", "fylke": "31"}).content.decode()
    assert "Våler (Østfold)" in html and "Several kommuner" not in html
    html = anonymous.get(SEARCH, {"kommune": "Nowhere"}).content.decode()
    assert "We know no kommune by this name." in html


def _titles(html: str) -> set[str]:
    """The titles of the result cards (other words, like fields of work, may name a title)."""
    return set(re.findall(r'<h3 id="listing-\d+"><a [^>]*>([^<]*)</a>', html))


def test_the_profile_levels_are_a_chip_spoken_and_written_apart_and_a0_hears_of_a1(
    client_for: ClientFor, newcomer: User, organisation: Organisation
) -> None:
    ListingFactory(organisation=organisation, title="Oppvask")
    ListingFactory(organisation=organisation, title="Lager", norwegian_spoken="A1")
    ListingFactory(organisation=organisation, title="Kontor", norwegian_written="A1")
    ListingFactory(organisation=organisation, title="Resepsjon", norwegian_spoken="B2")
    ApplicantProfile.objects.update_or_create(
        user=newcomer, defaults={"norwegian_spoken": "A0", "norwegian_written": "A0"}
    )
    client = client_for(newcomer)
    html = client.get(SEARCH).content.decode()
    assert _titles(html) == {"Oppvask"}
    assert "Norwegian: speaking A0, writing A0 (from your profile)" in html
    assert "2 more places ask for A1." in html
    assert "norwegian_spoken=&amp;norwegian_written=" in html  # the chip's remove link
    html = client.get(SEARCH, {"norwegian_spoken": "A1", "norwegian_written": "A0"}).content
    assert _titles(html.decode()) == {"Oppvask", "Lager"}
    html = client.get(SEARCH, {"norwegian_spoken": "", "norwegian_written": ""}).content
    assert b"Resepsjon" in html and b"from your profile" not in html


def test_the_search_page_makes_two_queries_with_facets(
    anonymous: Client, organisation: Organisation, django_assert_num_queries: Any
) -> None:
    forget_version()  # the version this process read in an earlier test is gone with its cache
    anonymous.get(SEARCH)  # the choice lists are built once per language, then cached
    for rows in (1, 30):
        ListingFactory.create_batch(
            rows, organisation=organisation, title="Lager", workplace_languages=["ar"]
        )
        # One statement for the count, the facets and the page; one for the cards not kept.
        with django_assert_num_queries(2):
            response = anonymous.get(SEARCH, {"q": "lager", "languages": "ar", "fylke": "03"})
        assert response.status_code == 200
        assert response.content.count(b'class="card"') == min(rows, 20)
        with django_assert_num_queries(1):  # every card kept
            again = anonymous.get(SEARCH, {"q": "lager", "languages": "ar", "fylke": "03"})
        assert again.content.count(b'class="card"') == min(rows, 20)


@pytest.mark.parametrize(("facets", "queries"), [(False, 3), (True, 3)])
def test_the_api_search_makes_as_many_queries_with_facets_as_without(
    organisation: Organisation, django_assert_num_queries: Any, facets: bool, queries: int
) -> None:
    client = Client()
    forget_version()
    client.get("/api/v1/listings/?facets=true")  # choice lists cached
    for rows in (1, 30):
        ListingFactory.create_batch(rows, organisation=organisation, title="Lager")
        # Without facets: a capped count, the page, its screening questions. With facets the
        # facet statement counts exactly instead.
        with django_assert_num_queries(queries):
            body = client.get(
                "/api/v1/listings/", {"q": "lager", "facets": str(facets).lower()}
            ).json()
        assert len(body["results"]) == min(body["count"], 20)
    assert ("facets" in body) is facets
    if facets:
        assert body["facets"]["kind"] == {ListingKind.NYSTARTSJOBB: body["count"]}
        assert body["facets"]["fylke"] == {"03": body["count"]}
        assert body["facets"]["occupation"]["7"] == body["count"]


def _nested_loops_rerunning_search(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """Nested Loop nodes whose inner side evaluates the full-text condition (once per row)."""
    found = []
    if plan.get("Node Type") == "Nested Loop":
        inner = plan["Plans"][1]
        if "search_vector" in json.dumps(inner):
            found.append(plan)
    for child in plan.get("Plans", []):
        found.extend(_nested_loops_rerunning_search(child))
    return found


def test_a_broad_word_is_planned_without_a_nested_loop_over_the_reference_tables(
    organisation: Organisation,
) -> None:
    ListingFactory.create_batch(60, organisation=organisation, title="Lager")
    ListingFactory.create_batch(5, organisation=organisation, title="Kokk", occupation_id="5120")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE listings_listing")
        cursor.execute("ANALYZE listings_searchentry")
    reference_tables_analyze()
    with CaptureQueriesContext(connection) as captured:
        Client().get("/api/v1/listings/", {"q": "lager", "facets": "true"})
        Client().get("/api/v1/listings/", {"q": "lager"})  # the page joins the occupations
        Client().get(SEARCH, {"q": "lager"})
    searches = [q["sql"] for q in captured.captured_queries if "search_vector" in q["sql"]]
    assert len(searches) >= 4  # the facet statements, the API's count and page
    for sql in searches:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0][0]["Plan"]
        assert not _nested_loops_rerunning_search(plan), json.dumps(plan, indent=1)
        # The vector is searched and ranked in the database, never fetched.
        selected = re.sub(r'ts_rank\("listings_\w+"\."search_vector", ', "", sql)
        for table in ("listings_listing", "listings_searchentry"):
            assert f'"{table}"."search_vector",' not in selected
            assert f'"{table}"."search_vector" FROM' not in selected


def test_the_reference_tables_are_analysed() -> None:
    reference_tables_analyze()
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'reference_kommune'")
        (estimated,) = cursor.fetchone()
    assert estimated == Kommune.objects.count()


def test_the_choice_lists_are_cached_and_made_again_when_the_reference_data_changes(
    django_assert_num_queries: Any,
) -> None:
    search_choices()
    with django_assert_num_queries(0):
        before = search_choices()
    assert "9999" not in before.kommuner
    Kommune.objects.create(
        number="9999", name="Testkommune", fylke_number="03", fylke_name="Oslo", aga_zones="I"
    )
    assert search_choices().find_kommuner("testkommune") == ["9999"]


def _gzip(client: Client, path: str) -> tuple[bytes, str]:
    response = client.get(path, headers={"Accept-Encoding": "gzip"})
    return response.content, response.headers.get("Content-Encoding", "")


def test_pages_are_compressed_with_random_padding_but_not_a_signed_in_search(
    anonymous: Client, client_for: ClientFor, newcomer: User, listing: Any
) -> None:
    bodies = [_gzip(anonymous, f"{SEARCH}?q=baker") for _ in range(8)]
    assert all(encoding == "gzip" for _, encoding in bodies)
    assert b"Bakeriarbeider" in gzip.decompress(bodies[0][0])
    assert len({len(body) for body, _ in bodies}) > 1  # random length padding (Heal the Breach)
    signed_in = client_for(newcomer)
    _, encoding = _gzip(signed_in, f"{SEARCH}?q=baker")
    assert encoding == ""  # their personal page, reflecting input: never compressed
    _, encoding = _gzip(signed_in, SEARCH)
    assert encoding == "gzip"  # nothing reflected
