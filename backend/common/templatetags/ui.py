"""Small pieces of markup the pages share."""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

from common.written_language import language_note

register = template.Library()


# Icons that point along the line of text: drawn for left to right, mirrored on a right-to-left
# page. Symbols (a clock, a calendar, a place pin) keep their drawing in every direction.
DIRECTIONAL_ICONS = frozenset({"next", "previous", "undo"})


@register.simple_tag
def icon(name: str) -> SafeString:
    """A decorative icon from the sprite; the text beside it carries the meaning."""
    return format_html(
        '<svg class="icon{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        " directional" if name in DIRECTIONAL_ICONS else "",
        static("img/icons.svg"),
        name,
    )


@register.inclusion_tag("includes/written_text.html")
def written_text(text: str) -> dict[str, object]:
    """Someone's short text (a screening question) marked with the language it is written in,
    and a note naming that language when the reader reads another."""
    code, note = language_note(text)
    return {"text": text, "code": code, "note": note}
