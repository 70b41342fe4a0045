from functools import partial
from typing import Any

from django.http import HttpRequest

from accounts.models import Role, User
from buddies.selectors import is_coordinator


def buddy_coordinator(request: HttpRequest) -> dict[str, Any]:
    """`buddy_coordinator` for the menu: asked (one query) only where a template uses it, which
    the menu does only for guides (veiledere always coordinate their own kommuner)."""
    user = getattr(request, "user", None)
    if not isinstance(user, User) or user.role not in (Role.GUIDE, Role.VOLUNTEER):
        return {}
    return {"buddy_coordinator": partial(is_coordinator, viewer=user)}
