import copy

import pytest
from django.test import Client

from accounts.models import User
from subsidies.api.views import SAMPLE_RECORD
from tests.subsidies.conftest import english

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
