"""Occupation names in the reader's language."""

from __future__ import annotations

from django.utils.translation import get_language

from reference.models import Occupation


def occupation_name(occupation: Occupation, language: str | None = None) -> str:
    """The occupation's name in `language` (the active language when not given), or the
    Norwegian STYRK-08 title where that language has no translation yet."""
    code = (language or get_language() or "nb").split("-")[0].lower()
    if code == "nb":
        return occupation.title_nb
    return (occupation.names or {}).get(code) or occupation.title_nb


def is_translated(occupation: Occupation, language: str) -> bool:
    return language == "nb" or bool((occupation.names or {}).get(language))
