"""Reads about people."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from allauth.mfa.models import Authenticator
from django.db.models import Exists, OuterRef, Prefetch

from accounts.models import Consent, ConsentKind, User
from reference.models import Kommune


def user_by_phone(*, phone: str) -> User | None:
    return User.objects.filter(phone=phone, is_active=True).first()


def user_by_email(*, email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


def user_has_mfa(*, user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def user_access_snapshot(*, user: User) -> dict[str, Any]:
    """What decides what a person may see and do, as stored now: for the audit log."""
    stored = User.objects.get(pk=user.pk)
    return {
        "role": stored.role,
        "kommuner": sorted(stored.kommuner.values_list("number", flat=True)),
        "is_active": stored.is_active,
        "is_staff": stored.is_staff,
        "is_superuser": stored.is_superuser,
    }


def consent_active(*, user: User, kind: str) -> Consent | None:
    """The consent of `kind` that `user` has given and not withdrawn, if any."""
    return Consent.objects.filter(user=user, kind=kind, withdrawn_at__isnull=True).first()


def guide_sharing_allowed(user_ref: str = "pk") -> Exists:
    """A condition for querysets: the person at `user_ref` lets their guide see their data.

    Nobody has agreed until they say so: people without a consent row have not."""
    return Exists(
        Consent.objects.filter(
            user=OuterRef(user_ref), kind=ConsentKind.GUIDE_SHARING, withdrawn_at__isnull=True
        )
    )


def caseworkers(kommuner: Iterable[str], *, role: str) -> dict[str, list[User]]:
    """The active caseworkers with `role` serving each of `kommuner`."""
    people = User.objects.filter(role=role, is_active=True).order_by("pk")
    return {
        kommune.pk: list(kommune.caseworkers.all())
        for kommune in Kommune.objects.filter(pk__in=set(kommuner)).prefetch_related(
            Prefetch("caseworkers", queryset=people)
        )
    }
