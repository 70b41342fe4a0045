"""Validators shared by the apps' forms, serializers, models and views.

Plain text (no markup), workplace languages, no NUL characters.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.api.nul import NUL, nul_message

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def reject_nul(value: Any) -> None:
    """Refuse text with a NUL character: PostgreSQL cannot store it in a text column."""
    if isinstance(value, str) and NUL in value:
        raise ValidationError(nul_message(), code="null_characters")


# `<` followed by a letter, `/` or `!` opens a tag, a closing tag or a comment.
_MARKUP = re.compile(r"<[A-Za-z/!]")


def validate_plain_text(value: str) -> None:
    """Refuse text that holds HTML or script; the field it belongs to names itself in the error."""
    if value and _MARKUP.search(value):
        raise ValidationError(
            _("Write plain text: HTML and script (such as <b> or <script>) are not allowed."),
            code="markup",
        )


# Languages often spoken at a workplace by newcomers and their colleagues, as ISO 639-1 codes.
WORKPLACE_LANGUAGES: dict[str, StrOrPromise] = {
    "nb": _("Norwegian Bokmål"),
    "nn": _("Norwegian Nynorsk"),
    "en": _("English"),
    "ar": _("Arabic"),
    "uk": _("Ukrainian"),
    "ru": _("Russian"),
    "ti": _("Tigrinya"),
    "so": _("Somali"),
    "fa": _("Persian (Dari/Farsi)"),
    "ps": _("Pashto"),
    "ku": _("Kurdish"),
    "ur": _("Urdu"),
    "tr": _("Turkish"),
    "pl": _("Polish"),
    "lt": _("Lithuanian"),
    "am": _("Amharic"),
    "sw": _("Swahili"),
    "fr": _("French"),
    "es": _("Spanish"),
    "my": _("Burmese"),
    "ta": _("Tamil"),
    "vi": _("Vietnamese"),
    "th": _("Thai"),
    "zh": _("Chinese"),
}


def validate_language_codes(value: object) -> None:
    """A list of distinct codes from WORKPLACE_LANGUAGES."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Give a list of language codes."), code="invalid")
    unknown = [code for code in value if code not in WORKPLACE_LANGUAGES]
    if unknown:
        raise ValidationError(
            _("Unknown language code: %(codes)s."),
            code="unknown_language",
            params={"codes": ", ".join(unknown)},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Name each language once."), code="duplicate")
