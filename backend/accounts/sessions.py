"""What a signed-in session has proved: which factors allauth recorded for it and when, and
when it was last used.

allauth keeps a log of the authentication steps taken in the session (password, code, and
`mfa` for a TOTP or recovery code, at login or when reauthenticating); these helpers read it.
"""

from __future__ import annotations

import time

from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.http import HttpRequest

from accounts.models import User

LAST_ACTIVITY_SESSION_KEY = "innsteg_last_activity"
# The last-activity time is written again only when it is at least this old, so that a busy
# session is not saved on every request.
LAST_ACTIVITY_RESOLUTION_SECONDS = 60


def session_mfa_at(request: HttpRequest, user: User) -> float | None:
    """When this session last passed the second factor (login or reauthentication), if ever."""
    times = [
        float(record["at"])
        for record in get_authentication_records(request, user)
        if record.get("method") == "mfa" and isinstance(record.get("at"), int | float)
    ]
    return max(times) if times else None


def session_used_mfa(request: HttpRequest, user: User) -> bool:
    return session_mfa_at(request, user) is not None


def session_used_mfa_within(request: HttpRequest, user: User, seconds: int) -> bool:
    at = session_mfa_at(request, user)
    return at is not None and time.time() - at <= seconds


def session_touch(request: HttpRequest, *, now: float | None = None) -> None:
    """Note that the session was used now."""
    request.session[LAST_ACTIVITY_SESSION_KEY] = time.time() if now is None else now


def session_touch_if_stale(request: HttpRequest) -> None:
    """Note that the session was used now, unless that was noted less than a minute ago."""
    last = request.session.get(LAST_ACTIVITY_SESSION_KEY)
    now = time.time()
    if not isinstance(last, int | float) or now - last >= LAST_ACTIVITY_RESOLUTION_SECONDS:
        session_touch(request, now=now)


def session_idle_expired(request: HttpRequest, user: User) -> bool:
    """Whether a session that must end when idle (people who need MFA) has been idle too long.

    A session without a last-activity time (one from before this rule) counts as expired.
    """
    if not user.requires_mfa:
        return False
    last = request.session.get(LAST_ACTIVITY_SESSION_KEY)
    if not isinstance(last, int | float):
        return True
    return time.time() - last > settings.STAFF_SESSION_IDLE_SECONDS
