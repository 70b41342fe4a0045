"""Middleware of the whole site: the Permissions-Policy header (the CSP comes from django-csp),
no NUL in query strings, no caching of personal answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseBase,
)
from django.middleware.common import CommonMiddleware
from django.utils.http import escape_leading_slashes
from django.utils.translation import gettext as _

from common.api.errors import error_response
from common.api.nul import nul_fields_in_form, nul_message
from common.templatetags.drafts import draft_owner

API_PREFIX = "/api/"
OAUTH_PREFIX = "/oauth/"


class RejectNulQueryMiddleware:
    """A query parameter with a NUL character (in its name or value) answers 400 naming it: in
    the API's error shape under /api/, as plain text on the web pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        fields = nul_fields_in_form(request.GET)
        if not fields:
            return self.get_response(request)
        if request.path.startswith(API_PREFIX):
            return error_response(
                "validation_error",
                _("The request has invalid fields."),
                400,
                fields={field: [nul_message()] for field in fields},
            )
        return HttpResponseBadRequest(
            _("The search parameter %(name)s has a null character in it.") % {"name": fields[0]},
            content_type="text/plain; charset=utf-8",
        )


class PrivateNoStoreMiddleware:
    """Answers to a signed-in person or an OAuth2 client are never stored by a browser or a
    proxy: `Cache-Control: no-store, private`. So is every answer of the OAuth2 endpoints (RFC
    6749 section 5.1). Public answers (listings for anyone, static files) are left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if _is_personal(request):
            cache_control = response.get("Cache-Control", "")
            if "no-store" not in cache_control:
                response["Cache-Control"] = "no-store, private"
            elif "private" not in cache_control:
                response["Cache-Control"] = f"{cache_control}, private"
        return response


class PageOwnerMiddleware:
    """Names whose page an HTML answer is, for the service worker: `Innsteg-Page-Owner`, the
    same opaque per-person value as the drafts' owner (an HMAC of the user id; it names nobody).
    The worker keeps pages only under that person and wipes anyone else's (frontend sw.js)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            owner = draft_owner(getattr(request, "user", None))
            if owner:
                response[PAGE_OWNER_HEADER] = owner
        return response


PAGE_OWNER_HEADER = "Innsteg-Page-Owner"


def _is_personal(request: HttpRequest) -> bool:
    if request.path.startswith(OAUTH_PREFIX):
        return True
    user = getattr(request, "user", None)  # DRF sets the user it authenticated here too
    if user is not None and user.is_authenticated:
        return True
    return getattr(request, "auth", None) is not None or "Authorization" in request.headers


def permissions_policy(policy: Mapping[str, Sequence[str]]) -> str:
    """`{"camera": [], "fullscreen": ["self"]}` as `camera=(), fullscreen=(self)`."""
    return ", ".join(
        f"{feature}=({' '.join(allowlist)})" for feature, allowlist in sorted(policy.items())
    )


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY as the Permissions-Policy header, unless a view set one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


class SlashCommonMiddleware(CommonMiddleware):
    """Django's CommonMiddleware, except that under /api/ a path missing its trailing slash
    (every API path ends in one; older action paths had none) is answered 308 Permanent
    Redirect to the path with the slash, in the API's error shape: unlike a 301, a 308 keeps the
    method and the body, so a client that follows it still makes its POST."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code == 404
            and self.should_redirect_with_slash(request)
        ):
            location = escape_leading_slashes(request.get_full_path(force_append_slash=True))
            redirect = error_response(
                "moved_permanently",
                _("Every API path ends in a slash: this one is at %(path)s.") % {"path": location},
                308,
            )
            redirect["Location"] = location
            return redirect
        return super().process_response(request, response)
