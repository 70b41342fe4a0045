"""`{{ value|isolate }}`: someone's text in a place where no tag can go, such as `<title>`."""

from __future__ import annotations

from django import template

from common import text

register = template.Library()


@register.filter
def isolate(value: object) -> str:
    """The value between Unicode isolates (FSI ... PDI); Django escapes it as usual."""
    if value is None or value == "":
        return ""
    return text.isolate(value)
