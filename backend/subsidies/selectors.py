"""Reads about subsidies, scoped to who is asking."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import Role, User
from organisations.models import Organisation
from subsidies.eligibility import eligibility_evaluate

SIMULATING_ROLES = frozenset({Role.VEILEDER, Role.BESLUTTER, Role.ADMIN, Role.EMPLOYER})


def eligibility_simulate(*, viewer: User, record: Mapping[str, Any]) -> dict[str, Any]:
    """A pre-check of a record: caseworkers for any employer, employers for their own only."""
    if viewer.role not in SIMULATING_ROLES:
        raise PermissionDenied(_("Only caseworkers and employers can run eligibility checks."))
    if viewer.role == Role.EMPLOYER:
        employer = record.get("employer")
        orgnr = str(employer.get("orgnr", "")) if isinstance(employer, Mapping) else ""
        if not Organisation.objects.filter(orgnr=orgnr, memberships__user=viewer).exists():
            raise PermissionDenied(
                _("Employers can only check placements in their own organisations.")
            )
    return eligibility_evaluate(record)
