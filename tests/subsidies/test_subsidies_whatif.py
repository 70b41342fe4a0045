"""What-if runs: a variant of the rules over the open cases, side by side with the rules in
force."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from subsidies.models import CaseSystemClient, WhatIfRun, WhatIfStatus
from subsidies.services import whatif_start
from subsidies.viewers import Viewer
from tests.subsidies.conftest import english, get_token, machine, open_case

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
    client_for, beslutter, django_capture_on_commit_callbacks
) -> None:
    run = _run(client_for(beslutter), VARIANT, django_capture_on_commit_callbacks)
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
    client_for, platform_admin, beslutter, django_capture_on_commit_callbacks
) -> None:
    run = _run(client_for(platform_admin), VARIANT, django_capture_on_commit_callbacks)
    assert run["kommuner"] == []
    assert run["result"]["cases"] == 4
    # Someone else's run is not found.
    assert client_for(beslutter).get(f"/api/v1/what-if-runs/{run['id']}/").status_code == 404


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
def test_bad_parameters_are_named(client_for, beslutter, parameters, fields) -> None:  # type: ignore[no-untyped-def]
    response = client_for(english(beslutter)).post(
        "/api/v1/what-if-runs/", {"parameters": parameters}, "application/json"
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == fields
    assert not WhatIfRun.objects.exists()


def _simulating(client: CaseSystemClient) -> CaseSystemClient:
    client.may_simulate = True
    client.save(update_fields=["may_simulate"])
    return client


def _start(client):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/what-if-runs/", {"parameters": {"innstegsjobb_share": "0.7"}}, "application/json"
    )


def test_a_case_system_runs_what_if_with_the_simulate_scope(case, case_system) -> None:  # type: ignore[no-untyped-def]
    api = machine(_simulating(case_system(("0301",))), "subsidies:simulate")
    response = _start(api)
    assert response.status_code == 202
    assert api.get(f"/api/v1/what-if-runs/{response.json()['id']}/").status_code == 200


def test_a_read_token_cannot_run_what_if(case, case_system) -> None:  # type: ignore[no-untyped-def]
    api = machine(_simulating(case_system(("0301",))), "subsidies:read")
    response = _start(api)
    assert response.status_code == 403
    assert "subsidies:simulate" in response.json()["error"]["message"]
    assert not WhatIfRun.objects.exists()


def test_a_case_system_not_allowed_to_simulate_gets_no_such_token(case_system) -> None:  # type: ignore[no-untyped-def]
    code, body = get_token(case_system(("0301",), may_decide=True), "subsidies:simulate")
    assert code == 400
    assert body["error"] == "invalid_scope"


@pytest.mark.parametrize("persona", ["veileder", "guide", "employer", "newcomer"])
def test_other_roles_cannot_run_what_if(request, client_for, persona) -> None:  # type: ignore[no-untyped-def]
    response = _start(client_for(request.getfixturevalue(persona)))
    assert response.status_code == 403
    assert not WhatIfRun.objects.exists()


def test_the_service_refuses_a_veileder_too(veileder) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        whatif_start(viewer=Viewer.for_user(veileder), parameters={"innstegsjobb_share": "0.7"})


def test_a_caller_has_at_most_two_runs_waiting(  # type: ignore[no-untyped-def]
    client_for, beslutter, platform_admin, case_system
) -> None:
    # The runs stay queued: nothing runs them in this test.
    person = client_for(english(beslutter))
    assert _start(person).status_code == 202
    assert _start(person).status_code == 202
    refused = _start(person)
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "too_many_runs"
    assert "2 what-if runs queued or running" in refused.json()["error"]["message"]
    assert WhatIfRun.objects.count() == 2
    # Others have their own limit.
    assert _start(client_for(platform_admin)).status_code == 202
    api = machine(_simulating(case_system(("0301",))), "subsidies:simulate")
    assert _start(api).status_code == 202
    # A finished run frees a place; so does one left queued for over an hour (a lost worker).
    first, second = WhatIfRun.objects.filter(created_by=beslutter).order_by("pk")
    first.status = WhatIfStatus.DONE
    first.save(update_fields=["status"])
    assert _start(person).status_code == 202
    WhatIfRun.objects.filter(pk=second.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    assert _start(person).status_code == 202
    assert _start(person).status_code == 409


# --- starting from either rule set (docs/rules/v1.md, v2.md) -----------------------------------


def _run_from(client, body, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/what-if-runs/", body, "application/json")
    assert response.status_code == 202, response.json()
    assert response.json()["rule_set"] == body.get("rule_set", "")
    return client.get(f"/api/v1/what-if-runs/{response.json()['id']}/").json()


def test_a_run_puts_every_case_under_v2(  # type: ignore[no-untyped-def]
    organisation, client_for, beslutter, django_capture_on_commit_callbacks
) -> None:
    # innstegsjobb, 50 %, 14 000: 14 599 a month under v1 (0.80), 13 687 under v2 (0.75)
    case = open_case(
        organisation, kind="innstegsjobb", wage=14000, position_percent=50,
        person={"permit": ("protection", datetime.date(2024, 11, 1)), "out_of_work": []},
    )  # fmt: skip
    assert case.current_result is not None
    assert case.current_result.rule_set == "nystartsjobb-pilot-v1"
    assert case.current_result.monthly_amount_nok == 14599
    run = _run_from(
        client_for(beslutter), {"rule_set": "nystartsjobb-pilot-v2"},
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert run["status"] == "done", run["error"]
    result = run["result"]
    assert result["rule_set"] == "nystartsjobb-pilot-v2"
    assert result["parameters"] == {}
    assert result["in_force"]["rule_sets"] == ["nystartsjobb-pilot-v1"]
    assert result["what_if"]["rule_sets"] == ["nystartsjobb-pilot-v2+whatif"]
    assert result["in_force"]["monthly_cost_nok"] == 14599
    assert result["what_if"]["monthly_cost_nok"] == 13687


def test_a_run_from_v1_with_changes(  # type: ignore[no-untyped-def]
    open_cases, client_for, beslutter, django_capture_on_commit_callbacks
) -> None:
    run = _run_from(
        client_for(beslutter),
        {"rule_set": "nystartsjobb-pilot-v1", "parameters": VARIANT},
        django_capture_on_commit_callbacks,
    )
    assert run["status"] == "done", run["error"]
    assert run["result"]["what_if"]["rule_sets"] == ["nystartsjobb-pilot-v1+whatif"]
    assert run["result"]["what_if"]["eligible"] == 3


def test_an_unknown_rule_set_or_no_change_at_all_is_refused(client_for, beslutter) -> None:  # type: ignore[no-untyped-def]
    client = client_for(english(beslutter))
    response = client.post(
        "/api/v1/what-if-runs/", {"rule_set": "nystartsjobb-pilot-v9"}, "application/json"
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"rule_set"}
    response = client.post("/api/v1/what-if-runs/", {}, "application/json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"parameters"}
    assert not WhatIfRun.objects.exists()
