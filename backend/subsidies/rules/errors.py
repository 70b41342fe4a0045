"""Exceptions for input the rules cannot evaluate (as opposed to a case that is not eligible)."""

from __future__ import annotations

from typing import Any

from .translation import Translate, identity


class InputError(ValueError):
    """Input that cannot be evaluated. ``errors`` lists ``{"field": ..., "message": ...}``.

    ``field`` is a dotted path into the input (``person.out_of_work_periods.0.end``); ``message``
    is already translated with the caller's ``translate``.
    """

    def __init__(self, errors: list[dict[str, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))


class RecordError(InputError):
    """The JSON record is not a valid record: a field is missing, of the wrong type, or nonsense."""


class RuleParameterError(InputError):
    """A what-if override names an unknown rule parameter or gives it an unusable value."""


class ErrorCollector:
    """Collects every problem found in one input, so the caller can fix them all at once."""

    __slots__ = ("errors", "translate")

    def __init__(self, translate: Translate = identity) -> None:
        self.translate = translate
        self.errors: list[dict[str, str]] = []

    def add(self, field: str, message: str, **params: Any) -> None:
        text = self.translate(message)
        if params:
            try:
                text = text % params
            except (KeyError, ValueError, TypeError):  # a broken translation: use English
                text = message % params
        self.errors.append({"field": field, "message": text})

    def has(self, field: str) -> bool:
        return any(e["field"] == field for e in self.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)
