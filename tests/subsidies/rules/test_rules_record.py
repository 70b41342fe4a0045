"""Parsing the JSON record: what is refused, and under which field name."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from subsidies.rules import Record, RecordError, evaluate, parse_record
from subsidies.rules.samples import DELETE, SAMPLE_RECORD, sample_record, varied_records

DATE = "Must be a date written as YYYY-MM-DD."
PERCENT = "Must be more than 0 and at most 100."
RATE = "Must be at least 0 and less than 1."


def errors_for(changes: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(RecordError) as caught:
        parse_record(sample_record(changes))
    return {e["field"]: e["message"] for e in caught.value.errors}


def test_the_sample_parses() -> None:
    record = parse_record(SAMPLE_RECORD)
    assert isinstance(record, Record)
    assert record.start_date == date(2025, 9, 1)
    assert record.month == date(2025, 9, 1)
    assert record.job.monthly_wage_nok == Decimal(30000)
    assert record.job.holiday_pay_rate == Decimal("0.12")
    assert record.person.residence_permit is not None
    assert record.person.residence_permit.kind == "protection"


def test_to_dict_round_trips() -> None:
    for raw in varied_records():
        record = parse_record(raw)
        again = parse_record(json.loads(json.dumps(record.to_dict())))
        assert again == record
        assert evaluate(record.to_dict()) == evaluate(raw)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"scheme": DELETE}, "scheme", "This field is required."),
        ({"person.birth_date": DELETE}, "person.birth_date", "This field is required."),
        ({"person.residence_permit": DELETE}, "person.residence_permit", "This field is required."),
        ({"employer.bydel": DELETE}, "employer.bydel", "This field is required."),
        ({"job.monthly_wage_nok": DELETE}, "job.monthly_wage_nok", "This field is required."),
        ({"person": None}, "person", "Must be an object."),
        ({"employer": []}, "employer", "Must be an object."),
        ({"person.birth_date": "10.03.1994"}, "person.birth_date", DATE),
        ({"person.birth_date": "1994-02-30"}, "person.birth_date", DATE),
        ({"application_date": "20250815"}, "application_date", DATE),
        ({"start_date": 20250901}, "start_date", DATE),
        ({"month": "2025-13"}, "month", "Must be a month written as YYYY-MM."),
        ({"month": "2025-9"}, "month", "Must be a month written as YYYY-MM."),
        ({"month": "2025-09-01"}, "month", "Must be a month written as YYYY-MM."),
        ({"employer.orgnr": "988077918"}, "employer.orgnr",
         "Not a valid organisation number (the mod-11 check fails)."),
        ({"employer.orgnr": "98807791"}, "employer.orgnr", "Must be 9 digits."),
        ({"employer.orgnr": 988077917}, "employer.orgnr", "Must be a string."),
        ({"job.monthly_wage_nok": -1}, "job.monthly_wage_nok", "Must not be negative."),
        ({"job.monthly_wage_nok": "30000"}, "job.monthly_wage_nok", "Must be a number."),
        ({"job.monthly_wage_nok": True}, "job.monthly_wage_nok", "Must be a number."),
        ({"job.monthly_wage_nok": float("nan")}, "job.monthly_wage_nok", "Must be a number."),
        ({"employer.tax_arrears_nok": -5}, "employer.tax_arrears_nok", "Must not be negative."),
        ({"employer.employees": 20.5}, "employer.employees", "Must be a whole number."),
        ({"employer.employees": -1}, "employer.employees", "Must not be negative."),
        ({"job.position_percent": 0}, "job.position_percent", PERCENT),
        ({"job.position_percent": 100.5}, "job.position_percent",
         PERCENT),
        ({"job.holiday_pay_rate": 1.2}, "job.holiday_pay_rate", RATE),
        ({"scheme": "lonnstilskudd"}, "scheme", "Must be one of: nystartsjobb, innstegsjobb."),
        ({"rule_set": "nystartsjobb-pilot-v9"}, "rule_set",
         "Unknown rule set (known: nystartsjobb-pilot-v1, nystartsjobb-pilot-v2)."),
        ({"employer.aga_zone": "VI"}, "employer.aga_zone",
         "Must be one of: I, Ia, II, III, IV, IVa, V."),
        ({"person.residence_permit.kind": "tourist"}, "person.residence_permit.kind",
         "Must be one of: protection, family, work, study, other."),
        ({"person.in_norwegian_tuition": "yes"}, "person.in_norwegian_tuition",
         "Must be true or false."),
        ({"employer.family_tie": None}, "employer.family_tie", "Must be true or false."),
        ({"employer.kommune": "301"}, "employer.kommune", "Must be a kommune number of 4 digits."),
        ({"employer.bydel": "0301011"}, "employer.bydel", "Must be a bydel number of 6 digits."),
        ({"employer.bydel": "460101"}, "employer.bydel",
         "The bydel 460101 does not lie in the kommune 0301."),
        ({"person.out_of_work_periods": {}}, "person.out_of_work_periods", "Must be a list."),
        ({"person.out_of_work_periods.0.end": "2022-12-31"}, "person.out_of_work_periods.0.end",
         "The end is before the start."),
        ({"person.out_of_work_periods.0.start": "yesterday"},
         "person.out_of_work_periods.0.start", DATE),
        ({"person.out_of_work_periods": ["2023-01-01"]}, "person.out_of_work_periods.0",
         "Must be an object."),
        ({"person.birth_date": "2025-09-01"}, "person.birth_date",
         "The birth date must be before the start date."),
        ({"person.residence_permit.granted_on": "2025-08-16"},
         "person.residence_permit.granted_on",
         "The residence permit cannot be granted after the application date."),
        ({"job.hourly_wage": 200}, "job.hourly_wage", "Unknown field."),
        ({"extra": 1}, "extra", "Unknown field."),
    ],
)  # fmt: skip
def test_invalid_field(changes: dict[str, Any], field: str, message: str) -> None:
    assert errors_for(changes) == {field: message}


def test_all_errors_are_collected() -> None:
    errors = errors_for(
        {
            "scheme": "other",
            "person.birth_date": "1994-13-10",
            "person.out_of_work_periods": [
                {"start": "2023-01-01", "end": "2023-06-30"},
                {"start": "2024-01-01", "end": "2023-12-31"},
            ],
            "employer.orgnr": "123456789",
            "job.monthly_wage_nok": -30000,
            "job.position_percent": 150,
        }
    )
    assert set(errors) == {
        "scheme",
        "person.birth_date",
        "person.out_of_work_periods.1.end",
        "employer.orgnr",
        "job.monthly_wage_nok",
        "job.position_percent",
    }


def test_rates_are_required_for_innstegsjobb_only() -> None:
    without = {"job.holiday_pay_rate": DELETE, "job.otp_rate": DELETE}
    assert parse_record(sample_record(without)).job.holiday_pay_rate is None
    assert parse_record(sample_record({"job.otp_rate": None})).job.otp_rate is None
    assert errors_for({**without, "scheme": "innstegsjobb"}) == {
        "job.holiday_pay_rate": "This field is required for an innstegsjobb.",
        "job.otp_rate": "This field is required for an innstegsjobb.",
    }


def test_optional_fields() -> None:
    record = parse_record(sample_record({"rule_set": DELETE, "month": DELETE}))
    assert record.rule_set is None and record.month is None
    record = parse_record(sample_record({"rule_set": None, "month": None}))
    assert record.rule_set is None and record.month is None
    record = parse_record(sample_record({"person.residence_permit": None, "employer.bydel": None}))
    assert record.person.residence_permit is None and record.employer.bydel is None


def test_open_ended_period() -> None:
    record = parse_record(sample_record({"person.out_of_work_periods.0.end": None}))
    assert record.person.out_of_work_periods[0].end is None
    assert evaluate(record.to_dict())["eligible"] is True


def test_not_an_object() -> None:
    with pytest.raises(RecordError) as caught:
        parse_record(["not", "a", "record"])
    assert caught.value.errors == [{"field": "", "message": "Must be an object."}]


def test_numbers_may_be_decimals() -> None:
    record = parse_record(sample_record({"job.monthly_wage_nok": Decimal("30000.50")}))
    assert record.job.monthly_wage_nok == Decimal("30000.50")


def test_record_error_is_a_value_error_with_a_readable_message() -> None:
    with pytest.raises(ValueError, match=r"employer\.orgnr: Must be 9 digits\."):
        evaluate(sample_record({"employer.orgnr": "1"}))
