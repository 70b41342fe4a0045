"""Every settled reading of docs/rules/settled-readings.md (copied from POLICY.md, "Settled readings
of v1"), one test or more each. They apply to v1 and to every later rule set."""

from __future__ import annotations

from typing import Any

import pytest

from subsidies.rules import RecordError, evaluate
from subsidies.rules.kommuner import DATA_FILE, kommune_zones
from subsidies.rules.samples import sample_record

LTU_ONLY = {"person.residence_permit": None}


def answer_for(changes: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    return evaluate(sample_record(changes), **kwargs)


def params(answer: dict[str, Any], code: str) -> dict[str, Any]:
    return next(r["params"] for r in answer["reasons"] if r["code"] == code)


def record_errors(changes: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(RecordError) as caught:
        evaluate(sample_record(changes))
    return {error["field"]: error["message"] for error in caught.value.errors}


# --- Rounding -----------------------------------------------------------------------------------


def test_a_cap_with_a_fraction_of_a_krone_is_used_unrounded() -> None:
    # 0.25 x 136 549 x 0.5 = 17 068.625; round_half_up(2.5 x 0.141 x 17 068.625) = 6 017
    # (a cap rounded down first gave 6 016).
    answer = answer_for(
        {"month": "2026-05", "job.position_percent": 50, "job.monthly_wage_nok": 36000}
    )
    assert params(answer, "nystartsjobb_amount")["cap"] == 17068.625
    assert params(answer, "nystartsjobb_amount")["base"] == 17068.625
    assert answer["monthly_amount_nok"] == answer["amount_for_month_nok"] == 6017


def test_an_innstegsjobb_amount_is_never_above_the_cap() -> None:
    answer = answer_for(
        {"scheme": "innstegsjobb", "month": "2026-05", "job.position_percent": 50,
         "job.monthly_wage_nok": 40000,
         "person.residence_permit": {"kind": "protection", "granted_on": "2024-11-01"}}
    )  # fmt: skip
    assert params(answer, "innstegsjobb_amount")["cap"] == 17068.625
    # round_half_up(0.80 x wage cost) is far above; the amount is floor(cap), not 17 069
    assert answer["monthly_amount_nok"] == 17068


def test_a_pro_rata_month_is_rounded_once_after_the_pro_rata_step() -> None:
    # 2.5 x 0.141 x 30 002 = 10 575.705: the month is 10 576; 16 of 30 days of September are
    # 10 575.705 x 16 / 30 = 5 640.376 -> 5 640 (the rounded 10 576 x 16 / 30 would give 5 641).
    answer = answer_for(
        {"start_date": "2025-09-15", "month": "2025-09", "job.monthly_wage_nok": 30002}
    )
    assert answer["monthly_amount_nok"] == 10576
    assert answer["amount_for_month_nok"] == 5640


# --- The zone -----------------------------------------------------------------------------------


def test_oslo_with_zone_v_is_rejected_naming_the_zone() -> None:
    errors = record_errors({"employer.aga_zone": "V"})
    assert list(errors) == ["employer.aga_zone"]
    assert errors["employer.aga_zone"] == (
        "The kommune 0301 lies in arbeidsgiveravgift zone I, not V."
    )


def test_a_split_kommune_takes_any_of_its_zones() -> None:
    assert kommune_zones()["5059"] == ("I", "II", "III")  # Orkland
    for zone in ("I", "II", "III"):
        answer = answer_for(
            {"scheme": "innstegsjobb", "employer.kommune": "5059", "employer.bydel": None,
             "employer.aga_zone": zone}
        )  # fmt: skip
        assert answer["eligible"] is True
    errors = record_errors({"employer.kommune": "5059", "employer.bydel": None,
                            "employer.aga_zone": "V"})  # fmt: skip
    assert "employer.aga_zone" in errors


def test_a_kommune_not_in_the_table_is_rejected() -> None:
    errors = record_errors({"employer.kommune": "0399", "employer.bydel": None})
    assert errors == {"employer.kommune": "There is no kommune 0399 in the kommune table."}


def test_the_engine_kommune_table_is_the_reference_table() -> None:
    reference = DATA_FILE.parents[3] / "reference" / "data" / "kommuner.csv"
    assert DATA_FILE.read_bytes() == reference.read_bytes()
    assert len(kommune_zones()) == 357


# --- Entitlement months after a cut ------------------------------------------------------------


def test_a_period_cut_by_the_67th_birthday_counts_its_started_month() -> None:
    # born 1959-03-20: the period is cut to 2025-09-01 - 2026-03-19, which has 7 months
    answer = answer_for({"person.birth_date": "1959-03-20"})
    assert answer["eligible"] is True
    assert answer["entitlement_months"] == 7
    assert params(answer, "entitlement_months") == {
        "months": 7, "limit": 24, "end": "2026-03-19"
    }  # fmt: skip
    assert answer["decision_period"] == {"start": "2025-09-01", "end": "2026-03-19"}


def test_an_ineligible_answer_has_no_entitlement_months() -> None:
    answer = answer_for({"job.wage_meets_tariff": False})
    assert answer["eligible"] is False
    assert answer["entitlement_months"] == 0


# --- A spell that reaches the application date -------------------------------------------------


def test_the_trailing_gap_does_not_count_in_the_spell() -> None:
    # application 2025-08-15: the last period ends 2025-05-15, exactly 3 months before, so the
    # spell reaches the application; it is 2023-01-01 - 2025-05-15 = 866 days = 28 months, the
    # 92 days of the gap are not counted (958 days would be 31 months).
    answer = answer_for(
        {**LTU_ONLY, "person.birth_date": "1980-03-10",
         "person.out_of_work_periods": [{"start": "2023-01-01", "end": "2025-05-15"}]}
    )  # fmt: skip
    assert answer["target_group"] == "long_term_unemployed"
    assert params(answer, "nystartsjobb_factor")["absence_months"] == 28
    assert answer["factor"] == 2.0


@pytest.mark.parametrize(("end", "reaches"), [("2024-05-15", True), ("2024-05-14", False)])
def test_a_spell_reaches_when_it_ends_at_most_three_months_before(end: str, reaches: bool) -> None:
    # application 2024-08-15, so 3 months before is 2024-05-15. Out of work from 2023-05-15:
    # 12 of the 15 months either way (366 days with 29 February 2024), but a last period that
    # ends on 2024-05-14 ends more than 3 months before: there is no spell, so no months.
    answer = answer_for(
        {**LTU_ONLY, "person.birth_date": "1980-03-10", "application_date": "2024-08-15",
         "start_date": "2024-09-01", "month": "2024-09",
         "person.out_of_work_periods": [{"start": "2023-05-15", "end": end}]}
    )  # fmt: skip
    assert params(answer, "long_term_unemployed_out_of_work")["months"] == 12
    assert answer["eligible"] is reaches
    if reaches:
        assert params(answer, "nystartsjobb_factor")["absence_months"] == 12  # 367 days
        assert answer["entitlement_months"] == 12
    else:
        failed = [r["code"] for r in answer["reasons"] if not r["passed"]]
        assert failed[0] == "entitlement_months"


# --- The more favourable group -----------------------------------------------------------------

# A newcomer aged 31 (24 months at 2.5 = 60) who is also long-term unemployed with a spell of
# 20 months (2023-12-10 - 2025-08-14, 614 days): the LTU option pays factor x 20 months.
BOTH_GROUPS = {"person.out_of_work_periods": [{"start": "2023-12-10", "end": "2025-08-14"}]}


def test_on_a_tie_the_newcomer_group_is_taken() -> None:
    # LTU at factor 3.0 x 20 months = 60 = the newcomer's 2.5 x 24: the newcomer wins the tie,
    # even though the LTU factor is higher.
    answer = answer_for(BOTH_GROUPS, overrides={"nystartsjobb_factors.absence_short": 3.0})
    assert answer["target_group"] == "newcomer"
    assert answer["factor"] == 2.5
    assert answer["entitlement_months"] == 24


def test_the_larger_factor_times_months_is_taken() -> None:
    answer = answer_for(BOTH_GROUPS, overrides={"nystartsjobb_factors.absence_short": 3.1})
    assert answer["target_group"] == "long_term_unemployed"  # 3.1 x 20 = 62 > 60
    assert answer["factor"] == 3.1
    assert answer["entitlement_months"] == 20
    plain = answer_for(BOTH_GROUPS)  # LTU 1.0 x 20 = 20 < 60
    assert plain["target_group"] == "newcomer"


# --- 29 February -------------------------------------------------------------------------------

LEAPLING = {"person.birth_date": "2000-02-29", "application_date": "2025-02-20"}


def test_a_29_february_birthday_is_reached_on_1_march() -> None:
    # 25 on 1 March 2025, not on 28 February: the newcomer under 25 gets 12 months
    before = answer_for({**LEAPLING, "start_date": "2025-02-28", "month": "2025-02"})
    on = answer_for({**LEAPLING, "start_date": "2025-03-01", "month": "2025-03"})
    assert params(before, "minimum_age")["age"] == 24
    assert params(on, "minimum_age")["age"] == 25
    assert before["entitlement_months"] == 12
    assert on["entitlement_months"] == 24


def test_a_29_february_67th_birthday_is_1_march() -> None:
    answer = answer_for(
        {"person.birth_date": "1960-02-29", "application_date": "2026-08-15",
         "start_date": "2026-09-01", "month": "2026-09",
         "person.residence_permit": {"kind": "protection", "granted_on": "2025-03-01"}}
    )  # fmt: skip
    limit = params(answer, "period_ends_before_age_limit")
    assert limit["birthday"] == "2027-03-01"
    assert limit["last_day"] == "2027-02-28"
    assert answer["decision_period"] == {"start": "2026-09-01", "end": "2027-02-28"}
    assert answer["entitlement_months"] == 6
