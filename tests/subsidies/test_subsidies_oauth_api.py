"""Case systems call the API with OAuth2 client credentials: scopes, and only their kommuner."""

from __future__ import annotations

import pytest
from django.test import Client
from oauth2_provider.models import Application

from audit.models import AuditEntry
from subsidies.models import Decision, SubsidyCase
from tests.subsidies.conftest import CLIENT_SECRET, _basic, get_token, machine, open_case

pytestmark = pytest.mark.django_db


def test_a_client_gets_a_token_and_reads_its_kommunes_cases(case, case_system) -> None:  # type: ignore[no-untyped-def]
    oslo = case_system(("0301",))
    code, token = get_token(oslo, "subsidies:read")
    assert code == 200
    assert token["token_type"] == "Bearer"
    assert token["scope"] == "subsidies:read"

    api = Client(HTTP_AUTHORIZATION=f"Bearer {token['access_token']}")
    listed = api.get("/api/v1/subsidy-cases/")
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == [case.pk]
    detail = api.get(f"/api/v1/subsidy-cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert detail.status_code == 200
    reasons = detail.json()["result"]["reasons"]
    assert reasons[0]["code"] == "newcomer_permit_within_window"
    assert reasons[0]["text"].startswith("The residence permit was granted 17 months")
    agreement = api.get(f"/api/v1/casework/agreements/{case.agreement_id}/")
    assert agreement.status_code == 200
    assert agreement.json()["subsidy_case"] == case.pk


def test_a_bergen_client_cannot_read_oslo_cases(case, case_system, organisation_b) -> None:  # type: ignore[no-untyped-def]
    bergen_case = open_case(organisation_b, kommune_id="4601")
    api = machine(case_system(("4601",)))
    listed = api.get("/api/v1/subsidy-cases/").json()
    assert [row["id"] for row in listed["results"]] == [bergen_case.pk]
    # Asking for a kommune it does not serve is refused with its code, not answered empty.
    refused = api.get("/api/v1/subsidy-cases/?kommune=0301")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "out_of_scope"
    for url in (
        f"/api/v1/subsidy-cases/{case.pk}/",
        f"/api/v1/subsidy-cases/{case.pk}/person-facts/",
        f"/api/v1/casework/agreements/{case.agreement_id}/",
    ):
        assert api.get(url).status_code == 404, url
    events = api.get("/api/v1/events/").json()["events"]
    assert {event["case"] for event in events} == {bergen_case.pk}
    agreements = api.get("/api/v1/casework/agreements/").json()["results"]
    assert [row["id"] for row in agreements] == [bergen_case.agreement_id]


def test_a_missing_scope_is_refused_with_403(recommended_case, case_system, beslutter) -> None:  # type: ignore[no-untyped-def]
    reader = machine(case_system(("0301",), may_decide=True), "subsidies:read")
    response = reader.post(
        f"/api/v1/subsidy-cases/{recommended_case.pk}/approve/",
        {"acting_user": beslutter.email},
        "application/json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "missing_scope"
    assert "subsidies:decide" in response.json()["error"]["message"]
    decider = machine(case_system(("0301",), may_decide=True), "subsidies:decide")
    assert decider.get("/api/v1/subsidy-cases/").status_code == 403
    assert not Decision.objects.exists()


def test_a_client_gets_only_the_scopes_it_is_allowed(case_system) -> None:  # type: ignore[no-untyped-def]
    reader = case_system(("0301",), may_decide=False)
    code, body = get_token(reader, "subsidies:read subsidies:decide")
    assert code == 400
    assert body["error"] == "invalid_scope"
    code, body = get_token(reader, "")
    assert (code, body["scope"]) == (200, "subsidies:read")


def test_an_oauth_application_that_is_no_case_system_gets_nothing(case) -> None:  # type: ignore[no-untyped-def]
    other = Application.objects.create(
        name="Something else",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=CLIENT_SECRET,
    )
    response = Client().post(
        "/oauth/token/",
        {"grant_type": "client_credentials", "scope": "subsidies:read"},
        HTTP_AUTHORIZATION=_basic(other.client_id, CLIENT_SECRET),
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


def test_a_deactivated_case_system_is_refused(case, case_system) -> None:  # type: ignore[no-untyped-def]
    client = case_system(("0301",))
    api = machine(client)
    assert api.get("/api/v1/subsidy-cases/").status_code == 200
    client.active = False
    client.save()
    assert api.get("/api/v1/subsidy-cases/").status_code == 403


def test_a_client_decides_for_a_named_caseworker(  # type: ignore[no-untyped-def]
    case, case_system, veileder, beslutter, veileder_bergen
) -> None:
    client = case_system(("0301",), may_decide=True)
    api = machine(client, "subsidies:read subsidies:decide")
    base = f"/api/v1/subsidy-cases/{case.pk}"

    response = api.post(f"{base}/recommend/", {"outcome": "approve"}, "application/json")
    assert response.status_code == 400
    assert "acting_user" in response.json()["error"]["fields"]
    response = api.post(
        f"{base}/recommend/",
        {"outcome": "approve", "acting_user": veileder_bergen.email},
        "application/json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "out_of_scope"
    response = api.post(
        f"{base}/recommend/",
        {"outcome": "approve", "acting_user": veileder.email},
        "application/json",
    )
    assert response.status_code == 200
    # The veileder who recommended cannot decide, through the case system either.
    response = api.post(f"{base}/approve/", {"acting_user": veileder.email}, "application/json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "wrong_role"
    response = api.post(f"{base}/approve/", {"acting_user": beslutter.email}, "application/json")
    assert response.status_code == 200, response.json()
    decision = response.json()["decision"]
    assert (decision["by_email"], decision["via_client"]) == (
        beslutter.email,
        client.application.client_id,
    )
    entry = AuditEntry.objects.get(action="case.approve")
    assert (entry.user_id, entry.client_id, entry.client_name) == (
        beslutter.pk,
        client.application.client_id,
        client.application.name,
    )
    assert entry.user_agent == "Saksbehandlingssystem/1.0"
    assert entry.ip == "127.0.0.1"
    assert SubsidyCase.objects.get(pk=case.pk).status == "approved"


@pytest.mark.parametrize("persona", ["anonymous", "newcomer", "employer", "guide"])
def test_people_without_a_caseworker_role_are_refused(request, client_for, case, persona) -> None:  # type: ignore[no-untyped-def]
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    api = client_for(user)
    for url in (
        "/api/v1/subsidy-cases/",
        f"/api/v1/subsidy-cases/{case.pk}/",
        "/api/v1/events/",
        "/api/v1/casework/agreements/",
    ):
        response = api.get(url)
        assert response.status_code in (401, 403), (persona, url)
        assert "error" in response.json()


def test_a_caseworker_session_sees_only_their_kommuner(  # type: ignore[no-untyped-def]
    client_for, case, veileder, veileder_bergen
) -> None:
    assert client_for(veileder).get("/api/v1/subsidy-cases/").json()["count"] == 1
    bergen = client_for(veileder_bergen)
    assert bergen.get("/api/v1/subsidy-cases/").json()["count"] == 0
    assert bergen.get(f"/api/v1/subsidy-cases/{case.pk}/").status_code == 404
    response = bergen.post(
        f"/api/v1/subsidy-cases/{case.pk}/recommend/", {"outcome": "approve"}, "application/json"
    )
    assert response.status_code == 404


def test_the_one_who_recommended_does_not_decide(case, case_system, beslutter) -> None:  # type: ignore[no-untyped-def]
    """A beslutter may recommend, but then someone else decides: 403 `same_person`, and a
    stale `expected_version` is 409 `stale_version`."""
    api = machine(case_system(("0301",), may_decide=True), "subsidies:read subsidies:decide")
    base = f"/api/v1/subsidy-cases/{case.pk}"
    stale = api.post(
        f"{base}/recommend/",
        {"outcome": "approve", "acting_user": beslutter.email, "expected_version": 1},
        "application/json",
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "stale_version"
    response = api.post(
        f"{base}/recommend/",
        {"outcome": "approve", "acting_user": beslutter.email},
        "application/json",
    )
    assert response.status_code == 200, response.json()
    refused = api.post(f"{base}/approve/", {"acting_user": beslutter.email}, "application/json")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "same_person"
    again = api.post(
        f"{base}/recommend/",
        {"outcome": "approve", "acting_user": beslutter.email},
        "application/json",
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_recommended"
