"""Every reason code, passing and failing."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from subsidies.rules import BLOCKING, REASON_CODES, evaluate, evaluate_record, parse_record
from subsidies.rules.samples import DELETE, sample_record, varied_records

NO_PERMIT_LTU = {
    "person.residence_permit": None,
    "person.birth_date": "1980-03-10",
}
INNSTEGSJOBB = {"scheme": "innstegsjobb"}


def answer_for(changes: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    return evaluate(sample_record(changes), **kwargs)


def reason(answer: dict[str, Any], code: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [r for r in answer["reasons"] if r["code"] == code]
    assert len(found) == 1, f"{code} appears {len(found)} times"
    return found[0]


def check(changes: dict[str, Any], code: str, passed: bool) -> dict[str, Any]:
    answer = answer_for(changes)
    assert reason(answer, code)["passed"] is passed
    if not passed and code in BLOCKING:
        assert answer["eligible"] is False
        assert answer["reasons"][0]["passed"] is False
    return answer


# --- target groups -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("granted_on", "months", "passed"),
    [
        ("2024-03-01", 17, True),
        ("2022-08-15", 36, True),  # exactly 36 whole months before the application
        ("2022-07-16", 36, True),  # 36 months and 30 days
        ("2022-07-15", 37, False),
        ("2022-04-15", 40, False),
    ],
)
def test_newcomer_permit_within_window(granted_on: str, months: int, passed: bool) -> None:
    answer = check(
        {"person.residence_permit": {"kind": "family", "granted_on": granted_on}},
        "newcomer_permit_within_window",
        passed,
    )
    assert reason(answer, "newcomer_permit_within_window")["params"] == {
        "months": months,
        "limit": 36,
    }


def test_newcomer_without_permit() -> None:
    answer = check(NO_PERMIT_LTU, "newcomer_permit_within_window", False)
    assert reason(answer, "newcomer_permit_within_window")["params"] == {
        "months": None,
        "limit": 36,
    }
    assert reason(answer, "newcomer_permit_kind")["passed"] is False
    assert answer["target_group"] == "long_term_unemployed"


@pytest.mark.parametrize(
    ("kind", "passed"),
    [("protection", True), ("family", True), ("work", False), ("study", False), ("other", False)],
)
def test_newcomer_permit_kind(kind: str, passed: bool) -> None:
    answer = check(
        {
            "person.residence_permit": {"kind": kind, "granted_on": "2024-03-01"},
            "person.out_of_work_periods": [],
        },
        "newcomer_permit_kind",
        passed,
    )
    assert answer["target_group"] == ("newcomer" if passed else None)


@pytest.mark.parametrize("in_programme", [True, False])
def test_newcomer_introduction_programme(in_programme: bool) -> None:
    answer = check(
        {
            "person.residence_permit": None,
            "person.in_introduction_programme": in_programme,
            "person.out_of_work_periods": [],
        },
        "newcomer_introduction_programme",
        in_programme,
    )
    assert answer["eligible"] is in_programme
    assert answer["target_group"] == ("newcomer" if in_programme else None)


def test_long_term_unemployed_out_of_work_passing_and_failing() -> None:
    check(NO_PERMIT_LTU, "long_term_unemployed_out_of_work", True)
    answer = check(
        {**NO_PERMIT_LTU, "person.out_of_work_periods": [{"start": "2024-10-01", "end": None}]},
        "long_term_unemployed_out_of_work",
        False,
    )
    assert reason(answer, "long_term_unemployed_out_of_work")["params"]["months"] == 10
    assert reason(answer, "target_group")["passed"] is False


def test_long_term_unemployed_under_20_is_not_tested_for_months() -> None:
    answer = check(
        {**NO_PERMIT_LTU, "person.birth_date": "2006-01-01"},
        "long_term_unemployed_out_of_work",
        False,
    )
    assert reason(answer, "long_term_unemployed_out_of_work")["params"] == {
        "age": 19,
        "min_age": 20,
    }


def test_target_group_innstegsjobb_needs_a_newcomer() -> None:
    answer = check({**INNSTEGSJOBB, **NO_PERMIT_LTU}, "target_group", False)
    assert answer["target_group"] is None
    assert "long_term_unemployed_out_of_work" not in {r["code"] for r in answer["reasons"]}
    check(INNSTEGSJOBB, "target_group", True)


# --- conditions on everyone --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth_date", "in_programme", "passed"),
    [
        ("2005-09-01", False, True),  # 20 on the start date
        ("2005-09-02", False, False),  # 19
        ("2007-09-01", True, True),  # 18, in the introduction programme
        ("2007-09-02", True, False),  # 17
    ],
)
def test_minimum_age(birth_date: str, in_programme: bool, passed: bool) -> None:
    answer = check(
        {"person.birth_date": birth_date, "person.in_introduction_programme": in_programme},
        "minimum_age",
        passed,
    )
    assert reason(answer, "minimum_age")["params"]["limit"] == (18 if in_programme else 20)


@pytest.mark.parametrize(
    ("birth_date", "passed"),
    [("1958-09-02", True), ("1958-09-01", False), ("1950-01-01", False)],
)
def test_period_ends_before_age_limit(birth_date: str, passed: bool) -> None:
    answer = check(
        {**NO_PERMIT_LTU, "person.birth_date": birth_date},
        "period_ends_before_age_limit",
        passed,
    )
    if passed:
        assert answer["entitlement_months"] == 1
        assert answer["decision_period"] == {"start": "2025-09-01", "end": "2025-09-01"}


def test_employer_orgnr_valid_passes_for_a_parsed_record() -> None:
    check({}, "employer_orgnr_valid", True)


def test_employer_orgnr_valid_fails_for_a_record_built_by_hand() -> None:
    record = parse_record(sample_record())
    bad = dataclasses.replace(
        record, employer=dataclasses.replace(record.employer, orgnr="988077918")
    )
    answer = evaluate_record(bad)
    assert reason(answer, "employer_orgnr_valid")["passed"] is False
    assert answer["eligible"] is False


@pytest.mark.parametrize(
    ("arrears", "passed"), [(0, True), (10000, True), (10000.01, False), (25000, False)]
)
def test_employer_tax_arrears(arrears: float, passed: bool) -> None:
    answer = check({"employer.tax_arrears_nok": arrears}, "employer_tax_arrears", passed)
    assert reason(answer, "employer_tax_arrears")["params"] == {"arrears": arrears, "limit": 10000}


@pytest.mark.parametrize("meets", [True, False])
def test_wage_meets_tariff(meets: bool) -> None:
    check({"job.wage_meets_tariff": meets}, "wage_meets_tariff", meets)


@pytest.mark.parametrize(
    ("changes", "passed"),
    [
        ({}, True),
        ({"start_date": "2025-08-15"}, True),  # starts on the application date
        ({"job.started_before_application": True}, False),
        ({"start_date": "2025-08-14", "month": "2025-08"}, False),
    ],
)
def test_job_not_started_before_application(changes: dict[str, Any], passed: bool) -> None:
    check(changes, "job_not_started_before_application", passed)


@pytest.mark.parametrize("other", [True, False])
def test_no_other_wage_subsidy(other: bool) -> None:
    check({"job.other_wage_subsidy": other}, "no_other_wage_subsidy", not other)


def test_family_tie_sends_to_manual_review_but_stays_eligible() -> None:
    answer = check({"employer.family_tie": True}, "family_tie", False)
    assert answer["eligible"] is True
    assert answer["manual_review"] is True
    assert answer["monthly_amount_nok"] == 10575
    plain = check({}, "family_tie", True)
    assert plain["manual_review"] is False


def test_family_tie_is_reported_on_an_ineligible_case_too() -> None:
    answer = answer_for({"employer.family_tie": True, "job.wage_meets_tariff": False})
    assert answer["eligible"] is False
    assert answer["manual_review"] is True
    codes = [r["code"] for r in answer["reasons"] if not r["passed"]]
    assert codes.index("wage_meets_tariff") < codes.index("family_tie")


# --- scheme conditions -------------------------------------------------------------------------


@pytest.mark.parametrize("enrolled", [True, False])
def test_innstegsjobb_norwegian_tuition(enrolled: bool) -> None:
    check(
        {**INNSTEGSJOBB, "person.in_norwegian_tuition": enrolled},
        "innstegsjobb_norwegian_tuition",
        enrolled,
    )


def test_tuition_is_not_checked_for_nystartsjobb() -> None:
    answer = answer_for({"person.in_norwegian_tuition": False})
    assert answer["eligible"] is True
    assert "innstegsjobb_norwegian_tuition" not in {r["code"] for r in answer["reasons"]}


@pytest.mark.parametrize(
    ("changes", "passed", "window_end"),
    [
        ({}, True, "2027-02-28"),
        (
            {"person.residence_permit": {"kind": "protection", "granted_on": "2022-08-31"}},
            False,
            "2025-08-30",  # the window closes the day before the start...
        ),
        (
            {"person.residence_permit": {"kind": "protection", "granted_on": "2022-09-02"}},
            True,
            "2025-09-01",  # ...or on the start date itself
        ),
        (
            {"person.residence_permit": None, "person.in_introduction_programme": True},
            True,
            None,
        ),
        ({"person.residence_permit": None}, False, None),
    ],
)
def test_innstegsjobb_permit_window(
    changes: dict[str, Any], passed: bool, window_end: str | None
) -> None:
    answer = answer_for({**INNSTEGSJOBB, **changes})
    window = reason(answer, "innstegsjobb_permit_window")
    assert window["params"]["window_end"] == window_end
    assert window["passed"] is passed
    assert answer["eligible"] is passed


@pytest.mark.parametrize(
    ("bydel", "employees", "passed", "factor"),
    [
        ("030111", 20, True, 3.0),
        ("030109", 49, True, 3.0),
        ("030115", 50, False, 2.5),
        ("030105", 20, False, 2.5),
        (None, 20, False, 2.5),
    ],
)
def test_nystartssone_bonus(bydel: str | None, employees: int, passed: bool, factor: float) -> None:
    answer = check(
        {"employer.bydel": bydel, "employer.employees": employees}, "nystartssone_bonus", passed
    )
    assert answer["eligible"] is True
    assert answer["factor"] == factor


def test_nystartssone_bonus_is_not_for_innstegsjobb() -> None:
    answer = answer_for({**INNSTEGSJOBB, "employer.bydel": "030111"})
    assert "nystartssone_bonus" not in {r["code"] for r in answer["reasons"]}


# --- what was worked out -----------------------------------------------------------------------


def test_entitlement_months_fails_when_the_rules_give_no_month() -> None:
    changes: dict[str, Any] = {"person.out_of_work_periods": []}
    answer = evaluate(
        sample_record(changes), overrides={"newcomer_months": 0, "newcomer_young_months": 0}
    )
    assert reason(answer, "entitlement_months")["passed"] is False
    assert answer["eligible"] is False
    assert answer["reasons"][0]["code"] == "entitlement_months"


def test_entitlement_and_amount_reasons_only_on_eligible_answers() -> None:
    eligible = answer_for({})
    for code in ("entitlement_months", "nystartsjobb_factor", "nystartsjobb_amount"):
        assert reason(eligible, code)["passed"] is True
    assert reason(eligible, "decision_period_limit")["params"] == {
        "months": 12,
        "entitlement_months": 24,
        "limit": 12,
        "start": "2025-09-01",
        "end": "2026-08-31",
    }
    ineligible = answer_for({"job.wage_meets_tariff": False})
    codes = {r["code"] for r in ineligible["reasons"]}
    assert not codes & {
        "entitlement_months",
        "nystartsjobb_factor",
        "nystartsjobb_amount",
        "decision_period_limit",
    }
    assert reason(answer_for(INNSTEGSJOBB), "innstegsjobb_amount")["passed"] is True


def test_reasons_appear_once_each_in_a_stable_order() -> None:
    for record in varied_records():
        answer = evaluate(record)
        codes = [r["code"] for r in answer["reasons"]]
        assert len(codes) == len(set(codes))
        if answer["eligible"]:
            assert codes == sorted(codes, key=REASON_CODES.index)


def test_every_code_is_seen_and_every_blocking_code_both_ways() -> None:
    records = [
        *varied_records(),
        sample_record({**INNSTEGSJOBB, "person.in_norwegian_tuition": False}),
        sample_record({**INNSTEGSJOBB, "person.residence_permit": None}),
        sample_record({"job.started_before_application": True, "job.other_wage_subsidy": True}),
        sample_record({"person.birth_date": "1950-01-01"}),
        sample_record({"person.birth_date": "2006-01-01"}),
        sample_record({"employer.bydel": "030111", "employer.employees": 60}),
        sample_record({"rule_set": DELETE}),
    ]
    seen: dict[str, set[bool]] = {}
    for record in records:
        for r in evaluate(record)["reasons"]:
            seen.setdefault(r["code"], set()).add(r["passed"])
    hand_built = dataclasses.replace(
        parse_record(sample_record()),
        employer=dataclasses.replace(parse_record(sample_record()).employer, orgnr="988077918"),
    )
    seen["employer_orgnr_valid"].add(
        reason(evaluate_record(hand_built), "employer_orgnr_valid")["passed"]
    )
    no_months = evaluate(
        sample_record({"person.out_of_work_periods": []}), overrides={"newcomer_months": 0}
    )
    seen["entitlement_months"].add(reason(no_months, "entitlement_months")["passed"])
    assert set(seen) == set(REASON_CODES)
    for code in BLOCKING | {"family_tie", "nystartssone_bonus"}:
        assert seen[code] == {True, False}, code
