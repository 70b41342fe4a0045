"""The encrypted fields, the keyed look-up hash, a wrong key, and the migrations that encrypt the
rows and MFA secrets stored in the clear before."""

from __future__ import annotations

import datetime
import hashlib
import importlib
import json

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.core.exceptions import FieldError, ValidationError
from django.db import connection
from django.test import override_settings

from accounts.models import User
from common import crypto
from subsidies.models import PersonFacts, SubsidyCase
from tests.factories import NewcomerFactory
from tests.privacy.conftest import D_NUMBER, NATIONAL_ID, new_key, totp_secret_of
from tests.subsidies.conftest import give_person_facts

pytestmark = pytest.mark.django_db


def _raw(column: str, person: User) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM subsidies_personfacts WHERE person_id = %s",
            [person.pk],
        )
        return cursor.fetchone()[0]


def test_the_columns_hold_tokens_and_the_model_plaintext(case: SubsidyCase) -> None:
    facts = give_person_facts(case.newcomer, national_id=NATIONAL_ID)
    for column, plain in (
        ("national_id", NATIONAL_ID),
        ("permit_kind", "protection"),
        ("permit_granted_on", "2024-03-01"),
    ):
        stored = _raw(column, case.newcomer)
        assert stored is not None and plain not in stored
        assert crypto.decrypt(stored) == plain
    # The same text twice gives two tokens: nothing can be compared in SQL.
    assert crypto.encrypt(NATIONAL_ID) != crypto.encrypt(NATIONAL_ID)
    facts.refresh_from_db()
    assert facts.permit_granted_on.isoformat() == "2024-03-01"
    # .values(), as the recomputation reads the facts, decrypts too.
    row = SubsidyCase.objects.filter(pk=case.pk).values("newcomer__subsidy_facts__permit_kind")
    assert row.get()["newcomer__subsidy_facts__permit_kind"] == "protection"


def test_a_query_cannot_filter_on_an_encrypted_column() -> None:
    with pytest.raises(FieldError, match="exact"):
        list(PersonFacts.objects.filter(national_id=NATIONAL_ID))
    with pytest.raises(FieldError):
        list(PersonFacts.objects.filter(permit_kind__in=["protection"]))
    assert not PersonFacts.objects.filter(permit_granted_on__isnull=False).exists()


def test_the_look_up_hash_finds_a_national_id_and_only_it(case: SubsidyCase) -> None:
    give_person_facts(case.newcomer, national_id=NATIONAL_ID)
    stored = _raw("national_id_hash", case.newcomer)
    assert stored == crypto.lookup_hash(NATIONAL_ID)
    assert stored != hashlib.sha256(NATIONAL_ID.encode()).hexdigest()  # keyed, not a plain hash
    assert PersonFacts.objects.with_national_id("100394 10031").get().person_id == (
        case.newcomer_id
    )
    assert not PersonFacts.objects.with_national_id(D_NUMBER).exists()
    assert not PersonFacts.objects.with_national_id("10039410032").exists()  # not a valid number
    with override_settings(INNSTEG_LOOKUP_KEYS=["k" * 40]):
        assert not PersonFacts.objects.with_national_id(NATIONAL_ID).exists()
    # Removing the number removes the hash.
    give_person_facts(case.newcomer, national_id="")
    assert _raw("national_id_hash", case.newcomer) is None


def test_a_national_id_belongs_to_one_person(  # type: ignore[no-untyped-def]
    client_for, case: SubsidyCase, veileder
) -> None:
    other = NewcomerFactory()
    give_person_facts(other, national_id=NATIONAL_ID)
    response = client_for(veileder).put(
        f"/api/v1/subsidy-cases/{case.pk}/person-facts/",
        {"national_id": NATIONAL_ID, "birth_date": "1994-03-10"},
        "application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["national_id"] == [
        "This national identity number belongs to another person."
    ]
    assert NATIONAL_ID not in response.content.decode()
    assert not PersonFacts.objects.filter(person=case.newcomer, national_id_hash__isnull=False)


def test_a_permit_needs_both_kind_and_date() -> None:
    facts = PersonFacts(
        person=NewcomerFactory(), birth_date=datetime.date(1994, 3, 10), permit_kind="work"
    )
    with pytest.raises(ValidationError) as error:
        facts.full_clean()
    assert "permit_granted_on" in error.value.message_dict


