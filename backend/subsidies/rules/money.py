"""Money arithmetic in Decimal: rounding to whole NOK and the monthly cap."""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

_ONE = Decimal(1)
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def round_half_up(amount: Decimal) -> int:
    """Whole NOK, halves rounded up (away from zero)."""
    return int(amount.quantize(_ONE, rounding=ROUND_HALF_UP))


def round_down(amount: Decimal) -> int:
    return int(amount.quantize(_ONE, rounding=ROUND_FLOOR))


def monthly_cap(cap_share: Decimal, grunnbelop: Decimal, position_percent: Decimal) -> Decimal:
    """cap share x G x position share, exact: a cap is used unrounded (0.25 x 136 549 x 0.5 is
    17 068.625); only a final amount is rounded (docs/rules/settled-readings.md, "Rounding")."""
    return cap_share * grunnbelop * position_percent / _HUNDRED


def prorate_exact(amount: Decimal, days: int, days_in_month: int) -> int:
    """The unrounded full-month ``amount`` x days / days in month, rounded half up once, after
    the pro-rata step (docs/rules/settled-readings.md, "Rounding")."""
    if days >= days_in_month:
        return round_half_up(amount)
    if days <= 0:
        return 0
    return round_half_up(amount * days / days_in_month)


def prorate(amount: int, days: int, days_in_month: int) -> int:
    """``amount`` x days / days in month, rounded half up (exact integer arithmetic)."""
    if days >= days_in_month:
        return amount
    if days <= 0:
        return 0
    return (2 * amount * days + days_in_month) // (2 * days_in_month)


def to_json_number(value: Decimal) -> int | float:
    """An exact whole number as int, anything else as float (for params)."""
    whole = int(value)
    return whole if whole == value else float(value)


def to_json_cents(value: Decimal) -> int | float:
    """Rounded to øre, as int when whole (for params that show a computed amount)."""
    return to_json_number(value.quantize(_CENT, rounding=ROUND_HALF_UP))
