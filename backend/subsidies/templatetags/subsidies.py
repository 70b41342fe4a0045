"""What the subsidies app adds to the pages of the apps below it.

The agreement page belongs to placements, which knows nothing of subsidies: the section that
shows a caseworker the agreement's subsidy case comes from here.
"""

from __future__ import annotations

from typing import Any

from django import template

from accounts.models import User
from placements.models import PlacementAgreement
from subsidies.selectors import CaseSummary, case_summary_for_agreement

register = template.Library()


@register.simple_tag(takes_context=True)
def subsidy_case(context: dict[str, Any], agreement: PlacementAgreement) -> CaseSummary | None:
    """The agreement's subsidy case for a caseworker of its kommune; None for anyone else."""
    user = context["request"].user
    if not isinstance(user, User):
        return None
    return case_summary_for_agreement(viewer=user, agreement_id=agreement.pk)
