import copy

import pytest
from django.test import Client

from accounts.models import User
from subsidies.api.views import SAMPLE_RECORD
from tests.subsidies.conftest import english, machine

pytestmark = pytest.mark.django_db
URL = "/api/v1/eligibility/simulate/"


def _post(client: Client, record: object, language: str = "en") -> object:
    return client.post(URL, record, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language)


def test_a_veileder_gets_the_answer_of_policy_md(client_for, veileder: User) -> None:  # type: ignore[no-untyped-def]
    response = _post(client_for(english(veileder)), SAMPLE_RECORD)
    assert response.status_code == 200
    answer = response.json()
    assert answer["eligible"] is True
    assert answer["factor"] == 2.5
    assert answer["monthly_amount_nok"] == 10575
    assert answer["entitlement_months"] == 24
    assert answer["decision_period"] == {"start": "2025-09-01", "end": "2026-08-31"}
    reason = next(r for r in answer["reasons"] if r["code"] == "newcomer_permit_within_window")
    assert reason["text"] == (
        "The residence permit was granted 17 months before the application (limit 36)."
    )


def test_an_invalid_record_names_the_fields(client_for, beslutter: User) -> None:  # type: ignore[no-untyped-def]
    record = copy.deepcopy(SAMPLE_RECORD)
    record["person"]["birth_date"] = "10.03.1994"
    record["job"]["monthly_wage_nok"] = -1
    del record["employer"]["orgnr"]
    response = _post(client_for(english(beslutter)), record)
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"person.birth_date", "job.monthly_wage_nok", "employer.orgnr"} <= set(fields)


def test_an_employer_checks_only_their_own_organisation(  # type: ignore[no-untyped-def]
    client_for, employer: User, employer_b: User
) -> None:
    own = copy.deepcopy(SAMPLE_RECORD)  # 988077917 is `organisation`, the employer's own
    assert _post(client_for(employer), own).status_code == 200
    assert _post(client_for(employer_b), own).status_code == 403


@pytest.mark.parametrize("persona", ["anonymous", "newcomer", "guide"])
def test_the_wrong_persona_is_refused(request, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = _post(client_for(user), SAMPLE_RECORD)
    assert response.status_code in (401, 403)
    assert "error" in response.json()


# --- a list of records (docs/rules/formats.md, "In bulk") ---------------------------------------


def _records(count: int) -> list[object]:
    return [SAMPLE_RECORD] * count


@pytest.mark.parametrize("persona", ["beslutter", "platform_admin"])
def test_a_list_is_answered_in_order_with_errors_in_place(  # type: ignore[no-untyped-def]
    request, client_for, persona: str
) -> None:
    user = english(request.getfixturevalue(persona))
    invalid = copy.deepcopy(SAMPLE_RECORD)
    invalid["employer"]["aga_zone"] = "V"  # Oslo lies in zone I
    ltu = copy.deepcopy(SAMPLE_RECORD)
    ltu["person"]["residence_permit"] = None
    response = _post(client_for(user), [SAMPLE_RECORD, invalid, ltu, "nonsense"])
    assert response.status_code == 200
    body = response.json()
    assert body["invalid"] == 2
    first, second, third, fourth = body["answers"]
    assert first["monthly_amount_nok"] == 10575
    assert second == {
        "errors": [
            {
                "field": "employer.aga_zone",
                "message": "The kommune 0301 lies in arbeidsgiveravgift zone I, not V.",
            }
        ]
    }
    assert third["target_group"] == "long_term_unemployed"
    assert fourth["errors"][0]["message"] == "Must be an object."


def test_a_list_of_1000_is_answered_and_1001_is_refused(client_for, beslutter: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(english(beslutter))
    response = _post(client, _records(1000))
    assert response.status_code == 200
    assert len(response.json()["answers"]) == 1000
    response = _post(client, _records(1001))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["fields"]["records"] == [
        "Send at most 1000 records at a time; this request has 1001."
    ]


@pytest.mark.parametrize("persona", ["veileder", "employer"])
def test_only_beslutters_and_admins_send_lists(request, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    user = request.getfixturevalue(persona)
    response = _post(client_for(user), _records(2))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "bulk_simulation_not_allowed"


def test_a_case_system_with_the_simulate_scope_sends_lists(case_system) -> None:  # type: ignore[no-untyped-def]
    client = case_system(("0301",))
    client.may_simulate = True
    client.save(update_fields=["may_simulate"])
    api = machine(client, "subsidies:simulate")
    response = api.post(URL, _records(3), content_type="application/json")
    assert response.status_code == 200
    assert [a["factor"] for a in response.json()["answers"]] == [2.5, 2.5, 2.5]
    one = api.post(URL, SAMPLE_RECORD, content_type="application/json")
    assert one.status_code == 200 and one.json()["monthly_amount_nok"] == 10575


def test_a_case_system_without_the_simulate_scope_is_refused(case_system) -> None:  # type: ignore[no-untyped-def]
    api = machine(case_system(("0301",)), "subsidies:read")
    response = api.post(URL, _records(1), content_type="application/json")
    assert response.status_code == 403
    assert "subsidies:simulate" in response.json()["error"]["message"]
