"""What-if runs: a variant of the rules over the open cases, side by side with the rules in
force."""

from __future__ import annotations

import datetime

import pytest

from subsidies.models import WhatIfRun
from tests.subsidies.conftest import english, machine, open_case

pytestmark = pytest.mark.django_db

VARIANT = {
    "nystartsjobb_factors.nystartssone_bonus": 0,
    "newcomer_permit_kinds": ["protection", "family", "work"],
}


@pytest.fixture
def open_cases(organisation, organisation_b) -> None:  # type: ignore[no-untyped-def]
    open_case(organisation)  # eligible: 12 690 a month (factor 3.0 in Grorud), 12 months
    open_case(organisation)
    # A work permit does not count: not eligible now, eligible when it does.
    open_case(
        organisation, person={"permit": ("work", datetime.date(2024, 3, 1)), "out_of_work": []}
    )
    open_case(organisation, facts=False, compute=False)  # facts missing: skipped
    open_case(organisation_b, kommune_id="4601")  # another kommune


def _run(client, parameters, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/what-if-runs/", {"parameters": parameters}, "application/json"
        )
    assert response.status_code == 202, response.json()
    assert response.json()["status"] == "queued"
    run = client.get(f"/api/v1/what-if-runs/{response.json()['id']}/")
    assert run.status_code == 200
    return run.json()


@pytest.mark.usefixtures("open_cases")
def test_the_variant_and_the_rules_in_force_side_by_side(  # type: ignore[no-untyped-def]
    client_for, veileder, django_capture_on_commit_callbacks
) -> None:
    run = _run(client_for(veileder), VARIANT, django_capture_on_commit_callbacks)
    assert run["status"] == "done"
    assert run["kommuner"] == ["0301"]
    result = run["result"]
    assert (result["cases"], result["skipped"]) == (3, 1)
    assert result["in_force"] == {
        "rule_sets": ["nystartsjobb-pilot-v1"],
        "eligible": 2,
        "monthly_cost_nok": 2 * 12690,
        "yearly_cost_nok": 2 * 12 * 12690,
    }
    assert result["what_if"] == {
        "rule_sets": ["nystartsjobb-pilot-v1+whatif"],
        "eligible": 3,
        "monthly_cost_nok": 3 * 10575,  # factor 2.5 without the bonus
        "yearly_cost_nok": 3 * 12 * 10575,
    }
    assert result["difference"] == {
        "eligible": 1,
        "monthly_cost_nok": 3 * 10575 - 2 * 12690,
        "yearly_cost_nok": 12 * (3 * 10575 - 2 * 12690),
    }
    assert (result["became_eligible"], result["became_ineligible"]) == (1, 0)


@pytest.mark.usefixtures("open_cases")
def test_a_platform_admin_runs_over_every_kommune(  # type: ignore[no-untyped-def]
    client_for, platform_admin, veileder, django_capture_on_commit_callbacks
) -> None:
    run = _run(client_for(platform_admin), VARIANT, django_capture_on_commit_callbacks)
    assert run["kommuner"] == []
    assert run["result"]["cases"] == 4
    # Someone else's run is not found.
    assert client_for(veileder).get(f"/api/v1/what-if-runs/{run['id']}/").status_code == 404


@pytest.mark.parametrize(
    ("parameters", "fields"),
    [
        ({"no_such_parameter": 1}, {"parameters.no_such_parameter"}),
        ({"innstegsjobb_share": -1}, {"parameters.innstegsjobb_share"}),
        ({"newcomer_permit_kinds": "protection"}, {"parameters.newcomer_permit_kinds"}),
        ([1, 2], {"parameters"}),
        ({}, {"parameters"}),
    ],
)
def test_bad_parameters_are_named(client_for, veileder, parameters, fields) -> None:  # type: ignore[no-untyped-def]
    response = client_for(english(veileder)).post(
        "/api/v1/what-if-runs/", {"parameters": parameters}, "application/json"
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == fields
    assert not WhatIfRun.objects.exists()


def test_a_case_system_runs_what_if_with_the_read_scope(case, case_system) -> None:  # type: ignore[no-untyped-def]
    api = machine(case_system(("0301",)))
    response = api.post(
        "/api/v1/what-if-runs/", {"parameters": {"innstegsjobb_share": "0.7"}}, "application/json"
    )
    assert response.status_code == 202
    assert api.get(f"/api/v1/what-if-runs/{response.json()['id']}/").status_code == 200
