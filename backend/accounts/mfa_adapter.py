"""allauth's MFA secrets (TOTP keys, recovery-code seeds) encrypted at rest with the field keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.db import transaction

from common import crypto
from common.key_rotation import Rotated

# What allauth passes through encrypt() in Authenticator.data: the TOTP secret, the seed of the
# recovery codes, and the codes carried over from django-allauth-2fa (a list).
SECRET_TEXTS = ("secret", "seed")
SECRET_LISTS = ("migrated_codes",)


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text, what="An MFA secret")


def map_secrets(data: dict[str, Any], change: Callable[[str], str]) -> dict[str, Any]:
    """`data` of an Authenticator with `change` applied to each secret allauth encrypts."""
    changed = dict(data)
    for key in SECRET_TEXTS:
        if isinstance(changed.get(key), str):
            changed[key] = change(changed[key])
    for key in SECRET_LISTS:
        if isinstance(changed.get(key), list):
            changed[key] = [change(item) for item in changed[key]]
    return changed


def secrets_in(data: dict[str, Any]) -> list[str]:
    found: list[str] = []

    def keep(text: str) -> str:
        found.append(text)
        return text

    map_secrets(data, keep)
    return found


def _current(token: str) -> str:
    return token if crypto.is_current(token) else crypto.reencrypt(token, what="An MFA secret")


def authenticators_rotate(*, batch_size: int = 500) -> Rotated:
    """Re-encrypt every MFA secret not yet under the first field key, a batch per transaction."""
    done = Rotated(Authenticator._meta.label)
    last = 0
    while True:
        with transaction.atomic():
            batch = list(
                Authenticator.objects.select_for_update()
                .filter(pk__gt=last)
                .order_by("pk")[:batch_size]
            )
            changed = []
            for authenticator in batch:
                before = secrets_in(authenticator.data)
                authenticator.data = map_secrets(authenticator.data, _current)
                stale = sum(
                    a != b for a, b in zip(before, secrets_in(authenticator.data), strict=True)
                )
                if stale:
                    changed.append(authenticator)
                    done.values += stale
            Authenticator.objects.bulk_update(changed, ["data"])
            done.rows += len(batch)
        if len(batch) < batch_size:
            return done
        last = batch[-1].pk
