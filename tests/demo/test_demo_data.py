import base64
import datetime
import io
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from stdnum.no import fodselsnummer

from accounts.models import Consent, ConsentKind, NewcomerProfile, Role, User
from applications.models import Application, ApplicationStatus, ScreeningAnswer
from applications.selectors import application_get
from audit.models import AuditAction, AuditEntry
from demo.seed import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PASSWORD, seed_demo
from demo.subsidies import start_with_a_claim_due_soon, synthetic_d_number
from listings.models import Listing, ListingKind, ListingStatus
from notifications.models import Channel, Kind, Notification, Status
from organisations.models import Organisation
from placements.models import AgreementEvent, AgreementStatus, PlacementAgreement
from subsidies.models import (
    CaseEvent,
    CaseEventKind,
    CaseStatus,
    ClaimStatus,
    DecisionOutcome,
    PersonFacts,
    RefundClaim,
    SubsidyCase,
    WhatIfRun,
)
from subsidies.rules.periods import period_last_day
from subsidies.services.decisions import claim_due_date

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _statuses() -> list[tuple[str, ...]]:
    return [
        *Application.objects.order_by("pk").values_list("status"),
        *PlacementAgreement.objects.order_by("pk").values_list("status"),
        *SubsidyCase.objects.order_by("pk").values_list("status"),
        *RefundClaim.objects.order_by("pk").values_list("status"),
    ]


def test_demo_data_has_every_persona_and_loads_twice_without_change() -> None:
    logins = seed_demo()
    counts, statuses = _counts(), _statuses()
    assert {login.role for login in logins} == {role.value for role in Role}
    assert len({u.language for u in User.objects.filter(role=Role.NEWCOMER)}) >= 5
    assert Organisation.objects.values("kommune").distinct().count() >= 3
    assert Listing.objects.filter(status=ListingStatus.PUBLISHED).count() >= 4
    assert seed_demo() == logins
    assert _counts() == counts
    assert _statuses() == statuses


def test_every_listing_kind_and_a_draft_a_closed_and_a_filled_listing() -> None:
    seed_demo()
    assert set(Listing.objects.values_list("kind", flat=True)) == set(ListingKind.values)
    assert set(Listing.objects.values_list("status", flat=True)) == set(ListingStatus.values)
    assert Listing.objects.filter(screening_questions__isnull=False).distinct().count() >= 2


def test_applications_in_every_status_from_newcomers_in_their_languages() -> None:
    seed_demo()
    today = timezone.localdate()
    assert set(Application.objects.values_list("status", flat=True)) == set(
        ApplicationStatus.values
    )
    interview = Application.objects.get(status=ApplicationStatus.INTERVIEW)
    assert interview.interview_at is not None
    assert timezone.localtime(interview.interview_at).date() == today + datetime.timedelta(days=1)
    assert interview.interview_place
    with_messages = Application.objects.exclude(message="")
    assert with_messages.count() == Application.objects.count()
    assert {"ar", "ti", "uk", "so", "fa"} <= set(
        with_messages.values_list("applicant__language", flat=True)
    )
    assert ScreeningAnswer.objects.filter(answer=False).exists()
    assert ScreeningAnswer.objects.filter(answer=True).exists()
    # Every step is on the timeline: one event per status an application has been in.
    for application in Application.objects.all():
        assert application.events.last().to_status == application.status


def test_an_agreement_waiting_for_approvals_and_a_running_one() -> None:
    seed_demo()
    waiting = PlacementAgreement.objects.get(status=AgreementStatus.AWAITING_APPROVALS)
    assert waiting.newcomer_approved_at is not None
    assert waiting.employer_approved_at is None
    running = PlacementAgreement.objects.get(status=AgreementStatus.RUNNING)
    assert running.start_date < timezone.localdate()
    assert AgreementEvent.objects.filter(agreement=running, action="started").exists()


