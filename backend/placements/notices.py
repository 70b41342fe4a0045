"""What the notifications about placement agreements say and what they are about."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from accounts.models import User
from common.text import isolate
from notifications.messages import About, day, loads, relevant_while, renders, status_is
from notifications.models import Kind
from placements.models import AgreementStatus, PlacementAgreement

loads(
    "agreement",
    lambda: PlacementAgreement.objects.select_related(
        "newcomer", "organisation", "application__listing"
    ),
)


def _agreement_values(agreement: PlacementAgreement) -> dict[str, str]:
    return {
        "title": isolate(agreement.application.listing.title),
        "organisation": isolate(agreement.organisation.name),
        "name": isolate(agreement.newcomer.full_name),
    }


@renders(Kind.AGREEMENT_WAITING)
def _agreement_waiting(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    agreement: PlacementAgreement = about.get("agreement", context)
    if recipient.pk == agreement.newcomer_id:
        text = _("The agreement for %(title)s at %(organisation)s is waiting for your approval.")
    else:
        text = _(
            "The agreement with %(name)s for %(title)s at %(organisation)s is waiting for "
            "your approval."
        )
    return _("An agreement is waiting for your approval"), text % _agreement_values(agreement)


@renders(Kind.PERIOD_ENDING)
def _period_ending(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    agreement: PlacementAgreement = about.get("agreement", context)
    values = {**_agreement_values(agreement), "day": day(context["end"])}
    own = recipient.pk == agreement.newcomer_id
    what = context["what"]
    if what == "decision":
        text = (
            _("The subsidy for your job %(title)s at %(organisation)s is decided until %(day)s.")
            if own
            else _(
                "The subsidy decision for %(name)s as %(title)s at %(organisation)s ends on "
                "%(day)s. A new decision is needed to go on."
            )
        )
    elif what == "window":
        text = (
            _("Your innstegsjobb %(title)s at %(organisation)s can last until %(day)s.")
            if own
            else _(
                "The innstegsjobb of %(name)s as %(title)s at %(organisation)s can last until "
                "%(day)s."
            )
        )
    else:
        text = (
            _("Your placement %(title)s at %(organisation)s ends on %(day)s.")
            if own
            else _("The placement of %(name)s as %(title)s at %(organisation)s ends on %(day)s.")
        )
    return _("A period ends soon"), text % values


relevant_while(Kind.AGREEMENT_WAITING, status_is("agreement", AgreementStatus.AWAITING_APPROVALS))
