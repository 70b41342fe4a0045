"""Hostile bodies and query strings answer 400 naming the field, never 500."""

from __future__ import annotations

import json

import pytest

from tests.subsidies.conftest import machine

pytestmark = pytest.mark.django_db

ORGANISATION = {"orgnr": "923609016", "name": "Nytt AS", "kommune": "0301", "employees": 5}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("kommune=%00", "kommune"),
        ("occupation=51%0020", "occupation"),
        ("q=brød%00", "q"),
        ("languages=ar&languages=%00", "languages"),
        ("na%00me=1", "na\\x00me"),
    ],
)
def test_a_nul_in_a_query_parameter_is_named(client, query, field) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/listings/?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {field}


def test_a_nul_in_a_case_system_query_is_named(case_system) -> None:  # type: ignore[no-untyped-def]
    api = machine(case_system(("0301",)))
    response = api.get("/api/v1/subsidy-cases/?kommune=03%0001")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"kommune"}


@pytest.mark.parametrize("path", ["/listings/?q=%00", "/listings/?kommune=%00", "/?x%00=1"])
def test_a_nul_in_a_web_page_query_is_a_400(client, path) -> None:  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"orgnr": "92360901\u0000"}, "orgnr"),
        ({"kommune": "0301\u0000"}, "kommune"),
        ({"name": "Nytt\u0000AS"}, "name"),
    ],
)
def test_a_nul_in_a_json_body_is_named(client_for, employer, changes, field) -> None:  # type: ignore[no-untyped-def]
    response = client_for(employer).post(
        "/api/v1/organisations/", {**ORGANISATION, **changes}, "application/json"
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {field}


def test_a_nul_deep_in_a_json_body_is_named_by_its_path(client_for, beslutter) -> None:  # type: ignore[no-untyped-def]
    body = {"parameters": {"newcomer_permit_kinds": ["protection", "wo\u0000rk"]}}
    response = client_for(beslutter).post("/api/v1/what-if-runs/", body, "application/json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"parameters.newcomer_permit_kinds.1"}


def test_a_nul_in_a_form_body_is_named(client_for, employer) -> None:  # type: ignore[no-untyped-def]
    response = client_for(employer).post(
        "/api/v1/organisations/", {**ORGANISATION, "orgnr": "92360901\x00"}
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"orgnr"}


@pytest.mark.parametrize("persona", [None, "newcomer"])
def test_deeply_nested_json_is_a_parse_error(request, client_for, persona) -> None:  # type: ignore[no-untyped-def]
    user = request.getfixturevalue(persona) if persona else None
    body = "[" * 100_000 + "]" * 100_000
    for path in ("/api/v1/organisations/", "/api/v1/eligibility/simulate/"):
        response = client_for(user).post(path, body, "application/json")
        assert response.status_code == 400, path
        error = response.json()["error"]
        assert error["code"] == "parse_error"
        assert "32" in error["message"]  # the limit, in the caller's language


def test_json_nested_within_the_limit_is_read(client_for, employer) -> None:  # type: ignore[no-untyped-def]
    # Brackets inside strings do not count; 30 levels are fine (and not a record: 400 names it).
    body = {"orgnr": "[[[[{{{{" * 20, "name": [[[[[[[[[[[["x"]]]]]]]]]]]]}
    response = client_for(employer).post(
        "/api/v1/organisations/", json.dumps(body), "application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert {"orgnr", "name"} <= set(response.json()["error"]["fields"])
