"""Who reaches a web page: anonymous visitors log in first, other kinds of user get a 403, and
rows outside the viewer's scope are a 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from accounts.models import User

View = Callable[..., HttpResponse]
T = TypeVar("T")


def role_required(*roles: str) -> Callable[[View], View]:
    """Send anonymous visitors to log in; answer 403 to a person whose role is not in `roles`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not isinstance(user, User) or user.role not in roles:
                raise PermissionDenied(_("This page is not part of your account."))
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def or_404(read: Callable[[], T]) -> T:
    """A selector's row, or a 404: rows outside the viewer's scope do not exist for them."""
    try:
        return read()
    except ObjectDoesNotExist:
        raise Http404 from None
