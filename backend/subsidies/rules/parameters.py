"""Dated parameter sets: every number of the policy, with a version and a validity period.

A :class:`RuleSet` is frozen. A what-if variant is a new rule set made with
:meth:`RuleSet.with_overrides`; the code that applies the rules never holds a number of its own.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any, NamedTuple, get_type_hints

from . import messages as m
from .errors import ErrorCollector, RuleParameterError
from .grunnbelop import GrunnbelopTable, history
from .translation import Translate, identity
from .vocabulary import AGA_ZONES, PERMIT_KINDS

WHATIF_SUFFIX = "+whatif"

ROUND_DOWN = "down"
ROUND_HALF_UP = "half_up"
ROUNDINGS: tuple[str, ...] = (ROUND_DOWN, ROUND_HALF_UP)
"""How a rule set turns days out of work into months."""


class JsonValues(NamedTuple):
    """Parameters as they appear in reason params, converted once per rule set."""

    arrears_limit: int | float
    reference_rate: float
    innstegsjobb_share: float
    nystartssone_bonus: float


@dataclass(frozen=True)
class NystartsjobbFactors:
    """Multiples of the reference rate that a nystartsjobb pays."""

    newcomer: Decimal
    absence_long: Decimal
    """For the long-term unemployed out of work at least ``absence_long_months``."""
    absence_medium: Decimal
    """For the long-term unemployed out of work at least ``absence_medium_months``."""
    absence_short: Decimal
    """For the long-term unemployed out of work less than ``absence_medium_months``."""
    nystartssone_bonus: Decimal
    """Added for a small firm in a designated nystartssone district."""


@dataclass(frozen=True)
class RuleSet:
    """One version of the subsidy rules. Every field is a dated parameter of the policy."""

    version: str
    valid_from: date
    valid_to: date | None
    """Last day the rule set applies to a start date; None while it has no end."""

    # amounts
    grunnbelop: GrunnbelopTable
    """G history; the G in force on the 1st of the paid month applies."""
    monthly_cap_share: Decimal
    """Monthly cap of a nystartsjobb = share x G x position share."""
    innstegsjobb_cap_share: Decimal
    """Monthly cap of an innstegsjobb = share x G x position share."""
    nystartsjobb_reference_rate: Decimal
    nystartsjobb_factors: NystartsjobbFactors
    aga_zone_rates: Mapping[str, Decimal] = field(hash=False)
    """Arbeidsgiveravgift by zone, for the innstegsjobb wage cost."""
    innstegsjobb_share: Decimal

    # target groups
    newcomer_permit_kinds: tuple[str, ...]
    newcomer_window_months: int
    ltu_young_min_age: int
    ltu_adult_min_age: int
    ltu_senior_min_age: int
    ltu_young_required_months: int
    ltu_young_window_months: int
    ltu_adult_required_months: int
    ltu_adult_window_months: int
    gap_tolerance_months: int
    days_per_month: Decimal
    out_of_work_rounding: str
    """How days out of work become months (in a window, and a spell's length): ``"down"`` or
    ``"half_up"`` (see :data:`ROUNDINGS`)."""

    # conditions on everyone
    minimum_age: int
    minimum_age_introduction_programme: int
    age_limit: int
    """The subsidy period ends no later than the day before this birthday."""
    tax_arrears_limit_nok: Decimal
    decision_max_months: int

    # nystartsjobb
    absence_long_months: int
    absence_medium_months: int
    nystartssone_bydeler: tuple[str, ...]
    nystartssone_employee_limit: int
    """The firm must have fewer employees than this for the bonus."""
    newcomer_months: int
    newcomer_young_months: int
    newcomer_young_below_age: int
    ltu_young_max_months: int
    ltu_adult_max_months: int
    ltu_senior_multiplier: int
    ltu_senior_max_months: int

    # innstegsjobb
    innstegsjobb_part_time_limit_percent: Decimal
    """Above this position percent the shorter duration applies."""
    innstegsjobb_months_above_limit: int
    innstegsjobb_months_otherwise: int
    innstegsjobb_permit_window_months: int

    overridden: tuple[tuple[str, str], ...] = ()
    """For a what-if variant: the parameters changed, as (name, value in JSON)."""

    # Derived once, for the hot path.
    bydel_set: frozenset[str] = field(init=False, repr=False, compare=False)
    permit_kind_set: frozenset[str] = field(init=False, repr=False, compare=False)
    permit_kinds_text: str = field(init=False, repr=False, compare=False)
    days_per_month_ratio: tuple[int, int] = field(init=False, repr=False, compare=False)
    json: JsonValues = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "aga_zone_rates", MappingProxyType(dict(self.aga_zone_rates)))
        object.__setattr__(self, "bydel_set", frozenset(self.nystartssone_bydeler))
        object.__setattr__(self, "permit_kind_set", frozenset(self.newcomer_permit_kinds))
        object.__setattr__(self, "permit_kinds_text", ", ".join(self.newcomer_permit_kinds))
        object.__setattr__(self, "days_per_month_ratio", self.days_per_month.as_integer_ratio())
        limit = self.tax_arrears_limit_nok
        json_values = JsonValues(
            arrears_limit=int(limit) if limit == int(limit) else float(limit),
            reference_rate=float(self.nystartsjobb_reference_rate),
            innstegsjobb_share=float(self.innstegsjobb_share),
            nystartssone_bonus=float(self.nystartsjobb_factors.nystartssone_bonus),
        )
        object.__setattr__(self, "json", json_values)

    def months_of_days(self, days: int) -> int:
        """Days out of work as months: days / days per month, rounded as the rule set says."""
        numerator, denominator = self.days_per_month_ratio
        if self.out_of_work_rounding == ROUND_HALF_UP:
            return (2 * days * denominator + numerator) // (2 * numerator)
        return days * denominator // numerator

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def base_version(self) -> str:
        """The registered version this rule set is, or was derived from."""
        return self.version.split("+", 1)[0]

    def with_overrides(
        self, overrides: Mapping[str, Any], *, translate: Translate = identity
    ) -> RuleSet:
        """A new rule set with some parameters changed, versioned ``<version>+whatif``.

        Names are those of :data:`RULE_PARAMETER_NAMES` (``"innstegsjobb_share"``,
        ``"nystartsjobb_factors.newcomer"``, ``"aga_zone_rates.V"``); ``"grunnbelop"`` takes a
        mapping of ISO date to amount that is merged into the G history. Raises
        :class:`RuleParameterError` naming every unknown parameter or unusable value.
        """
        errors = ErrorCollector(translate)
        top: dict[str, Any] = {}
        factors: dict[str, Any] = {}
        zones: dict[str, Decimal] = {}
        for name, raw in overrides.items():
            kind = _PARAMETER_KINDS.get(name)
            if kind is None:
                errors.add(name, m.ERROR_UNKNOWN_PARAMETER)
                continue
            try:
                value = _coerce(name, kind, raw, self)
            except ValueError as exc:
                errors.add(name, m.ERROR_PARAMETER_VALUE, detail=str(exc))
                continue
            if name.startswith("nystartsjobb_factors."):
                factors[name.split(".", 1)[1]] = value
            elif name.startswith("aga_zone_rates."):
                zones[name.split(".", 1)[1]] = value
            else:
                top[name] = value
        if errors:
            raise RuleParameterError(errors.errors)
        if factors:
            top["nystartsjobb_factors"] = dataclasses.replace(self.nystartsjobb_factors, **factors)
        if zones:
            top["aga_zone_rates"] = {**self.aga_zone_rates, **zones}
        changed = dict(self.overridden)
        changed.update((name, _json_value(raw)) for name, raw in overrides.items())
        return dataclasses.replace(
            self,
            version=self.base_version + WHATIF_SUFFIX,
            overridden=tuple(sorted(changed.items())),
            **top,
        )

    def for_every_start_date(self) -> RuleSet:
        """This rule set, applying to any start date: for a what-if run that puts every case
        under one rule set (v2 over cases that start in 2026, say). Only for what-if variants,
        whose answers are never stored as results."""
        if not self.version.endswith(WHATIF_SUFFIX):
            raise ValueError("only a what-if variant may apply outside its validity")
        return dataclasses.replace(self, valid_from=date.min, valid_to=None)

    def parameters(self) -> dict[str, Any]:
        """Every parameter by name, JSON-serialisable (decimals as strings, to stay exact)."""
        values: dict[str, Any] = {}
        for name in RULE_PARAMETER_NAMES:
            if name == "grunnbelop":
                values[name] = {day.isoformat(): int(g) for day, g in self.grunnbelop.entries}
                continue
            value: Any = self
            for part in name.split("."):
                value = value[part] if isinstance(value, Mapping) else getattr(value, part)
            if isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, tuple):
                value = list(value)
            values[name] = value
        return values


# --- introspection -----------------------------------------------------------------------------

_NOT_PARAMETERS = frozenset({"version", "valid_from", "valid_to", "overridden"})


def _parameter_kinds() -> dict[str, str]:
    kinds: dict[str, str] = {}
    hints = get_type_hints(RuleSet)
    for f in dataclasses.fields(RuleSet):
        if f.name in _NOT_PARAMETERS or not f.init:  # identity, or derived for speed
            continue
        hint = hints[f.name]
        if hint is Decimal:
            kinds[f.name] = "decimal"
        elif hint is int:
            kinds[f.name] = "int"
        elif hint == tuple[str, ...]:
            kinds[f.name] = "strings"
        elif hint is str:
            kinds[f.name] = "rounding"
        elif hint is GrunnbelopTable:
            kinds[f.name] = "grunnbelop"
        elif hint is NystartsjobbFactors:
            for sub in dataclasses.fields(NystartsjobbFactors):
                kinds[f"{f.name}.{sub.name}"] = "decimal"
        elif f.name == "aga_zone_rates":
            for zone in AGA_ZONES:
                kinds[f"{f.name}.{zone}"] = "decimal"
        else:  # pragma: no cover - a new field type needs a rule here
            raise TypeError(f"no override rule for RuleSet.{f.name}: {hint!r}")
    return kinds


_PARAMETER_KINDS = _parameter_kinds()

RULE_PARAMETER_NAMES: tuple[str, ...] = tuple(_PARAMETER_KINDS)
"""Every parameter a what-if override may change."""


def _decimal(raw: Any) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
        raise ValueError("expected a number")
    try:
        value = Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)
    except InvalidOperation:
        raise ValueError("expected a number") from None
    if not value.is_finite() or value < 0:
        raise ValueError("expected a number of at least 0")
    return value


def _coerce(name: str, kind: str, raw: Any, base: RuleSet) -> Any:
    if kind == "decimal":
        value = _decimal(raw)
        if name == "days_per_month" and value == 0:
            raise ValueError("expected a number above 0")
        return value
    if kind == "int":
        if isinstance(raw, str) and raw.isdigit():
            raw = int(raw)
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise ValueError("expected a whole number of at least 0")
        return raw
    if kind == "rounding":
        if raw not in ROUNDINGS:
            raise ValueError("expected one of " + ", ".join(ROUNDINGS))
        return raw
    if kind == "strings":
        if isinstance(raw, str) or not isinstance(raw, list | tuple):
            raise ValueError("expected a list of strings")
        items = tuple(raw)
        if name == "newcomer_permit_kinds":
            wrong = [k for k in items if k not in PERMIT_KINDS]
            if wrong:
                raise ValueError("permit kinds are " + ", ".join(PERMIT_KINDS))
        elif name == "nystartssone_bydeler" and not all(
            isinstance(b, str) and len(b) == 6 and b.isdigit() for b in items
        ):
            raise ValueError("bydel numbers are 6-digit strings")
        return items
    # grunnbelop: a mapping of ISO date to the G per year from that date
    if not isinstance(raw, Mapping) or not raw:
        raise ValueError('expected a mapping like {"2027-05-01": 143000}')
    extra: dict[date, Decimal] = {}
    for day, amount in raw.items():
        try:
            extra[date.fromisoformat(day)] = _decimal(amount)
        except (TypeError, ValueError):
            raise ValueError(f"{day!r}: expected an ISO date and a number") from None
    return base.grunnbelop.with_entries(extra)


def _json_value(raw: Any) -> str:
    if isinstance(raw, Decimal):
        return str(raw)
    try:
        return json.dumps(raw, sort_keys=True, default=str)
    except (TypeError, ValueError):
        return repr(raw)


# --- the registered rule sets -----------------------------------------------------------------

# The rule sets are data: every number of docs/rules/v1.md and docs/rules/v2.md, with the dates
# they apply to a start date. A published rule set never changes; a change is a new rule set.

NYSTARTSJOBB_PILOT_V1 = RuleSet(
    version="nystartsjobb-pilot-v1",
    valid_from=date(2024, 1, 1),
    valid_to=date(2026, 12, 31),
    grunnbelop=history(),
    monthly_cap_share=Decimal("0.25"),
    innstegsjobb_cap_share=Decimal("0.25"),
    nystartsjobb_reference_rate=Decimal("0.141"),
    nystartsjobb_factors=NystartsjobbFactors(
        newcomer=Decimal("2.5"),
        absence_long=Decimal("2.5"),
        absence_medium=Decimal("2.0"),
        absence_short=Decimal("1.0"),
        nystartssone_bonus=Decimal("0.5"),
    ),
    aga_zone_rates={
        "I": Decimal("0.141"),
        "Ia": Decimal("0.106"),
        "II": Decimal("0.106"),
        "III": Decimal("0.064"),
        "IV": Decimal("0.051"),
        "IVa": Decimal("0.079"),
        "V": Decimal("0.0"),
    },
    innstegsjobb_share=Decimal("0.80"),
    newcomer_permit_kinds=("protection", "family"),
    newcomer_window_months=36,
    ltu_young_min_age=20,
    ltu_adult_min_age=25,
    ltu_senior_min_age=55,
    ltu_young_required_months=6,
    ltu_young_window_months=9,
    ltu_adult_required_months=12,
    ltu_adult_window_months=15,
    gap_tolerance_months=3,
    days_per_month=Decimal("30.4375"),
    out_of_work_rounding=ROUND_DOWN,
    minimum_age=20,
    minimum_age_introduction_programme=18,
    age_limit=67,
    tax_arrears_limit_nok=Decimal(10000),
    decision_max_months=12,
    absence_long_months=36,
    absence_medium_months=24,
    nystartssone_bydeler=("030109", "030110", "030111", "030112", "030115"),
    nystartssone_employee_limit=50,
    newcomer_months=24,
    newcomer_young_months=12,
    newcomer_young_below_age=25,
    ltu_young_max_months=12,
    ltu_adult_max_months=24,
    ltu_senior_multiplier=2,
    ltu_senior_max_months=48,
    innstegsjobb_part_time_limit_percent=Decimal(50),
    innstegsjobb_months_above_limit=6,
    innstegsjobb_months_otherwise=24,
    innstegsjobb_permit_window_months=36,
)

"""docs/rules/v1.md: start dates 2024-01-01 to 2026-12-31. Never changes."""

NYSTARTSJOBB_PILOT_V2 = dataclasses.replace(
    NYSTARTSJOBB_PILOT_V1,
    version="nystartsjobb-pilot-v2",
    valid_from=date(2027, 1, 1),
    valid_to=None,
    innstegsjobb_share=Decimal("0.75"),
    innstegsjobb_cap_share=Decimal("0.30"),
    nystartssone_bydeler=("030101", "030109", "030110", "030111", "030112", "030115"),
    out_of_work_rounding=ROUND_HALF_UP,
)
"""docs/rules/v2.md: start dates from 2027-01-01; what it changes from v1, and nothing else."""

RULE_SETS: tuple[RuleSet, ...] = (NYSTARTSJOBB_PILOT_V1, NYSTARTSJOBB_PILOT_V2)
"""Every registered rule set, oldest first."""

_BY_VERSION = {rule_set.version: rule_set for rule_set in RULE_SETS}


class UnknownRuleSet(LookupError):
    """No registered rule set has this version."""


class NoRuleSetInForce(LookupError):
    """No registered rule set applies on this date."""


def get_rule_set(version: str) -> RuleSet:
    """The registered rule set with this version; raises :class:`UnknownRuleSet`."""
    try:
        return _BY_VERSION[version]
    except KeyError:
        raise UnknownRuleSet(
            f"unknown rule set {version!r}; known: {', '.join(_BY_VERSION)}"
        ) from None


def rule_set_for(day: date) -> RuleSet:
    """The rule set in force on ``day`` (the latest one that applies); raises NoRuleSetInForce."""
    for rule_set in reversed(RULE_SETS):
        if rule_set.in_force_on(day):
            return rule_set
    raise NoRuleSetInForce(f"no rule set is in force on {day.isoformat()}")


def rule_set_versions() -> tuple[str, ...]:
    return tuple(_BY_VERSION)
