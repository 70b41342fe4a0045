"""Writes about people: signup, roles, language, consents, the audit of changes to their access,
and the end of accounts never verified."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from allauth.mfa.base.internal.flows import delete_dangling_recovery_codes
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from accounts.models import SELF_SIGNUP_ROLES, Consent, ConsentKind, NewcomerProfile, Role, User
from accounts.phone import normalize_phone
from accounts.selectors import user_access_snapshot
from audit.models import AuditAction, AuditEntry, AuditObjectType
from audit.services import Source, audit_record
from common.text import clean_name

logger = logging.getLogger(__name__)

# The name given at phone signup, kept in the session with the account's id until the SMS code
# proves the number.
PENDING_NAME_SESSION_KEY = "innsteg_pending_full_name"


def user_complete_signup(*, user: User, full_name: str, role: str, language: str) -> User:
    """Fill in what signup asks beyond allauth's fields. Only newcomers and employers sign up."""
    if role not in SELF_SIGNUP_ROLES:
        raise ValueError(f"role {role!r} cannot sign up")
    user.full_name = clean_name(full_name)
    user.role = role
    user.language = language
    return user


def user_after_signup(*, user: User, privacy_notice_version: str = "") -> None:
    """The account is saved: a newcomer gets a profile, and the privacy notice accepted in the
    signup form is recorded with its version."""
    if user.role == Role.NEWCOMER:
        NewcomerProfile.objects.get_or_create(user=user)
    if privacy_notice_version:
        consent_give(user=user, kind=ConsentKind.PRIVACY_NOTICE, version=privacy_notice_version)


@transaction.atomic
def newcomer_signup_by_phone(*, phone: str, language: str) -> tuple[User, bool]:
    """Create a newcomer who has a phone number and no email address, and no name yet.

    The name is set when the SMS code proves the number (user_phone_verified): an account that
    anyone can create for any number keeps nothing about a person until then, and is deleted
    by user_delete_unverified if the code never comes back.

    A number that already belongs to someone gives back that person: the SMS code that follows
    logs them in, so signing up twice is harmless and tells nobody else that the number is taken.
    """
    phone = normalize_phone(phone)
    existing = User.objects.filter(phone=phone).first()
    if existing is not None:
        return existing, False
    user = User(email=None, phone=phone, full_name="", role=Role.NEWCOMER, language=language)
    user.set_unusable_password()
    user.full_clean(exclude=["password", "full_name"])
    user.save()
    NewcomerProfile.objects.create(user=user)
    return user, True


def user_phone_verified(
    *, user: User, phone: str, full_name: str = "", privacy_notice_version: str = ""
) -> None:
    """The SMS code proved the number; a newcomer who signed up with it gets their name now,
    and the privacy notice they accepted at signup is recorded."""
    user.phone = phone
    user.phone_verified = True
    fields = ["phone", "phone_verified"]
    if clean_name(full_name) and not user.full_name:
        user.full_name = clean_name(full_name)
        fields.append("full_name")
    user.save(update_fields=fields)
    if privacy_notice_version:
        consent_give(user=user, kind=ConsentKind.PRIVACY_NOTICE, version=privacy_notice_version)


def user_delete_unverified(*, older_than: datetime.timedelta) -> int:
    """Delete self-signed-up accounts whose phone or email was never verified. Idempotent.

    Accounts an admin created, accounts that ever logged in, and accounts with a verified phone
    number or email address are kept. Returns how many were deleted.
    """
    cutoff = timezone.now() - older_than
    candidates = (
        User.objects.filter(
            role__in=SELF_SIGNUP_ROLES,
            is_staff=False,
            is_superuser=False,
            date_joined__lt=cutoff,
            phone_verified=False,
            last_login__isnull=True,
        )
        .exclude(emailaddress__verified=True)
        .values_list("pk", flat=True)
    )
    deleted = 0
    for pk in list(candidates):
        try:
            with transaction.atomic():
                count, _by_model = User.objects.filter(pk=pk).delete()
        except ProtectedError:
            logger.warning("unverified account %s is referenced and kept", pk)
            continue
        deleted += 1 if count else 0
    return deleted


def user_set_language(*, user: User, language: str) -> None:
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def user_set_phone(*, user: User, phone: str, verified: bool) -> None:
    user.phone = phone
    user.phone_verified = verified
    user.save(update_fields=["phone", "phone_verified"])


@transaction.atomic
def user_access_change_record(
    *, user: User, before: dict[str, Any] | None, by: User, source: Source
) -> AuditEntry | None:
    """Audit a change of `user`'s role, kommuner or admin flags made by `by`, with the old and
    new values (`before` is `user_access_snapshot` before the change, None for a new account).
    Nothing is written when nothing of that changed."""
    after = user_access_snapshot(user=user)
    changes = {
        field: {"old": None if before is None else before[field], "new": value}
        for field, value in after.items()
        if before is None or before[field] != value
    }
    if not changes:
        return None
    return audit_record(
        action=AuditAction.ACCOUNT_CREATE if before is None else AuditAction.ACCOUNT_ACCESS_CHANGE,
        object_type=AuditObjectType.USER,
        object_id=user.pk,
        by=by,
        source=source,
        details={"changes": changes},
    )


@transaction.atomic
def user_mfa_device_remove(*, authenticator: Authenticator, by: User, source: Source) -> None:
    """Remove a person's two-factor device (a lost phone): their recovery codes go with their
    last device, and at the next login they set up a new one. Audited; no secret is kept."""
    user = authenticator.user
    kind = authenticator.type
    authenticator.delete()
    removed = [kind]
    dangling = delete_dangling_recovery_codes(user)
    if dangling is not None:
        removed.append(dangling.type)
    audit_record(
        action=AuditAction.ACCOUNT_MFA_RESET,
        object_type=AuditObjectType.USER,
        object_id=user.pk,
        by=by,
        source=source,
        details={"removed": removed},
    )


@transaction.atomic
def consent_give(
    *, user: User, kind: str, version: str = "", now: datetime.datetime | None = None
) -> Consent:
    """Record that `user` agrees to `kind` (in `version` of its text), effective at once.

    Agreeing again to the same version changes nothing; agreeing to a new version ends the
    consent to the old one and starts a new one."""
    if kind not in ConsentKind.values:
        raise ValueError(f"unknown consent kind {kind!r}")
    now = now or timezone.now()
    active = (
        Consent.objects.select_for_update()
        .filter(user=user, kind=kind, withdrawn_at__isnull=True)
        .first()
    )
    if active is not None:
        if active.version == version:
            return active
        active.withdrawn_at = now
        active.save(update_fields=["withdrawn_at"])
    consent = Consent(user=user, kind=kind, version=version, given_at=now)
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def consent_withdraw(*, user: User, kind: str, now: datetime.datetime | None = None) -> bool:
    """End `user`'s consent to `kind`, effective at once. False when there was none."""
    withdrawn = Consent.objects.filter(user=user, kind=kind, withdrawn_at__isnull=True).update(
        withdrawn_at=now or timezone.now()
    )
    return withdrawn > 0
