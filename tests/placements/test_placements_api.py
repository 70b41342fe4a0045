"""The agreements API: who sees what, who may do what, bad input, and query counts."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from listings.models import Listing
from placements.models import AgreementEvent, AgreementStatus, PlacementAgreement
from tests.placements.agreement_steps import accept_offer, another_awaiting, submitted

pytestmark = pytest.mark.django_db

LIST = "/api/v1/agreements/"


def detail(agreement: PlacementAgreement) -> str:
    return f"/api/v1/agreements/{agreement.pk}/"


def post(client, url: str, data: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
    return client.post(url, data or {}, content_type="application/json")


def patch(client, url: str, data: dict[str, Any]):  # type: ignore[no-untyped-def]
    return client.patch(url, data, content_type="application/json")


def action(client, agreement: PlacementAgreement, name: str, data: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
    return post(client, f"/api/v1/agreements/{agreement.pk}/{name}/", data)


@pytest.fixture
def bergen_agreement(listing_b: Listing, newcomer_b: User, employer_b: User) -> PlacementAgreement:
    """employer_b's agreement with newcomer_b, approved in Bergen."""
    return submitted(accept_offer(listing_b, newcomer_b), employer_b)


# Who sees what


@pytest.mark.parametrize(
    ("persona", "sees_oslo", "sees_bergen"),
    [
        ("newcomer", True, False),
        ("newcomer_b", False, True),
        ("employer", True, False),
        ("employer_b", False, True),
        ("guide", True, False),  # follows `newcomer`
        ("veileder", True, False),
        ("beslutter", True, False),
        ("veileder_bergen", False, True),
        ("platform_admin", True, True),
    ],
)
def test_every_persona_sees_only_its_own_agreements(
    request: pytest.FixtureRequest,
    client_for,  # type: ignore[no-untyped-def]
    awaiting: PlacementAgreement,
    bergen_agreement: PlacementAgreement,
    guided: User,
    persona: str,
    sees_oslo: bool,
    sees_bergen: bool,
) -> None:
    client = client_for(request.getfixturevalue(persona))
    ids = {row["id"] for row in client.get(LIST).json()["results"]}
    expected = {awaiting.pk} if sees_oslo else set()
    expected |= {bergen_agreement.pk} if sees_bergen else set()
    assert ids == expected
    for agreement, visible in ((awaiting, sees_oslo), (bergen_agreement, sees_bergen)):
        assert client.get(detail(agreement)).status_code == (200 if visible else 404)
        events = client.get(f"{detail(agreement)}events/")
        assert events.status_code == (200 if visible else 404)


