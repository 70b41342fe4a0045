"""The API against its own OpenAPI schema, with every check Schemathesis has: generated requests
(valid and invalid) from a caseworker (session with MFA), an employer and a newcomer (sessions)
and a case system (bearer token) never get a 5xx, only statuses the operation documents, the
documented media type and headers, bodies that match the schema, invalid data refused, valid
data not refused for its shape, methods the path does not take answered 405 with Allow, and
operations that need a caller refusing one without credentials."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from accounts.models import User
from subsidies.models import CaseSystemClient, SubsidyCase
from tests.conftest import login
from tests.subsidies.conftest import get_token

pytestmark = pytest.mark.django_db

CSRF_TOKEN = "schemathesis0csrf0token0abcdefgh"  # 32 characters, sent as cookie and header
BOUNDED = settings(
    max_examples=3, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
# The WSGI transport hands a body over as it was sent: the API is asked for it uncompressed
# (compression has tests of its own, tests/listings/test_search_facets.py).
IDENTITY = {"Accept-Encoding": "identity"}

# Every check Schemathesis has is on (the default). A few generated requests per operation,
# valid and invalid, and neither the coverage phase (dozens of fixed requests per operation)
# nor stateful links: the module has to stay within about two minutes.
#
# One setting: data the schema calls valid may still break a rule no schema can state (a
# deadline in the past, an end before the start, a reason_text for "other", a fact of nothing),
# which the API answers 400 naming the field. So 400 is an accepted answer to valid data too;
# every other check (and the 400's body, against the error shape) still runs on it.
CONFIG = SchemathesisConfig.from_dict(
    {
        "generation": {
            "max-examples": 3,
            "deterministic": True,
            "no-shrink": True,
            "mode": "all",
        },
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "429"]
            },
        },
    }
)
# The schema the app serves at /api/schema/, loaded through WSGI when the module is collected.
schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler(), config=CONFIG)
# Each caller tries the operations meant for it: a case system those a token may call, a
# newcomer those of listings, applications, agreements and their own data; caseworkers and
# employers every operation (refused where it is not theirs, as documented).
FOR_CASE_SYSTEMS = schema.include(
    lambda ctx: any("oauth2" in option for option in ctx.operation.definition.raw["security"])
)
FOR_NEWCOMERS = schema.include(
    path_regex=r"^/api/v1/(|listings/.*|saved-.*|applications/.*|me/.*|agreements/.*)$"
)

# The session of the person who calls, set by the caller's fixture. It goes through
# Schemathesis's auth, so that its checks know the `sessionid` cookie for what it is (and leave
# it out, or spoil it, to see the API refuse). A case system's token goes in the headers of the
# call, which the checks count as explicit credentials too.
CALLER: dict[str, str] = {}


@schema.auth(refresh_interval=None)
class Caller:
    def get(self, case: Any, context: Any) -> str | None:
        return CALLER.get("session")

    def set(self, case: Any, data: str, context: Any) -> None:
        case.cookies = {**(case.cookies or {}), "sessionid": data}


@pytest.fixture
def in_process() -> Iterator[None]:
    """As in Django's test client, a request does not close the database connection (it holds
    the test's transaction). Last among a test's fixtures: Django's test client connects the
    signal again after each of its requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


CALL = {
    "cookies": {"csrftoken": CSRF_TOKEN},
    "headers": {"X-CSRFToken": CSRF_TOKEN, "Accept-Language": "en", **IDENTITY},
}


def _signed_in(user: User) -> Iterator[None]:
    client = login(Client(), user)
    CALLER["session"] = client.cookies["sessionid"].value
    try:
        yield
    finally:
        CALLER.clear()


@pytest.fixture
def as_veileder(veileder: User, subsidy_case: SubsidyCase) -> Iterator[None]:
    yield from _signed_in(veileder)


@pytest.fixture
def as_employer(employer: User, listing: Any) -> Iterator[None]:
    yield from _signed_in(employer)


@pytest.fixture
def as_newcomer(newcomer: User, listing: Any) -> Iterator[None]:
    yield from _signed_in(newcomer)


def _session(user: User) -> dict[str, Any]:
    """The call arguments of a signed-in session, with the CSRF cookie and header to write."""
    client = login(Client(), user)
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF_TOKEN},
        "headers": {"X-CSRFToken": CSRF_TOKEN, "Accept-Language": "en", **IDENTITY},
    }


def _bearer(token: str) -> dict[str, Any]:
    return {"headers": {"Authorization": f"Bearer {token}", "Accept-Language": "en", **IDENTITY}}


