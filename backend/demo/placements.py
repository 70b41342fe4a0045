"""The demo's placement agreements: one waiting for approvals, the others approved by all three
parties (those of an innstegsjobb or nystartsjobb open a subsidy case on the way)."""

from __future__ import annotations

import datetime
from typing import Any

from accounts.models import Role
from demo.applications import hire
from demo.listings import SHOP_PRACTICE, Listings, organisation_admin
from demo.people import GRORUD, YONAS, caseworker_of
from placements.models import PlacementAgreement
from placements.services import (
    agreement_approve,
    agreement_submit_for_approval,
    agreement_update_terms,
)

GOALS = [
    {"kind": "language", "text": "Snakke norsk med kunder og kolleger hver dag."},
    {"kind": "work_skills", "text": "Kjenne rutinene fra morgen til stengetid."},
]


def complete_and_send(
    agreement: PlacementAgreement,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> PlacementAgreement:
    """The employer completes the draft's terms and asks the three parties to approve them."""
    employer = organisation_admin(agreement.organisation)
    terms: dict[str, Any] = {
        "supervisor_name": employer.full_name,
        "supervisor_phone": "+4722334455",
        "goals": GOALS,
    }
    if start is not None:
        terms["start_date"] = start
    if end is not None:
        terms["end_date"] = end
    agreement = agreement_update_terms(agreement=agreement, by=employer, **terms)
    return agreement_submit_for_approval(agreement=agreement, by=employer)


def approve_all(agreement: PlacementAgreement) -> PlacementAgreement:
    """The newcomer, the employer, then the veileder of the kommune approve."""
    agreement = agreement_approve(agreement=agreement, by=agreement.newcomer)
    employer = organisation_admin(agreement.organisation)
    agreement = agreement_approve(agreement=agreement, by=employer)
    veileder = caseworker_of(agreement.kommune_id, Role.VEILEDER)
    return agreement_approve(agreement=agreement, by=veileder)


def seed_waiting_agreement(listings: Listings) -> None:
    """Yonas got the shop practice and has approved the agreement; Kari and the veileder have
    not yet."""
    agreement = hire(
        listings[(GRORUD, SHOP_PRACTICE)],
        YONAS,
        "ሰላም! ኣብ ድኳን ምስራሕ ይፈቱ እየ። ቋንቋ ኖርወይ ድማ ክመሃር ይደሊ።",
    )
    if agreement is None:
        return
    agreement = complete_and_send(agreement)
    agreement_approve(agreement=agreement, by=agreement.newcomer)
