"""Reading a request's input through an input serializer."""

from __future__ import annotations

from typing import Any


def validated(serializer_class: Any, data: Any, *, partial: bool = False) -> dict[str, Any]:
    """The input's validated values, or a 400 naming each field that is wrong."""
    serializer = serializer_class(data=data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
