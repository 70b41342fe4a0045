"""The OAuth2 endpoints case systems use (client credentials): token, revoke, introspect.

The token endpoint is rate limited per client_id and per address, for every attempt and for the
failed ones (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], the `oauth_token_*` scopes). A refused
request gets 429 in OAuth's error form with Retry-After.
"""

from __future__ import annotations

import math
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from oauth2_provider.views import TokenView

from common.api.throttling import token_request_failed, token_request_wait


def oauth_error(status: int, error: str, description: str) -> JsonResponse:
    """An answer in the error form of RFC 6749 section 5.2, never stored by a cache."""
    response = JsonResponse({"error": error, "error_description": description}, status=status)
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    return response


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
        response = super().post(request, *args, **kwargs)
        if response.status_code in (400, 401):
            token_request_failed(request)
        return response
