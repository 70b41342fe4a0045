"""Twenty concurrent approvals of one case, on PostgreSQL with real threads: one decision."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection
from django.test import Client

from accounts.models import User
from audit.models import AuditEntry
from subsidies.models import CaseEvent, Decision, DecisionPeriod, SubsidyCase
from tests.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 20


def _approve_at_once(
    case: SubsidyCase, beslutter: User, keys: list[str | None]
) -> list[tuple[int, bool]]:
    """POST approve from len(keys) threads released together; (status, replayed) of each."""
    clients = [login(Client(), beslutter) for _ in keys]
    barrier = threading.Barrier(len(keys))
    answers: list[tuple[int, bool]] = []
    lock = threading.Lock()

    def approve(client: Client, key: str | None) -> None:
        headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
        try:
            barrier.wait(timeout=30)
            response = client.post(
                f"/api/v1/subsidy-cases/{case.pk}/approve/", {}, "application/json", **headers
            )
            with lock:
                answers.append((response.status_code, response.has_header("Idempotent-Replayed")))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(client, key))
        for client, key in zip(clients, keys, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == len(keys)
    return answers


def _exactly_one_decision(case: SubsidyCase) -> None:
    assert Decision.objects.filter(case=case).count() == 1
    assert DecisionPeriod.objects.count() == 12
    assert AuditEntry.objects.filter(action="case.approve").count() == 1
    assert CaseEvent.objects.filter(case=case, kind="case_approved").count() == 1
    assert SubsidyCase.objects.get(pk=case.pk).status == "approved"


def test_twenty_concurrent_approvals_leave_one_decision(recommended_case, beslutter) -> None:  # type: ignore[no-untyped-def]
    answers = _approve_at_once(recommended_case, beslutter, [f"key-{n}" for n in range(THREADS)])
    assert Counter(code for code, _replayed in answers) == {200: 1, 409: THREADS - 1}
    _exactly_one_decision(recommended_case)


def test_twenty_concurrent_retries_with_one_key_get_one_answer(recommended_case, beslutter) -> None:  # type: ignore[no-untyped-def]
    answers = _approve_at_once(recommended_case, beslutter, ["same-key"] * THREADS)
    assert Counter(answers) == {(200, False): 1, (200, True): THREADS - 1}
    _exactly_one_decision(recommended_case)


def test_twenty_concurrent_approvals_without_a_key(recommended_case, beslutter) -> None:  # type: ignore[no-untyped-def]
    answers = _approve_at_once(recommended_case, beslutter, [None] * THREADS)
    assert Counter(code for code, _replayed in answers) == {200: 1, 409: THREADS - 1}
    _exactly_one_decision(recommended_case)
