"""Signing personas in for tests: a session as allauth leaves it after a login.

`signed_in_session` logs in and records, with allauth's own functions, the password step and,
for people who need MFA, a TOTP step (setting up their device if they have none).
With `mfa=False` only the password step is recorded: the session a password alone gives.
"""

from __future__ import annotations

import time

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.base.internal.flows import post_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.sessions.backends.base import SessionBase
from django.test import Client, RequestFactory

from accounts.models import User

BACKEND = "django.contrib.auth.backends.ModelBackend"


def totp_device(user: User) -> Authenticator:
    """The user's TOTP authenticator, set up now if they have none."""
    device = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return device or TOTP.activate(user, generate_totp_secret()).instance


def signed_in_session(client: Client, user: User, *, mfa: bool = True) -> SessionBase:
    """Log `user` in on `client`; with `mfa`, the session has passed the second factor too."""
    if mfa and user.requires_mfa:
        device = totp_device(user)
    client.force_login(user, backend=BACKEND)
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    request.user = user
    record_authentication(request, user, "password", email=user.email)
    if mfa and user.requires_mfa:
        post_authentication(request, device)
    session.save()
    return session


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for `secret`."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def with_totp_secret(user: User) -> str:
    """Set up a TOTP device for `user`; the secret, to compute codes with."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
