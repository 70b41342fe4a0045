"""Deleting an account: remove what is not needed, anonymise what others' records refer to, keep
what the law requires with the name replaced. privacy.registry says what happens to each table.

Who may delete:
- newcomers, employers and volunteer buddies delete their own account (the page asks them to
  confirm and to prove it is them again);
- platform admins delete anyone's account but their own, from the admin. Staff accounts (guides,
  caseworkers, platform admins) are deleted there only: their recommendations, decisions and
  approvals stay attributable by id, so the account is deactivated and anonymised like any other.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.models import (
    get_access_token_model,
    get_application_model,
    get_device_grant_model,
    get_grant_model,
    get_id_token_model,
    get_refresh_token_model,
)

from accounts.models import NewcomerProfile, Role, User
from applications.models import ApplicantProfile, Application, ApplicationEvent, ApplicationStatus
from applications.transitions import OPEN_STATUSES
from audit.models import AuditAction, AuditEntry, AuditObjectType
from audit.services import Source
from buddies.services import buddy_data_delete
from common.errors import WrongRole
from guidance.services import guidance_forget
from listings.models import SavedListing, SavedSearch
from notifications.models import Notification, NotificationPreference
from organisations.models import Invitation, Membership
from placements.models import AgreementStatus, PlacementAgreement
from plans.models import DevelopmentPlan, PlacementEvaluation, ReferenceLetter
from privacy.anonymise import application_anonymise, deleted_user_name, user_anonymise
from privacy.models import AccountDeletion
from subsidies.models import PersonFacts, SubsidyCase
from subsidies.models.cases import UNDECIDED_STATUSES

# Roles that delete their own account on the web page; the others through a platform admin.
SELF_DELETE_ROLES = frozenset({Role.NEWCOMER, Role.EMPLOYER, Role.VOLUNTEER})
AUDIT_ACTION_DELETE = AuditAction.ACCOUNT_DELETE
# Timeline note of the applications a deletion withdraws; pages translate the code.
NOTE_ACCOUNT_DELETED = "account_deleted"


def _check_may_delete(*, user: User, by: User) -> None:
    if by.pk == user.pk:
        if user.role not in SELF_DELETE_ROLES:
            raise WrongRole(
                _("Staff accounts are deleted by a platform admin: ask yours to do it.")
            )
        return
    if not (by.role == Role.ADMIN and by.is_superuser and by.is_active):
        raise WrongRole(_("Only a platform admin can delete another person's account."))


def agreements_kept(*, user: User) -> list[PlacementAgreement]:
    """The person's agreements that deleting the account keeps: running ones, and those whose
    subsidy case has a decision (the decision is kept by law and refers to the agreement)."""
    return list(
        PlacementAgreement.objects.filter(newcomer=user)
        .filter(Q(status=AgreementStatus.RUNNING) | Q(subsidy_case__decision__isnull=False))
        .order_by("pk")
    )


def _remove_agreements(*, user: User, kept: list[PlacementAgreement]) -> None:
    removed = PlacementAgreement.objects.filter(newcomer=user).exclude(pk__in=[a.pk for a in kept])
    # An undecided case goes with its agreement; a decided one is never here (see kept).
    SubsidyCase.objects.filter(agreement__in=removed, decision__isnull=True).delete()
    removed.delete()


def _withdraw_open_applications(*, user: User) -> None:
    """Open applications end as withdrawn, without telling anyone (the person has left)."""
    now = timezone.now()
    for application in Application.objects.select_for_update().filter(
        applicant=user, status__in=OPEN_STATUSES
    ):
        ApplicationEvent.objects.create(
            application=application,
            from_status=application.status,
            to_status=ApplicationStatus.WITHDRAWN,
            by=None,
            at=now,
            note=NOTE_ACCOUNT_DELETED,
        )
        application.status = ApplicationStatus.WITHDRAWN
        application.save(update_fields=["status", "updated_at"])


def _remove_login_methods(*, user: User) -> None:
    EmailAddress.objects.filter(user=user).delete()  # their confirmations cascade
    Authenticator.objects.filter(user=user).delete()
    for model in (
        get_refresh_token_model(),
        get_access_token_model(),
        get_id_token_model(),
        get_grant_model(),
        get_device_grant_model(),
    ):
        model.objects.filter(user=user).delete()
    # A case system's client that this person registered stays, without its owner.
    get_application_model().objects.filter(user=user).update(user=None)


@transaction.atomic
def account_delete(*, user: User, by: User, source: Source | None = None) -> AccountDeletion:
    """Delete `user`'s account. Deleting an account deleted before changes nothing."""
    _check_may_delete(user=user, by=by)
    user = User.objects.select_for_update().get(pk=user.pk)
    existing = AccountDeletion.objects.filter(user=user).first()
    if existing is not None:
        return existing

    kept = agreements_kept(user=user)
    DevelopmentPlan.objects.filter(newcomer=user).delete()  # with its steps, notes, mapping
    PlacementEvaluation.objects.filter(agreement__newcomer=user).delete()
    ReferenceLetter.objects.filter(agreement__newcomer=user).delete()
    _remove_agreements(user=user, kept=kept)
    _withdraw_open_applications(user=user)
    for application in Application.objects.filter(applicant=user):
        application_anonymise(application=application)

    buddy_data_delete(user=user)
    ApplicantProfile.objects.filter(user=user).delete()
    NewcomerProfile.objects.filter(user=user).delete()
    NewcomerProfile.objects.filter(guide=user).update(guide=None)
    guidance_forget(user=user)
    if not SubsidyCase.objects.filter(newcomer=user, status__in=UNDECIDED_STATUSES).exists():
        PersonFacts.objects.filter(person=user).delete()
    SavedListing.objects.filter(user=user).delete()
    SavedSearch.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()
    if user.email:
        Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
    _remove_login_methods(user=user)
    # The admin's history names the person in the changed object's label.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=deleted_user_name(user.pk))

    role = user.role
    user_anonymise(user=user)
    deletion = AccountDeletion.objects.create(user=user, by_self=by.pk == user.pk)
    source = source or Source()
    # By id only: the entry must not name anyone (the log can never be changed afterwards).
    AuditEntry.objects.create(
        action=AUDIT_ACTION_DELETE,
        object_type=AuditObjectType.USER,
        object_id=str(user.pk),
        user_id=by.pk,
        ip=source.ip,
        user_agent=source.user_agent[:300],
        details={
            "by_self": deletion.by_self,
            "role": role,
            "kept_agreements": [agreement.pk for agreement in kept],
        },
    )
    return deletion


def account_is_deleted(*, user: User) -> bool:
    return AccountDeletion.objects.filter(user_id=user.pk).exists()
