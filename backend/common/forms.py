"""Putting a service's refusal on the form that asked for it, listing a page's errors, names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from common.errors import InnstegError
from common.text import clean_name


class NameField(forms.CharField):
    """A name (a person's, an organisation's, a listing's title): trimmed, no bidi controls.

    A name made only of control characters is empty and gets the field's "required" message.
    """

    def to_python(self, value: Any) -> str | None:
        text = super().to_python(value)
        return clean_name(text) if text else text


class Textarea(forms.Textarea):
    """A text area whose direction follows what is typed (dir="auto"): Arabic or Persian text
    runs right to left on a Norwegian page, and Norwegian left to right on an Arabic one."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"dir": "auto", **(attrs or {})})


def add_service_errors(form: forms.BaseForm, error: ValidationError | InnstegError) -> None:
    """Show each message next to the field it names, or above the form when no field has it (a
    refusal of the project's own, common.errors, names no field: it goes above the form)."""
    if isinstance(error, InnstegError):
        form.add_error(None, str(error))
        return
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        field = name if name in form.fields and name != NON_FIELD_ERRORS else None
        for message in messages:
            form.add_error(field, message)


@dataclass(frozen=True)
class ErrorItem:
    """One line of a page's error summary; `anchor` is the id of the field it links to."""

    message: str
    label: str = ""
    anchor: str = ""


def error_summary(*forms_: forms.BaseForm | forms.BaseFormSet[Any] | None) -> list[ErrorItem]:
    """Every error of the bound forms, in page order, each with its field's label and id."""
    items: list[ErrorItem] = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        if isinstance(form, forms.BaseFormSet):
            items += [ErrorItem(str(message)) for message in form.non_form_errors()]
            items += error_summary(*form.forms)
            continue
        items += [ErrorItem(str(message)) for message in form.non_field_errors()]
        for field in form:
            items += [
                ErrorItem(str(message), str(field.label), field.auto_id or "")
                for message in field.errors
            ]
    return items


def refusal_summary(
    refusal: ValidationError | InnstegError, fields: Mapping[str, forms.Field] | None = None
) -> list[ErrorItem]:
    """A service's refusal of a step that has no form of its own (publish, mark as in review).

    A message that names one of `fields` links to that field of the page's form.
    """
    if isinstance(refusal, InnstegError):
        return [ErrorItem(str(refusal))]
    fields = fields or {}
    by_field = getattr(refusal, "message_dict", {NON_FIELD_ERRORS: refusal.messages})
    items: list[ErrorItem] = []
    for name, messages in by_field.items():
        field = fields.get(name)
        for message in messages:
            if field is None:
                items.append(ErrorItem(message))
            else:
                items.append(ErrorItem(message, str(field.label), f"id_{name}"))
    return items