def test_a_guide_sees_nothing_of_newcomers_they_do_not_follow(
    client_for,
    awaiting: PlacementAgreement,
    guide: User,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(guide)
    assert client.get(LIST).json()["results"] == []
    assert client.get(detail(awaiting)).status_code == 404


def test_anonymous_gets_401_everywhere(client_for, awaiting: PlacementAgreement) -> None:  # type: ignore[no-untyped-def]
    client = client_for(None)
    assert client.get(LIST).status_code == 401
    assert client.get(detail(awaiting)).status_code == 401
    assert client.get(f"{detail(awaiting)}events/").status_code == 401
    assert patch(client, detail(awaiting), {"supervisor_name": "X"}).status_code == 401
    for name in ("submit", "approve", "cancel", "start", "end"):
        response = action(client, awaiting, name, {"reason": "x"})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.parametrize("persona", ["employer_b", "newcomer_b", "veileder_bergen"])
def test_outsiders_get_404_for_every_write(
    request: pytest.FixtureRequest,
    client_for,
    awaiting: PlacementAgreement,
    persona: str,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(request.getfixturevalue(persona))
    if persona != "newcomer_b":  # a newcomer never changes terms: 403 before any lookup
        assert patch(client, detail(awaiting), {"supervisor_name": "X"}).status_code == 404
        assert action(client, awaiting, "submit").status_code == 404
    assert action(client, awaiting, "approve").status_code == 404
    assert action(client, awaiting, "cancel", {"reason": "Nei"}).status_code == 404
    awaiting.refresh_from_db()
    assert awaiting.status == AgreementStatus.AWAITING_APPROVALS
    assert awaiting.version == 2
    assert awaiting.employer_approved_at is None


@pytest.mark.parametrize(
    ("persona", "name", "data"),
    [
        ("newcomer", "patch", {"supervisor_name": "Meg selv"}),
        ("guide", "patch", {"supervisor_name": "X"}),
        ("beslutter", "patch", {"supervisor_name": "X"}),
        ("guide", "approve", {}),
        ("beslutter", "approve", {}),
        ("platform_admin", "approve", {}),
        ("guide", "cancel", {"reason": "Nei"}),
        ("beslutter", "cancel", {"reason": "Nei"}),
        ("employer", "start", {}),
        ("newcomer", "end", {}),
        ("employer", "approve", {"on_behalf_reason": "Jeg signerer for henne"}),
    ],
)
def test_in_scope_but_not_allowed_is_403(
    request: pytest.FixtureRequest,
    client_for,  # type: ignore[no-untyped-def]
    awaiting: PlacementAgreement,
    guided: User,
    persona: str,
    name: str,
    data: dict[str, Any],
) -> None:
    client = client_for(request.getfixturevalue(persona))
    if name == "patch":
        response = patch(client, detail(awaiting), data)
    else:
        response = action(client, awaiting, name, data)
    assert response.status_code == 403, response.json()
    assert response.json()["error"]["code"] in ("wrong_role", "not_party")
    assert AgreementEvent.objects.filter(agreement=awaiting).count() == 3


# The whole way through the API


def test_terms_approvals_and_the_timeline_through_the_api(
    client_for,
    draft: PlacementAgreement,
    newcomer: User,
    employer: User,
    veileder: User,  # type: ignore[no-untyped-def]
) -> None:
    as_employer, as_newcomer, as_veileder = (
        client_for(employer),
        client_for(newcomer),
        client_for(veileder),
    )
    response = patch(
        as_employer,
        detail(draft),
        {
            "version": 1,
            "end_date": (draft.start_date + datetime.timedelta(days=90)).isoformat(),
            "supervisor_name": "Per Bakke",
            "supervisor_phone": "+47 912 34 567",
            "goals": [
                {"kind": "language", "text": "Norsk B1"},
                {"kind": "trade_certificate", "text": "Fagbrev som baker"},
            ],
        },
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["version"], body["status"], body["supervisor_phone"]) == (
        2,
        "draft",
        "+4791234567",
    )
    assert action(as_employer, draft, "submit").json()["status"] == "awaiting_approvals"
    refused = action(as_veileder, draft, "approve")
    assert refused.status_code == 400
    assert list(refused.json()["error"]["fields"]) == ["on_behalf_reason"]

    body = action(
        as_veileder, draft, "approve", {"on_behalf_reason": "Har ikke BankID.", "version": 2}
    ).json()
    assert body["approvals"]["newcomer"]["by_name"] == veileder.full_name
    assert body["approvals"]["on_behalf"] is True
    assert body["on_behalf_reason"] == "Har ikke BankID."
    body = action(as_employer, draft, "approve", {"version": 2}).json()
    assert body["on_behalf_reason"] is None  # not the employer's to know
    assert body["approvals"]["employer"]["by_name"] == employer.full_name
    twice = action(as_employer, draft, "approve")
    assert twice.status_code == 409
    assert (
        twice.json()["error"]["message"] == "You have already approved version 2 of this agreement."
    )
    body = action(as_veileder, draft, "approve").json()
    assert body["status"] == "ready"

    # A change after approval: every approval is gone and the version goes up.
    body = patch(as_employer, detail(draft), {"monthly_wage_nok": "34000.00"}).json()
    assert body["status"] == "awaiting_approvals"
    assert body["version"] == 3
    assert all(
        body["approvals"][p]["approved_at"] is None for p in ("newcomer", "employer", "veileder")
    )
    stale = action(as_newcomer, draft, "approve", {"version": 2})
    assert stale.status_code == 409
    assert action(as_newcomer, draft, "approve", {"version": 3}).status_code == 200

    timeline = as_newcomer.get(f"{detail(draft)}events/").json()
    assert [event["action"] for event in timeline] == [
        "created",
        "terms_changed",
        "submitted",
        "approved_on_behalf",
        "employer_approved",
        "veileder_approved",
        "terms_changed",
        "approvals_reset",
        "newcomer_approved",
    ]
    assert timeline[1]["changed_fields"] == [
        "end_date",
        "supervisor_name",
        "supervisor_phone",
        "goals",
    ]
    assert timeline[3]["note"] == "Har ikke BankID."
    assert [e["by_role"] for e in timeline[3:6]] == ["veileder", "employer", "veileder"]
    assert timeline[7]["by_role"] == "system"
    employer_timeline = as_employer.get(f"{detail(draft)}events/").json()
    assert employer_timeline[3]["note"] == ""

    body = action(as_newcomer, draft, "cancel", {"reason": "Flytter til Trondheim."}).json()
    assert (body["status"], body["cancelled_reason"]) == ("cancelled", "Flytter til Trondheim.")
    assert action(as_newcomer, draft, "cancel", {"reason": "Igjen"}).status_code == 409


def test_a_veileder_starts_and_ends_a_placement(
    client_for,
    in_state: Callable[[str], PlacementAgreement],
    veileder: User,  # type: ignore[no-untyped-def]
) -> None:
    ready = in_state("ready")  # its start date has passed
    client = client_for(veileder)
    assert action(client, ready, "start").json()["status"] == "running"
    assert action(client, ready, "start").status_code == 409
    assert action(client, ready, "end", {"note": "Fikk fast jobb"}).json()["status"] == "ended"
    assert AgreementEvent.objects.filter(agreement=ready).latest("id").note == "Fikk fast jobb"


# Bad input


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"end_date": "2020-01-01"}, "end_date"),
        ({"end_date": "tomorrow"}, "end_date"),
        ({"hours_per_week": "0"}, "hours_per_week"),
        ({"hours_per_week": "12.25"}, "hours_per_week"),
        ({"position_percent": 0}, "position_percent"),
        ({"monthly_wage_nok": None}, "monthly_wage_nok"),
        ({"supervisor_name": ""}, "supervisor_name"),
        ({"supervisor_phone": "abc"}, "supervisor_phone"),
        ({"goals": [{"kind": "hobby", "text": "Fotball"}]}, "goals"),
        ({"goals": [{"kind": "language"}]}, "goals"),
        ({"goals": [{"kind": "language", "text": "x" * 301}]}, "goals"),
        ({"goals": [{"kind": "language", "text": "<script>x</script>"}]}, "goals"),
        ({"version": 0}, "version"),
    ],
)
def test_bad_terms_are_a_400_naming_the_field_and_nothing_is_saved(
    client_for,
    awaiting: PlacementAgreement,
    employer: User,
    data: dict[str, Any],
    field: str,  # type: ignore[no-untyped-def]
) -> None:
    response = patch(client_for(employer), detail(awaiting), data)
    assert response.status_code == 400, response.json()
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert list(error["fields"]) == [field]
    assert error["fields"][field]  # a message, or messages by the goal's position
    saved = PlacementAgreement.objects.get(pk=awaiting.pk)
    assert saved.version == 2
    assert saved.supervisor_name == "Per Bakke"
    assert AgreementEvent.objects.filter(agreement=awaiting).count() == 3


