"""Amounts, months and periods: G changes, pro rata, the age-67 cut, bands, gaps, windows."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from subsidies.rules import RecordError, evaluate
from subsidies.rules.samples import DELETE, sample_record

LTU_ONLY = {"person.residence_permit": None}
INNSTEGSJOBB = {"scheme": "innstegsjobb"}


def answer_for(changes: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    return evaluate(sample_record(changes), **kwargs)


def params(answer: dict[str, Any], code: str) -> dict[str, Any]:
    return next(r["params"] for r in answer["reasons"] if r["code"] == code)


def spell(start: str, end: str | None = "2025-08-14") -> list[dict[str, str | None]]:
    return [{"start": start, "end": end}]


# --- G and the cap -----------------------------------------------------------------------------


def test_g_changes_inside_the_period() -> None:
    april = answer_for({"job.monthly_wage_nok": 40000, "month": "2026-04"})
    may = answer_for({"job.monthly_wage_nok": 40000, "month": "2026-05"})
    assert params(april, "nystartsjobb_amount")["g"] == 130160
    assert params(april, "nystartsjobb_amount")["cap"] == 32540
    assert april["monthly_amount_nok"] == april["amount_for_month_nok"] == 11470  # 2.5*0.141*32540
    assert params(may, "nystartsjobb_amount")["g"] == 136549
    # the cap is used unrounded (docs/rules/settled-readings.md, "Rounding")
    assert params(may, "nystartsjobb_amount")["cap"] == 34137.25
    assert may["monthly_amount_nok"] == may["amount_for_month_nok"] == 12033


def test_g_before_may_2025_is_the_2024_g() -> None:
    answer = answer_for(
        {"application_date": "2025-03-15", "start_date": "2025-04-01", "month": DELETE,
         "person.out_of_work_periods": [], "job.monthly_wage_nok": 40000}
    )  # fmt: skip
    assert answer["month"] == "2025-04"
    assert params(answer, "nystartsjobb_amount")["g"] == 124028
    assert params(answer, "nystartsjobb_amount")["cap"] == 31007  # 31 007 exactly


def test_a_wage_under_the_cap_is_not_affected_by_g() -> None:
    april = answer_for({"month": "2026-04"})
    may = answer_for({"month": "2026-05"})
    assert april["monthly_amount_nok"] == may["monthly_amount_nok"] == 10575


def test_part_time_cap() -> None:
    answer = answer_for({"job.position_percent": 50, "job.monthly_wage_nok": 20000})
    assert params(answer, "nystartsjobb_amount")["cap"] == 16270
    assert params(answer, "nystartsjobb_amount")["base"] == 16270
    assert answer["monthly_amount_nok"] == 5735  # 2.5 * 0.141 * 16 270 = 5735.18


def test_innstegsjobb_is_capped() -> None:
    answer = answer_for({**INNSTEGSJOBB, "job.monthly_wage_nok": 60000})
    assert answer["monthly_amount_nok"] == 32540
    assert params(answer, "innstegsjobb_amount")["cap"] == 32540


@pytest.mark.parametrize(
    ("zone", "kommune", "amount"),
    [("I", "0301", 14599), ("III", "1566", 13614), ("V", "5601", 12795)],
)
def test_innstegsjobb_zone_rates(zone: str, kommune: str, amount: int) -> None:
    answer = answer_for(
        {**INNSTEGSJOBB, "employer.aga_zone": zone, "employer.kommune": kommune,
         "employer.bydel": None, "job.monthly_wage_nok": 14000, "job.position_percent": 50}
    )  # fmt: skip
    assert answer["monthly_amount_nok"] == amount


def test_nystartsjobb_uses_the_zone_i_rate_in_every_zone() -> None:
    answer = answer_for(
        {"employer.aga_zone": "V", "employer.kommune": "5601", "employer.bydel": None}
    )
    assert answer["monthly_amount_nok"] == 10575


def test_round_half_up() -> None:
    # 2.5 * 0.141 * 30 002 = 10 575.705 -> 10 576; 1.0 * 0.141 * 24 650 = 3 475.65 -> 3 476
    assert answer_for({"job.monthly_wage_nok": 30002})["monthly_amount_nok"] == 10576
    ltu_short = {**LTU_ONLY, "person.out_of_work_periods": spell("2024-01-01"),
                 "job.monthly_wage_nok": 24650}  # fmt: skip
    assert answer_for(ltu_short)["monthly_amount_nok"] == 3476
    # 2.5 * 0.141 * 1 000.5 = 352.67625 -> 353, from a wage with øre
    assert answer_for({"job.monthly_wage_nok": 1000.5})["monthly_amount_nok"] == 353


# --- pro rata and the month asked for --------------------------------------------------------


def test_partial_first_month() -> None:
    answer = answer_for({"start_date": "2025-09-15"})
    assert answer["decision_period"] == {"start": "2025-09-15", "end": "2026-09-14"}
    assert answer["monthly_amount_nok"] == 10575
    assert answer["amount_for_month_nok"] == 5640  # 10 575 * 16 / 30


def test_partial_last_month() -> None:
    answer = answer_for({"start_date": "2025-09-15", "month": "2026-09"})
    assert answer["amount_for_month_nok"] == 4935  # 10 575 * 14 / 30


def test_month_outside_the_decision_period_pays_nothing() -> None:
    for month in ("2025-08", "2026-09", "2027-03"):
        answer = answer_for({"month": month})
        assert answer["eligible"] is True
        assert answer["monthly_amount_nok"] == 10575
        assert answer["amount_for_month_nok"] == 0


def test_month_defaults_to_the_start_month() -> None:
    answer = answer_for({"month": DELETE, "start_date": "2025-10-20"})
    assert answer["month"] == "2025-10"
    assert answer["amount_for_month_nok"] == round(10575 * 12 / 31)


def test_prorating_rounds_half_up() -> None:
    # start on the 16th of a 30-day month: 15 days; 10 575 * 15 / 30 = 5 287.5 -> 5 288
    answer = answer_for({"start_date": "2025-09-16"})
    assert answer["amount_for_month_nok"] == 5288


# --- the age-67 cut and the 12-month decision ------------------------------------------------


def test_age_67_cuts_the_entitlement_and_the_decision() -> None:
    answer = answer_for({**LTU_ONLY, "person.birth_date": "1958-11-30"})
    assert answer["eligible"] is True
    assert answer["entitlement_months"] == 3  # September, October, November (partial)
    assert answer["decision_period"] == {"start": "2025-09-01", "end": "2025-11-29"}
    assert params(answer, "entitlement_months") == {"months": 3, "limit": 48, "end": "2025-11-29"}
    november = answer_for({**LTU_ONLY, "person.birth_date": "1958-11-30", "month": "2025-11"})
    assert november["amount_for_month_nok"] == round(november["monthly_amount_nok"] * 29 / 30)
    december = answer_for({**LTU_ONLY, "person.birth_date": "1958-11-30", "month": "2025-12"})
    assert december["amount_for_month_nok"] == 0


def test_age_67_with_a_29_february_birthday() -> None:
    # born 1960-02-29: turns 67 on 2027-03-01 (2027 has no 29 February)
    answer = answer_for({**LTU_ONLY, "person.birth_date": "1960-02-29"})
    assert params(answer, "period_ends_before_age_limit")["birthday"] == "2027-03-01"
    assert params(answer, "entitlement_months")["end"] == "2027-02-28"
    assert answer["entitlement_months"] == 18


def test_twelve_month_decision_cap() -> None:
    senior = answer_for({**LTU_ONLY, "person.birth_date": "1965-01-01"})
    assert senior["entitlement_months"] == 48
    assert senior["decision_period"] == {"start": "2025-09-01", "end": "2026-08-31"}
    assert params(senior, "decision_period_limit")["months"] == 12
    short = answer_for(
        {**LTU_ONLY, "person.out_of_work_periods": spell("2024-10-01")}
        | {"person.birth_date": "2003-01-01"}
    )
    assert short["entitlement_months"] == 10
    assert short["decision_period"] == {"start": "2025-09-01", "end": "2026-06-30"}


# --- long-term unemployed: age bands and absence bands ----------------------------------------


@pytest.mark.parametrize(
    ("birth_date", "periods", "eligible", "months", "factor"),
    [
        # 20-24: at least 6 of the last 9 months; months = absence, at most 12
        ("2003-01-01", spell("2025-02-01"), True, 6, 1.0),
        ("2003-01-01", spell("2025-03-01"), False, 0, None),  # 5 months
        ("2003-01-01", spell("2023-01-01"), True, 12, 2.0),  # absence 31 -> 12 months
        ("2005-09-01", spell("2025-02-01"), True, 6, 1.0),  # exactly 20
        # 25-54: at least 12 of the last 15 months; at most 24
        ("2000-09-01", spell("2025-02-01"), False, 0, None),  # exactly 25: 6 of 15 is too few
        ("2000-09-01", spell("2024-08-01"), True, 12, 1.0),
        ("1980-03-10", spell("2023-01-01"), True, 24, 2.0),
        ("1971-09-02", spell("2021-01-01"), True, 24, 2.5),  # 53, absence 55 months
        # 55 or more: twice the absence, at most 48
        ("1970-09-01", spell("2024-08-01"), True, 24, 1.0),  # exactly 55, absence 12
        ("1965-01-01", spell("2024-01-01"), True, 38, 1.0),  # absence 19
        ("1965-01-01", spell("2021-01-01"), True, 48, 2.5),
    ],
)
def test_long_term_unemployed_age_bands(
    birth_date: str,
    periods: list[dict[str, str | None]],
    eligible: bool,
    months: int,
    factor: float | None,
) -> None:
    answer = answer_for(
        {**LTU_ONLY, "person.birth_date": birth_date, "person.out_of_work_periods": periods}
    )
    assert answer["eligible"] is eligible
    assert answer["entitlement_months"] == months
    assert answer["factor"] == factor
    if eligible:
        assert answer["target_group"] == "long_term_unemployed"


@pytest.mark.parametrize(
    ("start", "absence", "factor"),
    [
        ("2024-08-01", 12, 1.0),
        ("2023-08-20", 23, 1.0),
        ("2023-08-10", 24, 2.0),  # 736 days = 24.18
        ("2022-09-10", 35, 2.0),
        ("2022-08-10", 36, 2.5),  # 1 101 days = 36.17
        ("2019-01-01", 79, 2.5),
    ],
)
def test_absence_bands(start: str, absence: int, factor: float) -> None:
    answer = answer_for({**LTU_ONLY, "person.out_of_work_periods": spell(start)})
    assert answer["factor"] == factor
    assert params(answer, "nystartsjobb_factor")["absence_months"] == absence
    assert answer["monthly_amount_nok"] == round(factor * 0.141 * 30000)


def test_absence_counts_days_not_calendar_months() -> None:
    # 2023-02-15 .. 2025-08-14 is 30 calendar months but 912 days = 29.96 months
    answer = answer_for({**LTU_ONLY, "person.out_of_work_periods": spell("2023-02-15")})
    assert params(answer, "nystartsjobb_factor")["absence_months"] == 29


def test_gaps_of_up_to_three_months_are_bridged_and_not_counted() -> None:
    periods = [
        {"start": "2023-01-01", "end": "2023-12-31"},  # 365 days
        {"start": "2024-04-01", "end": "2025-08-14"},  # gap 2024-01-01..03-31: exactly 3 months
    ]
    answer = answer_for({**LTU_ONLY, "person.out_of_work_periods": periods})
    # 365 + 501 days = 866 days = 28.45 months (the 91 gap days do not count)
    assert params(answer, "nystartsjobb_factor")["absence_months"] == 28
    assert answer["factor"] == 2.0


def test_a_gap_longer_than_three_months_breaks_the_spell() -> None:
    periods = [
        {"start": "2023-01-01", "end": "2023-12-31"},
        {"start": "2024-04-02", "end": "2025-08-14"},  # gap of 3 months and a day
    ]
    answer = answer_for({**LTU_ONLY, "person.out_of_work_periods": periods})
    assert params(answer, "nystartsjobb_factor")["absence_months"] == 16  # 500 days
    assert answer["factor"] == 1.0


def test_a_short_gap_before_the_application_is_bridged_too() -> None:
    periods = spell("2023-01-01", "2025-06-30")  # back in work for 6 weeks before applying
    answer = answer_for({**LTU_ONLY, "person.out_of_work_periods": periods})
    assert answer["target_group"] == "long_term_unemployed"
    assert params(answer, "nystartsjobb_factor")["absence_months"] == 29  # 912 days


def test_overlapping_periods_count_each_day_once() -> None:
    overlapping = [
        {"start": "2023-02-01", "end": "2024-12-31"},
        {"start": "2024-06-01", "end": "2025-08-14"},
        {"start": "2024-07-01", "end": "2024-07-31"},
    ]
    single = answer_for({**LTU_ONLY, "person.out_of_work_periods": spell("2023-02-01")})
    merged = answer_for({**LTU_ONLY, "person.out_of_work_periods": overlapping})
    assert params(merged, "nystartsjobb_factor")["absence_months"] == 30
    assert params(merged, "long_term_unemployed_out_of_work")["months"] == 15
    assert {k: v for k, v in merged.items() if k != "reasons"} == {
        k: v for k, v in single.items() if k != "reasons"
    }


def test_days_after_the_application_do_not_count() -> None:
    answer = answer_for(
        {**LTU_ONLY, "person.out_of_work_periods": spell("2024-10-01", "2025-12-31")}
    )
    assert params(answer, "long_term_unemployed_out_of_work")["months"] == 10
    assert answer["eligible"] is False


# --- newcomers, both groups, innstegsjobb durations -------------------------------------------


def test_introduction_programme_participant_aged_18() -> None:
    answer = answer_for(
        {"person.birth_date": "2007-05-02", "person.residence_permit": None,
         "person.in_introduction_programme": True, "person.out_of_work_periods": []}
    )  # fmt: skip
    assert answer["eligible"] is True
    assert answer["target_group"] == "newcomer"
    assert answer["factor"] == 2.5
    assert answer["entitlement_months"] == 12  # under 25
    assert params(answer, "minimum_age") == {"age": 18, "limit": 18}


def test_newcomer_under_25_gets_12_months() -> None:
    answer = answer_for({"person.birth_date": "2001-09-02", "person.out_of_work_periods": []})
    assert answer["entitlement_months"] == 12
    answer = answer_for({"person.birth_date": "2000-09-01", "person.out_of_work_periods": []})
    assert answer["entitlement_months"] == 24


def test_both_groups_the_more_favourable_wins() -> None:
    # the sample: newcomer 2.5 x 24 beats LTU 2.0 x 24
    assert answer_for({})["target_group"] == "newcomer"
    # aged 58, absence 31: LTU 2.0 x 48 beats newcomer 2.5 x 24
    senior = answer_for({"person.birth_date": "1967-01-01"})
    assert senior["target_group"] == "long_term_unemployed"
    assert (senior["factor"], senior["entitlement_months"]) == (2.0, 48)
    # aged 58, absence 40: LTU 2.5 x 48
    longer = answer_for({"person.birth_date": "1967-01-01",
                         "person.out_of_work_periods": spell("2022-03-01")})  # fmt: skip
    assert (longer["target_group"], longer["factor"]) == ("long_term_unemployed", 2.5)
    # a tie (2.5 x 24 both ways) goes to the newcomer
    tie = answer_for({"person.out_of_work_periods": spell("2022-03-01")})
    assert (tie["target_group"], tie["factor"], tie["entitlement_months"]) == ("newcomer", 2.5, 24)


def test_both_groups_with_the_bonus() -> None:
    answer = answer_for({"employer.bydel": "030111", "person.birth_date": "1967-01-01"})
    assert answer["target_group"] == "long_term_unemployed"
    assert answer["factor"] == 2.5  # 2.0 + 0.5
    assert params(answer, "nystartsjobb_factor")["base_factor"] == 2.0


@pytest.mark.parametrize(
    ("percent", "months", "end"),
    [
        (100, 6, "2026-02-28"),
        (50.5, 6, "2026-02-28"),
        (50, 24, "2026-08-31"),
        (20, 24, "2026-08-31"),
    ],
)
def test_innstegsjobb_months_by_position(percent: float, months: int, end: str) -> None:
    answer = answer_for(
        {**INNSTEGSJOBB, "job.position_percent": percent,
         "person.residence_permit": {"kind": "protection", "granted_on": "2024-11-01"}}
    )  # fmt: skip
    assert answer["entitlement_months"] == months
    assert answer["decision_period"] == {"start": "2025-09-01", "end": end}


def test_innstegsjobb_window_ends_36_months_after_the_permit() -> None:
    permit = {"kind": "protection", "granted_on": "2023-01-20"}
    changes = {**INNSTEGSJOBB, "person.residence_permit": permit}
    answer = answer_for(changes)
    assert params(answer, "innstegsjobb_permit_window")["window_end"] == "2026-01-19"
    assert answer["entitlement_months"] == 5
    assert answer["decision_period"] == {"start": "2025-09-01", "end": "2026-01-19"}
    january = answer_for({**changes, "month": "2026-01"})
    # pro rata from the unrounded amount, rounded once (docs/rules/settled-readings.md, "Rounding")
    exact = Decimal("0.80") * Decimal(str(params(january, "innstegsjobb_amount")["wage_cost"]))
    assert january["amount_for_month_nok"] == int(
        (exact * 19 / 31).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    )
    assert answer_for({**changes, "month": "2026-02"})["amount_for_month_nok"] == 0


def test_innstegsjobb_for_a_programme_participant_without_a_permit() -> None:
    answer = answer_for(
        {**INNSTEGSJOBB, "person.residence_permit": None, "person.in_introduction_programme": True}
    )
    assert answer["eligible"] is True
    assert answer["entitlement_months"] == 6  # full time
    assert params(answer, "innstegsjobb_permit_window")["exempt"] is True


def test_innstegsjobb_is_cut_at_67_too() -> None:
    answer = answer_for({**INNSTEGSJOBB, "person.birth_date": "1958-10-15"})
    assert answer["decision_period"] == {"start": "2025-09-01", "end": "2025-10-14"}
    assert answer["entitlement_months"] == 2


# --- the rule set --------------------------------------------------------------------------------


def test_rule_set_left_out_is_picked_by_the_start_date() -> None:
    answer = answer_for({"rule_set": DELETE})
    assert answer["rule_set"] == "nystartsjobb-pilot-v1"
    assert {k: v for k, v in answer.items()} == answer_for({})


@pytest.mark.parametrize("rule_set", [DELETE, "nystartsjobb-pilot-v1"])
def test_start_before_2024_is_a_record_error(rule_set: Any) -> None:
    record = sample_record(
        {"rule_set": rule_set, "application_date": "2023-11-01", "start_date": "2023-12-01",
         "person.residence_permit": {"kind": "protection", "granted_on": "2023-01-01"}}
    )  # fmt: skip
    with pytest.raises(RecordError) as caught:
        evaluate(record)
    assert [e["field"] for e in caught.value.errors] == ["start_date"]
    assert "2023-12-01" in caught.value.errors[0]["message"]


def test_start_on_2024_01_01_is_evaluated() -> None:
    answer = answer_for(
        {"rule_set": DELETE, "month": DELETE, "application_date": "2023-12-01",
         "start_date": "2024-01-01", "person.birth_date": "1980-01-01",
         "person.residence_permit": {"kind": "protection", "granted_on": "2023-01-01"}}
    )  # fmt: skip
    assert answer["eligible"] is True
    assert params(answer, "nystartsjobb_amount")["g"] == 118620
