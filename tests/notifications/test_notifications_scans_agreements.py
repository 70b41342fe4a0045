"""Agreement and subsidy reminders: approvals, periods ending, cases waiting, refund claims due."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext

from accounts.models import ConsentKind, NewcomerProfile, User
from accounts.services import consent_give
from common.dates import local_date
from common.text import isolate
from listings.models import Listing, ListingKind
from notifications.messages import render
from notifications.models import Channel, Kind, Notification
from notifications.quiet import OSLO
from placements.models import AgreementAction, AgreementEvent, AgreementStatus, PlacementAgreement
from subsidies.models import (
    CaseStatus,
    ClaimStatus,
    Decision,
    DecisionOutcome,
    DecisionPeriod,
    EligibilityResult,
    Recommendation,
    RecommendationOutcome,
    RefundClaim,
    Scheme,
    SubsidyCase,
)
from subsidies.reminders import agreements, cases
from subsidies.reminders.cases import working_days_after
from subsidies.rules.reasons import INNSTEGSJOBB_PERMIT_WINDOW
from tests.factories import ApplicationFactory
from tests.notifications.conftest import NOW, in_app

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
TODAY = NOW.date()


def recipients(kind: str) -> set[int]:
    return {r for r, _key in in_app(kind)}


def agreement_for(
    listing: Listing,
    newcomer: User,
    *,
    status: str,
    veileder: User | None = None,
    kind: str = ListingKind.NYSTARTSJOBB,
    end: datetime.date | None = None,
) -> PlacementAgreement:
    application = ApplicationFactory(listing=listing, applicant=newcomer, status="accepted")
    approved = status in (AgreementStatus.READY, AgreementStatus.RUNNING)
    moment = NOW - 30 * DAY
    return PlacementAgreement.objects.create(
        application=application,
        newcomer=newcomer,
        organisation=listing.organisation,
        kommune_id="0301",
        kind=kind,
        start_date=TODAY - 30 * DAY,
        end_date=end,
        hours_per_week=Decimal("30"),
        tuition_hours_per_week=Decimal("6") if kind == ListingKind.INNSTEGSJOBB else None,
        position_percent=80,
        status=status,
        newcomer_approved_at=moment if approved else None,
        employer_approved_at=moment if approved else None,
        veileder_approved_at=moment if approved else None,
        veileder_approved_by=veileder if approved else None,
    )


@pytest.fixture
def awaiting(listing: Listing, newcomer: User) -> PlacementAgreement:
    agreement = agreement_for(listing, newcomer, status=AgreementStatus.AWAITING_APPROVALS)
    AgreementEvent.objects.create(
        agreement=agreement, action=AgreementAction.SUBMITTED, at=NOW - HOUR, version=1
    )
    return agreement


def test_an_agreement_waiting_reminds_each_party_that_has_not_approved(
    awaiting: PlacementAgreement,
    newcomer: User,
    employer: User,
    veileder: User,
    veileder_bergen: User,
) -> None:
    assert agreements.scan_agreements_waiting(now=NOW) == 2
    assert recipients(Kind.AGREEMENT_WAITING) == {newcomer.pk, employer.pk}
    assert agreements.scan_agreements_waiting(now=NOW + DAY) == 0
    assert agreements.scan_agreements_waiting(now=NOW + 3 * DAY) == 2  # again at 3 days
    # Both approve; now the veileder of the kommune is the one waited for.
    PlacementAgreement.objects.filter(pk=awaiting.pk).update(
        newcomer_approved_at=NOW + 3 * DAY, employer_approved_at=NOW + 3 * DAY + HOUR
    )
    assert agreements.scan_agreements_waiting(now=NOW + 3 * DAY + 2 * HOUR) == 1
    assert recipients(Kind.AGREEMENT_WAITING) == {newcomer.pk, employer.pk, veileder.pk}
    assert Notification.objects.filter(recipient=veileder_bergen).count() == 0
    # Changed terms are a new version: everyone is asked again.
    PlacementAgreement.objects.filter(pk=awaiting.pk).update(
        version=2, newcomer_approved_at=None, employer_approved_at=None
    )
    AgreementEvent.objects.create(
        agreement=awaiting,
        action=AgreementAction.APPROVALS_RESET,
        at=NOW + 4 * DAY,
        version=2,
    )
    assert agreements.scan_agreements_waiting(now=NOW + 4 * DAY + HOUR) == 2
    link = {n.link_path for n in Notification.objects.filter(kind=Kind.AGREEMENT_WAITING)}
    assert link == {f"/agreements/{awaiting.pk}/"}


def test_a_guide_the_newcomer_does_not_share_with_hears_nothing_of_the_placement(
    listing: Listing, newcomer: User, employer: User, guide: User, veileder: User
) -> None:
    NewcomerProfile.objects.filter(user=newcomer).update(guide=guide)
    agreement_for(
        listing,
        newcomer,
        status=AgreementStatus.RUNNING,
        veileder=veileder,
        end=TODAY + 31 * DAY,
    )
    assert agreements.scan_periods_ending(now=NOW + DAY) == 3
    assert recipients(Kind.PERIOD_ENDING) == {newcomer.pk, employer.pk, veileder.pk}


def test_a_placement_ending_reminds_all_four_parties_30_and_7_days_before(
    listing: Listing, newcomer: User, employer: User, guide: User, veileder: User
) -> None:
    NewcomerProfile.objects.filter(user=newcomer).update(guide=guide)
    consent_give(user=newcomer, kind=ConsentKind.GUIDE_SHARING)
    agreement = agreement_for(
        listing,
        newcomer,
        status=AgreementStatus.RUNNING,
        veileder=veileder,
        end=TODAY + 31 * DAY,
    )
    assert agreements.scan_periods_ending(now=NOW) == 0
    assert agreements.scan_periods_ending(now=NOW + DAY) == 4
    assert recipients(Kind.PERIOD_ENDING) == {newcomer.pk, employer.pk, guide.pk, veileder.pk}
    assert agreements.scan_periods_ending(now=NOW + 10 * DAY) == 0
    assert agreements.scan_periods_ending(now=NOW + 24 * DAY) == 4
    end = agreement.end_date.isoformat()  # type: ignore[union-attr]
    assert {key for _r, key in in_app(Kind.PERIOD_ENDING)} == {
        f"period_ending:agreement:{agreement.pk}:placement:{end}:day30",
        f"period_ending:agreement:{agreement.pk}:placement:{end}:day7",
    }
    assert agreements.scan_periods_ending(now=NOW + 40 * DAY) == 0  # it has ended


def _case(
    agreement: PlacementAgreement, *, status: str, scheme: str = Scheme.NYSTARTSJOBB
) -> SubsidyCase:
    return SubsidyCase.objects.create(
        agreement=agreement,
        newcomer=agreement.newcomer,
        organisation=agreement.organisation,
        kommune_id=agreement.kommune_id,
        scheme=scheme,
        status=status,
        application_date=TODAY - 40 * DAY,
    )


def _result(case: SubsidyCase, *, window_end: datetime.date | None = None) -> EligibilityResult:
    reasons = []
    if window_end is not None:
        reasons.append(
            {
                "code": INNSTEGSJOBB_PERMIT_WINDOW,
                "passed": True,
                "params": {"window_end": window_end.isoformat(), "limit": 36, "exempt": False},
                "text": "",
            }
        )
    result = EligibilityResult.objects.create(
        case=case,
        rule_set="nystartsjobb-pilot-v1",
        input_snapshot={},
        answer={"eligible": True, "reasons": reasons},
        eligible=True,
        manual_review=False,
        monthly_amount_nok=10000,
        digest="0" * 64,
    )
    SubsidyCase.objects.filter(pk=case.pk).update(current_result=result)
    return result


def _decided(case: SubsidyCase, by: User, *, last_day: datetime.date) -> DecisionPeriod:
    result = _result(case)
    recommendation = Recommendation.objects.create(
        case=case, result=result, outcome=RecommendationOutcome.APPROVE, by=by
    )
    decision = Decision.objects.create(
        case=case,
        result=result,
        recommendation=recommendation,
        outcome=DecisionOutcome.APPROVED,
        by=by,
    )
    DecisionPeriod.objects.create(
        decision=decision,
        number=1,
        start=last_day - 60 * DAY,
        end=last_day - 31 * DAY,
        monthly_amount_nok=10000,
        max_amount_nok=10000,
    )
    return DecisionPeriod.objects.create(
        decision=decision,
        number=2,
        start=last_day - 30 * DAY,
        end=last_day,
        monthly_amount_nok=10000,
        max_amount_nok=10000,
    )


def test_a_subsidy_decision_and_an_innstegsjobb_window_ending_are_reminded(
    listing: Listing,
    newcomer: User,
    newcomer_b: User,
    employer: User,
    veileder: User,
    beslutter: User,
) -> None:
    nystart = agreement_for(listing, newcomer, status=AgreementStatus.RUNNING, veileder=veileder)
    _decided(_case(nystart, status=CaseStatus.APPROVED), beslutter, last_day=TODAY + 7 * DAY)
    innsteg = agreement_for(
        listing,
        newcomer_b,
        status=AgreementStatus.RUNNING,
        veileder=veileder,
        kind=ListingKind.INNSTEGSJOBB,
    )
    innsteg_case = _case(innsteg, status=CaseStatus.APPROVED, scheme=Scheme.INNSTEGSJOBB)
    _decided(innsteg_case, beslutter, last_day=TODAY + 200 * DAY)
    _result(innsteg_case, window_end=TODAY + 30 * DAY)
    assert agreements.scan_periods_ending(now=NOW) == 6  # 3 parties each (no guides)
    keys = {key for _r, key in in_app(Kind.PERIOD_ENDING)}
    assert keys == {
        f"period_ending:agreement:{nystart.pk}:decision:{(TODAY + 7 * DAY).isoformat()}:day7",
        f"period_ending:agreement:{innsteg.pk}:window:{(TODAY + 30 * DAY).isoformat()}:day30",
    }
    # The newcomer reads about their own job, in Arabic.
    row = Notification.objects.get(
        recipient=newcomer, kind=Kind.PERIOD_ENDING, channel=Channel.IN_APP
    )
    with translation.override("ar"):
        expected = gettext(
            "The subsidy for your job %(title)s at %(organisation)s is decided until %(day)s."
        ) % {
            "title": isolate(listing.title),
            "organisation": isolate(listing.organisation.name),
            "day": local_date(TODAY + 7 * DAY),
        }
    assert render(row).text == expected


def test_working_days_skip_the_weekend() -> None:
    friday = datetime.date(2026, 3, 6)
    assert [working_days_after(friday, friday + n * DAY) for n in range(6)] == [0, 0, 0, 1, 2, 3]


def test_a_recommended_case_waiting_three_working_days_reminds_the_kommunes_beslutters(
    listing: Listing,
    newcomer: User,
    veileder: User,
    beslutter: User,
) -> None:
    agreement = agreement_for(listing, newcomer, status=AgreementStatus.READY, veileder=veileder)
    case = _case(agreement, status=CaseStatus.RECOMMENDED)
    friday_evening = datetime.datetime(2026, 3, 6, 18, 0, tzinfo=OSLO)
    Recommendation.objects.create(
        case=case,
        result=_result(case),
        outcome=RecommendationOutcome.APPROVE,
        by=veileder,
        at=friday_evening,
    )
    tuesday = datetime.datetime(2026, 3, 10, 23, 0, tzinfo=OSLO)
    assert cases.scan_cases_waiting(now=tuesday) == 0
    assert cases.scan_cases_waiting(now=tuesday + DAY) == 1
    assert cases.scan_cases_waiting(now=tuesday + 2 * DAY) == 0
    assert recipients(Kind.CASE_WAITING) == {beslutter.pk}
    SubsidyCase.objects.filter(pk=case.pk).update(status=CaseStatus.APPROVED)
    Notification.objects.all().delete()
    assert cases.scan_cases_waiting(now=tuesday + DAY) == 0


def test_a_refund_claim_reminds_the_employer_a_week_before_and_on_its_due_date(
    listing: Listing, newcomer: User, employer: User, veileder: User, beslutter: User
) -> None:
    agreement = agreement_for(listing, newcomer, status=AgreementStatus.RUNNING, veileder=veileder)
    case = _case(agreement, status=CaseStatus.APPROVED)
    first = _decided(case, beslutter, last_day=TODAY - 50 * DAY)
    claim = RefundClaim.objects.create(
        period=first, case=case, due_date=TODAY + 8 * DAY, status=ClaimStatus.AWAITING_WAGE
    )
    assert cases.scan_refund_claims_due(now=NOW) == 0
    assert cases.scan_refund_claims_due(now=NOW + DAY) == 1
    assert cases.scan_refund_claims_due(now=NOW + 3 * DAY) == 0
    assert cases.scan_refund_claims_due(now=NOW + 8 * DAY) == 1
    assert recipients(Kind.REFUND_CLAIM_DUE) == {employer.pk}
    assert {key for _r, key in in_app(Kind.REFUND_CLAIM_DUE)} == {
        f"refund_claim_due:claim:{claim.pk}:due:{claim.due_date.isoformat()}:day7",
        f"refund_claim_due:claim:{claim.pk}:due:{claim.due_date.isoformat()}:day0",
    }
    row = Notification.objects.filter(kind=Kind.REFUND_CLAIM_DUE, channel=Channel.IN_APP).first()
    assert row is not None
    assert newcomer.full_name in render(row, language="en").text
