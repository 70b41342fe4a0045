"""nystartsjobb: the factor, the monthly amount and the months of entitlement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from . import messages as m
from . import reasons as r
from .money import monthly_cap, round_half_up, to_json_number
from .parameters import RuleSet
from .periods import entitlement
from .reasons import Params, Reasons
from .record import Record
from .vocabulary import LONG_TERM_UNEMPLOYED, NEWCOMER

_ZERO = Decimal(0)


class Option(NamedTuple):
    """What one target group would give: the factor and the entitlement."""

    group: str
    base_factor: Decimal
    factor: Decimal
    rule_months: int
    """Months under the group's rule, before the age-limit cut."""
    last_day: date | None
    months: int
    absence_months: int | None = None


def nystartssone_bonus(record: Record, rule_set: RuleSet, reasons: Reasons) -> Decimal:
    """The bonus added to the factor for a small firm in a designated district (else 0)."""
    employer = record.employer
    bonus = rule_set.nystartsjobb_factors.nystartssone_bonus
    limit = rule_set.nystartssone_employee_limit
    params: Params = {
        "bydel": employer.bydel,
        "employees": employer.employees,
        "limit": limit,
        "bonus": rule_set.json.nystartssone_bonus,
    }
    if employer.bydel not in rule_set.bydel_set:
        reasons.add(r.NYSTARTSSONE_BONUS, False, m.NYSTARTSSONE_OUTSIDE, params)
        return _ZERO
    if employer.employees >= limit:
        reasons.add(r.NYSTARTSSONE_BONUS, False, m.NYSTARTSSONE_TOO_LARGE, params)
        return _ZERO
    reasons.add(r.NYSTARTSSONE_BONUS, True, m.NYSTARTSSONE_BONUS, params)
    return bonus


def newcomer_option(
    rule_set: RuleSet, age: int, start: date, latest: date, bonus: Decimal
) -> Option:
    """Newcomer: 24 months (12 under 25 on the start date)."""
    rule_months = (
        rule_set.newcomer_young_months
        if age < rule_set.newcomer_young_below_age
        else rule_set.newcomer_months
    )
    base = rule_set.nystartsjobb_factors.newcomer
    last_day, months = entitlement(start, rule_months, latest)
    return Option(NEWCOMER, base, base + bonus, rule_months, last_day, months)


def long_term_unemployed_option(
    rule_set: RuleSet, age: int, absence: int, start: date, latest: date, bonus: Decimal
) -> Option:
    """LTU: the factor by absence; months equal to the absence, capped by age band."""
    factors = rule_set.nystartsjobb_factors
    if absence >= rule_set.absence_long_months:
        base = factors.absence_long
    elif absence >= rule_set.absence_medium_months:
        base = factors.absence_medium
    else:
        base = factors.absence_short
    if age < rule_set.ltu_adult_min_age:
        rule_months = min(absence, rule_set.ltu_young_max_months)
    elif age < rule_set.ltu_senior_min_age:
        rule_months = min(absence, rule_set.ltu_adult_max_months)
    else:
        rule_months = min(rule_set.ltu_senior_multiplier * absence, rule_set.ltu_senior_max_months)
    last_day, months = entitlement(start, rule_months, latest)
    return Option(LONG_TERM_UNEMPLOYED, base, base + bonus, rule_months, last_day, months, absence)


def more_favourable(newcomer: Option, ltu: Option) -> Option:
    """The option with the larger factor x entitlement months (after every cut); the newcomer
    option on a tie (docs/rules/settled-readings.md, "More favourable")."""
    if ltu.factor * ltu.months > newcomer.factor * newcomer.months:
        return ltu
    return newcomer


def monthly_amount(
    record: Record, rule_set: RuleSet, factor: Decimal, grunnbelop: Decimal
) -> tuple[int, Decimal, Decimal, Decimal]:
    """(amount, cap, base, exact amount): amount = round_half_up(factor x rate x min(wage, cap)),
    the cap used unrounded."""
    cap = monthly_cap(rule_set.monthly_cap_share, grunnbelop, record.job.position_percent)
    wage = record.job.monthly_wage_nok
    base = wage if wage < cap else cap
    exact = factor * rule_set.nystartsjobb_reference_rate * base
    return round_half_up(exact), cap, base, exact


def factor_reason(rule_set: RuleSet, option: Option, bonus: Decimal, reasons: Reasons) -> None:
    params: Params = {
        "group": option.group,
        "factor": float(option.factor),
        "base_factor": float(option.base_factor),
        "bonus": float(bonus),
    }
    if option.absence_months is None:
        message = m.NYSTARTSJOBB_FACTOR_NEWCOMER_BONUS if bonus else m.NYSTARTSJOBB_FACTOR_NEWCOMER
    else:
        params["absence_months"] = option.absence_months
        params["gap_months"] = rule_set.gap_tolerance_months
        message = m.NYSTARTSJOBB_FACTOR_LTU_BONUS if bonus else m.NYSTARTSJOBB_FACTOR_LTU
    reasons.add(r.NYSTARTSJOBB_FACTOR, True, message, params)


def amount_reason(
    rule_set: RuleSet,
    factor: Decimal,
    amount: int,
    cap: Decimal,
    base: Decimal,
    grunnbelop: Decimal,
    month: str,
    reasons: Reasons,
) -> None:
    reasons.add(
        r.NYSTARTSJOBB_AMOUNT,
        True,
        m.NYSTARTSJOBB_AMOUNT,
        {
            "amount": amount,
            "factor": float(factor),
            "rate": rule_set.json.reference_rate,
            "base": to_json_number(base),
            "cap": to_json_number(cap),
            "g": to_json_number(grunnbelop),
            "month": month,
        },
    )
