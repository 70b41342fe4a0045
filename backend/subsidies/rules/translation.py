"""Translation hooks that keep the rules free of Django.

Every sentence a person can read is an English source string marked with ``gettext_noop``, so
Django's ``makemessages`` extracts it. The caller translates at evaluation time by passing
``translate=django.utils.translation.gettext``; the default leaves the English text as it is.
"""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[[str], str]


def gettext_noop(message: str) -> str:
    """Mark ``message`` for extraction without translating it."""
    return message


def identity(message: str) -> str:
    """The default ``translate``: return the English source string unchanged."""
    return message
