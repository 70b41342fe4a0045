"""Writes about people: signup, roles, language."""

from __future__ import annotations

from django.db import transaction

from accounts.models import SELF_SIGNUP_ROLES, NewcomerProfile, Role, User
from accounts.phone import normalize_phone
from common.text import clean_name


def user_complete_signup(*, user: User, full_name: str, role: str, language: str) -> User:
    """Fill in what signup asks beyond allauth's fields. Only newcomers and employers sign up."""
    if role not in SELF_SIGNUP_ROLES:
        raise ValueError(f"role {role!r} cannot sign up")
    user.full_name = clean_name(full_name)
    user.role = role
    user.language = language
    return user


def user_after_signup(*, user: User) -> None:
    if user.role == Role.NEWCOMER:
        NewcomerProfile.objects.get_or_create(user=user)


@transaction.atomic
def newcomer_signup_by_phone(*, full_name: str, phone: str, language: str) -> tuple[User, bool]:
    """Create a newcomer who has a phone number and no email address.

    A number that already belongs to someone gives back that person: the SMS code that follows
    logs them in, so signing up twice is harmless and tells nobody else that the number is taken.
    """
    phone = normalize_phone(phone)
    existing = User.objects.filter(phone=phone).first()
    if existing is not None:
        return existing, False
    user = User.objects.create_user(
        email=None,
        phone=phone,
        full_name=clean_name(full_name),
        role=Role.NEWCOMER,
        language=language,
    )
    NewcomerProfile.objects.create(user=user)
    return user, True


def user_set_language(*, user: User, language: str) -> None:
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def user_set_phone(*, user: User, phone: str, verified: bool) -> None:
    user.phone = phone
    user.phone_verified = verified
    user.save(update_fields=["phone", "phone_verified"])
