import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import ConsentKind, NewcomerProfile, Role, User
from accounts.services import consent_give
from applications import services
from applications.models import ApplicantProfile, Application, ApplicationEvent
from common.errors import Conflict
from listings.models import Listing, ListingStatus
from tests.factories import (
    ApplicationFactory,
    ListingFactory,
    NewcomerFactory,
    ScreeningQuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def apply_url(listing: Listing) -> str:
    return f"/api/v1/listings/{listing.pk}/applications/"


def post(client, url: str, data: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
    return client.post(url, data or {}, content_type="application/json")


def action(client, application_id: int, name: str, data: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
    return post(client, f"/api/v1/applications/{application_id}/{name}/", data)


def interview_data() -> dict[str, Any]:
    at = timezone.now() + datetime.timedelta(days=3)
    return {"at": at.isoformat(), "place": "Grorudveien 1, 2. etasje"}


def applied(client_for, newcomer: User, listing: Listing) -> int:  # type: ignore[no-untyped-def]
    response = post(client_for(newcomer), apply_url(listing), {"message": "Jeg liker å bake."})
    assert response.status_code == 201, response.json()
    return int(response.json()["id"])


# Applying


def test_a_newcomer_applies_with_profile_answers_and_message(
    client_for, newcomer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    ApplicantProfile.objects.create(
        user=newcomer,
        languages=["ar", "en"],
        norwegian_spoken="A2",
        experience="Bakte i Aleppo i fem år.",
        availability="Fra mars",
    )
    question = ScreeningQuestionFactory(listing=listing)
    response = post(
        client_for(newcomer),
        apply_url(listing),
        {"message": "Hei!", "answers": [{"question": question.pk, "answer": True}]},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "submitted"
    assert body["profile"]["languages"] == ["ar", "en"]
    assert body["profile"]["experience"] == "Bakte i Aleppo i fem år."
    assert body["answers"][0]["answer"] is True
    assert [(e["from_status"], e["to_status"], e["by"]) for e in body["events"]] == [
        (None, "submitted", "applicant")
    ]
    # The snapshot stays as it was when applying.
    ApplicantProfile.objects.filter(user=newcomer).update(experience="Endret")
    assert Application.objects.get().profile_snapshot["experience"] == "Bakte i Aleppo i fem år."


def test_a_second_application_is_a_409(client_for, newcomer: User, listing: Listing) -> None:  # type: ignore[no-untyped-def]
    applied(client_for, newcomer, listing)
    response = post(client_for(newcomer), apply_url(listing))
    assert response.status_code == 409
    assert response.json()["error"]["message"] == "You have already applied for this listing."
    assert Application.objects.count() == 1


def test_applying_to_a_closed_or_expired_listing_is_a_409(
    client_for, newcomer: User, organisation
) -> None:  # type: ignore[no-untyped-def]
    closed = ListingFactory(organisation=organisation, status=ListingStatus.CLOSED)
    response = post(client_for(newcomer), apply_url(closed))
    assert response.status_code == 404  # a closed listing is not shown to newcomers at all
    expired = ListingFactory(
        organisation=organisation, deadline=datetime.date.today() - datetime.timedelta(days=1)
    )
    response = post(client_for(newcomer), apply_url(expired))
    assert response.status_code == 409
    assert "deadline has passed" in response.json()["error"]["message"]
    assert not Application.objects.exists()


def test_the_service_refuses_a_listing_that_is_not_published(newcomer: User, organisation) -> None:  # type: ignore[no-untyped-def]
    closed = ListingFactory(organisation=organisation, status=ListingStatus.CLOSED)
    with pytest.raises(Conflict, match="not published"):
        services.application_submit(listing=closed, by=newcomer)
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"message": "<script>alert(1)</script>"}, "message"),
        ({"message": "x" * 1001}, "message"),
        ({"answers": []}, "answers"),
        ({"answers": [{"question": 999_999, "answer": True}]}, "answers"),
        ({"answers": [{"question": "a"}]}, "answers"),
    ],
)
def test_bad_applications_are_refused_with_the_field_named(
    client_for, newcomer: User, listing: Listing, data: dict[str, Any], field: str
) -> None:  # type: ignore[no-untyped-def]
    ScreeningQuestionFactory(listing=listing)
    response = post(client_for(newcomer), apply_url(listing), data)
    assert response.status_code == 400, response.json()
    assert field in response.json()["error"]["fields"]
    assert not Application.objects.exists()
    assert not ApplicationEvent.objects.exists()


@pytest.mark.parametrize("persona", ["employer", "guide", "veileder", None])
def test_only_newcomers_apply(client_for, request, listing: Listing, persona: str | None) -> None:  # type: ignore[no-untyped-def]
    user = request.getfixturevalue(persona) if persona else None
    response = post(client_for(user), apply_url(listing))
    assert response.status_code in ((401, 403) if persona is None else (403,))
    assert not Application.objects.exists()


# The employer's view: scoped and anonymous until the interview


def test_the_employer_sees_only_their_listings_applicants_anonymously_until_interview(
    client_for,
    employer: User,
    employer_b: User,
    newcomer: User,
    newcomer_b: User,
    listing: Listing,
    listing_b: Listing,
) -> None:  # type: ignore[no-untyped-def]
    first = applied(client_for, newcomer, listing)
    applied(client_for, newcomer_b, listing)
    other = applied(client_for, newcomer, listing_b)
    url = f"/api/v1/listings/{listing.pk}/applications/"
    rows = client_for(employer).get(url).json()["results"]
    assert [row["applicant_label"] for row in rows] == ["Applicant 1", "Applicant 2"]
    assert all(row["anonymous"] and row["applicant_name"] is None for row in rows)
    assert all(row["applicant_email"] is None and row["applicant_phone"] is None for row in rows)
    text = str(rows)
    assert "Amal" not in text and "Yonas" not in text
    for key in ("national_id", "fodselsnummer", "residence", "birth", "country", "photo", "age"):
        assert all(key not in row for row in rows)

    # The other organisation's people see none of them; nor do newcomers.
    assert client_for(employer_b).get(url).status_code == 404
    assert client_for(newcomer).get(url).status_code == 403
    assert client_for(employer).get(f"/api/v1/applications/{other}/").status_code == 404
    assert client_for(employer_b).get(f"/api/v1/applications/{first}/").status_code == 404

    detail = client_for(employer).get(f"/api/v1/applications/{first}/").json()
    assert (detail["applicant_label"], detail["applicant_name"]) == ("Applicant 1", None)
    assert action(client_for(employer), first, "review").status_code == 200
    assert client_for(employer).get(f"/api/v1/applications/{first}/").json()["anonymous"]

    invited = action(client_for(employer), first, "interview", interview_data())
    assert invited.status_code == 200, invited.json()
    assert invited.json()["applicant_name"] == "Amal Haddad"
    assert invited.json()["applicant_email"] == newcomer.email
    rows = client_for(employer).get(url).json()["results"]
    assert [row["applicant_label"] for row in rows] == ["Amal Haddad", "Applicant 2"]


def test_without_anonymous_review_the_name_is_shown_at_once(
    client_for, employer: User, newcomer: User, organisation
) -> None:  # type: ignore[no-untyped-def]
    listing = ListingFactory(organisation=organisation, anonymous_review=False)
    applied(client_for, newcomer, listing)
    row = (
        client_for(employer)
        .get(f"/api/v1/listings/{listing.pk}/applications/")
        .json()["results"][0]
    )
    assert (row["anonymous"], row["applicant_name"]) == (False, "Amal Haddad")


# The status machine and its timeline


def test_the_whole_way_to_accepted_is_on_the_newcomers_timeline(
    client_for, employer: User, newcomer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    pk = applied(client_for, newcomer, listing)
    hire = client_for(employer)
    assert action(hire, pk, "review").json()["status"] == "in_review"
    assert (
        action(
            hire,
            pk,
            "interview",
            {**interview_data(), "place": "", "video_link": "https://meet.example.com/abc"},
        ).json()["status"]
        == "interview"
    )
    assert action(hire, pk, "offer", {"note": "Velkommen!"}).json()["status"] == "offered"
    accepted = action(client_for(newcomer), pk, "accept")
    assert accepted.status_code == 200, accepted.json()
    body = client_for(newcomer).get(f"/api/v1/applications/{pk}/").json()
    assert body["status"] == "accepted"
    assert body["interview_link"] == "https://meet.example.com/abc"
    assert [(e["from_status"], e["to_status"], e["by"]) for e in body["events"]] == [
        (None, "submitted", "applicant"),
        ("submitted", "in_review", "employer"),
        ("in_review", "interview", "employer"),
        ("interview", "offered", "employer"),
        ("offered", "accepted", "applicant"),
    ]
    assert body["events"][3]["note"] == "Velkommen!"
    events = ApplicationEvent.objects.filter(application_id=pk).order_by("id")
    assert [e.by for e in events] == [newcomer, employer, employer, employer, newcomer]
    assert all(e.at for e in events)
    # accepted is final
    withdraw = action(client_for(newcomer), pk, "withdraw")
    assert withdraw.status_code == 409
    assert "from accepted to withdrawn" in withdraw.json()["error"]["message"]


def test_an_illegal_transition_is_a_409_naming_both_states(
    client_for, employer: User, newcomer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    pk = applied(client_for, newcomer, listing)
    response = action(client_for(newcomer), pk, "accept")
    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "An application cannot go from submitted to accepted."
    )
    application = Application.objects.get(pk=pk)
    services.application_review(application=application, by=employer)
    services.application_offer(application=application, by=employer)
    with pytest.raises(Conflict, match="from offered to submitted"):
        services.application_transition(application=application, to_status="submitted", by=employer)
    application.refresh_from_db()
    assert application.status == "offered"
    assert ApplicationEvent.objects.filter(application=application).count() == 3


def test_rejection_needs_a_listed_reason(
    client_for, employer: User, newcomer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    pk = applied(client_for, newcomer, listing)
    bad = action(client_for(employer), pk, "reject", {"reason": "too_old"})
    assert bad.status_code == 400
    assert "reason" in bad.json()["error"]["fields"]
    ok = action(client_for(employer), pk, "reject", {"reason": "language_level"})
    assert ok.status_code == 200
    assert (ok.json()["status"], ok.json()["rejection_reason"]) == ("rejected", "language_level")
    assert action(client_for(employer), pk, "offer").status_code == 409


def test_an_interview_needs_a_future_time_and_a_place_or_link(
    client_for, employer: User, newcomer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    pk = applied(client_for, newcomer, listing)
    no_place = action(client_for(employer), pk, "interview", {**interview_data(), "place": ""})
    assert "place" in no_place.json()["error"]["fields"]
    past = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    in_the_past = action(client_for(employer), pk, "interview", {**interview_data(), "at": past})
    assert "at" in in_the_past.json()["error"]["fields"]
    bad_link = action(
        client_for(employer), pk, "interview", {**interview_data(), "video_link": "not a link"}
    )
    assert "video_link" in bad_link.json()["error"]["fields"]
    assert Application.objects.get(pk=pk).status == "submitted"


@pytest.mark.parametrize(
    ("persona", "name", "expected"),
    [
        ("employer_b", "review", 404),
        ("employer_b", "reject", 404),
        ("newcomer", "review", 403),
        ("newcomer", "offer", 403),
        ("newcomer_b", "withdraw", 404),
        ("employer", "withdraw", 403),
        ("employer", "accept", 403),
        ("guide", "review", 403),
        ("veileder", "offer", 403),
        ("platform_admin", "reject", 403),
    ],
)
def test_the_wrong_persona_cannot_move_an_application(
    client_for, request, newcomer: User, listing: Listing, persona: str, name: str, expected: int
) -> None:  # type: ignore[no-untyped-def]
    pk = applied(client_for, newcomer, listing)
    data = {"reason": "other"} if name == "reject" else None
    response = action(client_for(request.getfixturevalue(persona)), pk, name, data)
    assert response.status_code == expected
    assert Application.objects.get(pk=pk).status == "submitted"
    assert ApplicationEvent.objects.filter(application_id=pk).count() == 1


def test_the_newcomer_withdraws(
    client_for, employer: User, newcomer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    pk = applied(client_for, newcomer, listing)
    action(client_for(employer), pk, "review")
    response = action(client_for(newcomer), pk, "withdraw", {"note": "Fikk annen jobb"})
    assert response.status_code == 200
    assert response.json()["events"][-1] == {
        **response.json()["events"][-1],
        "from_status": "in_review",
        "to_status": "withdrawn",
        "by": "applicant",
        "note": "Fikk annen jobb",
    }


# Who sees an application


def test_who_sees_an_application(
    client_for,
    newcomer: User,
    newcomer_b: User,
    guide: User,
    veileder: User,
    employer: User,
    listing: Listing,
) -> None:  # type: ignore[no-untyped-def]
    NewcomerProfile.objects.filter(user=newcomer).update(guide=guide)
    consent_give(user=newcomer, kind=ConsentKind.GUIDE_SHARING)
    pk = applied(client_for, newcomer, listing)
    url = f"/api/v1/applications/{pk}/"
    assert client_for(newcomer).get(url).status_code == 200
    assert client_for(employer).get(url).status_code == 200
    seen_by_guide = client_for(guide).get(url)
    assert seen_by_guide.status_code == 200
    assert len(seen_by_guide.json()["events"]) == 1
    other_guide = UserFactory(role=Role.GUIDE)
    assert client_for(other_guide).get(url).status_code == 404
    assert client_for(newcomer_b).get(url).status_code == 404
    assert client_for(veileder).get(url).status_code == 403
    assert client_for(None).get(url).status_code in (401, 403)
    assert client_for(newcomer_b).get("/api/v1/applications/").json()["results"] == []
    assert client_for(employer).get("/api/v1/applications/").status_code == 403


# Expiry


def test_stale_offers_and_applications_on_closed_listings_expire(
    employer: User, organisation, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    stale = ApplicationFactory(listing=listing, status="in_review")
    services.application_offer(application=stale, by=employer)
    Application.objects.filter(pk=stale.pk).update(
        offered_at=timezone.now() - datetime.timedelta(days=services.OFFER_ANSWER_DAYS + 1)
    )
    fresh_offer = ApplicationFactory(listing=listing, status="in_review")
    services.application_offer(application=fresh_offer, by=employer)
    waiting = ApplicationFactory(listing=listing)
    closed = ListingFactory(organisation=organisation, status=ListingStatus.CLOSED)
    on_closed = ApplicationFactory(listing=closed)
    assert services.applications_expire(today=today) == 2
    assert services.applications_expire(today=today) == 0
    statuses = {
        a.pk: a.status
        for a in Application.objects.filter(
            pk__in=[stale.pk, fresh_offer.pk, waiting.pk, on_closed.pk]
        )
    }
    assert statuses == {
        stale.pk: "expired",
        fresh_offer.pk: "offered",
        waiting.pk: "submitted",
        on_closed.pk: "expired",
    }
    last = ApplicationEvent.objects.filter(application=on_closed).latest("id")
    assert (last.from_status, last.to_status, last.by) == ("submitted", "expired", None)
    assert last.note == "listing_closed"


# Query counts do not grow with the number of rows


def _count_queries(client, url: str, rows: int) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{url}?page_size=100")
    assert response.status_code == 200
    assert response.json()["count"] == rows
    return len(queries)


def test_the_employers_applicant_list_makes_the_same_queries_for_1_and_50_rows(
    client_for, employer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    ScreeningQuestionFactory(listing=listing)
    question = listing.screening_questions.get()
    client = client_for(employer)
    url = f"/api/v1/listings/{listing.pk}/applications/"

    def add() -> None:
        services.application_submit(
            listing=listing, by=NewcomerFactory(), answers={question.pk: True}
        )

    add()
    one = _count_queries(client, url, 1)
    for _ in range(49):
        add()
    assert _count_queries(client, url, 50) == one


def test_the_newcomers_application_list_makes_the_same_queries_for_1_and_50_rows(
    client_for, newcomer: User, organisation
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(newcomer)
    url = "/api/v1/applications/"

    def add() -> None:
        listing = ListingFactory(organisation=organisation)
        question = ScreeningQuestionFactory(listing=listing)
        services.application_submit(listing=listing, by=newcomer, answers={question.pk: False})

    add()
    one = _count_queries(client, url, 1)
    for _ in range(49):
        add()
    assert _count_queries(client, url, 50) == one
