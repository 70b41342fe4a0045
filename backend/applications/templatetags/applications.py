"""What the applications app adds to the pages of the apps below it.

The listing page belongs to listings, which knows nothing of applications: the part that shows a
newcomer their own application to the listing comes from here.
"""

from __future__ import annotations

from typing import Any

from django import template

from accounts.models import User
from applications.models import Application
from applications.selectors import application_for_listing
from listings.models import Listing

register = template.Library()


@register.simple_tag(takes_context=True)
def own_application(context: dict[str, Any], listing: Listing) -> Application | None:
    """The signed-in newcomer's application to `listing`, or None (for anyone else too)."""
    user = context["request"].user
    if not isinstance(user, User):
        return None
    return application_for_listing(viewer=user, listing=listing)
