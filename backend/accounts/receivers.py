"""Signal receivers: the session's last-activity time starts at login, and setting up TOTP in a
session counts as having passed the second factor in it."""

from __future__ import annotations

from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from accounts.sessions import session_touch


@receiver(user_logged_in, dispatch_uid="accounts.session_touch_at_login")
def _touch_session_at_login(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        session_touch(request)


@receiver(authenticator_added, dispatch_uid="accounts.record_mfa_at_totp_activation")
def _record_mfa_at_totp_activation(
    sender: Any, request: HttpRequest | None, user: Any, authenticator: Authenticator, **kwargs: Any
) -> None:
    """Activating TOTP takes a valid code from the new device: the session has passed it, as
    allauth records after a TOTP step at login."""
    if (
        request is None
        or authenticator.type != Authenticator.Type.TOTP
        or getattr(request, "user", None) is None
        or request.user.pk != user.pk
    ):
        return
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
