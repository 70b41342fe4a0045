"""The engine's input record for a case, from the agreement, the employer and the person's facts.

A case's facts come as a flat row (`CASE_ROW_FIELDS`, as `.values()` gives them), so that a
recomputation of thousands of cases reads them in one query without building model instances;
`case_row()` makes the same row from a case whose `CASE_RECORD_RELATIONS` are loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Max, Min, QuerySet

from subsidies.models import (
    CASE_FACT_FIELDS,
    Decision,
    DecisionOutcome,
    PersonFacts,
    SubsidyCase,
)
from subsidies.rules.money import to_json_number

CASE_RECORD_RELATIONS = ("agreement", "organisation", "newcomer__subsidy_facts")

_FACTS = "newcomer__subsidy_facts__"
CASE_ROW_FIELDS = (
    "pk",
    "newcomer_id",
    "scheme",
    "application_date",
    *CASE_FACT_FIELDS,
    "holiday_pay_rate",
    "otp_rate",
    "agreement__start_date",
    "agreement__monthly_wage_nok",
    "agreement__position_percent",
    "organisation__orgnr",
    "organisation__aga_zone",
    "organisation__kommune_id",
    "organisation__bydel_id",
    "organisation__employees",
    f"{_FACTS}person_id",
    f"{_FACTS}birth_date",
    f"{_FACTS}permit_kind",
    f"{_FACTS}permit_granted_on",
    f"{_FACTS}in_introduction_programme",
    f"{_FACTS}in_norwegian_tuition",
    f"{_FACTS}out_of_work_periods",
)


def person_facts_of(case: SubsidyCase) -> PersonFacts | None:
    try:
        return case.newcomer.subsidy_facts
    except ObjectDoesNotExist:
        return None


def case_row(case: SubsidyCase) -> dict[str, Any]:
    """The row of CASE_ROW_FIELDS for a loaded case."""
    agreement, organisation, facts = case.agreement, case.organisation, person_facts_of(case)
    row: dict[str, Any] = {
        "pk": case.pk,
        "newcomer_id": case.newcomer_id,
        "scheme": case.scheme,
        "application_date": case.application_date,
        **{name: getattr(case, name) for name in CASE_FACT_FIELDS},
        "holiday_pay_rate": case.holiday_pay_rate,
        "otp_rate": case.otp_rate,
        "agreement__start_date": agreement.start_date,
        "agreement__monthly_wage_nok": agreement.monthly_wage_nok,
        "agreement__position_percent": agreement.position_percent,
        "organisation__orgnr": organisation.orgnr,
        "organisation__aga_zone": organisation.aga_zone,
        "organisation__kommune_id": organisation.kommune_id,
        "organisation__bydel_id": organisation.bydel_id,
        "organisation__employees": organisation.employees,
    }
    for name in CASE_ROW_FIELDS:
        if name.startswith(_FACTS):
            field = name.removeprefix(_FACTS)
            row[name] = getattr(facts, field) if facts is not None else None
    return row


def missing_from_row(row: Mapping[str, Any]) -> list[str]:
    """The facts nobody has given yet, by field name; the case is computed once there are none."""
    missing = [name for name in CASE_FACT_FIELDS if row[name] is None]
    if row[f"{_FACTS}person_id"] is None:
        missing.insert(0, "person_facts")
    if row["agreement__monthly_wage_nok"] is None:
        missing.append("agreement.monthly_wage_nok")
    return missing


def missing_facts(case: SubsidyCase) -> list[str]:
    return missing_from_row(case_row(case))


def approved_subsidies(
    newcomer_ids: Iterable[int] | QuerySet[Any],
) -> dict[int, list[dict[str, Any]]]:
    """The approved subsidy decisions of these people (ids, or a query of ids), for rule 7 (no
    other wage subsidy for the same person and period), in one query: newcomer id ->
    [{"case", "decision", "start", "end"}] ordered by start, the period being the decision's first
    to last day."""
    ids: Any = newcomer_ids if isinstance(newcomer_ids, QuerySet) else sorted(set(newcomer_ids))
    found: dict[int, list[dict[str, Any]]] = {}
    if not isinstance(ids, QuerySet) and not ids:
        return found
    decisions = (
        Decision.objects.filter(outcome=DecisionOutcome.APPROVED, case__newcomer_id__in=ids)
        .annotate(first=Min("periods__start"), last=Max("periods__end"))
        .filter(first__isnull=False)
        .order_by("first", "pk")
        .values_list("pk", "case_id", "case__newcomer_id", "first", "last")
    )
    for pk, case_id, newcomer_id, first, last in decisions:
        found.setdefault(newcomer_id, []).append(
            {"case": case_id, "decision": pk, "start": first, "end": last}
        )
    return found


def other_subsidies_for(
    row: Mapping[str, Any], approved: Mapping[int, list[dict[str, Any]]]
) -> list[dict[str, str]]:
    """The record's `other_subsidies`: the person's approved decisions on other cases."""
    return [
        {
            "decision": str(item["decision"]),
            "start": item["start"].isoformat(),
            "end": item["end"].isoformat(),
        }
        for item in approved.get(row["newcomer_id"], ())
        if item["case"] != row["pk"]
    ]


def record_from_row(
    row: Mapping[str, Any], *, other_subsidies: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    """The record of POLICY.md (docs/rules/formats.md); call only when `missing_from_row(row)`
    is empty. `other_subsidies` (from `other_subsidies_for`) is added when there are any."""
    permit_kind, granted = row[f"{_FACTS}permit_kind"], row[f"{_FACTS}permit_granted_on"]
    record = {
        "scheme": row["scheme"],
        "application_date": row["application_date"].isoformat(),
        "start_date": row["agreement__start_date"].isoformat(),
        "person": {
            "birth_date": row[f"{_FACTS}birth_date"].isoformat(),
            "residence_permit": {"kind": permit_kind, "granted_on": granted.isoformat()}
            if permit_kind and granted is not None
            else None,
            "in_introduction_programme": row[f"{_FACTS}in_introduction_programme"],
            "in_norwegian_tuition": row[f"{_FACTS}in_norwegian_tuition"],
            "out_of_work_periods": list(row[f"{_FACTS}out_of_work_periods"]),
        },
        "employer": {
            "orgnr": row["organisation__orgnr"],
            "aga_zone": row["organisation__aga_zone"],
            "kommune": row["organisation__kommune_id"],
            "bydel": row["organisation__bydel_id"],
            "employees": row["organisation__employees"],
            "tax_arrears_nok": to_json_number(row["tax_arrears_nok"]),
            "family_tie": row["family_tie"],
        },
        "job": {
            "monthly_wage_nok": to_json_number(row["agreement__monthly_wage_nok"]),
            "position_percent": row["agreement__position_percent"],
            "wage_meets_tariff": row["wage_meets_tariff"],
            "holiday_pay_rate": to_json_number(row["holiday_pay_rate"]),
            "otp_rate": to_json_number(row["otp_rate"]),
            # The engine also compares the start date with the application date itself.
            "started_before_application": False,
            "other_wage_subsidy": row["other_wage_subsidy"],
        },
    }
    if other_subsidies:
        record["other_subsidies"] = other_subsidies
    return record


def case_record(case: SubsidyCase) -> dict[str, Any]:
    row = case_row(case)
    others = other_subsidies_for(row, approved_subsidies([case.newcomer_id]))
    return record_from_row(row, other_subsidies=others)
