"""Subsidy cases for the tests: ready agreements, the facts a case needs, case systems.

By default a case is the POLICY.md sample: applied 2025-08-15, starting 2025-09-01, a newcomer
born 1994-03-10 with a protection permit from 2024-03-01, 30 000 a month at 100 %, for
`organisation` (20 employees in Grorud, 030111: the nystartssone bonus, factor 3.0).
"""

from __future__ import annotations

import base64
import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import Application

from accounts.models import User
from listings.models import ListingKind
from organisations.models import Organisation
from placements.models import AgreementStatus, PlacementAgreement
from subsidies.models import CaseSystemClient, PersonFacts, SubsidyCase
from subsidies.rules.periods import add_months
from subsidies.services import cases_compute, subsidy_case_open
from subsidies.services.decisions import case_recommend
from tests.factories import ApplicationFactory, ListingFactory, NewcomerFactory
from tests.support.english_personas import _english  # noqa: F401 - messages in English here
from tests.support.english_personas import in_english as english  # noqa: F401 - for the tests

SAMPLE_APPLIED = datetime.date(2025, 8, 15)
SAMPLE_START = datetime.date(2025, 9, 1)
CLIENT_SECRET = "case-system-secret-0123456789"


def ready_agreement(
    *,
    organisation: Organisation,
    newcomer: User | None = None,
    kind: str = ListingKind.NYSTARTSJOBB,
    start: datetime.date = SAMPLE_START,
    end: datetime.date | None = None,
    wage: int = 30000,
    position_percent: int = 100,
    kommune_id: str = "0301",
    status: str = AgreementStatus.READY,
) -> PlacementAgreement:
    """An agreement all three parties have approved (or, with another status, not yet)."""
    newcomer = newcomer or NewcomerFactory()
    listing = ListingFactory(organisation=organisation, kind=kind, kommune_id=kommune_id)
    application = ApplicationFactory(listing=listing, applicant=newcomer, status="accepted")
    now = timezone.now()
    approved = status in (AgreementStatus.READY, AgreementStatus.RUNNING)
    return PlacementAgreement.objects.create(
        application=application,
        newcomer=newcomer,
        organisation=organisation,
        kommune_id=kommune_id,
        kind=kind,
        start_date=start,
        end_date=end,
        hours_per_week=Decimal("37.5") * position_percent / 100,
        tuition_hours_per_week=Decimal(6) if kind == ListingKind.INNSTEGSJOBB else None,
        monthly_wage_nok=None if kind == ListingKind.PRAKSISPLASS else wage,
        position_percent=position_percent,
        supervisor_name="Per Hansen",
        status=status,
        newcomer_approved_at=now,
        employer_approved_at=now,
        veileder_approved_at=now if approved else None,
    )


def give_person_facts(
    newcomer: User,
    *,
    birth_date: datetime.date = datetime.date(1994, 3, 10),
    permit: tuple[str, datetime.date] | None = ("protection", datetime.date(2024, 3, 1)),
    in_tuition: bool = True,
    out_of_work: list[dict[str, Any]] | None = None,
    national_id: str = "",
) -> PersonFacts:
    facts, _created = PersonFacts.objects.update_or_create(
        person=newcomer,
        defaults={
            "birth_date": birth_date,
            "permit_kind": permit[0] if permit else "",
            "permit_granted_on": permit[1] if permit else None,
            "in_introduction_programme": False,
            "in_norwegian_tuition": in_tuition,
            "out_of_work_periods": out_of_work
            if out_of_work is not None
            else [{"start": "2023-01-01", "end": "2025-08-14"}],
            "national_id": national_id,
        },
    )
    return facts


def give_case_facts(case: SubsidyCase, **changes: Any) -> SubsidyCase:
    facts: dict[str, Any] = {
        "tax_arrears_nok": Decimal(0),
        "family_tie": False,
        "wage_meets_tariff": True,
        "other_wage_subsidy": False,
        **changes,
    }
    SubsidyCase.objects.filter(pk=case.pk).update(**facts)
    case.refresh_from_db()
    return case


def open_case(
    organisation: Organisation,
    *,
    newcomer: User | None = None,
    applied: datetime.date = SAMPLE_APPLIED,
    facts: bool = True,
    compute: bool = True,
    person: dict[str, Any] | None = None,
    **agreement: Any,
) -> SubsidyCase:
    """A case opened by a ready agreement, applied for on `applied`, with every fact given and
    computed (unless told otherwise)."""
    agreement_row = ready_agreement(organisation=organisation, newcomer=newcomer, **agreement)
    case = subsidy_case_open(agreement=agreement_row, by=None)
    assert case is not None
    SubsidyCase.objects.filter(pk=case.pk).update(application_date=applied)
    case.refresh_from_db()
    if facts:
        give_person_facts(agreement_row.newcomer, **(person or {}))
        give_case_facts(case)
    if compute:
        cases_compute(case_ids=[case.pk])
        case.refresh_from_db()
    return case


def recent_case(organisation: Organisation, **kwargs: Any) -> SubsidyCase:
    """A computed, eligible case that started on the 1st two months ago: its first period has
    ended and is not yet due, so its claim can be reported today."""
    today = timezone.localdate()
    start = add_months(today.replace(day=1), -2)
    applied = start - datetime.timedelta(days=14)
    person = {
        "birth_date": start.replace(year=start.year - 31),
        "permit": ("protection", add_months(applied, -17)),
        "out_of_work": [
            {"start": add_months(applied, -30).isoformat(), "end": None},
        ],
    }
    return open_case(organisation, start=start, applied=applied, person=person, **kwargs)


@pytest.fixture
def case(organisation: Organisation) -> SubsidyCase:
    """The POLICY.md sample, computed: eligible, 12 690 a month."""
    return open_case(organisation)


@pytest.fixture
def recommended_case(case: SubsidyCase, veileder: User) -> SubsidyCase:
    return case_recommend(case=case, by=veileder, outcome="approve")


def _basic(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


@pytest.fixture
def case_system(db: None) -> Callable[..., CaseSystemClient]:
    """make(kommuner=("0301",), may_decide=False, name=...) -> an active case system."""

    def make(
        kommuner: tuple[str, ...] = ("0301",), *, may_decide: bool = False, name: str = ""
    ) -> CaseSystemClient:
        application = Application.objects.create(
            name=name or f"Saksbehandling {'/'.join(kommuner)}",
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
            client_secret=CLIENT_SECRET,
        )
        client = CaseSystemClient.objects.create(application=application, may_decide=may_decide)
        client.kommuner.set(kommuner)
        return client

    return make


def get_token(client: CaseSystemClient, scope: str) -> tuple[int, dict[str, Any]]:
    """POST /oauth/token/ with the client credentials grant (no scope: the client's default)."""
    data = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
    response = Client().post(
        "/oauth/token/",
        data,
        HTTP_AUTHORIZATION=_basic(client.application.client_id, CLIENT_SECRET),
    )
    return response.status_code, response.json()


def machine(client: CaseSystemClient, scope: str = "subsidies:read") -> Client:
    """A test client that sends a bearer token of `client` with `scope` on every request."""
    code, body = get_token(client, scope)
    assert code == 200, body
    return Client(
        HTTP_AUTHORIZATION=f"Bearer {body['access_token']}",
        HTTP_USER_AGENT="Saksbehandlingssystem/1.0",
        HTTP_ACCEPT_LANGUAGE="en",
    )
