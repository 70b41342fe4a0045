"""A veileder recommends; a beslutter who is not that person approves or rejects. An approval
covers at most 12 monthly periods, each with a refund claim."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from accounts.models import Role, User
from common.errors import Conflict
from organisations.models import Organisation
from subsidies.eligibility import eligibility_explain
from subsidies.models import (
    CaseStatus,
    ClaimStatus,
    Decision,
    DecisionPeriod,
    RefundClaim,
    SubsidyCase,
)
from subsidies.rules import rule_set_for
from subsidies.services import case_approve, case_recommend, case_reject
from tests.factories import UserFactory
from tests.subsidies.conftest import open_case

pytestmark = pytest.mark.django_db
D = datetime.date


def _url(case: SubsidyCase, action: str) -> str:
    return f"/api/v1/subsidy-cases/{case.pk}/{action}/"


def test_recommend_then_approve_through_the_api(client_for, case, veileder, beslutter) -> None:  # type: ignore[no-untyped-def]
    response = client_for(veileder).post(
        _url(case, "recommend"), {"outcome": "approve", "note": "OK"}, "application/json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "recommended"

    response = client_for(beslutter).post(_url(case, "approve"), {}, "application/json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "approved"
    decision = body["decision"]
    assert decision["outcome"] == "approved"
    assert decision["by_email"] == beslutter.email
    assert len(decision["periods"]) == 12
    assert decision["periods"][0] == {
        "number": 1,
        "start": "2025-09-01",
        "end": "2025-09-30",
        "monthly_amount_nok": "12690.00",
        "max_amount_nok": "12690.00",
        "claim": {
            "id": RefundClaim.objects.get(period__number=1).pk,
            "status": "awaiting_wage",
            "due_date": "2025-11-30",
            "reported_wage_nok": None,
            "amount_nok": None,
        },
    }
    assert decision["periods"][-1]["end"] == "2026-08-31"


def test_a_veileder_cannot_approve_their_own_recommendation(  # type: ignore[no-untyped-def]
    client_for, recommended_case, veileder
) -> None:
    response = client_for(veileder).post(_url(recommended_case, "approve"), {}, "application/json")
    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_a_beslutter_who_recommended_cannot_decide(case, beslutter) -> None:  # type: ignore[no-untyped-def]
    case_recommend(case=case, by=beslutter, outcome="approve")
    with pytest.raises(PermissionDenied, match="Someone other than"):
        case_approve(case=case, by=beslutter)
    with pytest.raises(PermissionDenied):
        case_reject(case=case, by=beslutter, reason="wrong_facts")
    other = UserFactory(role=Role.BESLUTTER, serves=("0301",))
    case_reject(case=case, by=other, reason="wrong_facts")
    assert SubsidyCase.objects.get(pk=case.pk).status == CaseStatus.REJECTED


def test_a_beslutter_of_another_kommune_cannot_decide(recommended_case) -> None:  # type: ignore[no-untyped-def]
    bergen = UserFactory(role=Role.BESLUTTER, serves=("4601",))
    with pytest.raises(PermissionDenied):
        case_approve(case=recommended_case, by=bergen)


def test_a_case_is_decided_only_after_a_recommendation(case, beslutter) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Conflict):
        case_approve(case=case, by=beslutter)


def test_a_case_is_decided_once(recommended_case, beslutter) -> None:  # type: ignore[no-untyped-def]
    case_approve(case=recommended_case, by=beslutter)
    with pytest.raises(Conflict):
        case_approve(case=recommended_case, by=beslutter)
    with pytest.raises(Conflict):
        case_reject(case=recommended_case, by=beslutter, reason="wrong_amount")
    assert Decision.objects.count() == 1


def test_reject_needs_a_reason_from_the_list_and_words_for_other(  # type: ignore[no-untyped-def]
    client_for, recommended_case, beslutter
) -> None:
    client = client_for(beslutter)
    response = client.post(_url(recommended_case, "reject"), {"reason": "bad"}, "application/json")
    assert response.status_code == 400
    assert "reason" in response.json()["error"]["fields"]
    response = client.post(
        _url(recommended_case, "reject"), {"reason": "other"}, "application/json"
    )
    assert response.status_code == 400
    assert "reason_text" in response.json()["error"]["fields"]
    response = client.post(
        _url(recommended_case, "reject"),
        {"reason": "other", "reason_text": "The job is not real."},
        "application/json",
    )
    assert response.status_code == 200
    decision = response.json()["decision"]
    assert (decision["outcome"], decision["reason"]) == ("rejected", "other")
    assert decision["periods"] == []


@pytest.mark.parametrize("reason", ["wrong_facts", "wrong_reading_of_rules", "wrong_amount"])
def test_every_listed_reason_rejects(recommended_case, beslutter, reason) -> None:  # type: ignore[no-untyped-def]
    case_reject(case=recommended_case, by=beslutter, reason=reason)
    assert Decision.objects.get().reason == reason


def test_an_ineligible_case_is_not_recommended_for_approval_nor_approved(  # type: ignore[no-untyped-def]
    organisation: Organisation, veileder: User, beslutter: User
) -> None:
    case = open_case(organisation, person={"permit": ("work", D(2024, 3, 1)), "out_of_work": []})
    assert case.current_result is not None and not case.current_result.eligible
    with pytest.raises(ValidationError) as error:
        case_recommend(case=case, by=veileder, outcome="approve")
    assert "outcome" in error.value.message_dict
    case_recommend(case=case, by=veileder, outcome="reject")
    with pytest.raises(Conflict):
        case_approve(case=case, by=beslutter)
    case_reject(case=case, by=beslutter, reason="wrong_facts")


def test_the_periods_of_a_mid_month_start(  # type: ignore[no-untyped-def]
    organisation, veileder, beslutter
) -> None:
    case = open_case(organisation, start=D(2025, 9, 15))
    case_recommend(case=case, by=veileder, outcome="approve")
    case_approve(case=case, by=beslutter)
    periods = list(DecisionPeriod.objects.order_by("number"))
    assert len(periods) == 12
    assert (periods[0].start, periods[0].end) == (D(2025, 9, 15), D(2025, 10, 14))
    assert (periods[-1].start, periods[-1].end) == (D(2026, 8, 15), D(2026, 9, 14))
    for before, after in itertools.pairwise(periods):
        assert after.start == before.end + datetime.timedelta(days=1)
    assert {p.max_amount_nok for p in periods} == {12690}


def test_the_agreement_end_ends_the_periods_early_pro_rata(  # type: ignore[no-untyped-def]
    organisation, veileder, beslutter
) -> None:
    case = open_case(organisation, end=D(2026, 1, 20))
    case_recommend(case=case, by=veileder, outcome="approve")
    case_approve(case=case, by=beslutter)
    periods = list(DecisionPeriod.objects.order_by("number"))
    assert [p.number for p in periods] == [1, 2, 3, 4, 5]
    last = periods[-1]
    assert (last.start, last.end) == (D(2026, 1, 1), D(2026, 1, 20))
    assert last.monthly_amount_nok == 12690
    assert last.max_amount_nok == 8187  # 12 690 x 20 / 31, rounded half up
    claim = RefundClaim.objects.get(period=last)
    assert (claim.due_date, claim.status) == (D(2026, 3, 20), ClaimStatus.AWAITING_WAGE)


def test_a_short_entitlement_gives_fewer_periods(  # type: ignore[no-untyped-def]
    organisation, veileder, beslutter
) -> None:
    # An innstegsjobb above 50 %: at most 6 months.
    case = open_case(organisation, kind="innstegsjobb", position_percent=80)
    assert case.current_result is not None and case.current_result.eligible
    case_recommend(case=case, by=veileder, outcome="approve")
    case_approve(case=case, by=beslutter)
    assert DecisionPeriod.objects.count() == 6
    assert RefundClaim.objects.count() == 6


def test_a_v1_decision_is_explained_under_v1_after_v2_exists(  # type: ignore[no-untyped-def]
    organisation, veileder, beslutter
) -> None:
    """docs/rules/v2.md: a stored v1 result is explained again under v1, whatever v2 says, in
    the reader's language (here Norwegian)."""
    case = open_case(organisation, kind="innstegsjobb", wage=14000, position_percent=50,
                     person={"permit": ("protection", datetime.date(2024, 11, 1))})  # fmt: skip
    case = case_approve(case=case_recommend(case=case, by=veileder, outcome="approve"),
                        by=beslutter)  # fmt: skip
    result = case.decision.result
    assert result.rule_set == "nystartsjobb-pilot-v1"
    assert rule_set_for(datetime.date(2027, 6, 1)).version == "nystartsjobb-pilot-v2"
    with translation.override("nb"):
        reasons = eligibility_explain(snapshot=result.input_snapshot, stored_answer=result.answer)
    assert [r["code"] for r in reasons] == [r["code"] for r in result.answer["reasons"]]
    amount = next(r for r in reasons if r["code"] == "innstegsjobb_amount")
    assert amount["params"]["share"] == 0.8  # v1's share, not v2's 0.75
    assert amount["params"]["amount"] == 14599
    assert amount["text"] != next(
        r["text"] for r in result.answer["reasons"] if r["code"] == "innstegsjobb_amount"
    )  # worded in Norwegian, not the stored English
