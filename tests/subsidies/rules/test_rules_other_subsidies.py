"""Condition 7 against approved subsidies listed in the record (`other_subsidies`,
docs/rules/formats.md and docs/rules/settled-readings.md, "No double subsidy")."""

from __future__ import annotations

from typing import Any

import pytest

from subsidies.rules import RecordError, evaluate, parse_record
from subsidies.rules.samples import sample_record


def _other(start: str, end: str, decision: str = "34") -> dict[str, Any]:
    return {"other_subsidies": [{"decision": decision, "start": start, "end": end}]}


def _reason(answer: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in answer["reasons"] if r["code"] == "no_other_wage_subsidy")


def test_a_subsidy_covering_the_start_date_makes_the_case_ineligible() -> None:
    answer = evaluate(sample_record(_other("2025-03-01", "2025-09-01")))
    assert answer["eligible"] is False
    assert answer["reasons"][0] == {
        "code": "no_other_wage_subsidy",
        "passed": False,
        "params": {"decision": "34", "start": "2025-03-01", "end": "2025-09-01", "until": None},
        "text": "The approved subsidy decision 34 for the same person runs from 2025-03-01 to "
        "2025-09-01 and covers the start date.",
    }


def test_a_later_subsidy_ends_the_decision_the_day_before_it() -> None:
    answer = evaluate(sample_record(_other("2026-01-15", "2026-12-31")))
    assert answer["eligible"] is True
    assert answer["decision_period"] == {"start": "2025-09-01", "end": "2026-01-14"}
    assert answer["entitlement_months"] == 24  # the entitlement itself is not cut
    assert _reason(answer)["params"]["until"] == "2026-01-14"
    limit = next(r for r in answer["reasons"] if r["code"] == "decision_period_limit")
    assert limit["params"]["months"] == 5
    january = evaluate(sample_record({**_other("2026-01-15", "2026-12-31"), "month": "2026-01"}))
    assert january["amount_for_month_nok"] == 4776  # 10 575 x 14 / 31 days of January


def test_a_subsidy_that_ended_before_the_start_does_not_count() -> None:
    answer = evaluate(sample_record(_other("2024-01-01", "2025-08-31")))
    assert answer["eligible"] is True
    assert _reason(answer) == {
        "code": "no_other_wage_subsidy",
        "passed": True,
        "params": {},
        "text": "No other wage subsidy is paid for the same person and period.",
    }


def test_other_subsidies_round_trip_in_the_snapshot() -> None:
    record = sample_record(_other("2026-01-15", "2026-12-31"))
    parsed = parse_record(record)
    assert parse_record(parsed.to_dict()) == parsed
    assert parsed.to_dict()["other_subsidies"] == record["other_subsidies"]
    assert "other_subsidies" not in parse_record(sample_record()).to_dict()


@pytest.mark.parametrize(
    ("value", "fields"),
    [
        ("34", {"other_subsidies"}),
        (["34"], {"other_subsidies.0"}),
        ([{"decision": "", "start": "2025-01-01", "end": "2025-02-01"}],
         {"other_subsidies.0.decision"}),
        ([{"decision": "34", "start": "2025-02-01", "end": "2025-01-01"}],
         {"other_subsidies.0.end"}),
        ([{"decision": "34", "start": "1.1.2025", "end": "2025-01-01", "by": "x"}],
         {"other_subsidies.0.start", "other_subsidies.0.by"}),
        ([{"decision": "34"}], {"other_subsidies.0.start", "other_subsidies.0.end"}),
    ],
)  # fmt: skip
def test_invalid_other_subsidies_are_named(value: Any, fields: set[str]) -> None:
    with pytest.raises(RecordError) as caught:
        parse_record(sample_record({"other_subsidies": value}))
    assert {error["field"] for error in caught.value.errors} == fields
