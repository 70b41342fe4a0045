"""Refund claims: the employer reports the wage paid for a decision period, the refund follows.

The refund is the engine's monthly amount at the reported wage (the cash wage paid for the
period), under the decision's rule set and with the G of the period's first month, and never
more than the period's maximum (set at the decision, pro rata for a short period). The employer
reports after the period's last day and no later than the due date, two months after it.
"""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from common.errors import AlreadyDone, Conflict, NotParty
from organisations.selectors import is_member
from subsidies import rules
from subsidies.models import CaseEventKind, ClaimStatus, RefundClaim
from subsidies.services.events import case_event, case_events_record

MAX_WAGE = Decimal(1_000_000)


def refund_amount(*, claim: RefundClaim, wage: Decimal) -> tuple[int, dict[str, object]]:
    """The refund for `wage` in the claim's period, and how it was computed."""
    period = claim.period
    snapshot = copy.deepcopy(period.decision.result.input_snapshot)
    snapshot["job"]["monthly_wage_nok"] = wage
    snapshot["month"] = f"{period.start.year:04d}-{period.start.month:02d}"
    answer = rules.evaluate(snapshot)
    at_wage = int(answer["monthly_amount_nok"])
    amount = min(at_wage, period.max_amount_nok)
    return amount, {
        "rule_set": answer["rule_set"],
        "month": snapshot["month"],
        "monthly_amount_at_reported_wage_nok": at_wage,
        "max_amount_nok": period.max_amount_nok,
        "amount_nok": amount,
    }


@transaction.atomic
def refund_claim_report(
    *,
    claim: RefundClaim,
    by: User,
    monthly_wage_nok: Decimal,
    today: datetime.date | None = None,
) -> RefundClaim:
    """The employer reports the wage paid for the claim's period; the refund is computed."""
    today = today or timezone.localdate()
    claim = (
        RefundClaim.objects.select_for_update(of=("self",))
        .select_related("period__decision__result", "case__organisation")
        .get(pk=claim.pk)
    )
    if by.role != Role.EMPLOYER or not is_member(user=by, organisation=claim.case.organisation):
        raise NotParty(_("Only the employer reports the wage for a refund."))
    if claim.status != ClaimStatus.AWAITING_WAGE:
        raise AlreadyDone(
            _("The wage for this period has already been reported, or it is too late."),
            code="already_reported",
        )
    if today <= claim.period.end:
        raise Conflict(
            _("Report the wage after the period has ended, from %(date)s.")
            % {"date": (claim.period.end + datetime.timedelta(days=1)).isoformat()},
            code="period_not_ended",
        )
    if today > claim.due_date:
        raise Conflict(
            _("The due date for this claim, %(date)s, has passed.")
            % {"date": claim.due_date.isoformat()},
            code="past_due",
        )
    if monthly_wage_nok < 0 or monthly_wage_nok > MAX_WAGE:
        raise ValidationError(
            {"monthly_wage_nok": _("Give the wage paid for the period, from 0 to 1 000 000.")}
        )
    amount, computation = refund_amount(claim=claim, wage=monthly_wage_nok)
    claim.reported_wage_nok = monthly_wage_nok
    claim.amount_nok = amount
    claim.computation = computation
    claim.status = ClaimStatus.COMPUTED
    claim.reported_at = timezone.now()
    claim.reported_by = by
    claim.save()
    case_events_record(
        [
            case_event(
                claim.case,
                CaseEventKind.CLAIM_COMPUTED,
                claim=claim.pk,
                period=claim.period.number,
                amount_nok=amount,
            )
        ]
    )
    return claim


@transaction.atomic
def refund_claims_expire(*, today: datetime.date) -> int:
    """Claims not reported by their due date expire. Idempotent: run daily by beat."""
    claims = list(
        RefundClaim.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(status=ClaimStatus.AWAITING_WAGE, due_date__lt=today)
        .select_related("case", "period")
        .order_by("pk")
    )
    for claim in claims:
        claim.status = ClaimStatus.EXPIRED
    RefundClaim.objects.bulk_update(claims, ["status"])
    case_events_record(
        [
            case_event(
                claim.case, CaseEventKind.CLAIM_EXPIRED, claim=claim.pk, period=claim.period.number
            )
            for claim in claims
        ]
    )
    return len(claims)
