"""Fixtures for the privacy tests: the subsidy cases and personas of tests/subsidies, keys."""

from __future__ import annotations

import base64
import os

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt

from accounts.models import User
from tests.subsidies.conftest import case  # noqa: F401 - the POLICY.md sample case
from tests.support.english_personas import _english  # noqa: F401 - messages in English here

NATIONAL_ID = "10039410031"  # a valid fødselsnummer for 10 March 1994
D_NUMBER = "50039410025"  # the D-nummer for the same day
OTHER_NATIONAL_ID = "01010050053"  # a valid fødselsnummer for 1 January 2000


def new_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def totp_secret_of(user: User) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return decrypt(authenticator.data["secret"])


def current_totp(secret: str, at: float) -> str:
    return format_hotp_value(hotp_value(secret, int(at) // 30))
