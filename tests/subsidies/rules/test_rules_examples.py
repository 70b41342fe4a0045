"""POLICY.md's sample answer and every worked example, reproduced exactly
(docs/rules/worked-examples.md, docs/rules/formats.md)."""

from __future__ import annotations

import json

import pytest

from subsidies.rules import evaluate
from subsidies.rules.samples import SAMPLE_RECORD, worked_example

SAMPLE_ANSWER = {
    "rule_set": "nystartsjobb-pilot-v1",
    "scheme": "nystartsjobb",
    "eligible": True,
    "manual_review": False,
    "target_group": "newcomer",
    "factor": 2.5,
    "monthly_amount_nok": 10575,
    "month": "2025-09",
    "amount_for_month_nok": 10575,
    "entitlement_months": 24,
    "decision_period": {"start": "2025-09-01", "end": "2026-08-31"},
}
SAMPLE_REASON = {
    "code": "newcomer_permit_within_window",
    "passed": True,
    "params": {"months": 17, "limit": 36},
    "text": "The residence permit was granted 17 months before the application (limit 36).",
}


def test_sample_answer_matches_policy_exactly() -> None:
    answer = evaluate(SAMPLE_RECORD)
    assert list(answer) == [*SAMPLE_ANSWER, "reasons"]
    assert {key: value for key, value in answer.items() if key != "reasons"} == SAMPLE_ANSWER
    assert answer["reasons"][0] == SAMPLE_REASON


def test_sample_answer_is_the_policy_json() -> None:
    answer = evaluate(SAMPLE_RECORD)
    shown = json.dumps({**{k: answer[k] for k in SAMPLE_ANSWER}, "reasons": [SAMPLE_REASON]})
    assert json.loads(shown) == {**SAMPLE_ANSWER, "reasons": [SAMPLE_REASON]}
    assert SAMPLE_REASON in answer["reasons"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "newcomer",
            {"eligible": True, "target_group": "newcomer", "factor": 2.5,
             "monthly_amount_nok": 10575, "entitlement_months": 24},
        ),
        (
            "newcomer_nystartssone",
            {"eligible": True, "target_group": "newcomer", "factor": 3.0,
             "monthly_amount_nok": 12690, "entitlement_months": 24},
        ),
        (
            "long_term_unemployed",
            {"eligible": True, "target_group": "long_term_unemployed", "factor": 2.0,
             "monthly_amount_nok": 7896, "entitlement_months": 24},
        ),
        (
            "no_target_group",
            {"eligible": False, "target_group": None, "factor": None,
             "monthly_amount_nok": 0, "entitlement_months": 0},
        ),
        (
            "innstegsjobb",
            {"eligible": True, "target_group": "newcomer", "factor": None,
             "monthly_amount_nok": 14599, "entitlement_months": 24},
        ),
    ],
)  # fmt: skip
def test_worked_example(name: str, expected: dict[str, object]) -> None:
    answer = evaluate(worked_example(name))
    assert answer["month"] == "2025-09"
    assert {key: answer[key] for key in expected} == expected
    if expected["eligible"]:
        assert answer["amount_for_month_nok"] == expected["monthly_amount_nok"]


def test_worked_examples_use_g_130160_and_cap_32540() -> None:
    answer = evaluate(worked_example("newcomer"))
    amount = next(r for r in answer["reasons"] if r["code"] == "nystartsjobb_amount")
    assert amount["params"]["g"] == 130160
    assert amount["params"]["cap"] == 32540


def test_worked_example_newcomer_is_31_with_permit_18_months_before_start() -> None:
    answer = evaluate(worked_example("newcomer"))
    age = next(r for r in answer["reasons"] if r["code"] == "minimum_age")
    assert age["params"]["age"] == 31


def test_worked_example_long_term_unemployed_is_out_of_work_30_months() -> None:
    answer = evaluate(worked_example("long_term_unemployed"))
    factor = next(r for r in answer["reasons"] if r["code"] == "nystartsjobb_factor")
    assert factor["params"]["absence_months"] == 30
    age = next(r for r in answer["reasons"] if r["code"] == "minimum_age")
    assert age["params"]["age"] == 45


def test_worked_example_without_target_group_says_why_first() -> None:
    answer = evaluate(worked_example("no_target_group"))
    assert answer["decision_period"] is None
    assert answer["amount_for_month_nok"] == 0
    first = answer["reasons"][0]
    assert first["code"] == "target_group" and first["passed"] is False
    by_code = {r["code"]: r for r in answer["reasons"]}
    assert by_code["newcomer_permit_within_window"]["params"] == {"months": 40, "limit": 36}
    assert by_code["long_term_unemployed_out_of_work"]["params"] == {
        "age": 35,
        "months": 10,
        "required": 12,
        "window": 15,
    }
    failed = [r["passed"] for r in answer["reasons"]]
    assert failed == sorted(failed)  # every failed reason before every passed one


def test_worked_example_innstegsjobb_wage_cost() -> None:
    answer = evaluate(worked_example("innstegsjobb"))
    amount = next(r for r in answer["reasons"] if r["code"] == "innstegsjobb_amount")
    # 14 000 + 12 % holiday pay + 2 % pension + 14.1 % employer contribution
    assert amount["params"]["wage_cost"] == 18248.7
    assert amount["params"]["cap"] == 16270
    assert amount["params"]["amount"] == 14599
