"""Validators shared by forms, serializers and views."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from common.api.nul import NUL, nul_message


def reject_nul(value: Any) -> None:
    """Refuse text with a NUL character: PostgreSQL cannot store it in a text column."""
    if isinstance(value, str) and NUL in value:
        raise ValidationError(nul_message(), code="null_characters")
