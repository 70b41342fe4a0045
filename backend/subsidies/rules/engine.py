"""The public entry points: a JSON record in, the JSON answer of POLICY.md out."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from . import innstegsjobb, nystartsjobb
from . import messages as m
from . import reasons as r
from .conditions import check_everyone
from .errors import ErrorCollector, RecordError, RuleParameterError
from .money import prorate_exact
from .parameters import (
    NoRuleSetInForce,
    RuleSet,
    UnknownRuleSet,
    get_rule_set,
    rule_set_for,
    rule_set_versions,
)
from .periods import (
    age_on,
    days_in_month,
    entitlement,
    overlap_days,
    period_last_day,
    started_months,
)
from .reasons import Reasons
from .record import Record, check_rule_set_in_force, parse_record
from .target_groups import is_newcomer, long_term_unemployed_absence
from .translation import Translate, identity
from .vocabulary import NEWCOMER, NYSTARTSJOBB

_ZERO = Decimal(0)


def evaluate(
    record: Mapping[str, Any],
    *,
    translate: Translate = identity,
    overrides: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Evaluate a record given as parsed JSON and return the answer as JSON-ready data.

    Raises :class:`RecordError` when the record is not valid, and :class:`RuleParameterError`
    (fields ``overrides.<name>``) when ``overrides`` names an unknown parameter or a bad value.
    With ``overrides`` the record is evaluated under a what-if variant of its rule set.
    """
    parsed = parse_record(record, translate=translate)
    rule_set = None
    if overrides:
        rule_set = _resolve(parsed, None, translate)
        try:
            rule_set = rule_set.with_overrides(overrides, translate=translate)
        except RuleParameterError as exc:
            raise RuleParameterError(
                [{**e, "field": f"overrides.{e['field']}"} for e in exc.errors]
            ) from None
    return evaluate_record(parsed, translate=translate, rule_set=rule_set)


def evaluate_record(
    record: Record, *, translate: Translate = identity, rule_set: RuleSet | None = None
) -> dict[str, Any]:
    """Evaluate an already parsed record.

    ``rule_set`` defaults to the one the record names, else the one in force on its start date.
    Raises :class:`RecordError` when that rule set is not in force on the start date.
    """
    rules = _resolve(record, rule_set, translate)
    start = record.start_date
    age = age_on(record.person.birth_date, start)
    reasons = Reasons(translate)
    scheme = record.scheme
    month = record.month or date(start.year, start.month, 1)
    month_text = f"{month.year:04d}-{month.month:02d}"

    # Who qualifies, and what each group would give.
    newcomer = is_newcomer(record, rules, reasons)
    absence = (
        long_term_unemployed_absence(record, rules, age, reasons)
        if scheme == NYSTARTSJOBB
        else None
    )
    group_index = len(reasons.items)  # the target-group reason goes here, once decided
    age_last_day, subsidy_last_day = check_everyone(record, rules, age, reasons)

    option: nystartsjobb.Option | None = None
    bonus = _ZERO
    last_day: date | None = None
    rule_months = entitlement_months = 0
    if scheme == NYSTARTSJOBB:
        bonus = nystartsjobb.nystartssone_bonus(record, rules, reasons)
        if newcomer:
            option = nystartsjobb.newcomer_option(rules, age, start, age_last_day, bonus)
        if absence is not None:
            ltu = nystartsjobb.long_term_unemployed_option(
                rules, age, absence, start, age_last_day, bonus
            )
            option = ltu if option is None else nystartsjobb.more_favourable(option, ltu)
        group = None if option is None else option.group
        if option is not None:
            last_day, rule_months, entitlement_months = (
                option.last_day,
                option.rule_months,
                option.months,
            )
    else:
        group = NEWCOMER if newcomer else None
        innstegsjobb.in_tuition(record, reasons)
        window_last_day = innstegsjobb.permit_window_last_day(record, rules, reasons)
        latest = age_last_day
        if window_last_day is not None and window_last_day < latest:
            latest = window_last_day
        rule_months = innstegsjobb.rule_months(record, rules)
        last_day, entitlement_months = entitlement(start, rule_months, latest)

    _group_reason(group, scheme, group_index, reasons)

    eligible = not reasons.blocked
    if eligible:
        eligible = _entitlement_reason(entitlement_months, rule_months, last_day, reasons)

    if not eligible or last_day is None:
        return {
            "rule_set": rules.version,
            "scheme": scheme,
            "eligible": False,
            "manual_review": record.employer.family_tie,
            "target_group": group,
            "factor": None,
            "monthly_amount_nok": 0,
            "month": month_text,
            "amount_for_month_nok": 0,
            "entitlement_months": 0,
            "decision_period": None,
            "reasons": reasons.failed_first(),
        }

    grunnbelop = rules.grunnbelop.for_month(month.year, month.month)
    if grunnbelop is None:
        errors = ErrorCollector(translate)
        errors.add("month", m.ERROR_NO_GRUNNBELOP, month=month_text)
        raise RecordError(errors.errors)

    factor: float | None = None
    if option is not None:
        nystartsjobb.factor_reason(rules, option, bonus, reasons)
        amount, cap, base, exact = nystartsjobb.monthly_amount(
            record, rules, option.factor, grunnbelop
        )
        nystartsjobb.amount_reason(
            rules, option.factor, amount, cap, base, grunnbelop, month_text, reasons
        )
        factor = float(option.factor)
    else:
        amount, cap, cost, exact = innstegsjobb.monthly_amount(record, rules, grunnbelop)
        innstegsjobb.amount_reason(rules, amount, cap, cost, grunnbelop, month_text, reasons)

    # One decision covers at most 12 months of the entitlement.
    decision_months = min(entitlement_months, rules.decision_max_months)
    decision_end = (
        last_day
        if decision_months == entitlement_months
        else min(period_last_day(start, decision_months), last_day)
    )
    if subsidy_last_day is not None and subsidy_last_day < decision_end:
        # Ineligible for the overlap with another approved subsidy (rule 7).
        decision_end = subsidy_last_day
        decision_months = started_months(start, decision_end)
    start_text, end_text = start.isoformat(), decision_end.isoformat()
    reasons.add(
        r.DECISION_PERIOD_LIMIT,
        True,
        m.DECISION_PERIOD,
        {
            "months": decision_months,
            "entitlement_months": entitlement_months,
            "limit": rules.decision_max_months,
            "start": start_text,
            "end": end_text,
        },
    )

    month_first = month.toordinal()
    month_days = days_in_month(month.year, month.month)
    days = overlap_days(
        month_first, month_first + month_days - 1, start.toordinal(), decision_end.toordinal()
    )
    return {
        "rule_set": rules.version,
        "scheme": scheme,
        "eligible": True,
        "manual_review": record.employer.family_tie,
        "target_group": group,
        "factor": factor,
        "monthly_amount_nok": amount,
        "month": month_text,
        "amount_for_month_nok": prorate_exact(exact, days, month_days),
        "entitlement_months": entitlement_months,
        "decision_period": {"start": start_text, "end": end_text},
        "reasons": reasons.items,
    }


