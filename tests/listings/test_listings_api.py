import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from listings import services
from listings.models import Listing, ListingKind, ListingStatus, SavedListing, SavedSearch
from organisations.models import Organisation
from tests.factories import ListingFactory, OrganisationFactory, ScreeningQuestionFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/listings/"
TODAY = datetime.date.today


def payload(organisation: Organisation, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "organisation": organisation.pk,
        "kind": "innstegsjobb",
        "title": "Kokkelærling",
        "description": "Du lager mat i kantina og lærer norsk på jobben.",
        "occupation": "5120",
        "kommune": "0301",
        "bydel": "030111",
        "position_percent": 80,
        "start_date": str(TODAY() + datetime.timedelta(days=40)),
        "monthly_wage": 28000,
        "work_hours_per_week": 22,
        "tuition_hours_per_week": 8,
        "norwegian_spoken": "A2",
        "norwegian_written": "A1",
        "workplace_languages": ["ar", "en"],
        "deadline": str(TODAY() + datetime.timedelta(days=20)),
        "screening_questions": [
            {"text": "Har du helseattest for næringsmiddel?", "required_answer": None},
            {"text": "Kan du jobbe helg?", "required_answer": True},
        ],
    }
    data.update(changes)
    return data


def post(client, url: str, data: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
    return client.post(url, data or {}, content_type="application/json")


def field_errors(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    assert response.status_code == 400, response.json()
    return response.json()["error"]["fields"]


# Create, edit, life cycle


def test_a_member_creates_a_draft_with_screening_questions(
    client_for, employer: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    response = post(client_for(employer), URL, payload(organisation))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert body["organisation_verified"] is True
    assert body["paid"] is True
    assert [q["required_answer"] for q in body["screening_questions"]] == [None, True]
    assert Listing.objects.get().created_by == employer


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"monthly_wage": -1}, "monthly_wage"),
        ({"position_percent": 101}, "position_percent"),
        ({"kommune": "9999"}, "kommune"),
        ({"title": "x" * 20_000}, "title"),
        ({"description": "Hei <script>alert(1)</script>"}, "description"),
        ({"title": "Kokk <b>nå</b>"}, "title"),
        ({"schedule": "</div> 8-15"}, "schedule"),
        ({"kind": "praksisplass", "days_per_week": 3}, "monthly_wage"),
        ({"kind": "praksisplass", "monthly_wage": None}, "days_per_week"),
        ({"monthly_wage": None}, "monthly_wage"),
        ({"tuition_hours_per_week": None}, "tuition_hours_per_week"),
        ({"occupation": "512"}, "occupation"),
        ({"kommune": "4601"}, "bydel"),
        ({"workplace_languages": ["xx"]}, "workplace_languages"),
        ({"positions": 0}, "positions"),
        ({"intention_agreement": True}, "intention_agreement"),
        ({"screening_questions": [{"text": "<img src=x>"}]}, "screening_questions"),
    ],
)
def test_bad_input_is_refused_with_the_field_named_and_nothing_saved(
    client_for, employer: User, organisation: Organisation, changes: dict[str, Any], field: str
) -> None:  # type: ignore[no-untyped-def]
    response = post(client_for(employer), URL, payload(organisation, **changes))
    assert field in field_errors(response)
    assert not Listing.objects.exists()


