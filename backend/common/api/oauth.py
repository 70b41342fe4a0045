"""The OAuth2 endpoints case systems use (client credentials): token, revoke, introspect.

The token endpoint is rate limited per client_id and per address, for every attempt and for the
failed ones (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], the `oauth_token_*` scopes). A refused
request gets 429 in OAuth's error form with Retry-After. A NUL character in a field or in the
client credentials is an `invalid_request` (PostgreSQL cannot even look such a client up).
"""

from __future__ import annotations

import math
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.views import IntrospectTokenView, RevokeTokenView, TokenView

from common.api.nul import NUL, nul_fields_in_form
from common.api.throttling import (
    token_request_client_id,
    token_request_failed,
    token_request_wait,
)


def oauth_error(status: int, error: str, description: str) -> JsonResponse:
    """An answer in the error form of RFC 6749 section 5.2, never stored by a cache."""
    response = JsonResponse({"error": error, "error_description": description}, status=status)
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    return response


def _nul_refusal(request: HttpRequest) -> JsonResponse | None:
    fields = nul_fields_in_form(request.POST)
    if NUL in request.headers.get("Authorization", "") or NUL in token_request_client_id(request):
        fields.insert(0, "Authorization")
    if not fields:
        return None
    return oauth_error(
        400,
        "invalid_request",
        _("The field %(name)s has a null character in it.") % {"name": fields[0]},
    )


class RateLimitedTokenView(TokenView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        wait = token_request_wait(request)
        if wait is not None:
            seconds = max(1, math.ceil(wait))
            response = oauth_error(
                429,
                "slow_down",
                _("Too many token requests. Try again in %(seconds)d seconds.")
                % {"seconds": seconds},
            )
            response["Retry-After"] = str(seconds)
            return response
        refusal = _nul_refusal(request)
        response = refusal or super().post(request, *args, **kwargs)
        if response.status_code in (400, 401):
            token_request_failed(request)
        return response


class CheckedRevokeTokenView(RevokeTokenView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _nul_refusal(request) or super().post(request, *args, **kwargs)


@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(login_not_required, name="dispatch")
class CheckedIntrospectTokenView(IntrospectTokenView):
    """Checked before the caller's credentials are (they are looked up first); exempt from CSRF
    and login like the view it extends."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _nul_refusal(request) or super().dispatch(request, *args, **kwargs)