def test_subsidy_cases_in_every_status_with_facts_decisions_and_claims() -> None:
    seed_demo()
    today = timezone.localdate()
    cases = {case.status: case for case in SubsidyCase.objects.order_by("-pk")}
    assert set(cases) == set(CaseStatus.values)
    assert cases[CaseStatus.OPEN].current_result is None
    assert cases[CaseStatus.COMPUTED].current_result.eligible
    assert cases[CaseStatus.RECOMMENDED].recommendations.count() == 1
    assert cases[CaseStatus.REJECTED].decision.outcome == DecisionOutcome.REJECTED
    approved = cases[CaseStatus.APPROVED]
    assert approved.decision.outcome == DecisionOutcome.APPROVED
    assert approved.agreement.status == AgreementStatus.RUNNING
    claims = approved.refund_claims.select_related("period")
    reported = claims.get(status=ClaimStatus.COMPUTED)
    assert reported.amount_nok and reported.reported_wage_nok
    due = claims.filter(status=ClaimStatus.AWAITING_WAGE, period__end__lt=today).get()
    assert today <= due.due_date <= today + datetime.timedelta(days=7)
    facts = PersonFacts.objects.all()
    assert facts.count() == 4
    for person_facts in facts:
        assert fodselsnummer.is_valid(person_facts.national_id)
        assert fodselsnummer.get_birth_date(person_facts.national_id) == person_facts.birth_date
    audited = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        AuditAction.FACTS_UPDATE,
        AuditAction.CASE_FACTS_UPDATE,
        AuditAction.RECOMMEND,
        AuditAction.APPROVE,
        AuditAction.REJECT,
    } <= audited
    assert CaseEvent.objects.filter(kind=CaseEventKind.CLAIM_COMPUTED).exists()


def test_a_second_job_overlapping_an_approved_subsidy_and_a_what_if_run_under_v2() -> None:
    seed_demo()
    approved = SubsidyCase.objects.get(status=CaseStatus.APPROVED)
    second = SubsidyCase.objects.exclude(pk=approved.pk).get(newcomer=approved.newcomer)
    assert second.current_result is not None and not second.current_result.eligible
    first_reason = second.current_result.answer["reasons"][0]
    assert first_reason["code"] == "no_other_wage_subsidy"
    assert first_reason["params"]["decision"] == str(approved.decision.pk)
    run = WhatIfRun.objects.get(rule_set="nystartsjobb-pilot-v2")
    assert run.status == "done" and run.result is not None
    assert run.result["what_if"]["rule_sets"] == ["nystartsjobb-pilot-v2+whatif"]


def test_the_demo_newcomer_and_employer_have_notifications_in_innsteg() -> None:
    seed_demo()
    in_app = Notification.objects.filter(channel=Channel.IN_APP, status=Status.SENT)
    amal = Counter(in_app.filter(recipient__email="amal@example.com").values_list("kind"))
    kari = Counter(in_app.filter(recipient__email="kari@grorudbakeri.no").values_list("kind"))
    assert amal[(Kind.APPLICATION_STATUS,)] >= 3
    assert amal[(Kind.SAVED_LISTING_DEADLINE,)] == 1
    assert kari[(Kind.AGREEMENT_WAITING,)] == 1
    assert kari[(Kind.REFUND_CLAIM_DUE,)] == 1


def test_the_guide_has_a_caseload() -> None:
    seed_demo()
    guide = User.objects.get(role=Role.GUIDE, email="guide@oslo.kommune.no")
    assert NewcomerProfile.objects.filter(guide=guide).count() >= 5
    # They share their applications with the guide, who therefore sees some.
    sharing = Consent.objects.filter(kind=ConsentKind.GUIDE_SHARING, withdrawn_at__isnull=True)
    assert sharing.filter(user__newcomer_profile__guide=guide).count() >= 5
    followed = Application.objects.filter(applicant__newcomer_profile__guide=guide).first()
    assert followed is not None
    assert application_get(viewer=guide, pk=followed.pk) == followed


