from typing import Any

from django.http import HttpRequest

from accounts.models import User
from notifications.selectors import unread_count as count_unread


def unread_count(request: HttpRequest) -> dict[str, Any]:
    """`notifications_unread` for signed-in people: one COUNT query (the header shows it on every
    page, and a plural translation needs a real number)."""
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {}
    return {"notifications_unread": count_unread(viewer=user)}
