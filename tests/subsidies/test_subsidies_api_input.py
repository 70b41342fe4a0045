"""Bad input is a 400 that names the field, never a 500; list endpoints cost the same number of
queries for 1 row as for 20."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from subsidies.services import case_approve, case_recommend
from tests.subsidies.conftest import english, machine, open_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("action", "body", "field"),
    [
        ("facts", {"tax_arrears_nok": -5}, "tax_arrears_nok"),
        ("facts", {"family_tie": "maybe"}, "family_tie"),
        ("facts", {"holiday_pay_rate": 2}, "holiday_pay_rate"),
        ("facts", {}, "non_field_errors"),
        ("facts", ["tax_arrears_nok"], "non_field_errors"),
        ("person-facts", {"birth_date": "10.03.1994"}, "birth_date"),
        ("person-facts", {}, "birth_date"),
        ("person-facts", {"birth_date": "2999-01-01"}, "birth_date"),
        ("person-facts", {"birth_date": "1994-03-10", "national_id": "123"}, "national_id"),
        (
            "person-facts",
            {"birth_date": "1994-03-10", "residence_permit": {"kind": "tourist"}},
            "residence_permit",
        ),
        (
            "person-facts",
            {
                "birth_date": "1994-03-10",
                "out_of_work_periods": [{"start": "2024-01-01", "end": "2023-01-01"}],
            },
            "out_of_work_periods",
        ),
        (
            "person-facts",
            {"birth_date": "1994-03-10", "out_of_work_periods": [{"start": "2024-01-01"}]},
            "out_of_work_periods",
        ),
        ("recommend", {"outcome": "maybe"}, "outcome"),
        ("recommend", {"outcome": "approve", "expected_version": "x"}, "expected_version"),
        ("recommend", {"outcome": "approve", "note": "x" * 2001}, "note"),
        ("recommend", {"outcome": "approve", "acting_user": "someone@else.no"}, "acting_user"),
        ("reject", {}, "reason"),
    ],
)
def test_bad_input_names_the_field(client_for, case, veileder, action, body, field) -> None:  # type: ignore[no-untyped-def]
    method = {"facts": "patch", "person-facts": "put"}.get(action, "post")
    client = client_for(english(veileder))
    response = getattr(client, method)(
        f"/api/v1/subsidy-cases/{case.pk}/{action}/", body, "application/json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/subsidy-cases/?status=nope", "status"),
        ("/api/v1/subsidy-cases/?kommune=12", "kommune"),
        ("/api/v1/casework/agreements/?status=nope", "status"),
        ("/api/v1/refund-claims/?case=abc", "case"),
        ("/api/v1/refund-claims/?status=paid", "status"),
        ("/api/v1/subsidy-cases/{case}/person-facts/?reveal=everything", "reveal"),
    ],
)
def test_bad_query_parameters_name_the_parameter(client_for, case, veileder, url, field) -> None:  # type: ignore[no-untyped-def]
    response = client_for(veileder).get(url.format(case=case.pk))
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_json_that_is_not_json_is_a_400(client_for, case, veileder) -> None:  # type: ignore[no-untyped-def]
    response = client_for(veileder).post(
        f"/api/v1/subsidy-cases/{case.pk}/recommend/", "{not json", "application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_a_stale_version_is_a_409(client_for, case, veileder) -> None:  # type: ignore[no-untyped-def]
    response = client_for(veileder).post(
        f"/api/v1/subsidy-cases/{case.pk}/recommend/",
        {"outcome": "approve", "expected_version": case.version + 1},
        "application/json",
    )
    assert response.status_code == 409


def test_a_bad_wage_report_names_the_field(
    client_for, recommended_case, beslutter, employer
) -> None:  # type: ignore[no-untyped-def]
    case_approve(case=recommended_case, by=beslutter)
    claim = recommended_case.refund_claims.first()
    for wage in ("-1", "abc", "1000000.01"):
        response = client_for(employer).post(
            f"/api/v1/refund-claims/{claim.pk}/report/",
            {"monthly_wage_nok": wage},
            "application/json",
        )
        assert response.status_code == 400
        assert "monthly_wage_nok" in response.json()["error"]["fields"]


def test_unknown_ids_are_404(client_for, organisation, veileder, beslutter, employer) -> None:  # type: ignore[no-untyped-def]
    client = client_for(veileder)
    without_facts = open_case(organisation, facts=False, compute=False)
    assert client.get(f"/api/v1/subsidy-cases/{without_facts.pk}/person-facts/").status_code == 404
    for url in (
        "/api/v1/subsidy-cases/999999/",
        "/api/v1/casework/agreements/999999/",
        "/api/v1/refund-claims/999999/",
    ):
        assert client.get(url).status_code == 404, url
    assert client_for(beslutter).get("/api/v1/what-if-runs/999999/").status_code == 404
    response = client_for(employer).post(
        "/api/v1/refund-claims/999999/report/", {"monthly_wage_nok": 1}, "application/json"
    )
    assert response.status_code == 404


# Query counts


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(context.captured_queries)


@pytest.fixture
def many_cases(organisation, veileder, beslutter) -> None:  # type: ignore[no-untyped-def]
    """22 cases: two approved (24 refund claims), two with facts missing."""
    for number in range(22):
        case = open_case(organisation, facts=number < 20, compute=number < 20)
        if number < 2:
            case_recommend(case=case, by=veileder, outcome="approve")
            case_approve(case=case, by=beslutter)


@pytest.mark.usefixtures("many_cases")
@pytest.mark.parametrize(
    ("one", "twenty"),
    [
        ("/api/v1/subsidy-cases/?page_size=1", "/api/v1/subsidy-cases/?page_size=20"),
        (
            "/api/v1/casework/agreements/?page_size=1",
            "/api/v1/casework/agreements/?page_size=20",
        ),
        ("/api/v1/refund-claims/?page_size=1", "/api/v1/refund-claims/?page_size=20"),
        ("/api/v1/events/?limit=1", "/api/v1/events/?limit=20"),
    ],
)
def test_lists_cost_the_same_for_1_and_20_rows(client_for, veileder, one, twenty) -> None:  # type: ignore[no-untyped-def]
    client = client_for(veileder)
    client.get(one)  # the session and the language, read once
    assert _queries(client, one) == _queries(client, twenty)


@pytest.mark.usefixtures("many_cases")
def test_lists_cost_the_same_for_case_systems_and_employers(  # type: ignore[no-untyped-def]
    client_for, case_system, employer
) -> None:
    api = machine(case_system(("0301",)))
    assert _queries(api, "/api/v1/subsidy-cases/?page_size=1") == _queries(
        api, "/api/v1/subsidy-cases/?page_size=20"
    )
    own = client_for(employer)
    assert _queries(own, "/api/v1/refund-claims/?page_size=1") == _queries(
        own, "/api/v1/refund-claims/?page_size=20"
    )
