"""NUL characters in input: no text field of ours holds one and PostgreSQL refuses them, so they
are refused where input arrives (query strings, JSON and form bodies), naming the field."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

NUL = "\x00"


def nul_message() -> str:
    return _("Null characters are not allowed.")


def printable_name(name: str) -> str:
    return name.replace(NUL, "\\x00")


def nul_fields_in_form(data: MultiValueDict[str, Any]) -> list[str]:
    """The names of the fields of a query string or form body (every value of each) with a NUL
    in the name or a value."""
    fields: list[str] = []
    for name, values in data.lists():
        if NUL in name or any(isinstance(value, str) and NUL in value for value in values):
            field = printable_name(name)
            if field not in fields:
                fields.append(field)
    return fields


def _walk(value: Any, path: str) -> Iterator[str]:
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            if NUL in item:
                yield where or "non_field_errors"
        elif isinstance(item, dict):
            for key, child in item.items():
                name = f"{where}.{key}" if where else str(key)
                if NUL in str(key):
                    yield printable_name(name)
                else:
                    stack.append((child, name))
        elif isinstance(item, list):
            for index, child in enumerate(item):
                stack.append((child, f"{where}.{index}" if where else str(index)))


def nul_fields_in_json(value: Any) -> list[str]:
    """The dotted paths (`parameters.name`, `items.0`) of the strings and keys with a NUL."""
    return sorted(set(_walk(value, "")))
