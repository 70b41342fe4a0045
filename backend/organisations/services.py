"""Writes about employers: registration, verification, members."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from common.text import clean_name
from organisations.models import MemberRights, Membership, Organisation
from organisations.selectors import is_member
from organisations.validators import clean_orgnr
from reference.models import Bydel, Kommune


def _zone_for(*, kommune: Kommune, aga_zone: str | None) -> str:
    if not kommune.is_split_between_zones:
        if aga_zone and aga_zone != kommune.aga_zone:
            raise ValidationError(
                {
                    "aga_zone": _("%(kommune)s lies in zone %(zone)s.")
                    % {"kommune": kommune.name, "zone": kommune.aga_zone}
                }
            )
        return kommune.aga_zone
    if aga_zone not in kommune.zone_choices:
        raise ValidationError(
            {
                "aga_zone": _(
                    "%(kommune)s is split between the zones %(zones)s: choose the zone of "
                    "the business address."
                )
                % {"kommune": kommune.name, "zones": ", ".join(kommune.zone_choices)}
            }
        )
    return str(aga_zone)


def _check_bydel(*, kommune: Kommune, bydel: Bydel | None) -> None:
    if bydel is not None and bydel.kommune_id != kommune.pk:
        raise ValidationError({"bydel": _("The bydel must lie in the chosen kommune.")})


def _save_profile(
    organisation: Organisation,
    *,
    name: str,
    kommune: Kommune,
    employees: int,
    bydel: Bydel | None,
    address: str,
    aga_zone: str | None,
) -> None:
    """Set what the administrators keep of the organisation, check it and save it."""
    _check_bydel(kommune=kommune, bydel=bydel)
    organisation.name = clean_name(name)
    organisation.kommune = kommune
    organisation.bydel = bydel
    organisation.address = address.strip()
    organisation.aga_zone = _zone_for(kommune=kommune, aga_zone=aga_zone)
    organisation.employees = employees
    organisation.full_clean()
    organisation.save()


@transaction.atomic
def organisation_register(
    *,
    by: User,
    orgnr: str,
    name: str,
    kommune: Kommune,
    employees: int,
    bydel: Bydel | None = None,
    address: str = "",
    aga_zone: str | None = None,
) -> Organisation:
    """Register an employer; the person registering becomes its administrator."""
    if by.role != Role.EMPLOYER:
        raise PermissionDenied(_("Only employer accounts can register an organisation."))
    try:
        orgnr = clean_orgnr(orgnr)
    except ValidationError as error:
        raise ValidationError({"orgnr": error.error_list}) from None
    if Organisation.objects.filter(orgnr=orgnr).exists():
        raise ValidationError(
            {
                "orgnr": _(
                    "This organisation is already registered. Ask its administrator to add you."
                )
            }
        )
    organisation = Organisation(orgnr=orgnr)
    _save_profile(
        organisation,
        name=name,
        kommune=kommune,
        employees=employees,
        bydel=bydel,
        address=address,
        aga_zone=aga_zone,
    )
    Membership.objects.create(organisation=organisation, user=by, rights=MemberRights.ADMIN)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    by: User,
    name: str,
    kommune: Kommune,
    employees: int,
    bydel: Bydel | None = None,
    address: str = "",
    aga_zone: str | None = None,
) -> Organisation:
    """Change the profile; the organisasjonsnummer and the verification stay as they are."""
    if by.role != Role.EMPLOYER or not is_member(user=by, organisation=organisation, admin=True):
        raise PermissionDenied(_("Only the organisation's administrators change its profile."))
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    _save_profile(
        organisation,
        name=name,
        kommune=kommune,
        employees=employees,
        bydel=bydel,
        address=address,
        aga_zone=aga_zone,
    )
    return organisation


def organisation_verify(*, organisation: Organisation, by: User) -> Organisation:
    if by.role != Role.ADMIN:
        raise PermissionDenied(_("Only platform admins verify organisations."))
    organisation.verified = True
    organisation.verified_at = timezone.now()
    organisation.verified_by = by
    organisation.save(update_fields=["verified", "verified_at", "verified_by"])
    return organisation


def membership_add(*, organisation: Organisation, user: User, rights: str, by: User) -> Membership:
    if not is_member(user=by, organisation=organisation, admin=True):
        raise PermissionDenied(_("Only the organisation's administrators add members."))
    if user.role != Role.EMPLOYER:
        raise ValidationError({"user": _("Only employer accounts can be members.")})
    other_admins = Membership.objects.filter(
        organisation=organisation, rights=MemberRights.ADMIN
    ).exclude(user=user)
    if rights != MemberRights.ADMIN and not other_admins.exists():
        raise ValidationError({"rights": _("An organisation needs at least one administrator.")})
    membership, _created = Membership.objects.update_or_create(
        organisation=organisation, user=user, defaults={"rights": rights}
    )
    return membership
