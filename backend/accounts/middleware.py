from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import user_has_mfa
from accounts.sessions import session_idle_expired, session_touch_if_stale, session_used_mfa
from common.api.errors import error_response

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


# Paths open whatever the state of the session.
_ALWAYS_OPEN_PREFIXES = ("/static/", "/healthz")
# Paths a person who needs MFA but has no device yet may still reach: setting MFA up, logging
# out, choosing a language.
_MFA_SETUP_PREFIXES = ("/accounts/", "/i18n/", *_ALWAYS_OPEN_PREFIXES)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _to_login(request: HttpRequest) -> HttpResponse:
    return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))


class StaffSessionIdleMiddleware:
    """Sessions of people who need MFA end after STAFF_SESSION_IDLE_SECONDS without a request.

    Newcomers keep their session for SESSION_COOKIE_AGE. The last request's time is kept in the
    session (set at login by accounts.receivers, refreshed here).
    """

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            isinstance(user, User)
            and user.is_authenticated
            and user.requires_mfa
            and not request.path.startswith(_ALWAYS_OPEN_PREFIXES)
        ):
            if session_idle_expired(request, user):
                logout(request)
                if _is_api(request):
                    message = _("Your session has ended after a time without use. Log in again.")
                    return error_response("session_expired", message, 401)
                messages.info(
                    request, _("You were logged out after a time without use. Log in again.")
                )
                return _to_login(request)
            session_touch_if_stale(request)
        return self.get_response(request)


class StaffMfaRequiredMiddleware:
    """Everyone who needs MFA (accounts.models.MFA_REQUIRED_ROLES) must have a TOTP device and
    must have used it to sign in this session: in the web pages, the admin and the API alike.

    No device yet: the web sends them to set one up, the API answers 403 `mfa_required`.
    A device, but a session that did not pass it (e.g. a password alone): the web logs them out
    and asks them to log in again, the API answers 403 `mfa_required`.
    """

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            not isinstance(user, User)
            or not user.is_authenticated
            or not user.requires_mfa
            or request.path.startswith(_ALWAYS_OPEN_PREFIXES)
        ):
            return self.get_response(request)
        if not user_has_mfa(user=user):
            if request.path.startswith(_MFA_SETUP_PREFIXES):
                return self.get_response(request)
            if _is_api(request):
                message = _("Set up two-factor authentication before you use the API.")
                return error_response("mfa_required", message, 403)
            return redirect("mfa_activate_totp")
        if not session_used_mfa(request, user):
            if _is_api(request):
                message = _("Log in again with your two-factor code before you use the API.")
                return error_response("mfa_required", message, 403)
            logout(request)
            if request.path.startswith("/accounts/"):
                return self.get_response(request)  # the login pages, now as nobody
            messages.info(request, _("Log in again with your two-factor code."))
            return _to_login(request)
        return self.get_response(request)
