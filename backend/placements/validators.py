"""Validators for the terms of a placement agreement."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.validators import validate_plain_text

GOAL_KINDS = ("language", "work_skills", "trade_certificate")
MAX_GOALS = 10
MAX_GOAL_TEXT = 300


def validate_goals(value: object) -> None:
    """A list of at most MAX_GOALS `{"kind": one of GOAL_KINDS, "text": plain text}`."""
    if not isinstance(value, list):
        raise ValidationError(_("Give the goals as a list."), code="invalid")
    if len(value) > MAX_GOALS:
        raise ValidationError(
            _("Give at most %(max)d goals."), code="too_many", params={"max": MAX_GOALS}
        )
    for goal in value:
        if not isinstance(goal, dict) or set(goal) != {"kind", "text"}:
            raise ValidationError(
                _('Give each goal as {"kind": ..., "text": ...}.'), code="invalid"
            )
        if goal["kind"] not in GOAL_KINDS:
            raise ValidationError(
                _("A goal's kind is one of: %(kinds)s."),
                code="unknown_goal_kind",
                params={"kinds": ", ".join(GOAL_KINDS)},
            )
        text = goal["text"]
        if not isinstance(text, str) or not text.strip():
            raise ValidationError(_("Describe each goal in a few words."), code="blank")
        if len(text) > MAX_GOAL_TEXT:
            raise ValidationError(
                _("Describe each goal in at most %(max)d characters."),
                code="too_long",
                params={"max": MAX_GOAL_TEXT},
            )
        validate_plain_text(text)
