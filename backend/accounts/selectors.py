"""Reads about people."""

from __future__ import annotations

from allauth.mfa.models import Authenticator

from accounts.models import User


def user_by_phone(*, phone: str) -> User | None:
    return User.objects.filter(phone=phone, is_active=True).first()


def user_by_email(*, email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


def user_has_mfa(*, user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
