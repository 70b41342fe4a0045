"""How subsidies follow the placement agreements they pay for."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from accounts.models import User
from placements.models import PlacementAgreement
from placements.signals import agreement_approved
from subsidies.services import subsidy_case_open


@receiver(agreement_approved)
def open_case(sender: Any, agreement: PlacementAgreement, by: User | None, **kwargs: Any) -> None:
    """An innstegsjobb or nystartsjobb agreement that became ready opens its subsidy case."""
    subsidy_case_open(agreement=agreement, by=by)
