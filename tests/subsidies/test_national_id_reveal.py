"""Revealing a national id asks for more than reading: a person must have given the second
factor in the last 15 minutes, a case system needs the scope subsidies:national_id."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from audit.models import AuditEntry
from subsidies.models import CaseSystemClient, SubsidyCase
from tests.conftest import login
from tests.factories import TEST_PASSWORD, UserFactory
from tests.subsidies.conftest import get_token, machine
from tests.support.auth import totp_code, with_totp_secret

pytestmark = pytest.mark.django_db

NATIONAL_ID = "10039410031"
FACTS = {
    "national_id": NATIONAL_ID,
    "residence_permit": {"kind": "protection", "granted_on": "2024-03-01"},
    "in_norwegian_tuition": True,
    "out_of_work_periods": [{"start": "2023-01-01", "end": "2025-08-14"}],
}


def _url(case: SubsidyCase, reveal: bool = True) -> str:
    url = f"/api/v1/subsidy-cases/{case.pk}/person-facts/"
    return url + "?reveal=national_id" if reveal else url


def _mfa_was_given(client: Client, seconds_ago: float) -> None:
    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] = time.time() - seconds_ago
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()


@pytest.fixture
def case_with_facts(case: SubsidyCase, veileder: User) -> SubsidyCase:
    response = login(Client(), veileder).put(_url(case, False), FACTS, "application/json")
    assert response.status_code == 200, response.json()
    return case


@pytest.fixture
def veileder_and_secret(db: None) -> tuple[User, str]:
    veileder = UserFactory(role=Role.VEILEDER, serves=("0301",))
    return veileder, with_totp_secret(veileder)


def _reveals(case: SubsidyCase) -> int:
    return AuditEntry.objects.filter(action="person_facts.national_id.read").count()


def test_a_second_factor_given_minutes_ago_reveals(
    case_with_facts: SubsidyCase, veileder: User
) -> None:
    client = login(Client(), veileder)
    _mfa_was_given(client, 14 * 60)
    response = client.get(_url(case_with_facts))
    assert response.status_code == 200
    assert response.json()["national_id"] == NATIONAL_ID


def test_an_older_second_factor_must_be_given_again(
    case_with_facts: SubsidyCase, veileder_and_secret: tuple[User, str]
) -> None:
    veileder, secret = veileder_and_secret
    client = login(Client(), veileder)
    _mfa_was_given(client, 16 * 60)
    before = _reveals(case_with_facts)

    refused = client.get(_url(case_with_facts))
    assert refused.status_code == 403
    error = refused.json()["error"]
    assert error["code"] == "reauthentication_required"
    assert error["message"]
    assert error["reauthenticate_url"] == reverse("mfa_reauthenticate")
    assert NATIONAL_ID not in refused.content.decode()
    assert _reveals(case_with_facts) == before
    # The masked facts are still there to read.
    masked = client.get(_url(case_with_facts, reveal=False))
    assert (masked.status_code, masked.json()["national_id"]) == (200, "*********31")

    # allauth's page asks for the code again; then the number shows.
    again = client.post(error["reauthenticate_url"], {"code": totp_code(secret)})
    assert again.status_code == 302
    revealed = client.get(_url(case_with_facts))
    assert (revealed.status_code, revealed.json()["national_id"]) == (200, NATIONAL_ID)
    assert _reveals(case_with_facts) == before + 1


def test_a_password_reauthentication_is_not_enough(
    case_with_facts: SubsidyCase, veileder: User
) -> None:
    client = login(Client(), veileder)
    _mfa_was_given(client, 16 * 60)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert client.get(_url(case_with_facts)).status_code == 403


def _case_system(
    case_system: Callable[..., CaseSystemClient], *, may_reveal: bool
) -> CaseSystemClient:
    client = case_system(("0301",))
    client.may_reveal_national_id = may_reveal
    client.full_clean()
    client.save()
    return client


def test_a_case_system_with_read_alone_cannot_reveal(
    case_with_facts: SubsidyCase, case_system: Callable[..., CaseSystemClient]
) -> None:
    api = machine(_case_system(case_system, may_reveal=False), "subsidies:read")
    refused = api.get(_url(case_with_facts))
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "missing_scope"
    assert "subsidies:national_id" in refused.json()["error"]["message"]
    assert api.get(_url(case_with_facts, reveal=False)).json()["national_id"] == "*********31"


def test_a_case_system_needs_the_national_id_scope_in_its_token(
    case_with_facts: SubsidyCase, case_system: Callable[..., CaseSystemClient]
) -> None:
    allowed = _case_system(case_system, may_reveal=True)
    read_only_token = machine(allowed, "subsidies:read")
    assert read_only_token.get(_url(case_with_facts)).status_code == 403
    api = machine(allowed, "subsidies:read subsidies:national_id")
    revealed = api.get(_url(case_with_facts))
    assert (revealed.status_code, revealed.json()["national_id"]) == (200, NATIONAL_ID)


def test_a_case_system_not_allowed_to_reveal_is_not_given_the_scope(
    case_system: Callable[..., CaseSystemClient],
) -> None:
    code, body = get_token(
        _case_system(case_system, may_reveal=False), "subsidies:read subsidies:national_id"
    )
    assert (code, body["error"]) == (400, "invalid_scope")


def test_the_national_id_scope_is_given_only_when_asked_for(
    case_system: Callable[..., CaseSystemClient],
) -> None:
    allowed = _case_system(case_system, may_reveal=True)
    code, body = get_token(allowed, "")
    assert (code, body["scope"]) == (200, "subsidies:read")
    code, body = get_token(allowed, "subsidies:read subsidies:national_id")
    assert (code, set(body["scope"].split())) == (200, {"subsidies:read", "subsidies:national_id"})


def test_revealing_needs_reading(case_system: Callable[..., CaseSystemClient]) -> None:
    client = case_system(("0301",))
    client.may_read = False
    client.may_reveal_national_id = True
    with pytest.raises(ValidationError) as raised:
        client.full_clean()
    assert "may_reveal_national_id" in raised.value.message_dict
    assert client.scopes == []
