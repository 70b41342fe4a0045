"""Sample records: the one in POLICY.md, the worked examples, and a varied set for benchmarks.

Handy for tests, API documentation and demo data. Every function returns a fresh deep copy.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

SAMPLE_RECORD: Mapping[str, Any] = {
    "rule_set": "nystartsjobb-pilot-v1",
    "scheme": "nystartsjobb",
    "application_date": "2025-08-15",
    "start_date": "2025-09-01",
    "month": "2025-09",
    "person": {
        "birth_date": "1994-03-10",
        "residence_permit": {"kind": "protection", "granted_on": "2024-03-01"},
        "in_introduction_programme": False,
        "in_norwegian_tuition": True,
        "out_of_work_periods": [{"start": "2023-01-01", "end": "2025-08-14"}],
    },
    "employer": {
        "orgnr": "988077917",
        "aga_zone": "I",
        "kommune": "0301",
        "bydel": "030105",
        "employees": 20,
        "tax_arrears_nok": 0,
        "family_tie": False,
    },
    "job": {
        "monthly_wage_nok": 30000,
        "position_percent": 100,
        "wage_meets_tariff": True,
        "holiday_pay_rate": 0.12,
        "otp_rate": 0.02,
        "started_before_application": False,
        "other_wage_subsidy": False,
    },
}
"""The record of POLICY.md ("The record the engine reads")."""


def with_changes(record: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """A deep copy of ``record`` with dotted paths set (``"person.birth_date"``) or, for the
    value :data:`DELETE`, removed."""
    result: dict[str, Any] = copy.deepcopy(dict(record))
    for path, value in changes.items():
        *parents, last = path.split(".")
        target: Any = result
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if value is DELETE:
            del target[last]
        elif isinstance(target, list):
            target[int(last)] = copy.deepcopy(value)
        else:
            target[last] = copy.deepcopy(value)
    return result


DELETE: Any = object()
"""Marker for :func:`with_changes`: remove the key."""


def sample_record(changes: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The POLICY.md sample record, optionally with dotted-path changes."""
    return with_changes(SAMPLE_RECORD, changes or {})


WORKED_EXAMPLES: Mapping[str, Mapping[str, Any]] = {
    # newcomer aged 31, protection permit 18 months before the start, 100 %, 30 000, zone I
    "newcomer": {},
    # the same, 20 employees in Stovner (030111): the nystartssone bonus
    "newcomer_nystartssone": {"employer.bydel": "030111"},
    # long-term unemployed aged 45, out of work 30 months (926 days), wage 28 000
    "long_term_unemployed": {
        "person.birth_date": "1980-03-10",
        "person.residence_permit": None,
        "person.out_of_work_periods": [{"start": "2023-02-01", "end": "2025-08-14"}],
        "job.monthly_wage_nok": 28000,
    },
    # aged 35, permit 40 months before, not in the programme, out of work 10 of 15 months
    "no_target_group": {
        "person.birth_date": "1990-01-15",
        "person.residence_permit": {"kind": "protection", "granted_on": "2022-04-15"},
        "person.out_of_work_periods": [{"start": "2024-10-01", "end": "2025-08-14"}],
    },
    # innstegsjobb, newcomer in tuition, 50 %, wage 14 000, zone I, permit 10 months before
    "innstegsjobb": {
        "scheme": "innstegsjobb",
        "person.residence_permit": {"kind": "protection", "granted_on": "2024-11-01"},
        "person.out_of_work_periods": [],
        "job.monthly_wage_nok": 14000,
        "job.position_percent": 50,
    },
}
"""Changes to the sample record that give the worked examples of POLICY.md (month 2025-09)."""


def worked_example(name: str) -> dict[str, Any]:
    return sample_record(WORKED_EXAMPLES[name])


_VARIATIONS: tuple[Mapping[str, Any], ...] = (
    *WORKED_EXAMPLES.values(),
    {"rule_set": DELETE, "month": DELETE},
    {"start_date": "2025-09-15", "month": "2026-09"},
    {"month": "2026-05", "job.monthly_wage_nok": 45000},
    {
        "employer.family_tie": True,
        "employer.aga_zone": "V",
        "employer.kommune": "5601",
        "employer.bydel": None,
    },
    {"job.wage_meets_tariff": False, "employer.tax_arrears_nok": 25000},
    {
        "person.birth_date": "2007-05-02",
        "person.residence_permit": None,
        "person.in_introduction_programme": True,
        "person.out_of_work_periods": [],
    },
    {
        "person.birth_date": "1968-10-20",
        "person.residence_permit": None,
        "person.out_of_work_periods": [
            {"start": "2021-01-01", "end": "2022-06-30"},
            {"start": "2022-08-15", "end": "2023-12-31"},
            {"start": "2024-02-01", "end": None},
        ],
    },
    {
        "person.birth_date": "2002-06-01",
        "person.residence_permit": {"kind": "work", "granted_on": "2020-01-10"},
        "person.out_of_work_periods": [
            {"start": "2024-06-01", "end": "2025-03-31"},
            {"start": "2025-01-01", "end": "2025-08-14"},
        ],
    },
    {
        "scheme": "innstegsjobb",
        "person.residence_permit": {"kind": "family", "granted_on": "2023-01-20"},
        "employer.aga_zone": "IV",
        "employer.kommune": "1806",
        "employer.bydel": None,
        "job.position_percent": 80,
        "job.monthly_wage_nok": 26500.5,
        "month": "2025-10",
    },
    {"person.birth_date": "1958-11-30", "employer.bydel": "030115"},
)


def varied_records() -> list[dict[str, Any]]:
    """A deterministic, varied set of valid records (eligible and not, both schemes)."""
    return [sample_record(changes) for changes in _VARIATIONS]