@pytest.fixture
def case_system_token(subsidy_case: SubsidyCase, case_system: Any) -> str:
    client: CaseSystemClient = case_system(("0301",), may_decide=True)
    client.may_simulate = True
    client.save(update_fields=["may_simulate"])
    code, body = get_token(client, "subsidies:read subsidies:decide subsidies:simulate")
    assert code == 200, body
    return str(body["access_token"])


@schema.parametrize()
@BOUNDED
def test_as_a_veileder(case: Any, as_veileder: None, in_process: None) -> None:
    case.call_and_validate(**CALL)


@schema.parametrize()
@BOUNDED
def test_as_an_employer(case: Any, as_employer: None, in_process: None) -> None:
    case.call_and_validate(**CALL)


@FOR_NEWCOMERS.parametrize()
@BOUNDED
def test_as_a_newcomer(case: Any, as_newcomer: None, in_process: None) -> None:
    case.call_and_validate(**CALL)


@FOR_CASE_SYSTEMS.parametrize()
@BOUNDED
def test_as_a_case_system(case: Any, case_system_token: str, in_process: None) -> None:
    headers = {**CALL["headers"], "Authorization": f"Bearer {case_system_token}"}
    case.call_and_validate(cookies=CALL["cookies"], headers=headers)


def _call(path: str, method: str, caller: dict[str, Any], body: Any = None) -> int:
    operation = schema[path][method]
    if body is None:
        generated = operation.Case()
    else:
        generated = operation.Case(body=body, media_type="application/json")
    return int(generated.call(**caller).status_code)


def test_each_caller_is_signed_in(  # type: ignore[no-untyped-def]
    veileder, employer, newcomer, case_system_token, in_process
) -> None:
    """The generated requests above run as the caller, not anonymously (a 401 or 403 to every
    request would prove nothing), and the session's CSRF token lets them write."""
    assert _call("/api/v1/subsidy-cases/", "GET", _session(veileder)) == 200
    assert _call("/api/v1/organisations/", "GET", _session(employer)) == 200
    assert _call("/api/v1/applications/", "GET", _session(newcomer)) == 200
    # Past authentication and CSRF, the body is checked: 400, not 403.
    assert _call("/api/v1/organisations/", "POST", _session(employer), {}) == 400
    assert _call("/api/v1/subsidy-cases/", "GET", _bearer(case_system_token)) == 200


def test_every_operation_declares_its_security_and_errors() -> None:
    """Operations that need a caller say which (a session, or a token with a scope), public ones
    say none, and every operation documents its errors in the one error shape."""
    raw = schema.raw_schema
    error_ref = "#/components/schemas/Error"
    scopes = set(raw["components"]["securitySchemes"]["oauth2"]["flows"]["clientCredentials"])
    assert scopes >= {"tokenUrl", "scopes"}
    for path, item in raw["paths"].items():
        for method, operation in item.items():
            security = operation["security"]
            public = path == "/api/v1/" or (
                path.startswith("/api/v1/listings/")
                and method == "get"
                and "applications" not in path
            )
            if public:
                assert security == [], (method, path)
                continue
            assert security, (method, path)
            assert {"cookieAuth": []} in security, (method, path)
            for code in ("400", "401", "403", "429"):
                content = operation["responses"][code]["content"]["application/json"]
                assert content["schema"] == {"$ref": error_ref}, (method, path, code)
    case_ops = raw["paths"]["/api/v1/subsidy-cases/{id}/approve/"]["post"]
    assert {"oauth2": ["subsidies:decide"]} in case_ops["security"]
    assert any(p["name"] == "Idempotency-Key" for p in case_ops["parameters"])
    assert "Idempotent-Replayed" in case_ops["responses"]["200"]["headers"]
    assert "201" in raw["paths"]["/api/v1/listings/"]["post"]["responses"]
    assert "202" in raw["paths"]["/api/v1/what-if-runs/"]["post"]["responses"]


def test_unknown_api_routes_and_methods_answer_in_the_error_shape(client: Client) -> None:
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "not_found"
    # A path without its trailing slash (as action paths once were): 308 keeps method and body.
    response = client.post("/api/v1/subsidy-cases/1/recommend?x=1", {}, "application/json")
    assert response.status_code == 308
    assert response["Location"] == "/api/v1/subsidy-cases/1/recommend/?x=1"
    assert response.json()["error"]["code"] == "moved_permanently"
    response = client.delete("/api/v1/")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_the_root_lists_the_resources(client: Client) -> None:
    response = client.get("/api/v1/")
    assert response.status_code == 200
    body = response.json()
    assert body["resources"]["subsidy_cases"].endswith("/api/v1/subsidy-cases/")
    assert body["token_url"].endswith("/oauth/token/")
    for url in body["resources"].values():
        assert url.endswith("/")
