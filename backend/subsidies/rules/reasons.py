"""Reason codes, and the list of reasons an evaluation builds up.

A reason is ``{"code", "passed", "params", "text"}``. Codes are stable: callers store them and
translate them, so a code is never renamed, only added. ``BLOCKING`` codes decide eligibility;
the others explain (a target-group test that is one of two alternatives, the family tie that only
sends the case to manual review, the nystartssone bonus, and the amount and period worked out).
"""

from __future__ import annotations

from typing import Any

from .translation import Translate, identity

# target groups (evidence for TARGET_GROUP)
NEWCOMER_PERMIT_WITHIN_WINDOW = "newcomer_permit_within_window"
NEWCOMER_PERMIT_KIND = "newcomer_permit_kind"
NEWCOMER_INTRODUCTION_PROGRAMME = "newcomer_introduction_programme"
LONG_TERM_UNEMPLOYED_OUT_OF_WORK = "long_term_unemployed_out_of_work"
TARGET_GROUP = "target_group"

# conditions on everyone
MINIMUM_AGE = "minimum_age"
AGE_LIMIT = "period_ends_before_age_limit"
EMPLOYER_ORGNR_VALID = "employer_orgnr_valid"
EMPLOYER_TAX_ARREARS = "employer_tax_arrears"
WAGE_MEETS_TARIFF = "wage_meets_tariff"
JOB_NOT_STARTED_BEFORE_APPLICATION = "job_not_started_before_application"
NO_OTHER_WAGE_SUBSIDY = "no_other_wage_subsidy"
FAMILY_TIE = "family_tie"

# scheme conditions and bonus
INNSTEGSJOBB_NORWEGIAN_TUITION = "innstegsjobb_norwegian_tuition"
INNSTEGSJOBB_PERMIT_WINDOW = "innstegsjobb_permit_window"
NYSTARTSSONE_BONUS = "nystartssone_bonus"

# what was worked out
NYSTARTSJOBB_FACTOR = "nystartsjobb_factor"
NYSTARTSJOBB_AMOUNT = "nystartsjobb_amount"
INNSTEGSJOBB_AMOUNT = "innstegsjobb_amount"
ENTITLEMENT_MONTHS = "entitlement_months"
DECISION_PERIOD_LIMIT = "decision_period_limit"

REASON_CODES: tuple[str, ...] = (
    NEWCOMER_PERMIT_WITHIN_WINDOW,
    NEWCOMER_PERMIT_KIND,
    NEWCOMER_INTRODUCTION_PROGRAMME,
    LONG_TERM_UNEMPLOYED_OUT_OF_WORK,
    TARGET_GROUP,
    MINIMUM_AGE,
    AGE_LIMIT,
    EMPLOYER_ORGNR_VALID,
    EMPLOYER_TAX_ARREARS,
    WAGE_MEETS_TARIFF,
    JOB_NOT_STARTED_BEFORE_APPLICATION,
    NO_OTHER_WAGE_SUBSIDY,
    FAMILY_TIE,
    INNSTEGSJOBB_NORWEGIAN_TUITION,
    INNSTEGSJOBB_PERMIT_WINDOW,
    NYSTARTSSONE_BONUS,
    ENTITLEMENT_MONTHS,
    NYSTARTSJOBB_FACTOR,
    NYSTARTSJOBB_AMOUNT,
    INNSTEGSJOBB_AMOUNT,
    DECISION_PERIOD_LIMIT,
)
"""Every reason code, in the order reasons appear in an answer."""

BLOCKING: frozenset[str] = frozenset(
    {
        TARGET_GROUP,
        MINIMUM_AGE,
        AGE_LIMIT,
        EMPLOYER_ORGNR_VALID,
        EMPLOYER_TAX_ARREARS,
        WAGE_MEETS_TARIFF,
        JOB_NOT_STARTED_BEFORE_APPLICATION,
        NO_OTHER_WAGE_SUBSIDY,
        INNSTEGSJOBB_NORWEGIAN_TUITION,
        INNSTEGSJOBB_PERMIT_WINDOW,
        ENTITLEMENT_MONTHS,
    }
)
"""Codes whose failure makes a case ineligible."""

Params = dict[str, Any]


class Reasons:
    """The reasons of one evaluation as JSON-ready dicts, in the order they were checked.

    The text is rendered when the reason is added: ``translate(message) % params``, the English
    text if the translation is broken.
    """

    __slots__ = ("_translate", "failed", "items")

    def __init__(self, translate: Translate = identity) -> None:
        self.items: list[dict[str, Any]] = []
        self.failed: list[str] = []
        """Codes of the reasons that did not pass."""
        self._translate = None if translate is identity else translate

    def add(self, code: str, passed: bool, message: str, params: Params) -> bool:
        """Add a reason and return ``passed``."""
        translate = self._translate
        text = message if translate is None else translate(message)
        if params:
            try:
                text %= params
            except (KeyError, ValueError, TypeError):
                text = message % params
        self.items.append({"code": code, "passed": passed, "params": params, "text": text})
        if not passed:
            self.failed.append(code)
        return passed

    def insert(self, index: int, code: str, passed: bool, message: str, params: Params) -> None:
        """Add a reason at ``index`` (for a verdict reached after later checks)."""
        self.add(code, passed, message, params)
        self.items.insert(index, self.items.pop())

    @property
    def blocked(self) -> bool:
        """True when a blocking condition failed."""
        return any(code in BLOCKING for code in self.failed)

    def failed_first(self) -> list[dict[str, Any]]:
        """Blocking failures, then other failures, then the rest; each in checking order."""
        items = self.items
        return (
            [i for i in items if not i["passed"] and i["code"] in BLOCKING]
            + [i for i in items if not i["passed"] and i["code"] not in BLOCKING]
            + [i for i in items if i["passed"]]
        )
