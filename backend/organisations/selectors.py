"""Reads about employers, scoped to who is asking."""

import hashlib

from django.db.models import QuerySet

from accounts.models import Role, User
from organisations.models import Invitation, MemberRights, Membership, Organisation


def organisation_list(*, viewer: User) -> QuerySet[Organisation]:
    """Employers see their own organisations; platform admins see all; others none."""
    queryset = Organisation.objects.select_related("kommune", "bydel")
    if viewer.role == Role.ADMIN:
        return queryset
    if viewer.role == Role.EMPLOYER:
        return queryset.filter(memberships__user=viewer)
    return queryset.none()


def is_member(*, user: User, organisation: Organisation, admin: bool = False) -> bool:
    memberships = Membership.objects.filter(user=user, organisation=organisation)
    if admin:
        memberships = memberships.filter(rights=MemberRights.ADMIN)
    return memberships.exists()


def invitation_list_pending(*, organisation: Organisation, viewer: User) -> QuerySet[Invitation]:
    """The open invitations of an organisation, for its administrators only."""
    if not is_member(user=viewer, organisation=organisation, admin=True):
        return Invitation.objects.none()
    return Invitation.objects.pending().filter(organisation=organisation).order_by("email", "id")


def invitation_get_pending(*, organisation: Organisation, viewer: User, pk: int) -> Invitation:
    """One open invitation of an organisation the viewer administers; DoesNotExist otherwise."""
    return invitation_list_pending(organisation=organisation, viewer=viewer).get(pk=pk)


def invitation_token_hash(token: str) -> str:
    """What is kept of an invitation's token: its SHA-256 (the token is only in the link)."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitations_by_token(*, token: str) -> QuerySet[Invitation]:
    """The invitation (at most one) that a link's token names, with its organisation.

    Not scoped to a viewer: holding the token is what lets one see the invitation."""
    return Invitation.objects.select_related("organisation").filter(
        token_hash=invitation_token_hash(token)
    )
