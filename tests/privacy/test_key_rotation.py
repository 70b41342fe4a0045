"""rotate_field_keys: every encrypted value and look-up hash moves to the first key, in batches,
once; after it the old key can go and every row still reads."""

from __future__ import annotations

import datetime
import time
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from accounts.models import User
from common import crypto
from subsidies.models import PersonFacts, SubsidyCase
from tests.factories import NewcomerFactory
from tests.privacy.conftest import (
    NATIONAL_ID,
    OTHER_NATIONAL_ID,
    current_totp,
    new_key,
    totp_secret_of,
)
from tests.subsidies.conftest import give_person_facts

pytestmark = pytest.mark.django_db

OLD, NEW = new_key(), new_key()
OLD_LOOKUP, NEW_LOOKUP = "o" * 40, "n" * 40


def _rotate(*args: str) -> str:
    out = StringIO()
    call_command("rotate_field_keys", *args, stdout=out)
    return out.getvalue()


def _stored(column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM subsidies_personfacts ORDER BY person_id")
        return [row[0] for row in cursor.fetchall()]


def _people() -> list[User]:
    with override_settings(INNSTEG_FIELD_KEYS=[OLD], INNSTEG_LOOKUP_KEYS=[OLD_LOOKUP]):
        first, second, third = NewcomerFactory(), NewcomerFactory(), NewcomerFactory()
        give_person_facts(first, national_id=NATIONAL_ID)
        give_person_facts(second, national_id=OTHER_NATIONAL_ID, birth_date=_date(2000, 1, 1))
        give_person_facts(third, permit=None)  # no national id, no permit
    return [first, second, third]


def _date(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


def test_rotation_re_encrypts_every_row_and_the_old_key_can_go() -> None:
    people = _people()
    with override_settings(INNSTEG_FIELD_KEYS=[OLD]):
        TOTP.activate(people[0], "JBSWY3DPEHPK3PXP")
        RecoveryCodes.activate(people[0])
        codes = RecoveryCodes(
            Authenticator.objects.get(user=people[0], type=Authenticator.Type.RECOVERY_CODES)
        ).generate_codes()
    before = _stored("national_id")

    with override_settings(INNSTEG_FIELD_KEYS=[NEW, OLD], INNSTEG_LOOKUP_KEYS=[OLD_LOOKUP]):
        # Both keys read before the rotation; the first writes.
        assert PersonFacts.objects.get(person=people[0]).national_id == NATIONAL_ID
        report = _rotate("--batch-size", "2")
    # Three facts, three encrypted columns each (the third's permit date is empty).
    assert "subsidies.PersonFacts: 3 rows, 8 values re-encrypted, 0 look-up hashes" in report
    # The TOTP secret and the recovery-code seed.
    assert "mfa.Authenticator: 2 rows, 2 values re-encrypted" in report
    after = _stored("national_id")
    assert all(old != new for old, new in zip(before, after, strict=True))

    with override_settings(INNSTEG_FIELD_KEYS=[NEW], INNSTEG_LOOKUP_KEYS=[OLD_LOOKUP]):
        facts = {f.person_id: f for f in PersonFacts.objects.all()}
        assert facts[people[0].pk].national_id == NATIONAL_ID
        assert facts[people[1].pk].national_id == OTHER_NATIONAL_ID
        assert facts[people[2].pk].permit_kind == ""
        assert facts[people[0].pk].permit_granted_on == _date(2024, 3, 1)
        assert PersonFacts.objects.with_national_id(NATIONAL_ID).get().person_id == people[0].pk
        now = time.time()
        totp = TOTP(Authenticator.objects.get(user=people[0], type=Authenticator.Type.TOTP))
        assert totp.validate_code(current_totp("JBSWY3DPEHPK3PXP", now))
        assert totp_secret_of(people[0]) == "JBSWY3DPEHPK3PXP"
        recovery = RecoveryCodes(
            Authenticator.objects.get(user=people[0], type=Authenticator.Type.RECOVERY_CODES)
        )
        assert recovery.generate_codes() == codes

        again = _rotate()
    assert "subsidies.PersonFacts: 3 rows, 0 values re-encrypted, 0 look-up hashes" in again
    assert "mfa.Authenticator: 2 rows, 0 values re-encrypted" in again


def test_rotation_recomputes_the_look_up_hashes_with_a_new_look_up_key() -> None:
    people = _people()
    with override_settings(INNSTEG_FIELD_KEYS=[OLD], INNSTEG_LOOKUP_KEYS=[NEW_LOOKUP, OLD_LOOKUP]):
        # Found by the old hash before the rotation.
        assert PersonFacts.objects.with_national_id(NATIONAL_ID).get().person_id == people[0].pk
        report = _rotate()
        assert "3 rows, 0 values re-encrypted, 2 look-up hashes recomputed" in report
        assert "0 look-up hashes" in _rotate().splitlines()[0]
    with override_settings(INNSTEG_FIELD_KEYS=[OLD], INNSTEG_LOOKUP_KEYS=[NEW_LOOKUP]):
        assert PersonFacts.objects.with_national_id(NATIONAL_ID).get().person_id == people[0].pk
        found = PersonFacts.objects.with_national_id(OTHER_NATIONAL_ID).get()
        assert found.person_id == people[1].pk
    assert _stored("national_id_hash")[2] is None


def test_a_row_no_key_decrypts_stops_the_rotation_with_a_clear_message(
    case: SubsidyCase,
) -> None:
    with (
        override_settings(INNSTEG_FIELD_KEYS=[new_key()]),
        pytest.raises(CommandError, match="INNSTEG_FIELD_KEYS") as error,
    ):
        _rotate()
    assert "subsidies." in str(error.value)
    # Nothing changed: the row still reads with the key it was encrypted with.
    assert PersonFacts.objects.get(person=case.newcomer).permit_kind == "protection"
    assert crypto.is_current(_stored("permit_kind")[0])
