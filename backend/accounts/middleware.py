from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.selectors import user_has_mfa

Middleware = Callable[[HttpRequest], HttpResponse]


class UserLanguageMiddleware:
    """A signed-in person sees everything in the language stored on their account."""

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", None) if user and user.is_authenticated else None
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


# Paths a staff member without MFA may still reach: setting MFA up, logging out, static files.
_MFA_SETUP_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz")


class StaffMfaRequiredMiddleware:
    """Caseworkers and platform admins must set up TOTP before they can do anything else."""

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "requires_mfa", False)
            and not request.path.startswith(_MFA_SETUP_PREFIXES)
            and not user_has_mfa(user=user)
        ):
            if request.path.startswith("/api/"):
                message = _("Set up two-factor authentication before you use the API.")
                return JsonResponse(
                    {"error": {"code": "mfa_required", "message": message}}, status=403
                )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
