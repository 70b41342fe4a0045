"""Role checks for web pages: the page exists, but not for this kind of user."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from accounts.models import User

View = Callable[..., HttpResponse]


def role_required(*roles: str) -> Callable[[View], View]:
    """Answer 403 to a signed-in person whose role is not one of `roles`.

    Put it below `login_required`, so that anonymous visitors are sent to log in first.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not isinstance(user, User) or user.role not in roles:
                raise PermissionDenied(_("This page is not part of your account."))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
