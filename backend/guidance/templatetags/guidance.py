"""`{% guide_suggestion listing as suggestion %}`: the viewer's own open suggestion of a listing
from their guide, so that the listing's page can say "suggested by your guide"."""

from __future__ import annotations

from typing import Any

from django import template

from guidance.models import Suggestion
from guidance.selectors import suggestion_for_listing
from listings.models import Listing

register = template.Library()


@register.simple_tag(takes_context=True)
def guide_suggestion(context: dict[str, Any], listing: Listing) -> Suggestion | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return suggestion_for_listing(viewer=user, listing=listing)
