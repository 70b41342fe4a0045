"""The audit log: decisions and reads of personal data are written with who, when, what and from
where; nothing can change or delete an entry; national ids never reach a log."""

from __future__ import annotations

import logging

import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import AuditEntry, AuditLogIsAppendOnly
from subsidies.models import PersonFacts
from tests.subsidies.conftest import english, machine

pytestmark = pytest.mark.django_db

NATIONAL_ID = "10039410031"  # a valid fødselsnummer for 10 March 1994
D_NUMBER = "50039410025"  # the D-nummer for the same day


def _entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action))


def test_recommendations_and_decisions_are_audited(  # type: ignore[no-untyped-def]
    client_for, case, veileder, beslutter
) -> None:
    base = f"/api/v1/subsidy-cases/{case.pk}"
    client_for(veileder).post(
        f"{base}/recommend/", {"outcome": "approve"}, "application/json", HTTP_USER_AGENT="Vi/1"
    )
    client_for(beslutter).post(
        f"{base}/reject/",
        {"reason": "wrong_amount"},
        "application/json",
        HTTP_USER_AGENT="Besl/2",
        REMOTE_ADDR="10.1.2.3",
    )
    [recommend] = _entries("case.recommend")
    assert (recommend.user_id, recommend.user_label, recommend.user_agent) == (
        veileder.pk,
        veileder.email,
        "Vi/1",
    )
    assert (recommend.object_type, recommend.object_id) == ("subsidy_case", str(case.pk))
    assert recommend.details["outcome"] == "approve"
    [reject] = _entries("case.reject")
    assert (reject.user_id, reject.ip, reject.user_agent, reject.kommune_id) == (
        beslutter.pk,
        "10.1.2.3",
        "Besl/2",
        "0301",
    )
    assert reject.details["reason"] == "wrong_amount"
    assert reject.client_id == ""
    assert reject.at is not None


def test_reading_a_case_with_its_input_record_is_audited(  # type: ignore[no-untyped-def]
    client_for, case, veileder, case_system
) -> None:
    client_for(veileder).get(f"/api/v1/subsidy-cases/{case.pk}/")
    client = case_system(("0301",))
    machine(client).get(f"/api/v1/subsidy-cases/{case.pk}/")
    by_person, by_client = sorted(_entries("case.read"), key=lambda entry: entry.pk)
    assert (by_person.user_id, by_person.details) == (veileder.pk, {"fields": ["input_snapshot"]})
    assert (by_client.user_id, by_client.client_id) == (None, client.application.client_id)
    # Lists hold no personal data and are not audited.
    client_for(veileder).get("/api/v1/subsidy-cases/")
    assert AuditEntry.objects.count() == 2


def test_person_facts_are_given_masked_and_every_read_is_audited(  # type: ignore[no-untyped-def]
    client_for, case, veileder, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    url = f"/api/v1/subsidy-cases/{case.pk}/person-facts/"
    client = client_for(english(veileder))
    response = client.put(
        url,
        {
            "national_id": "100394 10031",
            "residence_permit": {"kind": "protection", "granted_on": "2024-03-01"},
            "in_norwegian_tuition": True,
            "out_of_work_periods": [{"start": "2023-01-01", "end": "2025-08-14"}],
        },
        "application/json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["national_id"] == "*********31"
    assert response.json()["birth_date"] == "1994-03-10"  # read from the number
    facts = PersonFacts.objects.get(person=case.newcomer)
    assert facts.national_id == NATIONAL_ID
    assert NATIONAL_ID not in repr(facts) and NATIONAL_ID not in str(facts)
    [update] = _entries("person_facts.update")
    assert "national_id" in update.details["fields"]

    masked = client.get(url)
    assert masked.json()["national_id"] == "*********31"
    assert masked.json()["residence_permit"] == {"kind": "protection", "granted_on": "2024-03-01"}
    revealed = client.get(url + "?reveal=national_id")
    assert revealed.json()["national_id"] == NATIONAL_ID
    assert len(_entries("person_facts.read")) == 1
    [read] = _entries("person_facts.national_id.read")
    assert "national_id" in read.details["fields"]

    assert NATIONAL_ID not in caplog.text
    assert not AuditEntry.objects.filter(details__icontains=NATIONAL_ID).exists()


def test_a_d_number_and_a_mismatching_birth_date(client_for, case, veileder) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/subsidy-cases/{case.pk}/person-facts/"
    client = client_for(english(veileder))
    wrong = client.put(
        url, {"national_id": D_NUMBER, "birth_date": "1994-03-11"}, "application/json"
    )
    assert wrong.status_code == 400
    assert "birth_date" in wrong.json()["error"]["fields"]
    right = client.put(
        url, {"national_id": D_NUMBER, "birth_date": "1994-03-10"}, "application/json"
    )
    assert right.status_code == 200


def test_an_invalid_national_id_is_refused_without_repeating_it(  # type: ignore[no-untyped-def]
    client_for, case, veileder
) -> None:
    response = client_for(veileder).put(
        f"/api/v1/subsidy-cases/{case.pk}/person-facts/",
        {"national_id": "10039410032", "birth_date": "1994-03-10"},
        "application/json",
    )
    assert response.status_code == 400
    assert "national_id" in response.json()["error"]["fields"]
    assert "10039410032" not in response.content.decode()


def test_entries_cannot_be_changed_or_deleted(recommended_case) -> None:  # type: ignore[no-untyped-def]
    [entry] = _entries("case.recommend")
    entry.action = "case.approve"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="case.approve")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE subsidies_auditentry SET action = 'case.approve'",
        "DELETE FROM subsidies_auditentry",
    ],
)
def test_the_database_refuses_update_and_delete(recommended_case, sql: str) -> None:  # type: ignore[no-untyped-def]
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEntry.objects.filter(action="case.recommend").count() == 1
