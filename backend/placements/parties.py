"""Who is who in an agreement: the newcomer, the employer's members, the kommune's veiledere.

Read by the services (who may change what) and the selectors (who sees what).
"""

from __future__ import annotations

from accounts.models import Role, User
from organisations.selectors import is_member
from placements.models import PlacementAgreement


def is_newcomer_party(*, agreement: PlacementAgreement, user: User) -> bool:
    return agreement.newcomer_id == user.pk


def is_employer_party(*, agreement: PlacementAgreement, user: User) -> bool:
    return user.role == Role.EMPLOYER and is_member(user=user, organisation=agreement.organisation)


def is_veileder_party(*, agreement: PlacementAgreement, user: User) -> bool:
    """A veileder of the agreement's kommune: the one who approves last."""
    return user.role == Role.VEILEDER and user.kommuner.filter(pk=agreement.kommune_id).exists()
