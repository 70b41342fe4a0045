"""The eligibility engine as the Django side uses it: answers in the active language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext

from subsidies import rules


def eligibility_evaluate(
    record: Mapping[str, Any], *, overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Evaluate a record with reasons and errors in the active language.

    Raises rules.InputError (with `errors` naming each field) for a record that is not valid.
    """
    return rules.evaluate(record, translate=gettext, overrides=overrides)


def eligibility_explain(
    *, snapshot: Mapping[str, Any], stored_answer: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The reasons of a stored result, with their texts in the active language.

    The snapshot names its rule-set version, so evaluating it again gives the same answer, now
    worded for the reader. Should the engine ever answer differently (a rule set retired, a
    reason added), the stored reasons, in English, are what the decision was made on.
    """
    stored = list(stored_answer.get("reasons", []))
    try:
        fresh = rules.evaluate(snapshot, translate=gettext)["reasons"]
    except (rules.InputError, LookupError):
        return stored
    if [reason["code"] for reason in fresh] != [reason["code"] for reason in stored]:
        return stored
    return list(fresh)


def record_errors(record: Mapping[str, Any]) -> list[dict[str, str]]:
    """Why the engine cannot evaluate `record`, each error naming a field, in the active
    language; empty when it can."""
    try:
        rules.parse_record(record, translate=gettext)
    except rules.InputError as error:
        return list(error.errors)
    return []
