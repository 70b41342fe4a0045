"""A dump of the database holds no national id, residence permit or MFA secret in the clear."""

from __future__ import annotations

import datetime
import os
import re
import subprocess

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.utils import decrypt
from django.db import connection
from stdnum.no import fodselsnummer

from subsidies.models import PersonFacts, SubsidyCase
from tests.factories import NewcomerFactory
from tests.privacy.conftest import NATIONAL_ID, OTHER_NATIONAL_ID, totp_secret_of
from tests.subsidies.conftest import give_person_facts

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump sees committed rows only


def _pg_dump() -> str:
    settings = connection.settings_dict
    command = ["pg_dump", "--data-only", "--no-owner", "--dbname", settings["NAME"]]
    if settings["HOST"]:
        command += ["--host", settings["HOST"]]
    if settings["PORT"]:
        command += ["--port", str(settings["PORT"])]
    if settings["USER"]:
        command += ["--username", settings["USER"]]
    environment = {**os.environ, "PGPASSWORD": settings["PASSWORD"] or ""}
    return subprocess.run(
        command, env=environment, capture_output=True, text=True, check=True, timeout=120
    ).stdout


def test_a_database_dump_holds_no_national_id_and_no_mfa_secret(  # type: ignore[no-untyped-def]
    client_for, case: SubsidyCase, veileder
) -> None:
    response = client_for(veileder).put(
        f"/api/v1/subsidy-cases/{case.pk}/person-facts/",
        {
            "national_id": NATIONAL_ID,
            "residence_permit": {"kind": "protection", "granted_on": "2024-03-01"},
            "in_norwegian_tuition": True,
        },
        "application/json",
    )
    assert response.status_code == 200, response.json()
    other = NewcomerFactory(full_name="Sara Tesfay")
    give_person_facts(other, national_id=OTHER_NATIONAL_ID, birth_date=datetime.date(2000, 1, 1))
    recovery = RecoveryCodes.activate(veileder)
    totp_secret = totp_secret_of(veileder)
    seed = decrypt(recovery.instance.data["seed"])

    dump = _pg_dump()

    # The dump has the rows: the people, their facts and the veileder's authenticators.
    assert other.email in dump and veileder.email in dump
    facts_rows = re.search(r"COPY public\.subsidies_personfacts .*?\n(.*?)\n\\\.", dump, re.S)
    assert facts_rows is not None and len(facts_rows.group(1).splitlines()) == 2
    assert Authenticator.objects.filter(user=veileder).count() == 2
    # ... but none of the secrets in them.
    for secret in (NATIONAL_ID, OTHER_NATIONAL_ID, totp_secret, seed):
        assert secret not in dump
    # Nor the residence permit, which the case's computed result holds as well.
    assert case.results.exists()
    assert "2024-03-01" not in dump
    assert '"protection"' not in dump
    elevens = set(re.findall(r"(?<!\d)\d{11}(?!\d)", dump))
    assert not [number for number in elevens if fodselsnummer.is_valid(number)]
    # The application reads them back all the same.
    assert PersonFacts.objects.get(person=case.newcomer).national_id == NATIONAL_ID
    assert PersonFacts.objects.get(person=other).national_id == OTHER_NATIONAL_ID
    case.refresh_from_db()
    assert case.current_result is not None
    snapshot = case.current_result.input_snapshot
    assert snapshot["person"]["residence_permit"] == {
        "kind": "protection",
        "granted_on": "2024-03-01",
    }
