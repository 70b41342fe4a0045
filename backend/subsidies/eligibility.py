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
