"""The target-group tests: newcomer and long-term unemployed (LTU)."""

from __future__ import annotations

from . import messages as m
from . import reasons as r
from .parameters import RuleSet
from .periods import add_months, days_covered, months_between, spell_days
from .reasons import Reasons
from .record import Record


def is_newcomer(record: Record, rule_set: RuleSet, reasons: Reasons) -> bool:
    """A permit of a counted kind granted at most N whole months before the application, or a
    participant in the introduction programme."""
    person = record.person
    permit = person.residence_permit
    limit = rule_set.newcomer_window_months
    if permit is None:
        within = reasons.add(
            r.NEWCOMER_PERMIT_WITHIN_WINDOW,
            False,
            m.NEWCOMER_NO_PERMIT,
            {"months": None, "limit": limit},
        )
        kind_counts = reasons.add(
            r.NEWCOMER_PERMIT_KIND,
            False,
            m.NEWCOMER_PERMIT_KIND_MISSING,
            {"kind": None, "kinds": rule_set.permit_kinds_text},
        )
    else:
        months = months_between(permit.granted_on, record.application_date)
        within = reasons.add(
            r.NEWCOMER_PERMIT_WITHIN_WINDOW,
            months <= limit,
            m.NEWCOMER_PERMIT_WITHIN_WINDOW,
            {"months": months, "limit": limit},
        )
        kind_counts = reasons.add(
            r.NEWCOMER_PERMIT_KIND,
            permit.kind in rule_set.permit_kind_set,
            m.NEWCOMER_PERMIT_KIND,
            {"kind": permit.kind, "kinds": rule_set.permit_kinds_text},
        )
    in_programme = person.in_introduction_programme
    reasons.add(
        r.NEWCOMER_INTRODUCTION_PROGRAMME,
        in_programme,
        m.NEWCOMER_IN_PROGRAMME if in_programme else m.NEWCOMER_NOT_IN_PROGRAMME,
        {},
    )
    return (within and kind_counts) or in_programme


def long_term_unemployed_absence(
    record: Record, rule_set: RuleSet, age: int, reasons: Reasons
) -> int | None:
    """The absence in months when the person is long-term unemployed, else None.

    The absence is the out-of-work spell that reaches the application date, gaps of up to 3
    months bridged (and not counted); the nystartsjobb factor reason shows it.

    Aged 20-24: out of work at least 6 of the 9 months before the application; aged 25 or more:
    at least 12 of the 15 months. Months out of work = days covered / days per month, rounded
    down (v1) or half up (v2); overlapping periods count a day once.
    """
    if age < rule_set.ltu_young_min_age:
        reasons.add(
            r.LONG_TERM_UNEMPLOYED_OUT_OF_WORK,
            False,
            m.LTU_TOO_YOUNG,
            {"age": age, "min_age": rule_set.ltu_young_min_age},
        )
        return None
    if age < rule_set.ltu_adult_min_age:
        required, window = rule_set.ltu_young_required_months, rule_set.ltu_young_window_months
    else:
        required, window = rule_set.ltu_adult_required_months, rule_set.ltu_adult_window_months
    application = record.application_date
    days = days_covered(
        record.person.out_of_work_days,
        add_months(application, -window).toordinal(),
        application.toordinal() - 1,
    )
    months = rule_set.months_of_days(days)
    if not reasons.add(
        r.LONG_TERM_UNEMPLOYED_OUT_OF_WORK,
        months >= required,
        m.LTU_OUT_OF_WORK,
        {"age": age, "months": months, "required": required, "window": window},
    ):
        return None
    spell = spell_days(
        record.person.out_of_work_days, application.toordinal(), rule_set.gap_tolerance_months
    )
    return rule_set.months_of_days(spell)
