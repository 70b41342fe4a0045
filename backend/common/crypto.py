"""Encryption at rest with rotatable keys, and keyed hashes to find an encrypted value.

Values are AES-256-GCM ciphertexts under `settings.INNSTEG_FIELD_KEYS` (newest first), each
prefixed with the id of its key: the first key encrypts, every key decrypts, so a new key goes
in front, `manage.py rotate_field_keys`
re-encrypts every value with it, and then the old key can be removed. A look-up hash is an
HMAC-SHA256 under the first of `settings.INNSTEG_LOOKUP_KEYS`; a search tries every key's hash,
and the same command recomputes the stored hashes with the first.

The model fields encrypt in `get_prep_value` and decrypt in `from_db_value`, so a row read with
`.values()` is plaintext too. A token differs each time the same text is encrypted: no SQL
filter can compare an encrypted column with a value, and these fields allow only `isnull`.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.db.models import Model
from django.db.models.expressions import Combinable
from django.db.models.lookups import IsNull
from django.utils.translation import gettext_lazy as _

KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12


class DecryptionError(Exception):
    """A stored value that none of the keys in INNSTEG_FIELD_KEYS decrypts."""


@dataclass(frozen=True)
class _FieldKeys:
    first: str
    by_id: dict[str, AESGCM]


def _key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:8]


@lru_cache(maxsize=8)
def _field_keys(keys: tuple[str, ...]) -> _FieldKeys:
    if not keys:
        raise ImproperlyConfigured("INNSTEG_FIELD_KEYS holds no key: nothing can be encrypted.")
    by_id: dict[str, AESGCM] = {}
    for key in keys:
        try:
            raw = base64.urlsafe_b64decode(key.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raw = b""
        if len(raw) != KEY_BYTES:
            raise ImproperlyConfigured(
                "A key in INNSTEG_FIELD_KEYS is not a key of 32 bytes in url-safe base64."
            )
        by_id.setdefault(_key_id(raw), AESGCM(raw))
    return _FieldKeys(first=next(iter(by_id)), by_id=by_id)


def field_keys() -> _FieldKeys:
    """The keys of INNSTEG_FIELD_KEYS (read on every call, so that a test can change them)."""
    return _field_keys(tuple(settings.INNSTEG_FIELD_KEYS))


def encrypt(text: str) -> str:
    """`text` under the first key: "<key id>:<url-safe base64 of nonce, ciphertext and tag>"."""
    keys = field_keys()
    nonce = os.urandom(NONCE_BYTES)
    sealed = keys.by_id[keys.first].encrypt(nonce, text.encode("utf-8"), None)
    return f"{keys.first}:{base64.urlsafe_b64encode(nonce + sealed).decode('ascii')}"


def decrypt(token: str, *, what: str = "a value") -> str:
    key_id, _, body = token.partition(":")
    try:
        raw = base64.urlsafe_b64decode(body.encode("ascii"))
        cipher = field_keys().by_id[key_id]
        return cipher.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], None).decode("utf-8")
    except (KeyError, ValueError, InvalidTag):  # binascii and Unicode errors are ValueErrors
        raise DecryptionError(
            f"{what} cannot be decrypted with any key in INNSTEG_FIELD_KEYS: it is not encrypted, "
            "or its key was removed before `manage.py rotate_field_keys` re-encrypted it."
        ) from None


def is_current(token: str) -> bool:
    """Whether `token` is already encrypted with the first key."""
    return token.partition(":")[0] == field_keys().first


def reencrypt(token: str, *, what: str = "a value") -> str:
    """`token` encrypted with the first key (decrypted with whichever key it names)."""
    return encrypt(decrypt(token, what=what))


def _lookup_keys() -> Sequence[str]:
    keys = settings.INNSTEG_LOOKUP_KEYS
    if not keys:
        raise ImproperlyConfigured("INNSTEG_LOOKUP_KEY holds no key: nothing can be looked up.")
    return keys


def _hmac(key: str, text: str) -> str:
    return hmac.new(key.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()


def lookup_hash(text: str) -> str:
    """The keyed hash of `text` to store, under the first look-up key."""
    return _hmac(_lookup_keys()[0], text)


def lookup_hashes(text: str) -> list[str]:
    """The hashes of `text` under every look-up key, to find it before and after a rotation."""
    return [_hmac(key, text) for key in _lookup_keys()]


# Model fields


class EncryptedTextField(models.TextField):
    """Text stored encrypted. Empty text is encrypted too, so a dump does not tell which are
    empty; `max_length` limits the plaintext."""

    description = _("Text (encrypted)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            from django.core.validators import MaxLengthValidator

            self.validators.append(MaxLengthValidator(self.max_length))

    def get_lookup(self, lookup_name: str) -> Any:
        return IsNull if lookup_name == "isnull" else None

    def get_transform(self, lookup_name: str) -> Any:
        return None

    def _what(self) -> str:
        model = getattr(self, "model", None)
        return f"{model._meta.label}.{self.name}" if model is not None else str(self.name)

    def to_plaintext(self, value: Any) -> str:
        return str(value)

    def from_plaintext(self, text: str) -> Any:
        return text

    def get_prep_value(self, value: Any) -> Any:
        value = self.to_python(value)
        if value is None:
            return None
        return encrypt(self.to_plaintext(value))

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return self.from_plaintext(decrypt(value, what=self._what()))

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, str):
            return value
        return str(value)


class EncryptedDateField(EncryptedTextField):
    """A date stored encrypted (as its ISO text)."""

    description = _("Date (encrypted)")
    empty_strings_allowed = False
    # What django-stubs' plugin types the attribute as.
    _pyi_private_set_type: datetime.date | Combinable | None  # type: ignore[assignment]
    _pyi_private_get_type: datetime.date | None  # type: ignore[assignment]
    default_error_messages = {
        "invalid": _("“%(value)s” is not a date: give it as YYYY-MM-DD."),
    }

    def to_plaintext(self, value: datetime.date) -> str:
        return value.isoformat()

    def from_plaintext(self, text: str) -> datetime.date:
        return datetime.date.fromisoformat(text)

    def to_python(self, value: Any) -> datetime.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return super(models.TextField, self).formfield(**{"form_class": forms.DateField, **kwargs})


class EncryptedJSONField(EncryptedTextField):
    """JSON stored encrypted. `encrypt()` of a JSON text already made gives the same column."""

    description = _("JSON (encrypted)")
    empty_strings_allowed = False
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def to_plaintext(self, value: Any) -> str:
        return json.dumps(value, separators=(",", ":"))

    def from_plaintext(self, text: str) -> Any:
        return json.loads(text)

    def to_python(self, value: Any) -> Any:
        return value

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return super(models.TextField, self).formfield(**{"form_class": forms.JSONField, **kwargs})


class LookupHashField(models.CharField):
    """The keyed hash of another field's value, set on every save (null while it is empty).

    Find a row with `filter(<name>__in=lookup_hashes(value))`.
    """

    def __init__(self, *args: Any, source: str, **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("null", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        if kwargs.get("max_length") == 64:
            del kwargs["max_length"]
        if kwargs.get("editable") is False:
            del kwargs["editable"]
        if kwargs.get("null") is True:
            del kwargs["null"]
        else:
            kwargs["null"] = False
        return name, path, args, kwargs

    def pre_save(self, model_instance: Model, add: bool) -> str | None:
        text = getattr(model_instance, self.source)
        value = lookup_hash(text) if text else None
        setattr(model_instance, self.attname, value)
        return value


def encrypted_fields(model: type[Model]) -> list[EncryptedTextField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def lookup_hash_fields(model: type[Model]) -> list[LookupHashField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, LookupHashField)]
