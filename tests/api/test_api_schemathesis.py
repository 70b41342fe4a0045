"""The API against its own OpenAPI schema: generated requests from a caseworker (session with
MFA), an employer (session) and a case system (bearer token) never get a 5xx, and every
documented answer matches the schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
import schemathesis.specs.openapi.checks
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
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.specs.openapi.checks.response_schema_conformance,
]
BOUNDED = settings(
    max_examples=3, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
# A few generated requests per operation, and neither the coverage phase (dozens of fixed
# requests per operation) nor stateful links: the module has to stay within about two minutes.
CONFIG = SchemathesisConfig.from_dict(
    {
        "generation": {"max-examples": 3, "deterministic": True, "no-shrink": True},
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    }
)
# The schema the app serves at /api/schema/, loaded through WSGI when the module is collected.
schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler(), config=CONFIG)


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


def _session(user: User) -> dict[str, Any]:
    """The call arguments of a signed-in session, with the CSRF cookie and header to write."""
    client = login(Client(), user)
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF_TOKEN},
        "headers": {"X-CSRFToken": CSRF_TOKEN, "Accept-Language": "en"},
    }


def _bearer(token: str) -> dict[str, Any]:
    return {"headers": {"Authorization": f"Bearer {token}", "Accept-Language": "en"}}


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
def test_as_a_veileder(
    case: Any, veileder: User, subsidy_case: SubsidyCase, in_process: None
) -> None:
    case.call_and_validate(**_session(veileder), checks=CHECKS)


@schema.parametrize()
@BOUNDED
def test_as_an_employer(case: Any, employer: User, listing: Any, in_process: None) -> None:
    case.call_and_validate(**_session(employer), checks=CHECKS)


@schema.parametrize()
@BOUNDED
def test_as_a_case_system(case: Any, case_system_token: str, in_process: None) -> None:
    case.call_and_validate(**_bearer(case_system_token), checks=CHECKS)


def _call(path: str, method: str, caller: dict[str, Any], body: Any = None) -> int:
    operation = schema[path][method]
    if body is None:
        generated = operation.Case()
    else:
        generated = operation.Case(body=body, media_type="application/json")
    return int(generated.call(**caller).status_code)


def test_each_caller_is_signed_in(  # type: ignore[no-untyped-def]
    veileder, employer, case_system_token, in_process
) -> None:
    """The generated requests above run as the caller, not anonymously (a 401 or 403 to every
    request would prove nothing), and the session's CSRF token lets them write."""
    assert _call("/api/v1/subsidy-cases/", "GET", _session(veileder)) == 200
    assert _call("/api/v1/organisations/", "GET", _session(employer)) == 200
    # Past authentication and CSRF, the body is checked: 400, not 403.
    assert _call("/api/v1/organisations/", "POST", _session(employer), {}) == 400
    assert _call("/api/v1/subsidy-cases/", "GET", _bearer(case_system_token)) == 200