def _resolve(record: Record, rule_set: RuleSet | None, translate: Translate) -> RuleSet:
    """The rule set to apply: given, named by the record, or in force on the start date."""
    start = record.start_date
    if rule_set is None:
        try:
            if record.rule_set is None:
                return rule_set_for(start)
            rule_set = get_rule_set(record.rule_set)
        except UnknownRuleSet:
            errors = ErrorCollector(translate)
            errors.add("rule_set", m.ERROR_UNKNOWN_RULE_SET, choices=", ".join(rule_set_versions()))
            raise RecordError(errors.errors) from None
        except NoRuleSetInForce:
            pass
    if rule_set is not None and rule_set.in_force_on(start):
        return rule_set
    errors = ErrorCollector(translate)
    check_rule_set_in_force(rule_set, start, errors)
    raise RecordError(errors.errors)


def _group_reason(group: str | None, scheme: str, index: int, reasons: Reasons) -> None:
    if group == NEWCOMER:
        message = m.TARGET_GROUP_NEWCOMER
    elif group is not None:
        message = m.TARGET_GROUP_LTU
    elif scheme == NYSTARTSJOBB:
        message = m.TARGET_GROUP_NONE
    else:
        message = m.TARGET_GROUP_NOT_NEWCOMER
    reasons.insert(
        index, r.TARGET_GROUP, group is not None, message, {"group": group, "scheme": scheme}
    )


def _entitlement_reason(
    months: int, rule_months: int, last_day: date | None, reasons: Reasons
) -> bool:
    if months and last_day is not None:
        return reasons.add(
            r.ENTITLEMENT_MONTHS,
            True,
            m.ENTITLEMENT_MONTHS,
            {"months": months, "limit": rule_months, "end": last_day.isoformat()},
        )
    return reasons.add(
        r.ENTITLEMENT_MONTHS,
        False,
        m.ENTITLEMENT_NONE,
        {"months": 0, "limit": rule_months, "end": None},
    )
