"""Validators shared by forms, serializers and views."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NUL = "\x00"


def reject_nul(value: Any) -> None:
    """Refuse text with a NUL character: PostgreSQL cannot store it in a text column."""
    if isinstance(value, str) and NUL in value:
        raise ValidationError(_("Null characters are not allowed."), code="null_characters")
