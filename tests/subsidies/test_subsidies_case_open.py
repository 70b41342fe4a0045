"""An approved innstegsjobb or nystartsjobb agreement opens a subsidy case; nothing else does."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from accounts.models import User
from listings.models import ListingKind
from organisations.models import Organisation
from placements.models import AgreementStatus
from placements.services import agreement_approve, agreement_update_terms
from subsidies.models import CaseEvent, CaseStatus, EligibilityResult, SubsidyCase
from subsidies.records import missing_facts
from tests.subsidies.conftest import (
    english,
    give_case_facts,
    give_person_facts,
    open_case,
    ready_agreement,
)

pytestmark = pytest.mark.django_db


def _approve_last(organisation: Organisation, veileder: User, kind: str) -> SubsidyCase | None:
    agreement = ready_agreement(
        organisation=organisation, kind=kind, status=AgreementStatus.AWAITING_APPROVALS
    )
    agreement = agreement_approve(agreement=agreement, by=veileder)
    assert agreement.status == AgreementStatus.READY
    return SubsidyCase.objects.filter(agreement=agreement).first()


@pytest.mark.parametrize(
    ("kind", "scheme"),
    [(ListingKind.NYSTARTSJOBB, "nystartsjobb"), (ListingKind.INNSTEGSJOBB, "innstegsjobb")],
)
def test_the_veileder_approval_opens_a_case(  # type: ignore[no-untyped-def]
    organisation, veileder, kind, scheme, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case = _approve_last(organisation, veileder, kind)
    assert case is not None
    assert (case.scheme, case.status, case.kommune_id) == (scheme, CaseStatus.OPEN, "0301")
    assert case.newcomer_id == case.agreement.newcomer_id
    assert case.organisation_id == organisation.pk
    assert len(callbacks) == 1  # the computation, queued for after the commit
    # Nothing is known yet about the person or the employer's tax: nothing to compute.
    assert missing_facts(case) == [
        "person_facts",
        "tax_arrears_nok",
        "family_tie",
        "wage_meets_tariff",
        "other_wage_subsidy",
    ]
    assert not EligibilityResult.objects.filter(case=case).exists()
    assert list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True)) == [
        "case_opened"
    ]


@pytest.mark.parametrize(
    "kind", [ListingKind.PRAKSISPLASS, ListingKind.TRAINEE, ListingKind.LAEREPLASS]
)
def test_other_kinds_open_no_case(organisation, veileder, kind) -> None:  # type: ignore[no-untyped-def]
    assert _approve_last(organisation, veileder, kind) is None
    assert not SubsidyCase.objects.exists()


def test_the_newcomer_and_employer_approvals_open_nothing(organisation, employer) -> None:  # type: ignore[no-untyped-def]
    agreement = ready_agreement(
        organisation=organisation, status=AgreementStatus.AWAITING_APPROVALS
    )
    agreement.employer_approved_at = None
    agreement.save()
    agreement_approve(agreement=agreement, by=employer)
    assert not SubsidyCase.objects.exists()


def test_facts_on_file_are_computed_when_the_case_opens(  # type: ignore[no-untyped-def]
    organisation, veileder, django_capture_on_commit_callbacks
) -> None:
    agreement = ready_agreement(
        organisation=organisation, status=AgreementStatus.AWAITING_APPROVALS
    )
    give_person_facts(agreement.newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        agreement_approve(agreement=agreement, by=veileder)
    case = SubsidyCase.objects.get(agreement=agreement)
    assert missing_facts(case) == [
        "tax_arrears_nok",
        "family_tie",
        "wage_meets_tariff",
        "other_wage_subsidy",
    ]
    SubsidyCase.objects.filter(pk=case.pk).update(application_date="2025-08-15")
    with django_capture_on_commit_callbacks(execute=True):
        from subsidies.services import case_facts_update

        case_facts_update(
            case=case,
            by=veileder,
            tax_arrears_nok=0,
            family_tie=False,
            wage_meets_tariff=True,
            other_wage_subsidy=False,
        )
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPUTED
    assert case.current_result is not None and case.current_result.eligible


def test_changed_terms_approved_again_reopen_an_undecided_case(  # type: ignore[no-untyped-def]
    organisation, employer, veileder, django_capture_on_commit_callbacks
) -> None:
    case = open_case(organisation, end=datetime.date(2026, 8, 31))
    assert case.status == CaseStatus.COMPUTED
    agreement = case.agreement
    agreement_update_terms(agreement=agreement, by=employer, monthly_wage_nok=28000)
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPUTED  # the new terms are not approved yet
    agreement_approve(agreement=agreement, by=agreement.newcomer)
    agreement_approve(agreement=agreement, by=employer)
    with django_capture_on_commit_callbacks(execute=True):
        agreement_approve(agreement=agreement, by=veileder)
    case.refresh_from_db()
    assert SubsidyCase.objects.count() == 1
    assert case.status == CaseStatus.COMPUTED
    assert case.current_result is not None
    assert case.current_result.input_snapshot["job"]["monthly_wage_nok"] == 28000
    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == ["case_opened", "eligibility_computed", "case_reopened", "eligibility_computed"]


def test_opening_is_idempotent_for_a_decided_case(case: SubsidyCase) -> None:
    from subsidies.services import subsidy_case_open

    SubsidyCase.objects.filter(pk=case.pk).update(status=CaseStatus.APPROVED)
    version = SubsidyCase.objects.get(pk=case.pk).version
    again = subsidy_case_open(agreement=case.agreement, by=None)
    assert again is not None and again.pk == case.pk
    assert SubsidyCase.objects.get(pk=case.pk).version == version


def test_giving_the_facts_fills_the_missing_list(organisation: Organisation) -> None:
    case = open_case(organisation, facts=False, compute=False)
    give_person_facts(case.newcomer)
    case = give_case_facts(case)
    assert missing_facts(SubsidyCase.objects.get(pk=case.pk)) == []


# --- the rule set a case uses, on the agreement's page and in the API (docs/rules/) -------------


@pytest.mark.parametrize(
    ("start", "version", "validity"),
    [
        (datetime.date(2026, 12, 31), "nystartsjobb-pilot-v1",
         "for start dates from Jan. 1, 2024 to Dec. 31, 2026"),
        (datetime.date(2027, 1, 1), "nystartsjobb-pilot-v2", "for start dates from Jan. 1, 2027"),
    ],
)  # fmt: skip
def test_the_caseworker_sees_the_rule_set_of_the_case(  # type: ignore[no-untyped-def]
    organisation, client_for, veileder, employer, start, version, validity
) -> None:
    case = open_case(
        organisation, start=start, applied=start - datetime.timedelta(days=20),
        person={"permit": ("protection", start - datetime.timedelta(days=300))},
    )  # fmt: skip
    assert case.current_result is not None and case.current_result.rule_set == version
    url = reverse("placements:detail", args=[case.agreement_id])
    page = client_for(english(veileder)).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Subsidy case" in html
    assert f"<code>{version}</code>" in html
    assert validity in html
    api = client_for(english(veileder)).get(f"/api/v1/subsidy-cases/{case.pk}/")
    assert api.json()["rule_set"] == version
    # the employer's view of the same agreement shows no case
    employer_page = client_for(employer).get(url)
    assert employer_page.status_code == 200
    assert version not in employer_page.content.decode()


def test_a_case_not_yet_computed_shows_the_rule_set_in_force(  # type: ignore[no-untyped-def]
    organisation, client_for, veileder
) -> None:
    case = open_case(organisation, start=datetime.date(2027, 3, 1), facts=False, compute=False)
    assert case.current_result is None
    response = client_for(english(veileder)).get("/api/v1/subsidy-cases/")
    (row,) = [r for r in response.json()["results"] if r["id"] == case.pk]
    assert row["rule_set"] == "nystartsjobb-pilot-v2"