@pytest.mark.parametrize(
    ("name", "data", "field"),
    [
        ("cancel", {}, "reason"),
        ("cancel", {"reason": ""}, "reason"),
        ("cancel", {"reason": "x" * 501}, "reason"),
        ("approve", {"on_behalf_reason": "x" * 501}, "on_behalf_reason"),
        ("approve", {"on_behalf_reason": "<b>nei</b>"}, "on_behalf_reason"),
    ],
)
def test_bad_action_input_is_a_400_naming_the_field(
    client_for,
    awaiting: PlacementAgreement,
    veileder: User,
    name: str,
    data: dict[str, Any],
    field: str,  # type: ignore[no-untyped-def]
) -> None:
    response = action(client_for(veileder), awaiting, name, data)
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]
    saved = PlacementAgreement.objects.get(pk=awaiting.pk)
    assert (saved.status, saved.newcomer_approved_at) == ("awaiting_approvals", None)


def test_the_list_filters_by_status_and_kommune(
    client_for,  # type: ignore[no-untyped-def]
    awaiting: PlacementAgreement,
    bergen_agreement: PlacementAgreement,
    platform_admin: User,
) -> None:
    client = client_for(platform_admin)

    def ids(query: str) -> set[int]:
        response = client.get(LIST + query)
        assert response.status_code == 200, response.json()
        return {row["id"] for row in response.json()["results"]}

    assert ids("?status=awaiting_approvals") == {awaiting.pk, bergen_agreement.pk}
    assert ids("?status=awaiting_approvals&kommune=4601") == {bergen_agreement.pk}
    assert ids("?kommune=0301") == {awaiting.pk}
    assert ids("?status=ready") == set()
    bad = client.get(LIST + "?status=signed&kommune=oslo")
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {"status", "kommune"}


# Query counts do not grow with the number of rows


def test_the_list_makes_the_same_queries_for_1_and_20_rows(
    client_for,
    django_assert_num_queries,
    organisation,
    employer: User,
    veileder: User,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(veileder)
    another_awaiting(organisation, employer)
    client.get(LIST)  # warm the caches (content types, site) that the first request fills
    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).json()["count"] == 1
    queries = len(one)
    for _ in range(19):
        another_awaiting(organisation, employer)
    with django_assert_num_queries(queries):
        response = client.get(LIST)
    assert response.json()["count"] == 20
    assert len(response.json()["results"]) == 20


def test_the_timeline_makes_the_same_queries_for_few_and_many_events(
    client_for,
    django_assert_num_queries,
    awaiting: PlacementAgreement,
    employer: User,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(employer)
    url = f"{detail(awaiting)}events/"
    client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(url).json()) == 3
    queries = len(few)  # read now: the requests below empty the connection's query log
    for hours in range(20, 30):
        patch(client, detail(awaiting), {"hours_per_week": str(hours)})
    with django_assert_num_queries(queries):
        assert len(client.get(url).json()) == 13


def test_the_schema_describes_the_agreements_api(client_for, platform_admin: User) -> None:  # type: ignore[no-untyped-def]
    response = client_for(platform_admin).get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"get", "patch"} <= set(paths["/api/v1/agreements/{id}/"])
    assert "post" in paths["/api/v1/agreements/{id}/approve/"]
    assert "/api/v1/agreements/{id}/events/" in paths
