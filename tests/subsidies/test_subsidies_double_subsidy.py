"""No double subsidy (rule 7 against Innsteg's own decisions, docs/rules/settled-readings.md and
docs/rules/formats.md, `other_subsidies`): a case that overlaps an approved subsidy for the same
person is ineligible for the overlap, naming the other decision, and an approval that would
overlap is refused, also when two beslutters approve two cases of one person at the same time."""

from __future__ import annotations

import datetime
import threading
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from accounts.models import User
from common.errors import Conflict
from organisations.models import Organisation
from subsidies.models import Decision, DecisionOutcome, SubsidyCase
from subsidies.services import cases_compute
from subsidies.services.decisions import case_approve, case_recommend
from tests.conftest import login
from tests.factories import NewcomerFactory
from tests.subsidies.conftest import english, open_case


def _reason(case: SubsidyCase, code: str = "no_other_wage_subsidy") -> dict[str, Any]:
    case.refresh_from_db()
    assert case.current_result is not None
    return next(r for r in case.current_result.answer["reasons"] if r["code"] == code)


def _recommended(case: SubsidyCase, veileder: User) -> SubsidyCase:
    return case_recommend(case=case, by=veileder, outcome="approve")


@pytest.mark.django_db
def test_a_second_overlapping_approval_is_refused_with_the_reason(
    organisation: Organisation, veileder: User, beslutter: User
) -> None:
    newcomer = NewcomerFactory()
    first = _recommended(open_case(organisation, newcomer=newcomer), veileder)
    second = _recommended(
        open_case(organisation, newcomer=newcomer, start=datetime.date(2025, 10, 1)), veileder
    )
    case_approve(case=first, by=beslutter)
    decision = Decision.objects.get(case=first)

    with pytest.raises(Conflict) as refused:
        case_approve(case=second, by=english(beslutter))
    assert refused.value.code == "overlapping_subsidy"
    assert refused.value.extra == {"other_decision": decision.pk, "other_case": first.pk}
    message = str(refused.value.message)
    assert f"decision {decision.pk} on case {first.pk}" in message
    assert not Decision.objects.filter(case=second).exists()
    second.refresh_from_db()
    assert second.status == "recommended"


@pytest.mark.django_db
def test_the_api_answers_409_overlapping_subsidy(
    organisation: Organisation, veileder: User, beslutter: User
) -> None:
    newcomer = NewcomerFactory()
    first = _recommended(open_case(organisation, newcomer=newcomer), veileder)
    second = _recommended(
        open_case(organisation, newcomer=newcomer, start=datetime.date(2026, 3, 1),
                  applied=datetime.date(2026, 2, 1)),
        veileder,
    )  # fmt: skip
    client = login(Client(), english(beslutter))
    url = "/api/v1/subsidy-cases/{}/approve/"
    assert client.post(url.format(first.pk), {}, "application/json").status_code == 200
    response = client.post(url.format(second.pk), {}, "application/json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "overlapping_subsidy"
    decision = Decision.objects.get(case=first)
    assert f"decision {decision.pk} on case {first.pk}" in error["message"]


@pytest.mark.django_db
def test_a_case_overlapping_an_approved_subsidy_is_ineligible_naming_it(
    organisation: Organisation, veileder: User, beslutter: User
) -> None:
    newcomer = NewcomerFactory()
    first = _recommended(open_case(organisation, newcomer=newcomer), veileder)
    later = open_case(organisation, newcomer=newcomer, start=datetime.date(2026, 1, 1))
    assert later.current_result is not None and later.current_result.eligible
    case_approve(case=first, by=beslutter)
    decision = Decision.objects.get(case=first, outcome=DecisionOutcome.APPROVED)

    cases_compute(case_ids=[later.pk])  # the approval asked for this; the worker would do it
    later.refresh_from_db()
    assert later.current_result is not None
    assert later.current_result.eligible is False
    reason = later.current_result.answer["reasons"][0]
    assert reason["code"] == "no_other_wage_subsidy" and reason["passed"] is False
    assert reason["params"] == {
        "decision": str(decision.pk), "start": "2025-09-01", "end": "2026-08-31", "until": None
    }  # fmt: skip
    assert f"decision {decision.pk}" in reason["text"]
    assert later.current_result.input_snapshot["other_subsidies"] == [
        {"decision": str(decision.pk), "start": "2025-09-01", "end": "2026-08-31"}
    ]


@pytest.mark.django_db
def test_a_case_before_an_approved_subsidy_ends_the_day_before_it(
    organisation: Organisation, veileder: User, beslutter: User
) -> None:
    newcomer = NewcomerFactory()
    first = _recommended(open_case(organisation, newcomer=newcomer), veileder)
    case_approve(case=first, by=beslutter)
    earlier = open_case(
        organisation, newcomer=newcomer, start=datetime.date(2025, 6, 1),
        applied=datetime.date(2025, 5, 15),
    )  # fmt: skip
    assert earlier.current_result is not None
    answer = earlier.current_result.answer
    assert answer["eligible"] is True
    assert answer["decision_period"] == {"start": "2025-06-01", "end": "2025-08-31"}
    assert _reason(earlier)["params"]["until"] == "2025-08-31"
    # and this shorter decision can be approved beside the other one
    approved = case_approve(case=_recommended(earlier, veileder), by=beslutter)
    assert approved.status == "approved"


@pytest.mark.django_db
def test_another_persons_subsidy_does_not_count(
    organisation: Organisation, veileder: User, beslutter: User
) -> None:
    first = _recommended(open_case(organisation), veileder)
    other = _recommended(open_case(organisation), veileder)
    case_approve(case=first, by=beslutter)
    assert case_approve(case=other, by=beslutter).status == "approved"
    assert _reason(other)["params"] == {}


@pytest.mark.django_db(transaction=True)
def test_two_beslutters_approving_two_cases_of_one_person_at_once(
    organisation: Organisation, veileder: User, beslutter: User
) -> None:
    newcomer = NewcomerFactory()
    cases = [
        _recommended(open_case(organisation, newcomer=newcomer, start=start), veileder)
        for start in (datetime.date(2025, 9, 1), datetime.date(2025, 11, 1))
    ]
    clients = [login(Client(), beslutter) for _ in cases]
    barrier = threading.Barrier(len(cases))
    answers: list[tuple[int, str]] = []
    lock = threading.Lock()

    def approve(client: Client, case: SubsidyCase) -> None:
        try:
            barrier.wait(timeout=30)
            response = client.post(
                f"/api/v1/subsidy-cases/{case.pk}/approve/", {}, "application/json"
            )
            code = response.json().get("error", {}).get("code", "") if response.content else ""
            with lock:
                answers.append((response.status_code, code))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(client, case))
        for client, case in zip(clients, cases, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert Counter(answers) == {(200, ""): 1, (409, "overlapping_subsidy"): 1}
    assert Decision.objects.filter(case__newcomer=newcomer).count() == 1
