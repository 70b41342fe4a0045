"""Request rates of the API and the OAuth2 token endpoint, counted in the (Redis) cache.

The API counts each caller once: a person by their account (session), a case system by its
OAuth2 application (bearer token), anyone else by their address. The token endpoint counts
every attempt and, separately, the failed ones, both per client_id and per address.
The rates are REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], read on each request.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any
from urllib.parse import unquote_plus

from django.http import HttpRequest
from oauth2_provider.models import AbstractAccessToken
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class _SettingsRateThrottle(SimpleRateThrottle):
    """The rate of `scope` from the settings as they are now (tests change them)."""

    num_requests: int | None
    duration: int | None

    def get_rate(self) -> str | None:
        rates: dict[str, Any] = api_settings.DEFAULT_THROTTLE_RATES
        return rates.get(str(self.scope))

    def key_for(self, ident: str) -> str:
        return self.cache_format % {"scope": self.scope, "ident": ident}


def _token(request: Any) -> AbstractAccessToken | None:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, AbstractAccessToken) else None


class PersonRateThrottle(_SettingsRateThrottle):
    """A signed-in person, whatever address they call from."""

    scope = "user"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        user = request.user
        if _token(request) is not None or not (user and user.is_authenticated):
            return None
        return self.key_for(str(user.pk))


class ClientRateThrottle(_SettingsRateThrottle):
    """An OAuth2 client, over every token it holds."""

    scope = "client"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        token = _token(request)
        if token is None:
            return None
        return self.key_for(f"app{token.application_id}")


class AddressRateThrottle(_SettingsRateThrottle):
    """Anyone not signed in, by address."""

    scope = "anon"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        user = request.user
        if _token(request) is not None or (user and user.is_authenticated):
            return None
        return self.key_for(self.get_ident(request))


# The token endpoint (a Django view, not DRF): `check` before the attempt, `record_failure` after
# a refused one.


def token_request_client_id(request: HttpRequest) -> str:
    """The client_id a token request names, in the Basic header or the body ("" if none)."""
    header = request.headers.get("Authorization", "")
    scheme, _sep, credentials = header.partition(" ")
    if scheme.lower() == "basic" and credentials:
        try:
            decoded = base64.b64decode(credentials.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return ""
        return unquote_plus(decoded.partition(":")[0])
    return str(request.POST.get("client_id", ""))


class _TokenThrottle(_SettingsRateThrottle):
    """A token-endpoint rate; `ident` says whose attempts count together."""

    def ident(self, request: HttpRequest) -> str | None:
        raise NotImplementedError

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        ident = self.ident(request)
        return None if ident is None else self.key_for(ident)


class _PerClient(_TokenThrottle):
    def ident(self, request: HttpRequest) -> str | None:
        client_id = token_request_client_id(request)
        if not client_id:
            return None
        return hashlib.sha256(client_id.encode("utf-8")).hexdigest()


class _PerAddress(_TokenThrottle):
    def ident(self, request: HttpRequest) -> str | None:
        return self.get_ident(request) or None  # type: ignore[arg-type]  # reads META only


class TokenClientThrottle(_PerClient):
    scope = "oauth_token_client"


class TokenAddressThrottle(_PerAddress):
    scope = "oauth_token_address"


class _FailureThrottle(_TokenThrottle):
    """Counts only the attempts `record_failure` is called for."""

    def throttle_success(self) -> bool:
        return True  # looking is not an attempt: a failure is recorded after the answer

    def record_failure(self, request: HttpRequest) -> None:
        if self.rate is None or self.duration is None:
            return
        key = self.get_cache_key(request, None)
        if key is None:
            return
        now = self.timer()
        history = [stamp for stamp in self.cache.get(key, []) if stamp > now - self.duration]
        history.insert(0, now)
        self.cache.set(key, history, self.duration)


class TokenFailedClientThrottle(_FailureThrottle, _PerClient):
    scope = "oauth_token_failed_client"


class TokenFailedAddressThrottle(_FailureThrottle, _PerAddress):
    scope = "oauth_token_failed_address"


TOKEN_THROTTLES: tuple[type[_TokenThrottle], ...] = (
    TokenFailedClientThrottle,
    TokenFailedAddressThrottle,
    TokenClientThrottle,
    TokenAddressThrottle,
)


def token_request_wait(request: HttpRequest) -> float | None:
    """None if the token request may go ahead, else the seconds to wait (the first rate that
    refuses it decides)."""
    for throttle_class in TOKEN_THROTTLES:
        throttle = throttle_class()
        if not throttle.allow_request(request, None):  # type: ignore[arg-type]  # no view
            return throttle.wait() or float(throttle.duration or 1)
    return None


def token_request_failed(request: HttpRequest) -> None:
    for throttle_class in (TokenFailedClientThrottle, TokenFailedAddressThrottle):
        throttle_class().record_failure(request)
