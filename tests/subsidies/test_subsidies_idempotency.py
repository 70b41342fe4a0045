"""Decision requests with an Idempotency-Key: a retry gets the first answer, a different request
with the same key is a conflict."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from audit.models import AuditEntry
from subsidies.models import Decision, IdempotencyRecord, Recommendation
from subsidies.services.idempotency import idempotency_records_clean
from tests.conftest import _with_totp
from tests.factories import UserFactory
from tests.subsidies.conftest import english, machine

pytestmark = pytest.mark.django_db


def _approve(client, case, key: str | None, note: str = ""):  # type: ignore[no-untyped-def]
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(
        f"/api/v1/subsidy-cases/{case.pk}/approve/", {"note": note}, "application/json", **headers
    )


def test_a_retry_gets_the_first_answer(client_for, recommended_case, beslutter) -> None:  # type: ignore[no-untyped-def]
    client = client_for(beslutter)
    first = _approve(client, recommended_case, "approve-7f3a")
    assert first.status_code == 200
    assert "Idempotent-Replayed" not in first
    retry = _approve(client, recommended_case, "approve-7f3a")
    assert retry.status_code == 200
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert Decision.objects.count() == 1
    assert AuditEntry.objects.filter(action="case.approve").count() == 1
    # Without the key, or with another, the request runs again and finds the case decided.
    assert _approve(client, recommended_case, None).status_code == 409
    assert _approve(client, recommended_case, "approve-other").status_code == 409


def test_the_same_key_for_a_different_request_is_a_conflict(  # type: ignore[no-untyped-def]
    client_for, recommended_case, beslutter
) -> None:
    client = client_for(english(beslutter))
    assert _approve(client, recommended_case, "k-1", note="first").status_code == 200
    response = _approve(client, recommended_case, "k-1", note="second")
    assert response.status_code == 409
    assert "different request" in response.json()["error"]["message"]


def test_each_caller_has_its_own_keys(client_for, recommended_case, beslutter) -> None:  # type: ignore[no-untyped-def]
    other = _with_totp(UserFactory(role=Role.BESLUTTER, serves=("0301",)))
    assert _approve(client_for(beslutter), recommended_case, "shared").status_code == 200
    # Another beslutter's request with the same key is not a retry of the first one.
    assert _approve(client_for(other), recommended_case, "shared").status_code == 409


def test_a_failed_request_leaves_the_key_free(client_for, case, veileder, beslutter) -> None:  # type: ignore[no-untyped-def]
    client = client_for(beslutter)
    assert _approve(client, case, "early").status_code == 409  # not recommended yet
    assert not IdempotencyRecord.objects.exists()
    client_for(veileder).post(
        f"/api/v1/subsidy-cases/{case.pk}/recommend/", {"outcome": "approve"}, "application/json"
    )
    assert _approve(client, case, "early").status_code == 200


def test_a_case_system_retries_a_recommendation(case, case_system, veileder) -> None:  # type: ignore[no-untyped-def]
    api = machine(case_system(("0301",), may_decide=True), "subsidies:read subsidies:decide")
    url = f"/api/v1/subsidy-cases/{case.pk}/recommend/"
    body = {"outcome": "approve", "acting_user": veileder.email}
    first = api.post(url, body, "application/json", HTTP_IDEMPOTENCY_KEY="rec-1")
    retry = api.post(url, body, "application/json", HTTP_IDEMPOTENCY_KEY="rec-1")
    assert (first.status_code, retry.status_code) == (200, 200)
    assert retry.json() == first.json()
    assert Recommendation.objects.count() == 1


@pytest.mark.parametrize("key", ["", "x" * 256, "with space", "ünicode"])
def test_a_malformed_key_is_refused(client_for, recommended_case, beslutter, key) -> None:  # type: ignore[no-untyped-def]
    response = _approve(client_for(beslutter), recommended_case, key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["error"]["fields"]
    assert not Decision.objects.exists()


def test_keys_are_forgotten_after_a_week(client_for, recommended_case, beslutter) -> None:  # type: ignore[no-untyped-def]
    assert _approve(client_for(beslutter), recommended_case, "old").status_code == 200
    now = timezone.now()
    assert idempotency_records_clean(now=now + datetime.timedelta(days=6)) == 0
    assert idempotency_records_clean(now=now + datetime.timedelta(days=8)) == 1
    assert not IdempotencyRecord.objects.exists()
