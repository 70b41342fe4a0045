"""Rule sets: the registry, the dated parameters of v1, what-if variants."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from decimal import Decimal

import pytest

from subsidies.rules import (
    NYSTARTSJOBB_PILOT_V1,
    NYSTARTSJOBB_PILOT_V2,
    RULE_PARAMETER_NAMES,
    RULE_SETS,
    NoRuleSetInForce,
    RuleParameterError,
    UnknownRuleSet,
    evaluate,
    evaluate_record,
    get_rule_set,
    parse_record,
    rule_set_for,
)
from subsidies.rules.grunnbelop import CSV_PATH, read_csv
from subsidies.rules.samples import sample_record, worked_example

V1 = NYSTARTSJOBB_PILOT_V1
V2 = NYSTARTSJOBB_PILOT_V2


def test_registry() -> None:
    assert RULE_SETS == (V1, V2)
    assert V1.version == "nystartsjobb-pilot-v1"
    assert (V1.valid_from, V1.valid_to) == (date(2024, 1, 1), date(2026, 12, 31))
    assert (V2.valid_from, V2.valid_to) == (date(2027, 1, 1), None)
    assert get_rule_set("nystartsjobb-pilot-v1") is V1
    assert get_rule_set("nystartsjobb-pilot-v2") is V2
    assert rule_set_for(date(2024, 1, 1)) is V1
    assert rule_set_for(date(2026, 12, 31)) is V1
    assert rule_set_for(date(2027, 1, 1)) is V2
    assert rule_set_for(date(2031, 6, 1)) is V2
    with pytest.raises(NoRuleSetInForce):
        rule_set_for(date(2023, 12, 31))
    with pytest.raises(UnknownRuleSet, match="nystartsjobb-pilot-v1"):
        get_rule_set("v2")


def test_rule_sets_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        V1.innstegsjobb_share = Decimal("0.9")  # type: ignore[misc]
    with pytest.raises(TypeError):
        V1.aga_zone_rates["I"] = Decimal(0)  # type: ignore[index]


def test_every_number_of_the_policy_is_a_parameter_of_v1() -> None:
    values = V1.parameters()
    assert values["grunnbelop"]["2023-05-01"] == 118620
    assert values["grunnbelop"]["2024-05-01"] == 124028
    assert values["grunnbelop"]["2025-05-01"] == 130160
    assert values["grunnbelop"]["2026-05-01"] == 136549
    expected = {
        "nystartsjobb_reference_rate": "0.141",
        "aga_zone_rates.I": "0.141",
        "aga_zone_rates.Ia": "0.106",
        "aga_zone_rates.II": "0.106",
        "aga_zone_rates.III": "0.064",
        "aga_zone_rates.IV": "0.051",
        "aga_zone_rates.IVa": "0.079",
        "aga_zone_rates.V": "0.0",
        "monthly_cap_share": "0.25",
        "innstegsjobb_cap_share": "0.25",
        "out_of_work_rounding": "down",
        "newcomer_window_months": 36,
        "innstegsjobb_share": "0.80",
        "tax_arrears_limit_nok": "10000",
        "nystartssone_bydeler": ["030109", "030110", "030111", "030112", "030115"],
        "nystartssone_employee_limit": 50,
        "decision_max_months": 12,
        "nystartsjobb_factors.newcomer": "2.5",
        "nystartsjobb_factors.absence_long": "2.5",
        "nystartsjobb_factors.absence_medium": "2.0",
        "nystartsjobb_factors.absence_short": "1.0",
        "nystartsjobb_factors.nystartssone_bonus": "0.5",
        "absence_long_months": 36,
        "absence_medium_months": 24,
        "newcomer_months": 24,
        "newcomer_young_months": 12,
        "newcomer_young_below_age": 25,
        "ltu_young_min_age": 20,
        "ltu_adult_min_age": 25,
        "ltu_senior_min_age": 55,
        "ltu_young_required_months": 6,
        "ltu_young_window_months": 9,
        "ltu_adult_required_months": 12,
        "ltu_adult_window_months": 15,
        "ltu_young_max_months": 12,
        "ltu_adult_max_months": 24,
        "ltu_senior_multiplier": 2,
        "ltu_senior_max_months": 48,
        "gap_tolerance_months": 3,
        "days_per_month": "30.4375",
        "minimum_age": 20,
        "minimum_age_introduction_programme": 18,
        "age_limit": 67,
        "innstegsjobb_part_time_limit_percent": "50",
        "innstegsjobb_months_above_limit": 6,
        "innstegsjobb_months_otherwise": 24,
        "innstegsjobb_permit_window_months": 36,
        "newcomer_permit_kinds": ["protection", "family"],
    }
    assert {name: values[name] for name in expected} == expected
    assert set(values) == set(RULE_PARAMETER_NAMES) == set(expected) | {"grunnbelop"}
    json.dumps(values)


def test_the_g_history_is_the_shipped_csv() -> None:
    table = read_csv()
    assert table == V1.grunnbelop
    assert len(table.entries) == 73
    assert table.entries[0] == (date(1967, 1, 1), Decimal(5400))
    assert CSV_PATH.read_bytes().startswith(b"dato,belop,kilder\n1967-01-01,5400,AB\n")
    assert table.in_force_on(date(2026, 4, 30)) == 130160
    assert table.in_force_on(date(2026, 5, 1)) == 136549
    assert table.in_force_on(date(1966, 12, 31)) is None
    assert table.for_month(2030, 1) == 136549  # the last known G goes on applying


def test_with_overrides_makes_a_new_frozen_variant() -> None:
    variant = V1.with_overrides(
        {"innstegsjobb_share": "0.7", "nystartsjobb_factors.newcomer": "3.0"}
    )
    assert variant.version == "nystartsjobb-pilot-v1+whatif"
    assert variant.innstegsjobb_share == Decimal("0.7")
    assert variant.nystartsjobb_factors.newcomer == Decimal("3.0")
    assert variant.nystartsjobb_factors.absence_long == Decimal("2.5")
    assert variant.overridden == (
        ("innstegsjobb_share", '"0.7"'),
        ("nystartsjobb_factors.newcomer", '"3.0"'),
    )
    assert V1.innstegsjobb_share == Decimal("0.80")  # the original is untouched
    again = variant.with_overrides({"aga_zone_rates.V": 0.05})
    assert again.version == "nystartsjobb-pilot-v1+whatif"
    assert again.aga_zone_rates["V"] == Decimal("0.05")
    assert again.innstegsjobb_share == Decimal("0.7")
    assert len(again.overridden) == 3


def test_overrides_of_every_kind() -> None:
    variant = V1.with_overrides(
        {
            "decision_max_months": 6,
            "newcomer_window_months": "48",
            "nystartssone_bydeler": ["030101"],
            "newcomer_permit_kinds": ["protection", "family", "work"],
            "grunnbelop": {"2027-05-01": 142000},
            "days_per_month": 30,
        }
    )
    assert variant.decision_max_months == 6
    assert variant.newcomer_window_months == 48
    assert variant.bydel_set == frozenset({"030101"})
    assert "work" in variant.permit_kind_set
    assert variant.grunnbelop.for_month(2027, 5) == 142000
    assert variant.grunnbelop.for_month(2027, 4) == 136549
    assert variant.days_per_month_ratio == (30, 1)


def test_unknown_and_bad_overrides_are_refused_together() -> None:
    with pytest.raises(RuleParameterError) as caught:
        V1.with_overrides(
            {
                "innstegsjobb_shares": "0.7",
                "monthly_cap_share": "a lot",
                "decision_max_months": -1,
                "newcomer_permit_kinds": ["tourist"],
                "grunnbelop": {"May": 1},
                "nystartsjobb_factors.nobody": 1,
            }
        )
    fields = [e["field"] for e in caught.value.errors]
    assert fields == [
        "innstegsjobb_shares",
        "monthly_cap_share",
        "decision_max_months",
        "newcomer_permit_kinds",
        "grunnbelop",
        "nystartsjobb_factors.nobody",
    ]
    assert caught.value.errors[0]["message"] == "Unknown rule parameter."
    assert "innstegsjobb_shares" in str(caught.value)


def test_evaluate_with_overrides() -> None:
    answer = evaluate(
        worked_example("innstegsjobb"),
        overrides={"innstegsjobb_share": "0.7", "nystartsjobb_factors.newcomer": "3.0"},
    )
    assert answer["rule_set"] == "nystartsjobb-pilot-v1+whatif"
    assert answer["monthly_amount_nok"] == 12774  # 0.7 x 18 248.6976
    answer = evaluate(worked_example("newcomer"), overrides={"nystartsjobb_factors.newcomer": 3})
    assert (answer["factor"], answer["monthly_amount_nok"]) == (3.0, 12690)


def test_evaluate_reports_bad_overrides_under_overrides() -> None:
    with pytest.raises(RuleParameterError) as caught:
        evaluate(sample_record(), overrides={"nope": 1})
    assert caught.value.errors == [
        {"field": "overrides.nope", "message": "Unknown rule parameter."}
    ]


def test_evaluate_record_with_a_prepared_variant() -> None:
    record = parse_record(sample_record({"rule_set": None}))
    variant = V1.with_overrides({"decision_max_months": 24})
    answer = evaluate_record(record, rule_set=variant)
    assert answer["rule_set"] == variant.version
    assert answer["decision_period"] == {"start": "2025-09-01", "end": "2027-08-31"}


def test_parameter_names_are_listed_once() -> None:
    assert len(RULE_PARAMETER_NAMES) == len(set(RULE_PARAMETER_NAMES))
    assert "innstegsjobb_share" in RULE_PARAMETER_NAMES
    assert "nystartsjobb_factors.newcomer" in RULE_PARAMETER_NAMES
    assert "version" not in RULE_PARAMETER_NAMES