def test_a_wrong_key_gives_a_message_naming_the_setting(case: SubsidyCase) -> None:
    with (
        override_settings(INNSTEG_FIELD_KEYS=[new_key()]),
        pytest.raises(crypto.DecryptionError, match="INNSTEG_FIELD_KEYS") as error,
    ):
        PersonFacts.objects.get(person=case.newcomer)
    assert "subsidies.PersonFacts.national_id" in str(error.value)
    with (
        override_settings(INNSTEG_FIELD_KEYS=[]),
        pytest.raises(Exception, match="INNSTEG_FIELD_KEYS holds no key"),
    ):
        crypto.encrypt("x")
    with (
        override_settings(INNSTEG_FIELD_KEYS=["not a key"]),
        pytest.raises(Exception, match="not a key of 32 bytes"),
    ):
        crypto.encrypt("x")


def test_the_mfa_adapter_encrypts_totp_secrets(veileder: User) -> None:
    authenticator = Authenticator.objects.get(user=veileder, type=Authenticator.Type.TOTP)
    secret = totp_secret_of(veileder)
    assert secret not in authenticator.data["secret"]
    assert crypto.decrypt(authenticator.data["secret"]) == secret


def test_the_migrations_encrypt_what_was_stored_in_the_clear(case: SubsidyCase) -> None:
    other = NewcomerFactory()
    give_person_facts(other, national_id=NATIONAL_ID)
    with connection.cursor() as cursor:  # as the rows were before
        cursor.execute(
            "UPDATE subsidies_personfacts SET national_id = %s, permit_kind = 'work', "
            "permit_granted_on = '2023-05-06', national_id_hash = NULL WHERE person_id = %s",
            [NATIONAL_ID, other.pk],
        )
        cursor.execute(
            "UPDATE subsidies_personfacts SET national_id = '', permit_kind = '', "
            "permit_granted_on = NULL WHERE person_id = %s",
            [case.newcomer_id],
        )
    TOTP.activate(other, "JBSWY3DPEHPK3PXP")
    Authenticator.objects.filter(user=other).update(data={"secret": "JBSWY3DPEHPK3PXP"})

    facts_migration = importlib.import_module("subsidies.migrations.0006_encrypt_person_facts")
    facts_migration.encrypt_rows(apps, type("Editor", (), {"connection": connection})())
    mfa_migration = importlib.import_module("accounts.migrations.0003_encrypt_mfa_secrets")
    mfa_migration.encrypt_secrets(apps, None)
    mfa_migration.encrypt_secrets(apps, None)  # a secret encrypted already stays as it is

    facts = PersonFacts.objects.get(person=other)
    assert (facts.national_id, facts.permit_kind) == (NATIONAL_ID, "work")
    assert facts.permit_granted_on == datetime.date(2023, 5, 6)
    assert PersonFacts.objects.with_national_id(NATIONAL_ID).get() == facts
    empty = PersonFacts.objects.get(person=case.newcomer)
    assert (empty.national_id, empty.permit_kind, empty.permit_granted_on) == ("", "", None)
    assert _raw("permit_kind", case.newcomer) != ""
    assert "JBSWY3DPEHPK3PXP" not in str(Authenticator.objects.get(user=other).data)
    assert totp_secret_of(other) == "JBSWY3DPEHPK3PXP"


def test_the_migration_encrypts_the_results_stored_in_the_clear(case: SubsidyCase) -> None:
    result = case.results.get()
    snapshot, answer = result.input_snapshot, result.answer
    with connection.cursor() as cursor:  # as the rows were before
        cursor.execute(
            "UPDATE subsidies_eligibilityresult SET input_snapshot = %s, answer = %s WHERE id = %s",
            [json.dumps(snapshot), json.dumps(answer), result.pk],
        )
    migration = importlib.import_module("subsidies.migrations.0008_encrypt_eligibility_results")
    migration.encrypt_results(apps, type("Editor", (), {"connection": connection})())
    result.refresh_from_db()
    assert (result.input_snapshot, result.answer) == (snapshot, answer)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT input_snapshot FROM subsidies_eligibilityresult WHERE id = %s", [result.pk]
        )
        assert "1994-03-10" not in cursor.fetchone()[0]
