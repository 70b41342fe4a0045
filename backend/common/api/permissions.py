from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request


class HasRole(BasePermission):
    """Allow only people with one of the view's `allowed_roles`."""

    code = "wrong_role"  # the answer's code when a signed-in person has another role

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        roles = getattr(view, "allowed_roles", ())
        return bool(user and user.is_authenticated and getattr(user, "role", None) in roles)


class HasRoleOrReadOnly(HasRole):
    """Anyone may read (the selector decides what); only the view's `allowed_roles` may write."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method in SAFE_METHODS or super().has_permission(request, view)
