"""Writes about employers: registration, claims to a number and their verification, members."""

from __future__ import annotations

import datetime
import secrets

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from common.errors import NotParty, WrongRole
from common.text import clean_name
from organisations.models import (
    INVITATION_VALID_DAYS,
    Invitation,
    MemberRights,
    Membership,
    Organisation,
)
from organisations.selectors import invitation_token_hash, invitations_by_token, is_member
from organisations.signals import claims_rejected
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
    """Register a claim to an organisation; the person registering becomes its administrator.

    A number held by a verified organisation is refused. Unverified claims never block another:
    each claimant gets an organisation of their own, and staff verification decides between them.
    """
    if by.role != Role.EMPLOYER:
        raise WrongRole(_("Only employer accounts can register an organisation."))
    try:
        orgnr = clean_orgnr(orgnr)
    except ValidationError as error:
        raise ValidationError({"orgnr": error.error_list}) from None
    claims = Organisation.objects.filter(orgnr=orgnr)
    if claims.filter(verified=True).exists():
        raise ValidationError(
            {
                "orgnr": _(
                    "This organisation is registered and verified already. Ask its "
                    "administrator to invite you."
                )
            }
        )
    if claims.filter(memberships__user=by, rejected_at__isnull=True).exists():
        raise ValidationError(
            {"orgnr": _("You have registered this organisation already: it waits for checking.")}
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
        raise NotParty(_("Only the organisation's administrators change its profile."))
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


@transaction.atomic
def organisation_verify(*, organisation: Organisation, by: User) -> Organisation:
    """Verify one claim to a number and reject the other unverified claims to it.

    A rejected claim keeps its members and its rows (applications stay readable), but its published
    listings are closed and none of its listings can be published again.
    """
    if by.role != Role.ADMIN:
        raise WrongRole(_("Only platform admins verify organisations."))
    # Lock every claim to the number, so two admins cannot verify two of them at once.
    claims = list(
        Organisation.objects.select_for_update().filter(orgnr=organisation.orgnr).order_by("pk")
    )
    organisation = next(claim for claim in claims if claim.pk == organisation.pk)
    if any(claim.verified for claim in claims if claim.pk != organisation.pk):
        raise ValidationError(
            {
                "orgnr": _("Another organisation with the number %(orgnr)s is verified already.")
                % {"orgnr": organisation.orgnr}
            }
        )
    now = timezone.now()
    if not organisation.verified:
        organisation.verified = True
        organisation.verified_at = now
        organisation.verified_by = by
        organisation.rejected_at = None
        organisation.save(update_fields=["verified", "verified_at", "verified_by", "rejected_at"])
    rejected = [
        claim.pk
        for claim in claims
        if claim.pk != organisation.pk and not claim.verified and claim.rejected_at is None
    ]
    if rejected:
        Organisation.objects.filter(pk__in=rejected).update(rejected_at=now)
        claims_rejected.send(sender=Organisation, organisation_ids=rejected, at=now)
    return organisation


# Members: an administrator invites an email address; the person accepts, and only then joins.


def _require_admin(*, organisation: Organisation, by: User, message: str) -> None:
    if by.role != Role.EMPLOYER or not is_member(user=by, organisation=organisation, admin=True):
        raise NotParty(message)


def invitation_accept_url(token: str) -> str:
    return settings.SITE_URL + reverse("employer:invitation_accept", args=[token])


def _send_invitation(*, invitation: Invitation, token: str) -> None:
    """The email with the accept link, in the recipient's language if they have an account.

    The adapter looks the address up whether or not it has an account, so the work is the same.
    """
    context = {
        "organisation_name": invitation.organisation.name,
        "inviter_name": invitation.invited_by.full_name if invitation.invited_by else "",
        "invitation": invitation,  # its rights are rendered in the recipient's language
        "accept_url": invitation_accept_url(token),
        "valid_days": INVITATION_VALID_DAYS,
        "expires_at": invitation.expires_at,
    }
    get_adapter().send_mail("organisations/email/invitation", invitation.email, context)


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, rights: str, by: User
) -> Invitation:
    """Invite an address to join; a new invitation to the same address replaces an open one.

    What happens is the same whether or not the address belongs to an account, and whatever
    that account is: nothing about it is looked at until the person accepts.
    """
    _require_admin(
        organisation=organisation,
        by=by,
        message=_("Only the organisation's administrators invite members."),
    )
    if organisation.is_rejected:
        raise ValidationError(
            {"email": _("This organisation's registration was rejected: it takes no members.")}
        )
    if rights not in MemberRights.values:
        raise ValidationError({"rights": _("Choose administrator or member.")})
    email = email.strip().lower()
    Invitation.objects.filter(
        organisation=organisation, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = Invitation(
        organisation=organisation,
        email=email,
        rights=rights,
        token_hash=invitation_token_hash(token),
        invited_by=by,
        created_at=now,
        expires_at=now + datetime.timedelta(days=INVITATION_VALID_DAYS),
    )
    invitation.full_clean(exclude=["token_hash"])
    invitation.save()
    # Last, so that an email that cannot be sent leaves no invitation behind.
    _send_invitation(invitation=invitation, token=token)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    _require_admin(
        organisation=invitation.organisation,
        by=by,
        message=_("Only the organisation's administrators withdraw invitations."),
    )
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def invitation_problem(invitation: Invitation | None, *, by: User | None = None) -> str | None:
    """Why this invitation cannot be accepted (by `by`, when given), or None when it can."""
    if invitation is None:
        return _("This invitation link is not valid. Ask for a new invitation.")
    if invitation.accepted_at is not None:
        return _("This invitation has been used already.")
    if invitation.revoked_at is not None:
        return _("This invitation was withdrawn. Ask for a new invitation.")
    if invitation.is_expired:
        return _("This invitation has expired. Ask for a new invitation.")
    if invitation.organisation.is_rejected:
        return _("This organisation's registration was rejected: it takes no members.")
    if by is not None and by.role != Role.EMPLOYER:
        return _(
            "Only employer accounts can join an organisation, and you are signed in with "
            "another kind of account. Log out, sign up as an employer with your work email "
            "address, then open the link again."
        )
    return None


def _set_rights(*, organisation: Organisation, user: User, rights: str) -> Membership:
    """Make `user` a member with `rights`, as long as the organisation keeps an administrator."""
    other_admins = Membership.objects.filter(
        organisation=organisation, rights=MemberRights.ADMIN
    ).exclude(user=user)
    if rights != MemberRights.ADMIN and not other_admins.exists():
        raise ValidationError({"rights": _("An organisation needs at least one administrator.")})
    membership, _created = Membership.objects.update_or_create(
        organisation=organisation, user=user, defaults={"rights": rights}
    )
    return membership


@transaction.atomic
def invitation_accept(*, token: str, by: User) -> Membership:
    """The invited person joins the organisation with the rights the invitation gives."""
    invitation = invitations_by_token(token=token).select_for_update().first()
    problem = invitation_problem(invitation, by=by)
    if problem is not None:
        raise ValidationError({"token": problem})
    assert invitation is not None
    membership = _set_rights(
        organisation=invitation.organisation, user=by, rights=invitation.rights
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = by
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership
