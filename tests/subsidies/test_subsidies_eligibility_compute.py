"""The compute task stores the input snapshot, the rule-set version and the answer, under the
rule set in force on the start date."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from organisations.models import Organisation
from subsidies import rules
from subsidies.models import CaseEvent, CaseStatus, EligibilityResult, SubsidyCase
from subsidies.rules import parameters
from subsidies.rules.samples import sample_record
from subsidies.services import cases_compute
from tests.subsidies.conftest import open_case
from worker.tasks.subsidies import compute_eligibility, recompute_eligibility

pytestmark = pytest.mark.django_db


def _expected_record() -> dict[str, object]:
    """The POLICY.md sample record as the case holds it: Grorud, no month."""
    record = sample_record({"employer.bydel": "030111"})
    del record["month"]
    return record


def test_the_task_stores_snapshot_version_and_answer(organisation: Organisation) -> None:
    case = open_case(organisation, compute=False)
    assert case.status == CaseStatus.OPEN

    assert compute_eligibility.apply((case.pk,)).get() == 1

    case.refresh_from_db()
    result = case.current_result
    assert result is not None
    assert case.status == CaseStatus.COMPUTED
    assert result.rule_set == "nystartsjobb-pilot-v1"
    assert result.input_snapshot == _expected_record()
    assert result.answer == rules.evaluate(_expected_record())
    assert (result.eligible, result.manual_review, result.monthly_amount_nok) == (
        True,
        False,
        12690,
    )
    assert result.answer["factor"] == 3.0  # the nystartssone bonus in Grorud
    event = CaseEvent.objects.filter(case=case).last()
    assert event is not None and event.kind == "eligibility_computed"
    assert event.payload["result"] == result.pk
    assert event.payload["monthly_amount_nok"] == 12690


def test_computing_again_without_a_change_stores_nothing(case: SubsidyCase) -> None:
    events = CaseEvent.objects.count()
    assert recompute_eligibility.apply(([case.pk],)).get() == 0
    assert EligibilityResult.objects.filter(case=case).count() == 1
    assert CaseEvent.objects.count() == events


def test_a_change_of_facts_stores_a_new_result_and_keeps_the_old(case: SubsidyCase) -> None:
    first = case.current_result
    SubsidyCase.objects.filter(pk=case.pk).update(tax_arrears_nok=25000)
    assert cases_compute(case_ids=[case.pk]) == 1
    case.refresh_from_db()
    assert case.current_result is not None and case.current_result != first
    assert case.current_result.eligible is False
    assert case.current_result.answer["reasons"][0]["code"] == "employer_tax_arrears"
    assert EligibilityResult.objects.filter(case=case).count() == 2


def test_recommended_and_decided_cases_are_not_computed_again(case: SubsidyCase) -> None:
    for status in (CaseStatus.RECOMMENDED, CaseStatus.APPROVED, CaseStatus.REJECTED):
        SubsidyCase.objects.filter(pk=case.pk).update(status=status, tax_arrears_nok=25000)
        assert cases_compute(case_ids=[case.pk]) == 0
    assert EligibilityResult.objects.filter(case=case).count() == 1


@pytest.fixture
def two_rule_sets(monkeypatch: pytest.MonkeyPatch) -> rules.RuleSet:
    """v1 until 2025-12-31, then a v2 that pays newcomers a factor of 2.0."""
    v1 = dataclasses.replace(parameters.NYSTARTSJOBB_PILOT_V1, valid_to=datetime.date(2025, 12, 31))
    v2 = dataclasses.replace(
        v1.with_overrides({"nystartsjobb_factors.newcomer": "2.0"}),
        version="nystartsjobb-pilot-v2",
        valid_from=datetime.date(2026, 1, 1),
        valid_to=None,
        overridden=(),
    )
    monkeypatch.setattr(parameters, "RULE_SETS", (v1, v2))
    monkeypatch.setattr(parameters, "_BY_VERSION", {v1.version: v1, v2.version: v2})
    return v2


@pytest.mark.usefixtures("two_rule_sets")
def test_the_rule_set_in_force_on_the_start_date_applies(organisation: Organisation) -> None:
    before = open_case(organisation)
    after = open_case(
        organisation,
        start=datetime.date(2026, 2, 1),
        applied=datetime.date(2026, 1, 20),
        person={"out_of_work": []},
    )
    assert before.current_result is not None and after.current_result is not None
    assert before.current_result.rule_set == "nystartsjobb-pilot-v1"
    assert after.current_result.rule_set == "nystartsjobb-pilot-v2"
    assert after.current_result.input_snapshot["rule_set"] == "nystartsjobb-pilot-v2"
    assert after.current_result.answer["factor"] == 2.5  # 2.0 + the nystartssone bonus
    # The snapshot names its version: evaluating it again gives the stored answer.
    assert rules.evaluate(after.current_result.input_snapshot) == after.current_result.answer


def test_a_start_before_any_rule_set_cannot_be_computed(organisation: Organisation) -> None:
    case = open_case(
        organisation,
        start=datetime.date(2023, 9, 1),
        applied=datetime.date(2023, 8, 15),
        person={"permit": ("protection", datetime.date(2022, 3, 1)), "out_of_work": []},
    )
    assert case.status == CaseStatus.OPEN
    assert case.current_result is None
    assert [error["field"] for error in case.compute_errors] == ["start_date"]
    event = CaseEvent.objects.filter(case=case).last()
    assert event is not None and event.kind == "eligibility_not_computable"
    assert event.payload["fields"] == ["start_date"]
