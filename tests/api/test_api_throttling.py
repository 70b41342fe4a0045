"""API rates: once per person (session), per OAuth2 client and per address (anonymous), with a
429 in the API's error shape and Retry-After."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.subsidies.conftest import machine

pytestmark = pytest.mark.django_db


def _rates(settings: Any, **rates: str) -> None:
    rest = settings.REST_FRAMEWORK
    settings.REST_FRAMEWORK = {
        **rest,
        "DEFAULT_THROTTLE_RATES": {**rest["DEFAULT_THROTTLE_RATES"], **rates},
    }


def _assert_throttled(response: Any) -> None:
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    error = response.json()["error"]
    assert error["code"] == "throttled"
    assert error["message"]
    assert error["retry_after"] == int(response["Retry-After"])


def test_anonymous_callers_are_counted_by_address(settings) -> None:  # type: ignore[no-untyped-def]
    _rates(settings, anon="2/min")
    here, there = Client(REMOTE_ADDR="198.51.100.1"), Client(REMOTE_ADDR="198.51.100.2")
    assert here.get("/api/v1/listings/").status_code == 200
    assert here.get("/api/v1/listings/").status_code == 200
    _assert_throttled(here.get("/api/v1/listings/"))
    assert there.get("/api/v1/listings/").status_code == 200


def test_a_person_is_counted_over_every_address(settings, client_for, employer, employer_b) -> None:  # type: ignore[no-untyped-def]
    _rates(settings, user="2/min", anon="1/min")
    for address in ("198.51.100.1", "198.51.100.2"):
        response = client_for(employer).get("/api/v1/organisations/", REMOTE_ADDR=address)
        assert response.status_code == 200
    _assert_throttled(client_for(employer).get("/api/v1/organisations/", REMOTE_ADDR="10.0.0.9"))
    # Someone else, and the same address without a session, have their own counts.
    assert client_for(employer_b).get("/api/v1/organisations/").status_code == 200
    assert Client(REMOTE_ADDR="10.0.0.9").get("/api/v1/listings/").status_code == 200


def test_a_case_system_is_counted_over_its_tokens(settings, case_system) -> None:  # type: ignore[no-untyped-def]
    _rates(settings, client="2/min", anon="1/min")
    system = case_system(("0301",))
    first, second = machine(system), machine(system)
    assert first.get("/api/v1/subsidy-cases/").status_code == 200
    assert second.get("/api/v1/subsidy-cases/").status_code == 200
    _assert_throttled(first.get("/api/v1/subsidy-cases/"))
    other = machine(case_system(("0301",), name="Another"))
    assert other.get("/api/v1/subsidy-cases/").status_code == 200


def test_the_rates_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.exceptions import ImproperlyConfigured

    from config import env

    monkeypatch.setenv("API_RATE_PERSON", "100/hour")
    assert env.env_rate("API_RATE_PERSON", "600/min") == "100/hour"
    assert env.env_rate("API_RATE_UNSET", "600/min") == "600/min"
    for bad in ("lots", "10/fortnight", "0/min", "-1/min"):
        monkeypatch.setenv("API_RATE_PERSON", bad)
        with pytest.raises(ImproperlyConfigured, match="API_RATE_PERSON"):
            env.env_rate("API_RATE_PERSON", "600/min")


def test_the_throttles_are_active_by_default(settings) -> None:  # type: ignore[no-untyped-def]
    from rest_framework.views import APIView

    names = {cls.__name__ for cls in APIView.throttle_classes}
    assert names == {"PersonRateThrottle", "ClientRateThrottle", "AddressRateThrottle"}