def test_plain_text_with_a_less_than_sign_is_fine(
    client_for, employer: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    response = post(
        client_for(employer), URL, payload(organisation, description="Lønn < 30 000 og 3<4")
    )
    assert response.status_code == 201, response.json()


def test_a_praksisplass_is_unpaid_and_an_apprenticeship_may_have_an_intention_agreement(
    client_for, employer: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(employer)
    praksis = post(
        client,
        URL,
        payload(organisation, kind="praksisplass", monthly_wage=None, days_per_week=3),
    )
    assert praksis.status_code == 201, praksis.json()
    assert praksis.json()["paid"] is False
    laere = post(client, URL, payload(organisation, kind="laereplass", intention_agreement=True))
    assert laere.status_code == 201, laere.json()


@pytest.mark.parametrize("persona", ["employer_b", "newcomer", "guide", "veileder", None])
def test_only_members_create_listings_for_their_organisation(
    client_for, request, organisation: Organisation, persona: str | None
) -> None:  # type: ignore[no-untyped-def]
    user = request.getfixturevalue(persona) if persona else None
    response = post(client_for(user), URL, payload(organisation))
    expected = {"employer_b": (404,), None: (401, 403)}.get(persona, (403,))
    assert response.status_code in expected
    assert not Listing.objects.exists()


def test_publish_checks_the_deadline_then_publishes(
    client_for, employer: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(employer)
    listing_id = post(client, URL, payload(organisation)).json()["id"]
    Listing.objects.filter(pk=listing_id).update(deadline=TODAY() - datetime.timedelta(days=1))
    response = post(client, f"{URL}{listing_id}/publish/")
    assert "deadline" in field_errors(response)
    assert Listing.objects.get(pk=listing_id).status == ListingStatus.DRAFT

    Listing.objects.filter(pk=listing_id).update(deadline=TODAY())
    response = post(client, f"{URL}{listing_id}/publish/")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "published"
    assert response.json()["published_at"]
    again = post(client, f"{URL}{listing_id}/publish/")
    assert again.status_code == 409
    assert "published" in again.json()["error"]["message"]


@pytest.mark.parametrize("action", ["publish", "close", "fill"])
@pytest.mark.parametrize("persona", ["employer_b", "newcomer", "veileder"])
def test_the_wrong_persona_cannot_move_a_listing(
    client_for, request, listing: Listing, action: str, persona: str
) -> None:  # type: ignore[no-untyped-def]
    response = post(client_for(request.getfixturevalue(persona)), f"{URL}{listing.pk}/{action}/")
    assert response.status_code == (404 if persona == "employer_b" else 403)
    listing.refresh_from_db()
    assert listing.status == ListingStatus.PUBLISHED


def test_close_and_fill(client_for, employer: User, listing: Listing) -> None:  # type: ignore[no-untyped-def]
    client = client_for(employer)
    assert post(client, f"{URL}{listing.pk}/close/").json()["status"] == "closed"
    assert post(client, f"{URL}{listing.pk}/close/").status_code == 409
    assert post(client, f"{URL}{listing.pk}/fill/").json()["status"] == "filled"
    patch = client.patch(
        f"{URL}{listing.pk}/", {"title": "Ny tittel"}, content_type="application/json"
    )
    assert patch.status_code == 409


def test_members_edit_a_listing_and_others_cannot(
    client_for, employer: User, employer_b: User, newcomer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    url = f"{URL}{listing.pk}/"
    ok = client_for(employer).patch(
        url, {"title": "Baker", "position_percent": 60}, content_type="application/json"
    )
    assert ok.status_code == 200, ok.json()
    assert (ok.json()["title"], ok.json()["position_percent"]) == ("Baker", 60)
    bad = client_for(employer).patch(
        url, {"position_percent": 101}, content_type="application/json"
    )
    assert "position_percent" in field_errors(bad)
    past = client_for(employer).patch(
        url,
        {"deadline": str(TODAY() - datetime.timedelta(days=2))},
        content_type="application/json",
    )
    assert "deadline" in field_errors(past)
    questions = client_for(employer).patch(
        url, {"screening_questions": []}, content_type="application/json"
    )
    assert questions.status_code == 409
    assert (
        client_for(employer_b)
        .patch(url, {"title": "X"}, content_type="application/json")
        .status_code
        == 404
    )
    assert (
        client_for(newcomer).patch(url, {"title": "X"}, content_type="application/json").status_code
        == 403
    )
    listing.refresh_from_db()
    assert listing.title == "Baker"


# Reading


def test_anyone_reads_published_listings_but_drafts_only_their_members(
    client_for, employer: User, employer_b: User, organisation: Organisation, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    draft = ListingFactory(organisation=organisation, status=ListingStatus.DRAFT, published_at=None)
    assert client_for(None).get(f"{URL}{listing.pk}/").status_code == 200
    assert client_for(None).get(f"{URL}{draft.pk}/").status_code == 404
    assert client_for(employer_b).get(f"{URL}{draft.pk}/").status_code == 404
    assert client_for(employer).get(f"{URL}{draft.pk}/").status_code == 200
    ids = [row["id"] for row in client_for(None).get(URL).json()["results"]]
    assert ids == [listing.pk]


def test_an_unverified_organisation_is_marked(client_for, newcomer: User) -> None:  # type: ignore[no-untyped-def]
    listing = ListingFactory(organisation=OrganisationFactory(orgnr="937884117", verified=False))
    body = client_for(newcomer).get(f"{URL}{listing.pk}/").json()
    assert body["organisation_verified"] is False


def test_the_organisation_list_shows_every_state_to_members_only(
    client_for,
    employer: User,
    employer_b: User,
    newcomer: User,
    organisation: Organisation,
    listing: Listing,
    listing_b: Listing,
) -> None:  # type: ignore[no-untyped-def]
    draft = ListingFactory(organisation=organisation, status=ListingStatus.DRAFT, published_at=None)
    url = f"/api/v1/organisations/{organisation.pk}/listings/"
    rows = client_for(employer).get(url).json()["results"]
    assert {row["id"] for row in rows} == {listing.pk, draft.pk}
    assert client_for(employer_b).get(url).status_code == 404
    assert client_for(newcomer).get(url).status_code == 403


def test_search_filters(
    client_for, organisation: Organisation, organisation_b: Organisation
) -> None:  # type: ignore[no-untyped-def]
    baker = ListingFactory(
        organisation=organisation,
        norwegian_spoken="A2",
        norwegian_written="A1",
        workplace_languages=["ar"],
        bydel_id="030111",
    )
    praksis = ListingFactory(
        organisation=organisation,
        kind=ListingKind.PRAKSISPLASS,
        monthly_wage=None,
        days_per_week=3,
        occupation_id="9412",
        position_percent=50,
        norwegian_spoken="B1",
        workplace_languages=["so", "en"],
    )
    bergen = ListingFactory(
        organisation=organisation_b,
        kommune_id="4601",
        occupation_id="5131",
        start_date=TODAY() + datetime.timedelta(days=200),
    )
    ListingFactory(organisation=organisation, status=ListingStatus.DRAFT, published_at=None)
    ListingFactory(organisation=organisation, deadline=TODAY() - datetime.timedelta(days=1))
    client = client_for(None)

    def ids(query: str) -> set[int]:
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 200, response.json()
        return {row["id"] for row in response.json()["results"]}

    assert ids("") == {baker.pk, praksis.pk, bergen.pk}
    assert ids("kind=praksisplass") == {praksis.pk}
    assert ids("kommune=4601") == {bergen.pk}
    assert ids("bydel=030111") == {baker.pk}
    assert ids("occupation=94") == {praksis.pk}
    assert ids("occupation=75") == {baker.pk}
    assert ids("position_percent_max=60") == {praksis.pk}
    assert ids("position_percent_min=60") == {baker.pk, bergen.pk}
    assert ids(f"start_from={TODAY() + datetime.timedelta(days=100)}") == {bergen.pk}
    assert ids(f"start_to={TODAY() + datetime.timedelta(days=100)}") == {baker.pk, praksis.pk}
    assert ids("paid=false") == {praksis.pk}
    assert ids("paid=true") == {baker.pk, bergen.pk}
    assert ids("norwegian_level=A2") == {baker.pk, bergen.pk}
    assert ids("norwegian_level=A0") == {bergen.pk}
    assert ids("languages=so&languages=ar") == {baker.pk, praksis.pk}
    bad = client.get(f"{URL}?position_percent_min=101&norwegian_level=Z9")
    assert set(field_errors(bad)) == {"position_percent_min", "norwegian_level"}


def test_search_ranks_title_over_description_and_is_stable(
    client_for, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    in_description = ListingFactory(
        organisation=organisation, title="Medarbeider", description="Vi trenger en kokk i kantina."
    )
    in_title = ListingFactory(organisation=organisation, title="Kokk på hotell")
    ListingFactory(organisation=organisation, title="Sjåfør", description="Kjøre varebil.")
    rows = client_for(None).get(f"{URL}?q=kokker").json()["results"]
    assert [row["id"] for row in rows] == [in_title.pk, in_description.pk]


def test_search_makes_as_many_queries_for_50_rows_as_for_1(
    client_for, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(None)

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{URL}?page_size=100")
        assert response.status_code == 200
        return len(queries), response.json()["count"]

    listing = ListingFactory(organisation=organisation)
    ScreeningQuestionFactory(listing=listing)
    one, rows = count()
    assert rows == 1
    for _ in range(49):
        ScreeningQuestionFactory(listing=ListingFactory(organisation=organisation))
    fifty, rows = count()
    assert rows == 50
    assert one == fifty


def test_expired_listings_close_by_themselves(organisation: Organisation) -> None:
    today = timezone.localdate()
    old = ListingFactory(organisation=organisation, deadline=today - datetime.timedelta(days=1))
    last_day = ListingFactory(organisation=organisation, deadline=today)
    assert services.listings_close_expired(today=today) == 1
    assert services.listings_close_expired(today=today) == 0
    old.refresh_from_db()
    last_day.refresh_from_db()
    assert (old.status, last_day.status) == (ListingStatus.CLOSED, ListingStatus.PUBLISHED)


# Saved listings and saved searches


def test_a_newcomer_saves_listings_and_searches(
    client_for, newcomer: User, newcomer_b: User, employer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(newcomer)
    saved = post(client, "/api/v1/saved-listings/", {"listing": listing.pk})
    assert saved.status_code == 201, saved.json()
    assert post(client, "/api/v1/saved-listings/", {"listing": listing.pk}).status_code == 201
    assert SavedListing.objects.count() == 1
    rows = client.get("/api/v1/saved-listings/").json()["results"]
    assert [row["listing"]["id"] for row in rows] == [listing.pk]
    assert client_for(newcomer_b).get("/api/v1/saved-listings/").json()["results"] == []
    assert client_for(employer).get("/api/v1/saved-listings/").status_code == 403
    saved_id = saved.json()["id"]
    assert client_for(newcomer_b).delete(f"/api/v1/saved-listings/{saved_id}/").status_code == 404
    assert client.delete(f"/api/v1/saved-listings/{saved_id}/").status_code == 204

    search = post(
        client,
        "/api/v1/saved-searches/",
        {
            "name": "Kjøkken i Oslo",
            "query": "kokk",
            "filters": {"kommune": "0301", "languages": ["ar"], "start_from": "2030-01-01"},
        },
    )
    assert search.status_code == 201, search.json()
    assert search.json()["filters"] == {
        "kommune": "0301",
        "languages": ["ar"],
        "start_from": "2030-01-01",
    }
    bad = post(client, "/api/v1/saved-searches/", {"name": "<script>x</script>"})
    assert "name" in field_errors(bad)
    assert client_for(newcomer_b).get("/api/v1/saved-searches/").json()["results"] == []
    assert post(client_for(employer), "/api/v1/saved-searches/", {"name": "x"}).status_code == 403
    search_id = search.json()["id"]
    assert client_for(newcomer_b).delete(f"/api/v1/saved-searches/{search_id}/").status_code == 404
    assert client.delete(f"/api/v1/saved-searches/{search_id}/").status_code == 204
    assert not SavedSearch.objects.exists()
