"""What the notifications about subsidy cases and refund claims say and what they are about."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from accounts.models import User
from common.text import isolate
from notifications.messages import About, day, loads, relevant_while, renders, status_is
from notifications.models import Kind
from subsidies.models import CaseStatus, ClaimStatus, RefundClaim, SubsidyCase

loads("case", lambda: SubsidyCase.objects.all())
loads("claim", lambda: RefundClaim.objects.select_related("period", "case__newcomer"))


@renders(Kind.CASE_WAITING)
def _case_waiting(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    about.get("case", context)
    text = _("Subsidy case %(number)s has waited %(days)s working days for your decision.") % {
        "number": context["case"],
        "days": context["days"],
    }
    return _("A case is waiting for your decision"), text


@renders(Kind.REFUND_CLAIM_DUE)
def _refund_claim_due(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    claim: RefundClaim = about.get("claim", context)
    text = _(
        "Report the wages of %(name)s for %(start)s to %(end)s by %(day)s to get the refund."
    ) % {
        "name": isolate(claim.case.newcomer.full_name),
        "start": day(claim.period.start),
        "end": day(claim.period.end),
        "day": day(claim.due_date),
    }
    return _("A refund claim is due"), text


relevant_while(Kind.CASE_WAITING, status_is("case", CaseStatus.RECOMMENDED))
relevant_while(Kind.REFUND_CLAIM_DUE, status_is("claim", ClaimStatus.AWAITING_WAGE))
