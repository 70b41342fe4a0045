"""The input record: frozen dataclasses, and parsing of the JSON record with every error collected.

A record that parses is well-formed; whether the case is eligible is for the engine to say. The
shape is the one in POLICY.md ("The record the engine reads").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from . import messages as m
from .errors import ErrorCollector, RecordError
from .kommuner import zones_of
from .money import to_json_number
from .orgnr import is_valid_orgnr
from .parameters import (
    RULE_SETS,
    NoRuleSetInForce,
    RuleSet,
    UnknownRuleSet,
    get_rule_set,
    rule_set_for,
    rule_set_versions,
)
from .periods import Interval, merge_intervals
from .translation import Translate, identity
from .vocabulary import AGA_ZONES, INNSTEGSJOBB, PERMIT_KINDS, SCHEMES

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z", re.ASCII)
_MONTH_RE = re.compile(r"(\d{4})-(0[1-9]|1[0-2])\Z", re.ASCII)
_OPEN_END = date.max.toordinal()


@dataclass(frozen=True, slots=True)
class ResidencePermit:
    kind: str
    granted_on: date


@dataclass(frozen=True, slots=True)
class OutOfWorkPeriod:
    start: date
    end: date | None
    """Last day out of work; None while the period is still going on."""


@dataclass(frozen=True, slots=True)
class OtherSubsidy:
    """An approved wage subsidy for the same person (rule 7), e.g. another Innsteg decision."""

    decision: str
    """How the caseworker finds it (Innsteg gives its decision number)."""
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class Person:
    birth_date: date
    residence_permit: ResidencePermit | None
    in_introduction_programme: bool
    in_norwegian_tuition: bool
    out_of_work_periods: tuple[OutOfWorkPeriod, ...]
    out_of_work_days: tuple[Interval, ...] = field(init=False, repr=False, compare=False)
    """The periods as merged, sorted ordinal ranges (an open end runs to ``date.max``)."""

    def __post_init__(self) -> None:
        merged = merge_intervals(
            (p.start.toordinal(), _OPEN_END if p.end is None else p.end.toordinal())
            for p in self.out_of_work_periods
        )
        object.__setattr__(self, "out_of_work_days", merged)


@dataclass(frozen=True, slots=True)
class Employer:
    orgnr: str
    aga_zone: str
    kommune: str
    bydel: str | None
    employees: int
    tax_arrears_nok: Decimal
    family_tie: bool
    orgnr_valid: bool = field(init=False, repr=False, compare=False)
    """The mod-11 check, done once (the parser refuses invalid numbers)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "orgnr_valid", is_valid_orgnr(self.orgnr))


@dataclass(frozen=True, slots=True)
class Job:
    monthly_wage_nok: Decimal
    position_percent: Decimal
    wage_meets_tariff: bool
    holiday_pay_rate: Decimal | None
    otp_rate: Decimal | None
    started_before_application: bool
    other_wage_subsidy: bool


