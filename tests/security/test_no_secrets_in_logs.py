# ruff: noqa: F811 - pytest passes the imported `case_system` fixture by name
"""The code paths that handle national ids and login codes, run with every log record kept at
DEBUG: no record carries a national id or a code that was sent.

The whole session is checked the same way when it ends (tests/conftest.py); here the paths are
run on purpose, at DEBUG, so a leak shows up even where nothing else logs.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from common.observability.logs import RedactFilter
from organisations.models import Organisation
from subsidies.services.cases import cases_compute
from tests.conftest import login
from tests.factories import UserFactory
from tests.subsidies.conftest import case_system, machine, open_case  # noqa: F401 - a fixture
from tests.support.notification_backends import MemorySmsBackend
from tests.support.secret_logs import (
    CAPTURE,
    SecretCapture,
    email_codes_in,
    login_codes_sent,
    sms_codes_in,
)
from worker.tasks.subsidies import compute_eligibility

pytestmark = pytest.mark.django_db

NATIONAL_ID = "10039410031"  # valid for python-stdnum, synthetic
FACTS = {
    "national_id": NATIONAL_ID,
    "residence_permit": {"kind": "protection", "granted_on": "2024-03-01"},
    "in_norwegian_tuition": True,
    "out_of_work_periods": [{"start": "2023-01-01", "end": "2025-08-14"}],
}


@pytest.fixture
def probe() -> Iterator[SecretCapture]:
    """Every record at DEBUG, seen before any other handler."""
    root = logging.getLogger()
    level = root.level
    probe = SecretCapture()
    root.setLevel(logging.DEBUG)
    probe.attach()
    yield probe
    root.removeHandler(probe)
    root.setLevel(level)


def test_national_ids_are_not_logged(
    probe: SecretCapture, organisation: Organisation, veileder: User, case_system
) -> None:  # type: ignore[no-untyped-def]
    case = open_case(organisation)
    url = f"/api/v1/subsidy-cases/{case.pk}/person-facts/"
    person = login(Client(), veileder)
    assert person.put(url, FACTS, "application/json").status_code == 200
    revealed = person.get(url + "?reveal=national_id")
    assert revealed.json()["national_id"] == NATIONAL_ID
    binding = case_system(("0301",))
    binding.may_reveal_national_id = True
    binding.save(update_fields=["may_reveal_national_id"])
    case_system_client = machine(binding, "subsidies:read subsidies:national_id")
    assert case_system_client.get(url + "?reveal=national_id").json()["national_id"] == (
        NATIONAL_ID
    )
    cases_compute(case_ids=[case.pk])
    compute_eligibility.apply(args=[case.pk]).get()

    assert probe.texts, "nothing was logged: the probe is not attached"
    assert not probe.all_leaks(), probe.all_leaks()


def test_login_codes_are_not_logged(probe: SecretCapture) -> None:
    User.objects.create_user(
        phone="+4791112222", full_name="Farid", role=Role.NEWCOMER, language="nb"
    )
    by_phone = Client()
    assert (
        by_phone.post(reverse("account_request_login_code"), {"phone": "911 12 222"}).status_code
        == 302
    )
    (sms_code,) = sms_codes_in(MemorySmsBackend.outbox[-1].text)
    by_phone.post(reverse("account_confirm_login_code"), {"code": sms_code})
    assert by_phone.get(reverse("home")).context["user"].is_authenticated

    UserFactory(email="kari@example.org", role=Role.NEWCOMER, language="nb")
    by_email = Client()
    by_email.post(reverse("account_request_login_code"), {"email": "kari@example.org"})
    (email_code,) = email_codes_in(mail.outbox[-1].body)
    by_email.post(reverse("account_confirm_login_code"), {"code": email_code})
    assert by_email.get(reverse("home")).context["user"].is_authenticated

    probe.add_codes(login_codes_sent())
    assert {sms_code, email_code} <= probe.codes
    assert probe.texts, "nothing was logged: the probe is not attached"
    assert not probe.all_leaks(), probe.all_leaks()


def test_the_probe_sees_a_leak_that_the_console_filter_would_mask() -> None:
    """A national id logged by mistake is caught although production's filter masks it on the
    console: the capture reads the record before any handler's filter."""
    root = logging.getLogger()
    root.removeHandler(CAPTURE)  # this leak is on purpose: keep it out of the session's check
    console_output = io.StringIO()
    console = logging.StreamHandler(console_output)
    console.addFilter(RedactFilter())
    root.addHandler(console)
    probe = SecretCapture()
    probe.attach()
    try:
        logging.getLogger("innsteg.test").warning("facts of %s", NATIONAL_ID)
    finally:
        root.removeHandler(console)
        root.removeHandler(probe)
        CAPTURE.attach()
    assert NATIONAL_ID not in console_output.getvalue()  # the filter masked the console line
    assert [leak.what for leak in probe.leaks] == ["a national id"]


def test_the_probe_flags_a_sent_code_but_not_the_same_digits_inside_a_longer_number() -> None:
    probe = SecretCapture()
    for message, args in [
        ("code for %s: %s", ("+4791112222", "482915")),
        ("order %s", ("1482915000",)),
        ("login with %s", ("BCDF-GHJK",)),
    ]:
        probe.handle(
            logging.LogRecord("innsteg.test", logging.INFO, __file__, 1, message, args, None)
        )
    probe.add_codes(sms_codes_in("Din kode er 482915.") | email_codes_in("Kode: BCDF-GHJK"))
    assert [text.splitlines()[1] for _test, _logger, text in probe.texts] == [
        "code for +4791112222: 482915",
        "order 1482915000",
        "login with BCDF-GHJK",
    ]
    assert len(probe.code_leaks()) == 2
    assert not probe.leaks  # no national id among them
