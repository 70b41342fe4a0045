"""A refund claim per period: computed from the wage the employer reports, never above the
period's maximum, reported after the period and by its due date (two months after it)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import User
from common.errors import Conflict
from subsidies.models import CaseEvent, ClaimStatus, RefundClaim, SubsidyCase
from subsidies.services import case_approve, case_recommend, refund_claim_report
from subsidies.services.claims import refund_claims_expire
from tests.subsidies.conftest import recent_case

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def approved_case(recommended_case: SubsidyCase, beslutter: User) -> SubsidyCase:
    return case_approve(case=recommended_case, by=beslutter)


def _claim(number: int) -> RefundClaim:
    return RefundClaim.objects.select_related("period").get(period__number=number)


@pytest.mark.usefixtures("approved_case")
def test_the_refund_follows_the_reported_wage(employer: User) -> None:
    claim = refund_claim_report(
        claim=_claim(1), by=employer, monthly_wage_nok=Decimal(25000), today=D(2025, 10, 5)
    )
    # 3.0 x 0.141 x 25 000 (the nystartssone factor of the decision's rule set)
    assert (claim.status, claim.amount_nok) == (ClaimStatus.COMPUTED, 10575)
    assert claim.computation == {
        "rule_set": "nystartsjobb-pilot-v1",
        "month": "2025-09",
        "monthly_amount_at_reported_wage_nok": 10575,
        "max_amount_nok": 12690,
        "amount_nok": 10575,
    }
    event = CaseEvent.objects.last()
    assert event is not None
    assert (event.kind, event.payload["amount_nok"]) == ("claim_computed", 10575)


@pytest.mark.usefixtures("approved_case")
def test_a_higher_wage_is_refunded_up_to_the_period_maximum(employer: User) -> None:
    claim = refund_claim_report(
        claim=_claim(2), by=employer, monthly_wage_nok=Decimal(40000), today=D(2025, 11, 10)
    )
    # At 40 000 the engine says 13 764 (the cap of 0.25 G); the decision allows 12 690.
    assert claim.computation["monthly_amount_at_reported_wage_nok"] == 13764
    assert claim.amount_nok == 12690


@pytest.mark.usefixtures("approved_case")
def test_the_wage_is_reported_after_the_period_and_by_the_due_date(employer: User) -> None:
    claim = _claim(1)
    assert claim.due_date == D(2025, 11, 30)
    with pytest.raises(Conflict, match="after the period"):
        refund_claim_report(
            claim=claim, by=employer, monthly_wage_nok=Decimal(1), today=D(2025, 9, 30)
        )
    with pytest.raises(Conflict, match="has passed"):
        refund_claim_report(
            claim=claim, by=employer, monthly_wage_nok=Decimal(1), today=D(2025, 12, 1)
        )
    refund_claim_report(
        claim=claim, by=employer, monthly_wage_nok=Decimal(1), today=D(2025, 11, 30)
    )
    with pytest.raises(Conflict, match="already"):
        refund_claim_report(
            claim=claim, by=employer, monthly_wage_nok=Decimal(1), today=D(2025, 11, 30)
        )


@pytest.mark.usefixtures("approved_case")
def test_only_the_employer_reports(employer_b: User, newcomer: User, veileder: User) -> None:
    for person in (employer_b, newcomer, veileder):
        with pytest.raises(PermissionDenied):
            refund_claim_report(
                claim=_claim(1), by=person, monthly_wage_nok=Decimal(1), today=D(2025, 10, 5)
            )


@pytest.mark.usefixtures("approved_case")
def test_unreported_claims_expire_after_their_due_date() -> None:
    assert refund_claims_expire(today=D(2025, 11, 30)) == 0
    assert refund_claims_expire(today=D(2025, 12, 1)) == 1
    assert refund_claims_expire(today=D(2025, 12, 1)) == 0
    assert _claim(1).status == ClaimStatus.EXPIRED
    assert _claim(2).status == ClaimStatus.AWAITING_WAGE


def test_the_employer_reports_through_the_api(  # type: ignore[no-untyped-def]
    client_for, organisation, veileder, beslutter, employer, employer_b, veileder_bergen
) -> None:
    case = recent_case(organisation)
    case_recommend(case=case, by=veileder, outcome="approve")
    case_approve(case=case, by=beslutter)
    first = _claim(1)

    assert client_for(employer_b).get("/api/v1/refund-claims/").json()["count"] == 0
    assert client_for(veileder_bergen).get("/api/v1/refund-claims/").json()["count"] == 0
    assert client_for(veileder).get("/api/v1/refund-claims/").json()["count"] == 12
    listed = client_for(employer).get("/api/v1/refund-claims/?status=awaiting_wage").json()
    assert listed["count"] == 12
    assert listed["results"][0]["id"] == first.pk
    assert "national_id" not in str(listed)

    url = f"/api/v1/refund-claims/{first.pk}/report/"
    body = {"monthly_wage_nok": "30000.00"}
    assert client_for(employer_b).post(url, body, "application/json").status_code == 404
    assert client_for(veileder).post(url, body, "application/json").status_code == 403
    response = client_for(employer).post(url, body, "application/json")
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["amount_nok"]) == ("computed", "12690.00")
    again = client_for(employer).post(url, body, "application/json")
    assert again.status_code == 409
    detail = client_for(veileder).get(f"/api/v1/refund-claims/{first.pk}/")
    assert detail.json()["reported_wage_nok"] == "30000.00"