def test_the_demo_case_system_gets_a_token_and_reads_oslo_cases() -> None:
    seed_demo()
    basic = base64.b64encode(f"{DEMO_CLIENT_ID}:{DEMO_CLIENT_SECRET}".encode()).decode()
    response = Client().post(
        "/oauth/token/",
        {"grant_type": "client_credentials", "scope": "subsidies:read subsidies:decide"},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert response.status_code == 200, response.content
    token = response.json()
    assert set(token["scope"].split()) == {"subsidies:read", "subsidies:decide"}
    cases = Client(HTTP_AUTHORIZATION=f"Bearer {token['access_token']}").get(
        "/api/v1/subsidy-cases/"
    )
    assert cases.status_code == 200
    assert cases.json()["count"] == SubsidyCase.objects.filter(kommune="0301").count() == 6


def test_the_command_prints_the_logins_and_the_case_system(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    printed = out.getvalue()
    assert "amal@example.com" in printed
    assert f"-u {DEMO_CLIENT_ID}:{DEMO_CLIENT_SECRET}" in printed
    assert "/oauth/token/" in printed
    assert "/api/v1/subsidy-cases/" in printed


def test_synthetic_d_numbers_are_valid_and_encode_the_birth_date() -> None:
    birth = datetime.date(1993, 10, 13)
    number = synthetic_d_number(birth, 120)
    assert number.startswith("531093")
    assert fodselsnummer.validate(number) == number
    assert fodselsnummer.get_birth_date(number) == birth
    assert synthetic_d_number(birth, 230) != number


@pytest.mark.parametrize(
    "today",
    [datetime.date(2026, 5, 23), datetime.date(2027, 3, 31), datetime.date(2028, 2, 29)],
)
def test_the_running_placement_starts_so_that_a_claim_is_due_within_a_week(today) -> None:  # type: ignore[no-untyped-def]
    start = start_with_a_claim_due_soon(today)
    first_due = claim_due_date(period_last_day(start, 1))
    assert today < first_due <= today + datetime.timedelta(days=7)
    assert period_last_day(start, 2) < today


@override_settings(DEBUG=True, MFA_TOTP_INSECURE_BYPASS_CODE="000000")
def test_the_printed_demo_logins_work_with_the_demo_code() -> None:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    printed = out.getvalue()
    assert "two-factor code 000000" in printed
    for login in seed_demo():
        if login.role == Role.NEWCOMER and "@" not in login.login:
            continue  # phone logins get an SMS code
        client = Client()
        step = client.post(
            reverse("account_login"), {"login": login.login, "password": DEMO_PASSWORD}
        )
        assert step.status_code == 302, login
        if login.role != Role.NEWCOMER:
            assert "two-factor code" in login.note
            assert f"{login.login:<30} {login.name}" in printed
            client.post(reverse("mfa_authenticate"), {"code": "000000"})
        home = client.get(reverse("home"))
        assert home.status_code == 200, login
        assert home.context["user"].email == login.login


def test_the_demo_listings_are_found_in_a_newcomers_own_words() -> None:
    from demo.listings import BAKER_JOB, CARE_PRACTICE, CLEANER_JOB
    from listings.selectors import listing_search

    seed_demo()
    for words, title in (("مخبز", BAKER_JOB), ("ክንክን", CARE_PRACTICE), ("nadiifin", CLEANER_JOB)):
        titles = set(listing_search(viewer=None, q=words).values_list("title", flat=True))
        assert title in titles, words


def test_the_demo_has_a_guides_workspace() -> None:
    from guidance.models import Contact, GuideMessage, Introduction, Suggestion
    from guidance.selectors import caseload
    from organisations.models import OrganisationKind, PartnerApproval

    seed_demo()
    guide = User.objects.get(email="guide@oslo.kommune.no")
    rows = caseload(guide=guide)
    assert len(rows) >= 5 and any(row.applications for row in rows)
    assert Contact.objects.filter(by=guide).count() >= 3
    assert Suggestion.objects.filter(by=guide).count() == 2
    assert Introduction.objects.filter(by=guide).count() == 1
    assert GuideMessage.objects.filter(newcomer__phone="+4791234567").count() == 3
    approval = PartnerApproval.objects.get()
    assert approval.organisation.kind == OrganisationKind.VOLUNTEER
    farid = NewcomerProfile.objects.get(user__email="farid@example.com")
    assert farid.guide is not None and farid.guide.email == "farah@frivilligstovner.no"
    assert Notification.objects.filter(
        recipient=farid.user, kind=Kind.GUIDE_ASSIGNED, channel=Channel.IN_APP
    ).exists()
