"""`{% draft_owner %}`: whose drafts the page may show, as an opaque value.

app.js keeps a draft application in the phone's storage under this value, so a draft written by
one person is never shown to or sent for another on a shared phone. It is an HMAC of the user id
with the site's secret key: it names nobody and cannot be guessed for someone else.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.crypto import salted_hmac

register = template.Library()

SALT = "innsteg.drafts.owner"


def draft_owner(user: Any) -> str:
    """The draft key of a signed-in person; empty for an anonymous visitor."""
    if user is None or not user.is_authenticated:
        return ""
    return salted_hmac(SALT, str(user.pk), algorithm="sha256").hexdigest()[:32]


@register.simple_tag(takes_context=True, name="draft_owner")
def draft_owner_tag(context: template.Context) -> str:
    return draft_owner(context.get("user"))