@dataclass(frozen=True, slots=True)
class Record:
    scheme: str
    application_date: date
    start_date: date
    person: Person
    employer: Employer
    job: Job
    rule_set: str | None = None
    """Version asked for; None means the rule set in force on ``start_date``."""
    month: date | None = None
    """First day of the month asked for; None means the start month."""
    other_subsidies: tuple[OtherSubsidy, ...] = ()
    """Approved subsidies for the same person that the engine checks rule 7 against."""

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data, in the input shape (for storing an input snapshot)."""
        person, employer, job = self.person, self.employer, self.job
        permit = person.residence_permit
        data: dict[str, Any] = {
            "rule_set": self.rule_set,
            "scheme": self.scheme,
            "application_date": self.application_date.isoformat(),
            "start_date": self.start_date.isoformat(),
            "month": None if self.month is None else self.month.isoformat()[:7],
            "person": {
                "birth_date": person.birth_date.isoformat(),
                "residence_permit": None
                if permit is None
                else {"kind": permit.kind, "granted_on": permit.granted_on.isoformat()},
                "in_introduction_programme": person.in_introduction_programme,
                "in_norwegian_tuition": person.in_norwegian_tuition,
                "out_of_work_periods": [
                    {
                        "start": p.start.isoformat(),
                        "end": None if p.end is None else p.end.isoformat(),
                    }
                    for p in person.out_of_work_periods
                ],
            },
            "employer": {
                "orgnr": employer.orgnr,
                "aga_zone": employer.aga_zone,
                "kommune": employer.kommune,
                "bydel": employer.bydel,
                "employees": employer.employees,
                "tax_arrears_nok": to_json_number(employer.tax_arrears_nok),
                "family_tie": employer.family_tie,
            },
            "job": {
                "monthly_wage_nok": to_json_number(job.monthly_wage_nok),
                "position_percent": to_json_number(job.position_percent),
                "wage_meets_tariff": job.wage_meets_tariff,
                "holiday_pay_rate": None
                if job.holiday_pay_rate is None
                else to_json_number(job.holiday_pay_rate),
                "otp_rate": None if job.otp_rate is None else to_json_number(job.otp_rate),
                "started_before_application": job.started_before_application,
                "other_wage_subsidy": job.other_wage_subsidy,
            },
        }
        if self.other_subsidies:
            data["other_subsidies"] = [
                {"decision": o.decision, "start": o.start.isoformat(), "end": o.end.isoformat()}
                for o in self.other_subsidies
            ]
        return data


# --- parsing -----------------------------------------------------------------------------------

_MISSING: Any = object()


class _Reader:
    """Reads fields of one JSON object, reporting problems under dotted paths."""

    __slots__ = ("data", "errors", "path")

    def __init__(self, data: Mapping[str, Any], path: str, errors: ErrorCollector) -> None:
        self.data = data
        self.path = path
        self.errors = errors

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def check_keys(self, required: tuple[str, ...], known: frozenset[str]) -> None:
        data = self.data
        for key in required:
            if key not in data:
                self.errors.add(self.where(key), m.ERROR_REQUIRED)
        if not known.issuperset(data):
            for key in data:
                if key not in known:
                    self.errors.add(self.where(str(key)), m.ERROR_UNKNOWN_FIELD)

    def raw(self, key: str) -> Any:
        return self.data.get(key, _MISSING)

    def obj(self, key: str, *, nullable: bool = False) -> _Reader | None:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or (value is None and nullable):
            return None
        if not isinstance(value, Mapping):
            self.errors.add(self.where(key), m.ERROR_OBJECT)
            return None
        return _Reader(value, self.where(key), self.errors)

    def boolean(self, key: str) -> bool:
        value = self.data.get(key, _MISSING)
        if value is _MISSING:
            return False
        if not isinstance(value, bool):
            self.errors.add(self.where(key), m.ERROR_BOOLEAN)
            return False
        return value

    def string(self, key: str, *, nullable: bool = False) -> str | None:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or (value is None and nullable):
            return None
        if not isinstance(value, str):
            self.errors.add(self.where(key), m.ERROR_STRING)
            return None
        return value

    def choice(self, key: str, choices: tuple[str, ...]) -> str | None:
        value = self.data.get(key, _MISSING)
        if value is _MISSING:
            return None
        if not isinstance(value, str) or value not in choices:
            self.errors.add(self.where(key), m.ERROR_CHOICE, choices=", ".join(choices))
            return None
        return value

    def day(self, key: str, *, nullable: bool = False) -> date | None:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or (value is None and nullable):
            return None
        if isinstance(value, str) and _DATE_RE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.errors.add(self.where(key), m.ERROR_DATE)
        return None

    def number(self, key: str, *, nullable: bool = False) -> Decimal | None:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or (value is None and nullable):
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            self.errors.add(self.where(key), m.ERROR_NUMBER)
            return None
        try:
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:  # pragma: no cover - int, float and Decimal always convert
            number = Decimal("NaN")
        if not number.is_finite():
            self.errors.add(self.where(key), m.ERROR_NUMBER)
            return None
        if number < 0:
            self.errors.add(self.where(key), m.ERROR_NOT_NEGATIVE)
            return None
        return number

    def integer(self, key: str) -> int | None:
        value = self.data.get(key, _MISSING)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.errors.add(self.where(key), m.ERROR_INTEGER)
            return None
        if value < 0:
            self.errors.add(self.where(key), m.ERROR_NOT_NEGATIVE)
            return None
        return value


_TOP_REQUIRED = ("scheme", "application_date", "start_date", "person", "employer", "job")
_PERSON_REQUIRED = (
    "birth_date",
    "residence_permit",
    "in_introduction_programme",
    "in_norwegian_tuition",
    "out_of_work_periods",
)
_EMPLOYER_REQUIRED = (
    "orgnr",
    "aga_zone",
    "kommune",
    "bydel",
    "employees",
    "tax_arrears_nok",
    "family_tie",
)
_JOB_REQUIRED = (
    "monthly_wage_nok",
    "position_percent",
    "wage_meets_tariff",
    "started_before_application",
    "other_wage_subsidy",
)
_JOB_RATES = ("holiday_pay_rate", "otp_rate")
_PERMIT_KEYS = ("kind", "granted_on")
_PERIOD_KEYS = ("start", "end")
_TOP_KNOWN = frozenset((*_TOP_REQUIRED, "rule_set", "month", "other_subsidies"))
_OTHER_KEYS = ("decision", "start", "end")
_OTHER_KNOWN = frozenset(_OTHER_KEYS)
_PERSON_KNOWN = frozenset(_PERSON_REQUIRED)
_PERMIT_KNOWN = frozenset(_PERMIT_KEYS)
_PERIOD_KNOWN = frozenset(_PERIOD_KEYS)
_EMPLOYER_KNOWN = frozenset(_EMPLOYER_REQUIRED)
_JOB_KNOWN = frozenset((*_JOB_REQUIRED, *_JOB_RATES))


def parse_record(data: Any, *, translate: Translate = identity) -> Record:
    """Check and convert the JSON record; raise :class:`RecordError` listing every problem."""
    errors = ErrorCollector(translate)
    if not isinstance(data, Mapping):
        errors.add("", m.ERROR_OBJECT)
        raise RecordError(errors.errors)
    top = _Reader(data, "", errors)
    top.check_keys(_TOP_REQUIRED, _TOP_KNOWN)

    scheme = top.choice("scheme", SCHEMES)
    application_date = top.day("application_date")
    start_date = top.day("start_date")
    month = _month(top)
    rule_set_version = _rule_set(top, start_date)

    person = _person(top.obj("person"), application_date, start_date)
    employer = _employer(top.obj("employer"))
    job = _job(top.obj("job"), scheme)
    other_subsidies = _other_subsidies(top)

    if errors:
        raise RecordError(errors.errors)
    assert scheme is not None and application_date is not None and start_date is not None
    assert person is not None and employer is not None and job is not None
    return Record(
        scheme=scheme,
        application_date=application_date,
        start_date=start_date,
        person=person,
        employer=employer,
        job=job,
        rule_set=rule_set_version,
        month=month,
        other_subsidies=other_subsidies,
    )


def _other_subsidies(top: _Reader) -> tuple[OtherSubsidy, ...]:
    """``other_subsidies``: optional, a list of ``{"decision", "start", "end"}``."""
    raw = top.raw("other_subsidies")
    if raw is _MISSING or raw is None:
        return ()
    if not isinstance(raw, list | tuple):
        top.errors.add("other_subsidies", m.ERROR_LIST)
        return ()
    found: list[OtherSubsidy] = []
    for index, item in enumerate(raw):
        path = f"other_subsidies.{index}"
        if not isinstance(item, Mapping):
            top.errors.add(path, m.ERROR_OBJECT)
            continue
        reader = _Reader(item, path, top.errors)
        reader.check_keys(_OTHER_KEYS, _OTHER_KNOWN)
        decision = reader.string("decision")
        if decision is not None and not 0 < len(decision) <= 100:
            reader.errors.add(reader.where("decision"), m.ERROR_REFERENCE)
            decision = None
        start = reader.day("start")
        end = reader.day("end")
        if start is not None and end is not None and end < start:
            reader.errors.add(reader.where("end"), m.ERROR_PERIOD_END)
        elif decision is not None and start is not None and end is not None:
            found.append(OtherSubsidy(decision=decision, start=start, end=end))
    return tuple(found)


def _month(top: _Reader) -> date | None:
    value = top.raw("month")
    if value is _MISSING or value is None:
        return None
    match = _MONTH_RE.match(value) if isinstance(value, str) else None
    if match is None or match.group(1) == "0000":
        top.errors.add("month", m.ERROR_MONTH)
        return None
    return date(int(match.group(1)), int(match.group(2)), 1)


def _rule_set(top: _Reader, start_date: date | None) -> str | None:
    version = top.string("rule_set", nullable=True)
    if version is None:
        if start_date is not None:
            check_rule_set_in_force(None, start_date, top.errors)
        return None
    try:
        rule_set = get_rule_set(version)
    except UnknownRuleSet:
        top.errors.add("rule_set", m.ERROR_UNKNOWN_RULE_SET, choices=", ".join(rule_set_versions()))
        return None
    if start_date is not None:
        check_rule_set_in_force(rule_set, start_date, top.errors)
    return version


def check_rule_set_in_force(
    rule_set: RuleSet | None, start_date: date, errors: ErrorCollector
) -> RuleSet | None:
    """The rule set to apply on ``start_date`` (``rule_set`` or the one in force), or an error."""
    if rule_set is None:
        try:
            return rule_set_for(start_date)
        except NoRuleSetInForce:
            first = min(rs.valid_from for rs in RULE_SETS)
            errors.add(
                "start_date",
                m.ERROR_NO_RULE_SET_IN_FORCE,
                date=start_date.isoformat(),
                first=first.isoformat(),
            )
            return None
    if start_date < rule_set.valid_from:
        errors.add(
            "start_date",
            m.ERROR_RULE_SET_NOT_IN_FORCE,
            rule_set=rule_set.version,
            date=start_date.isoformat(),
            valid_from=rule_set.valid_from.isoformat(),
        )
        return None
    if rule_set.valid_to is not None and start_date > rule_set.valid_to:
        errors.add(
            "start_date",
            m.ERROR_RULE_SET_ENDED,
            rule_set=rule_set.version,
            date=start_date.isoformat(),
            valid_to=rule_set.valid_to.isoformat(),
        )
        return None
    return rule_set


def _person(
    reader: _Reader | None, application_date: date | None, start_date: date | None
) -> Person | None:
    if reader is None:
        return None
    reader.check_keys(_PERSON_REQUIRED, _PERSON_KNOWN)
    birth_date = reader.day("birth_date")
    if birth_date is not None and start_date is not None and birth_date >= start_date:
        reader.errors.add(reader.where("birth_date"), m.ERROR_BIRTH_AFTER_START)

    permit: ResidencePermit | None = None
    permit_reader = reader.obj("residence_permit", nullable=True)
    if permit_reader is not None:
        permit_reader.check_keys(_PERMIT_KEYS, _PERMIT_KNOWN)
        kind = permit_reader.choice("kind", PERMIT_KINDS)
        granted_on = permit_reader.day("granted_on")
        if (
            granted_on is not None
            and application_date is not None
            and granted_on > application_date
        ):
            reader.errors.add(permit_reader.where("granted_on"), m.ERROR_PERMIT_AFTER_APPLICATION)
        if kind is not None and granted_on is not None:
            permit = ResidencePermit(kind=kind, granted_on=granted_on)

    periods: list[OutOfWorkPeriod] = []
    raw_periods = reader.raw("out_of_work_periods")
    if raw_periods is not _MISSING:
        if not isinstance(raw_periods, list | tuple):
            reader.errors.add(reader.where("out_of_work_periods"), m.ERROR_LIST)
        else:
            for index, item in enumerate(raw_periods):
                path = reader.where(f"out_of_work_periods.{index}")
                if not isinstance(item, Mapping):
                    reader.errors.add(path, m.ERROR_OBJECT)
                    continue
                period = _Reader(item, path, reader.errors)
                period.check_keys(_PERIOD_KEYS, _PERIOD_KNOWN)
                start = period.day("start")
                end = period.day("end", nullable=True)
                if start is not None and end is not None and end < start:
                    reader.errors.add(period.where("end"), m.ERROR_PERIOD_END)
                elif start is not None:
                    periods.append(OutOfWorkPeriod(start=start, end=end))

    in_programme = reader.boolean("in_introduction_programme")
    in_tuition = reader.boolean("in_norwegian_tuition")
    if reader.errors or birth_date is None:  # the record is refused: build nothing
        return None
    return Person(
        birth_date=birth_date,
        residence_permit=permit,
        in_introduction_programme=in_programme,
        in_norwegian_tuition=in_tuition,
        out_of_work_periods=tuple(periods),
    )


def _employer(reader: _Reader | None) -> Employer | None:
    if reader is None:
        return None
    reader.check_keys(_EMPLOYER_REQUIRED, _EMPLOYER_KNOWN)
    orgnr = reader.string("orgnr")
    if orgnr is not None:
        if len(orgnr) != 9 or not orgnr.isascii() or not orgnr.isdigit():
            reader.errors.add(reader.where("orgnr"), m.ERROR_ORGNR_FORMAT)
        elif not is_valid_orgnr(orgnr):
            reader.errors.add(reader.where("orgnr"), m.ERROR_ORGNR_CHECKSUM)
    aga_zone = reader.choice("aga_zone", AGA_ZONES)
    kommune = reader.string("kommune")
    if kommune is not None and not _digits(kommune, 4):
        reader.errors.add(reader.where("kommune"), m.ERROR_KOMMUNE)
    if kommune is not None and _digits(kommune, 4):
        zones = zones_of(kommune)
        if zones is None:
            reader.errors.add(reader.where("kommune"), m.ERROR_KOMMUNE_UNKNOWN, kommune=kommune)
        elif aga_zone is not None and aga_zone not in zones:
            # A zone that contradicts the kommune is an invalid record, not one computed as given.
            reader.errors.add(
                reader.where("aga_zone"),
                m.ERROR_ZONE_KOMMUNE,
                kommune=kommune,
                zone=aga_zone,
                zones=" / ".join(zones),
            )
    bydel = reader.string("bydel", nullable=True)
    if bydel is not None:
        if not _digits(bydel, 6):
            reader.errors.add(reader.where("bydel"), m.ERROR_BYDEL)
        elif kommune is not None and _digits(kommune, 4) and not bydel.startswith(kommune):
            reader.errors.add(
                reader.where("bydel"), m.ERROR_BYDEL_KOMMUNE, bydel=bydel, kommune=kommune
            )
    employees = reader.integer("employees")
    arrears = reader.number("tax_arrears_nok")
    family_tie = reader.boolean("family_tie")
    if reader.errors:  # the record is refused: build nothing
        return None
    assert orgnr is not None and aga_zone is not None and kommune is not None
    assert employees is not None and arrears is not None
    return Employer(
        orgnr=orgnr,
        aga_zone=aga_zone,
        kommune=kommune,
        bydel=bydel,
        employees=employees,
        tax_arrears_nok=arrears,
        family_tie=family_tie,
    )


def _job(reader: _Reader | None, scheme: str | None) -> Job | None:
    if reader is None:
        return None
    reader.check_keys(_JOB_REQUIRED, _JOB_KNOWN)
    wage = reader.number("monthly_wage_nok")
    position = reader.number("position_percent")
    if position is not None and not 0 < position <= 100:
        reader.errors.add(reader.where("position_percent"), m.ERROR_POSITION_PERCENT)
    rates: list[Decimal | None] = []
    for key in _JOB_RATES:
        rate = reader.number(key, nullable=True)
        if rate is not None and rate >= 1:
            reader.errors.add(reader.where(key), m.ERROR_RATE)
        if rate is None and scheme == INNSTEGSJOBB and not reader.errors.has(reader.where(key)):
            reader.errors.add(reader.where(key), m.ERROR_RATE_REQUIRED)
        rates.append(rate)
    meets_tariff = reader.boolean("wage_meets_tariff")
    started_before = reader.boolean("started_before_application")
    other_subsidy = reader.boolean("other_wage_subsidy")
    if reader.errors:  # the record is refused: build nothing
        return None
    assert wage is not None and position is not None
    return Job(
        monthly_wage_nok=wage,
        position_percent=position,
        wage_meets_tariff=meets_tariff,
        holiday_pay_rate=rates[0],
        otp_rate=rates[1],
        started_before_application=started_before,
        other_wage_subsidy=other_subsidy,
    )


def _digits(value: str, length: int) -> bool:
    return len(value) == length and value.isascii() and value.isdigit()
