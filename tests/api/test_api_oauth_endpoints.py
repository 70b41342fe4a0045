"""The OAuth2 endpoints: only what client credentials need is mounted, and the token endpoint
is rate limited per client and per address."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.subsidies.conftest import CLIENT_SECRET, _basic, get_token

pytestmark = pytest.mark.django_db


def _rates(settings: Any, **rates: str) -> None:
    rest = settings.REST_FRAMEWORK
    settings.REST_FRAMEWORK = {
        **rest,
        "DEFAULT_THROTTLE_RATES": {**rest["DEFAULT_THROTTLE_RATES"], **rates},
    }


@pytest.mark.parametrize(
    "path",
    [
        "/oauth/applications/",
        "/oauth/applications/register/",
        "/oauth/authorize/",
        "/oauth/authorized_tokens/",
        "/oauth/.well-known/openid-configuration",
        "/oauth/.well-known/jwks.json",
        "/oauth/.well-known/oauth-authorization-server",
        "/oauth/userinfo/",
        "/oauth/logout/",
        "/oauth/register/",
        "/oauth/device/",
    ],
)
def test_only_the_client_credentials_endpoints_are_mounted(client_for, employer, path) -> None:  # type: ignore[no-untyped-def]
    response = client_for(employer).get(path)
    assert response.status_code == 404
    assert client_for(employer).post(path, {"name": "mine"}).status_code == 404


def test_the_token_revoke_and_introspect_endpoints_answer(case_system) -> None:  # type: ignore[no-untyped-def]
    client = case_system(("0301",))
    code, body = get_token(client, "subsidies:read")
    assert code == 200, body
    auth = _basic(client.application.client_id, CLIENT_SECRET)
    revoked = Client().post(
        "/oauth/revoke_token/", {"token": body["access_token"]}, HTTP_AUTHORIZATION=auth
    )
    assert revoked.status_code == 200
    # Introspection needs a token with the `introspection` scope, which no case system gets.
    assert Client().post("/oauth/introspect/", {"token": "x"}).status_code in (401, 403)


def _token(client_id: str, secret: str, address: str = "198.51.100.7") -> Any:
    return Client(REMOTE_ADDR=address).post(
        "/oauth/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=_basic(client_id, secret),
    )


def _assert_rate_limited(response: Any) -> None:
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["error"] == "slow_down"
    assert response["Retry-After"] in body["error_description"]


def test_failed_attempts_of_a_client_are_limited(settings, case_system) -> None:  # type: ignore[no-untyped-def]
    _rates(settings, oauth_token_failed_client="2/min")
    client_id = case_system(("0301",)).application.client_id
    for address in ("198.51.100.1", "198.51.100.2"):
        assert _token(client_id, "wrong", address).status_code == 401
    # From a third address, even with the right secret: the client is locked for now.
    _assert_rate_limited(_token(client_id, CLIENT_SECRET, "198.51.100.3"))


def test_failed_attempts_from_an_address_are_limited(settings, case_system) -> None:  # type: ignore[no-untyped-def]
    _rates(settings, oauth_token_failed_address="2/min")
    assert _token("no-such-client", "x").status_code == 401
    assert _token("another-guess", "x").status_code == 401
    _assert_rate_limited(_token("a-third-guess", "x"))
    # Another address is not affected.
    good = case_system(("0301",)).application.client_id
    assert _token(good, CLIENT_SECRET, "203.0.113.9").status_code == 200


def test_every_attempt_of_a_client_counts(settings, case_system) -> None:  # type: ignore[no-untyped-def]
    _rates(settings, oauth_token_client="2/min")
    client_id = case_system(("0301",)).application.client_id
    assert _token(client_id, CLIENT_SECRET, "198.51.100.1").status_code == 200
    assert _token(client_id, CLIENT_SECRET, "198.51.100.2").status_code == 200
    _assert_rate_limited(_token(client_id, CLIENT_SECRET, "198.51.100.3"))


def test_every_attempt_from_an_address_counts(settings, case_system) -> None:  # type: ignore[no-untyped-def]
    _rates(settings, oauth_token_address="2/min")
    first = case_system(("0301",), name="A").application.client_id
    second = case_system(("0301",), name="B").application.client_id
    assert _token(first, CLIENT_SECRET).status_code == 200
    assert _token(second, CLIENT_SECRET).status_code == 200
    _assert_rate_limited(_token(first, CLIENT_SECRET))


def test_the_token_answer_is_never_stored(case_system) -> None:  # type: ignore[no-untyped-def]
    response = _token(case_system(("0301",)).application.client_id, CLIENT_SECRET)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("data", "auth"),
    [
        ({"client_id": "abc\x00", "client_secret": "x"}, None),
        ({"client_id": "abc", "client_secret": "x\x00"}, None),
        ({}, ("abc\x00", "x")),
        ({"scope": "subsidies:read\x00"}, ("abc", "x")),
    ],
)
@pytest.mark.parametrize("path", ["/oauth/token/", "/oauth/revoke_token/", "/oauth/introspect/"])
def test_a_nul_in_an_oauth_request_is_an_invalid_request(path, data, auth) -> None:  # type: ignore[no-untyped-def]
    headers = {"HTTP_AUTHORIZATION": _basic(*auth)} if auth else {}
    body = {"grant_type": "client_credentials", "token": "abc", **data}
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(path, body, **headers)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert "null character" in response.json()["error_description"]
