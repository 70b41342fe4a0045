"""The conditions on everyone (POLICY.md, "Conditions on everyone", 1-8)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from . import messages as m
from . import reasons as r
from .money import to_json_number
from .parameters import RuleSet
from .periods import birthday
from .reasons import Params, Reasons
from .record import OtherSubsidy, Record


class Limits(NamedTuple):
    age_last_day: date
    """The last day before the age-limit birthday: the entitlement ends by it."""
    subsidy_last_day: date | None
    """The day before another approved subsidy for the person begins: the decision ends by it."""


def check_everyone(record: Record, rule_set: RuleSet, age: int, reasons: Reasons) -> Limits:
    """Add a reason for each condition; return the days the entitlement and decision end by."""
    person, employer, job = record.person, record.employer, record.job

    # 1. minimum age (lower for a participant in the introduction programme)
    limit = (
        rule_set.minimum_age_introduction_programme
        if person.in_introduction_programme
        else rule_set.minimum_age
    )
    reasons.add(r.MINIMUM_AGE, age >= limit, m.MINIMUM_AGE, {"age": age, "limit": limit})

    # 2. the period ends no later than the day before the 67th birthday
    limit_birthday = birthday(person.birth_date, rule_set.age_limit)
    last_day = date.fromordinal(limit_birthday.toordinal() - 1)
    before = record.start_date < limit_birthday
    reasons.add(
        r.AGE_LIMIT,
        before,
        m.AGE_LIMIT_PERIOD if before else m.AGE_LIMIT_REACHED,
        {
            "age_limit": rule_set.age_limit,
            "birthday": limit_birthday.isoformat(),
            "last_day": last_day.isoformat(),
        },
    )

    # 3. a valid organisasjonsnummer (the parser already refuses others)
    valid = employer.orgnr_valid
    reasons.add(
        r.EMPLOYER_ORGNR_VALID,
        valid,
        m.ORGNR_VALID if valid else m.ORGNR_INVALID,
        {"orgnr": employer.orgnr},
    )

    # 4. employer tax arrears
    arrears_limit = rule_set.tax_arrears_limit_nok
    reasons.add(
        r.EMPLOYER_TAX_ARREARS,
        employer.tax_arrears_nok <= arrears_limit,
        m.TAX_ARREARS,
        {"arrears": to_json_number(employer.tax_arrears_nok), "limit": rule_set.json.arrears_limit},
    )

    # 5. the wage meets the collective agreement
    tariff = job.wage_meets_tariff
    reasons.add(
        r.WAGE_MEETS_TARIFF, tariff, m.WAGE_MEETS_TARIFF if tariff else m.WAGE_BELOW_TARIFF, {}
    )

    # 6. the job did not start before the application date
    started_before = job.started_before_application or record.start_date < record.application_date
    reasons.add(
        r.JOB_NOT_STARTED_BEFORE_APPLICATION,
        not started_before,
        m.JOB_STARTED_BEFORE_APPLICATION if started_before else m.JOB_STARTS_AFTER_APPLICATION,
        {
            "start_date": record.start_date.isoformat(),
            "application_date": record.application_date.isoformat(),
            "started_before_application": job.started_before_application,
        },
    )

    # 7. no other wage subsidy for the same person and period: the declared fact, and the
    # approved subsidies the record lists (Innsteg's own decisions). One that covers the start
    # date blocks; one that starts later ends this decision the day before it.
    other = job.other_wage_subsidy
    subsidy_last_day: date | None = None
    if other or not record.other_subsidies:
        reasons.add(
            r.NO_OTHER_WAGE_SUBSIDY,
            not other,
            m.OTHER_WAGE_SUBSIDY if other else m.NO_OTHER_WAGE_SUBSIDY,
            {},
        )
    else:
        start = record.start_date
        covering = next((o for o in record.other_subsidies if o.start <= start <= o.end), None)
        if covering is not None:
            reasons.add(
                r.NO_OTHER_WAGE_SUBSIDY,
                False,
                m.OTHER_SUBSIDY_COVERS_START,
                _other_params(covering, None),
            )
        else:
            later = [o for o in record.other_subsidies if o.start > start]
            if later:
                first = min(later, key=lambda o: (o.start, o.decision))
                subsidy_last_day = date.fromordinal(first.start.toordinal() - 1)
                reasons.add(
                    r.NO_OTHER_WAGE_SUBSIDY,
                    True,
                    m.OTHER_SUBSIDY_LATER,
                    _other_params(first, subsidy_last_day),
                )
            else:
                reasons.add(r.NO_OTHER_WAGE_SUBSIDY, True, m.NO_OTHER_WAGE_SUBSIDY, {})

    # 8. a family tie sends the case to manual review (it never blocks)
    tie = employer.family_tie
    reasons.add(r.FAMILY_TIE, not tie, m.FAMILY_TIE if tie else m.NO_FAMILY_TIE, {})
    return Limits(last_day, subsidy_last_day)


def _other_params(other: OtherSubsidy, until: date | None) -> Params:
    return {
        "decision": other.decision,
        "start": other.start.isoformat(),
        "end": other.end.isoformat(),
        "until": None if until is None else until.isoformat(),
    }
