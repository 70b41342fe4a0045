"""Rule set nystartsjobb-pilot-v2 (docs/rules/v2.md): its three worked examples, the boundary with
v1 (start dates 2026-12-31 and 2027-01-01), and v1 staying as it was for the cases it covers."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from subsidies.rules import (
    NYSTARTSJOBB_PILOT_V1,
    NYSTARTSJOBB_PILOT_V2,
    RecordError,
    evaluate,
    parse_record,
    rule_set_for,
)
from subsidies.rules.samples import DELETE, sample_record, worked_example

V2_DATES = {"rule_set": DELETE, "application_date": "2027-01-15", "start_date": "2027-02-01"}


def answer_for(changes: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    return evaluate(sample_record(changes), **kwargs)


def params(answer: dict[str, Any], code: str) -> dict[str, Any]:
    return next(r["params"] for r in answer["reasons"] if r["code"] == code)


# --- the worked examples of v2 (G 136 549) -----------------------------------------------------


def test_v2_innstegsjobb_share_is_075() -> None:
    answer = answer_for(
        {**V2_DATES, "scheme": "innstegsjobb", "month": "2027-02",
         "person.residence_permit": {"kind": "protection", "granted_on": "2026-04-01"},
         "person.out_of_work_periods": [],
         "job.monthly_wage_nok": 14000, "job.position_percent": 50}
    )  # fmt: skip
    assert answer["rule_set"] == "nystartsjobb-pilot-v2"
    assert answer["eligible"] is True
    amount = params(answer, "innstegsjobb_amount")
    assert amount["wage_cost"] == 18248.7  # 18 248.6976
    assert amount["share"] == 0.75
    assert amount["cap"] == 20482.35  # 0.30 x 136 549 x 0.5
    assert answer["monthly_amount_nok"] == 13687  # 0.75 x 18 248.6976 rounded
    assert answer["entitlement_months"] == 24


LTU_2026 = {
    **V2_DATES,
    "month": "2027-02",
    "person.birth_date": "1996-06-01",
    "person.residence_permit": None,
    "person.in_introduction_programme": False,
    "person.out_of_work_periods": [{"start": "2026-01-01", "end": "2026-12-31"}],
    "job.monthly_wage_nok": 30000,
    "job.position_percent": 100,
}


def test_v2_a_whole_year_out_of_work_is_12_months() -> None:
    answer = answer_for(LTU_2026)
    assert answer["rule_set"] == "nystartsjobb-pilot-v2"
    assert answer["eligible"] is True
    assert answer["target_group"] == "long_term_unemployed"
    assert params(answer, "long_term_unemployed_out_of_work")["months"] == 12  # 365 days
    assert answer["factor"] == 1.0
    assert answer["monthly_amount_nok"] == 4230
    assert answer["entitlement_months"] == 12


def test_v2_the_same_person_has_no_target_group_under_v1_counting() -> None:
    answer = answer_for(LTU_2026, overrides={"out_of_work_rounding": "down"})
    assert answer["eligible"] is False
    assert answer["target_group"] is None
    assert params(answer, "long_term_unemployed_out_of_work")["months"] == 11


def test_v2_gamle_oslo_is_a_nystartssone() -> None:
    firm = {"employer.bydel": "030101", "employer.employees": 20}
    v2 = answer_for(
        {**firm, "rule_set": DELETE, "application_date": "2027-02-15",
         "start_date": "2027-03-01", "month": "2027-03", "person.birth_date": "1995-06-01",
         "person.residence_permit": {"kind": "protection", "granted_on": "2025-09-01"}}
    )  # fmt: skip
    assert v2["rule_set"] == "nystartsjobb-pilot-v2"
    assert v2["target_group"] == "newcomer"
    assert (v2["factor"], v2["monthly_amount_nok"]) == (3.0, 12690)
    v1 = answer_for(firm)  # the sample record: start 2025-09-01, under v1
    assert v1["rule_set"] == "nystartsjobb-pilot-v1"
    assert (v1["factor"], v1["monthly_amount_nok"]) == (2.5, 10575)


# --- the boundary -------------------------------------------------------------------------------

INNSTEGSJOBB_AT = {
    "rule_set": DELETE,
    "scheme": "innstegsjobb",
    "application_date": "2026-12-01",
    "person.residence_permit": {"kind": "protection", "granted_on": "2026-02-01"},
    "person.out_of_work_periods": [],
    "job.monthly_wage_nok": 14000,
    "job.position_percent": 50,
    "month": "2027-01",
}


def test_a_case_starting_on_2026_12_31_is_v1_for_ever() -> None:
    assert rule_set_for(date(2026, 12, 31)) is NYSTARTSJOBB_PILOT_V1
    answer = answer_for({**INNSTEGSJOBB_AT, "start_date": "2026-12-31"})
    assert answer["rule_set"] == "nystartsjobb-pilot-v1"
    # January 2027 is paid under v1's share, with the 2026 G: 0.80 x 18 248.6976
    assert params(answer, "innstegsjobb_amount")["share"] == 0.8
    assert answer["monthly_amount_nok"] == 14599


def test_a_case_starting_on_2027_01_01_is_v2() -> None:
    assert rule_set_for(date(2027, 1, 1)) is NYSTARTSJOBB_PILOT_V2
    answer = answer_for({**INNSTEGSJOBB_AT, "start_date": "2027-01-01"})
    assert answer["rule_set"] == "nystartsjobb-pilot-v2"
    assert params(answer, "innstegsjobb_amount")["share"] == 0.75
    assert answer["monthly_amount_nok"] == 13687


@pytest.mark.parametrize(
    ("rule_set", "start", "message"),
    [
        ("nystartsjobb-pilot-v1", "2027-01-01",
         "The rule set nystartsjobb-pilot-v1 is not in force on 2027-01-01 "
         "(it applied until 2026-12-31)."),
        ("nystartsjobb-pilot-v2", "2026-12-31",
         "The rule set nystartsjobb-pilot-v2 is not in force on 2026-12-31 "
         "(it applies from 2027-01-01)."),
    ],
)  # fmt: skip
def test_a_record_naming_a_rule_set_outside_its_dates_is_refused(
    rule_set: str, start: str, message: str
) -> None:
    with pytest.raises(RecordError) as caught:
        evaluate(sample_record({**INNSTEGSJOBB_AT, "rule_set": rule_set, "start_date": start}))
    assert caught.value.errors == [{"field": "start_date", "message": message}]


def test_a_stored_v1_record_is_explained_under_v1_after_v2_exists() -> None:
    # The input snapshot of a v1 decision names its rule set; evaluated again in 2027 or later,
    # it gives the same answer under v1, whatever v2 says.
    snapshot = parse_record(worked_example("innstegsjobb")).to_dict()
    assert snapshot["rule_set"] == "nystartsjobb-pilot-v1"
    answer = evaluate(snapshot)
    assert answer["rule_set"] == "nystartsjobb-pilot-v1"
    assert answer["monthly_amount_nok"] == 14599
    assert evaluate({**snapshot, "month": "2027-06"})["rule_set"] == "nystartsjobb-pilot-v1"


def test_v2_changes_only_what_docs_rules_v2_lists() -> None:
    v1, v2 = NYSTARTSJOBB_PILOT_V1.parameters(), NYSTARTSJOBB_PILOT_V2.parameters()
    changed = {name for name in v1 if v1[name] != v2[name]}
    assert changed == {
        "innstegsjobb_share",
        "innstegsjobb_cap_share",
        "nystartssone_bydeler",
        "out_of_work_rounding",
    }
    assert v2["innstegsjobb_share"] == "0.75"
    assert v2["innstegsjobb_cap_share"] == "0.30"
    assert v2["monthly_cap_share"] == "0.25"
    assert v2["out_of_work_rounding"] == "half_up"
    assert set(v2["nystartssone_bydeler"]) == {*v1["nystartssone_bydeler"], "030101"}
