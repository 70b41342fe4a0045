"""The subsidy eligibility engine: pure Python, no Django, no database.

``evaluate(record)`` takes the JSON record of POLICY.md (already parsed from JSON) and returns the
JSON answer: eligibility, amounts, period and the reasons, each with a stable code, its params and a
sentence in the caller's language. See README.md in this package.
"""

from __future__ import annotations

from .engine import evaluate, evaluate_record
from .errors import InputError, RecordError, RuleParameterError
from .grunnbelop import GrunnbelopTable
from .parameters import (
    NYSTARTSJOBB_PILOT_V1,
    NYSTARTSJOBB_PILOT_V2,
    RULE_PARAMETER_NAMES,
    RULE_SETS,
    NoRuleSetInForce,
    NystartsjobbFactors,
    RuleSet,
    UnknownRuleSet,
    get_rule_set,
    rule_set_for,
)
from .reasons import BLOCKING, REASON_CODES
from .record import (
    Employer,
    Job,
    OutOfWorkPeriod,
    Person,
    Record,
    ResidencePermit,
    parse_record,
)
from .translation import Translate, gettext_noop, identity

__all__ = [
    "BLOCKING",
    "NYSTARTSJOBB_PILOT_V1",
    "NYSTARTSJOBB_PILOT_V2",
    "REASON_CODES",
    "RULE_PARAMETER_NAMES",
    "RULE_SETS",
    "Employer",
    "GrunnbelopTable",
    "InputError",
    "Job",
    "NoRuleSetInForce",
    "NystartsjobbFactors",
    "OutOfWorkPeriod",
    "Person",
    "Record",
    "RecordError",
    "ResidencePermit",
    "RuleParameterError",
    "RuleSet",
    "Translate",
    "UnknownRuleSet",
    "evaluate",
    "evaluate_record",
    "get_rule_set",
    "gettext_noop",
    "identity",
    "parse_record",
    "rule_set_for",
]
