"""innstegsjobb: tuition, the window from the residence permit, wage cost and amount."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from . import messages as m
from . import reasons as r
from .money import monthly_cap, round_down, round_half_up, to_json_cents, to_json_number
from .parameters import RuleSet
from .periods import period_last_day
from .reasons import Reasons
from .record import Record

_ZERO = Decimal(0)
_ONE = Decimal(1)


def in_tuition(record: Record, reasons: Reasons) -> bool:
    enrolled = record.person.in_norwegian_tuition
    return reasons.add(
        r.INNSTEGSJOBB_NORWEGIAN_TUITION,
        enrolled,
        m.TUITION_ENROLLED if enrolled else m.TUITION_NOT_ENROLLED,
        {},
    )


def permit_window_last_day(record: Record, rule_set: RuleSet, reasons: Reasons) -> date | None:
    """Last day an innstegsjobb may run: N months from the permit, less a day.

    None when there is no window: a participant in the introduction programme without a permit
    date is exempt. The reason fails when the job starts after the window (or there is neither a
    permit nor the programme).
    """
    limit = rule_set.innstegsjobb_permit_window_months
    permit = record.person.residence_permit
    if permit is None:
        exempt = record.person.in_introduction_programme
        reasons.add(
            r.INNSTEGSJOBB_PERMIT_WINDOW,
            exempt,
            m.INNSTEGSJOBB_WINDOW_EXEMPT if exempt else m.INNSTEGSJOBB_WINDOW_NO_PERMIT,
            {"window_end": None, "limit": limit, "exempt": exempt},
        )
        return None
    last_day = period_last_day(permit.granted_on, limit)
    opens = record.start_date <= last_day
    reasons.add(
        r.INNSTEGSJOBB_PERMIT_WINDOW,
        opens,
        m.INNSTEGSJOBB_WINDOW if opens else m.INNSTEGSJOBB_WINDOW_CLOSED,
        {"window_end": last_day.isoformat(), "limit": limit, "exempt": False},
    )
    return last_day


def rule_months(record: Record, rule_set: RuleSet) -> int:
    """6 months when the position is above 50 %, otherwise 24."""
    if record.job.position_percent > rule_set.innstegsjobb_part_time_limit_percent:
        return rule_set.innstegsjobb_months_above_limit
    return rule_set.innstegsjobb_months_otherwise


def wage_cost(record: Record, rule_set: RuleSet) -> Decimal:
    """wage + holiday pay + pension + employer contribution at the zone's rate."""
    job = record.job
    wage = job.monthly_wage_nok
    with_holiday = wage + (job.holiday_pay_rate or _ZERO) * wage
    with_pension = with_holiday + (job.otp_rate or _ZERO) * with_holiday
    return with_pension * (_ONE + rule_set.aga_zone_rates[record.employer.aga_zone])


def monthly_amount(
    record: Record, rule_set: RuleSet, grunnbelop: Decimal
) -> tuple[int, Decimal, Decimal, Decimal]:
    """(amount, cap, wage cost, exact amount): amount = min(round_half_up(share x wage cost),
    floor(cap)), so the amount is never above the cap; the exact amount is min(share x wage
    cost, floor(cap)), for the pro-rata step."""
    cost = wage_cost(record, rule_set)
    cap = monthly_cap(rule_set.innstegsjobb_cap_share, grunnbelop, record.job.position_percent)
    whole_cap = Decimal(round_down(cap))
    exact = rule_set.innstegsjobb_share * cost
    if exact > whole_cap:
        exact = whole_cap
    return round_half_up(exact), cap, cost, exact


def amount_reason(
    rule_set: RuleSet,
    amount: int,
    cap: Decimal,
    cost: Decimal,
    grunnbelop: Decimal,
    month: str,
    reasons: Reasons,
) -> None:
    reasons.add(
        r.INNSTEGSJOBB_AMOUNT,
        True,
        m.INNSTEGSJOBB_AMOUNT,
        {
            "amount": amount,
            "share": rule_set.json.innstegsjobb_share,
            "wage_cost": to_json_cents(cost),
            "cap": to_json_number(cap),
            "g": to_json_number(grunnbelop),
            "month": month,
        },
    )
