"""Who may use the caseworker API, as whom, and from where.

People (veiledere, beslutters) use their session and need a role the view allows; staff MFA is
enforced by middleware before any view runs. Revealing a national id asks more: a person must
have passed the second factor in the last NATIONAL_ID_REVEAL_MFA_MAX_AGE_SECONDS (else 403
`reauthentication_required` with allauth's URL to pass it again), a case system needs the scope
`subsidies:national_id`. Machines (NAV and kommune case systems) use OAuth2
client credentials: the token must carry the scope the view asks for the request's method, and
the client must be an active case system (subsidies.CaseSystemClient). A case system changes
cases for a named caseworker of the case's kommune (`acting_user`, an email), so that the rule
"the one who decides is not the one who recommended" holds, and the audit log shows both.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from oauth2_provider.models import AbstractAccessToken
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.utils.encoders import JSONEncoder

from accounts.models import CASEWORKER_ROLES, User
from accounts.sessions import session_used_mfa_within
from common.errors import MissingScope, NotAllowed, WrongRole
from subsidies.models import SCOPE_NATIONAL_ID, CaseSystemClient
from subsidies.viewers import Origin, Viewer


def _client_for_token(token: AbstractAccessToken) -> CaseSystemClient | None:
    if token.application_id is None:
        return None
    return (
        CaseSystemClient.objects.select_related("application")
        .filter(application_id=token.application_id, active=True)
        .first()
    )


class CaseworkerOrCaseSystem(BasePermission):
    """A session of someone with one of the view's `allowed_roles`, or a client-credentials
    token of an active case system with the scope `scopes[method]` of the view.

    A refusal names its code: `missing_scope` (the token lacks the scope), `not_case_system`
    (the client is no active case system, or the endpoint is not for case systems), `wrong_role`
    (the person's role is not one the view allows)."""

    message = _("You may not do this.")
    code = "permission_denied"

    def has_permission(self, request: Request, view: Any) -> bool:
        token = request.auth
        if isinstance(token, AbstractAccessToken):
            required = getattr(view, "scopes", {}).get(request.method)
            if required is None or token.user_id is not None:
                self.message = _("Case systems cannot use this endpoint.")
                self.code = "not_case_system"
                return False
            client = _client_for_token(token)
            if client is None:
                self.message = _("This OAuth2 client is not an active case system.")
                self.code = "not_case_system"
                return False
            if required not in client.scopes or not token.is_valid([required]):
                self.message = _("This needs a token with the scope %(scope)s.") % {
                    "scope": required
                }
                self.code = MissingScope.code
                return False
            request._case_system = client  # type: ignore[attr-defined]  # read by viewer_for()
            return True
        user = request.user
        if user is None or not user.is_authenticated:
            return False
        if getattr(user, "role", None) not in getattr(view, "allowed_roles", ()):
            self.code = WrongRole.code
            return False
        return True


class ReauthenticationRequired(NotAllowed):
    code = "reauthentication_required"

    def __init__(self, message: str) -> None:
        super().__init__(message, reauthenticate_url=reverse("mfa_reauthenticate"))


def require_national_id_reveal(request: Request) -> None:
    """Raise unless the caller may see a full national id now: a case system needs the scope,
    a person a second factor given within NATIONAL_ID_REVEAL_MFA_MAX_AGE_SECONDS."""
    token = request.auth
    if isinstance(token, AbstractAccessToken):
        client: CaseSystemClient | None = getattr(request, "_case_system", None)
        if (
            client is None
            or SCOPE_NATIONAL_ID not in client.scopes
            or not token.is_valid([SCOPE_NATIONAL_ID])
        ):
            raise MissingScope(
                _("Revealing a national id needs a token with the scope %(scope)s.")
                % {"scope": SCOPE_NATIONAL_ID}
            )
        return
    user = request.user
    max_age = settings.NATIONAL_ID_REVEAL_MFA_MAX_AGE_SECONDS
    if isinstance(user, User) and session_used_mfa_within(request._request, user, max_age):
        return
    raise ReauthenticationRequired(
        _(
            "Confirm it is you with your two-factor code again before you see a national id "
            "(it was used more than %(minutes)s minutes ago)."
        )
        % {"minutes": max_age // 60}
    )


def viewer_for(request: Request) -> Viewer:
    """The caller of a request the permission has let through."""
    cached = getattr(request, "_subsidies_viewer", None)
    if cached is not None:
        return cached
    client: CaseSystemClient | None = getattr(request, "_case_system", None)
    if client is not None:
        viewer = Viewer.for_client(client, origin=Origin.of(request._request, client))
    else:
        user = request.user
        if not isinstance(user, User):
            raise TypeError("viewer_for() needs a request the permission let through")
        viewer = Viewer.for_user(user, origin=Origin.of(request._request))
    request._subsidies_viewer = viewer  # type: ignore[attr-defined]
    return viewer


def acting_user(viewer: Viewer, email: str) -> User:
    """The person a change is made by: the signed-in caseworker, or the caseworker a case
    system names. Whether they may make it is for the service to say."""
    if viewer.client is None:
        assert viewer.user is not None
        if email and email.strip().lower() != (viewer.user.email or "").lower():
            raise ValidationError(
                {"acting_user": _("Only case systems name an acting user: you act as yourself.")}
            )
        return viewer.user
    if not email.strip():
        raise ValidationError(
            {"acting_user": _("Name the caseworker the case system acts for, by email.")}
        )
    user = User.objects.filter(
        email__iexact=email.strip(), is_active=True, role__in=list(CASEWORKER_ROLES)
    ).first()
    if user is None:
        raise ValidationError({"acting_user": _("There is no caseworker with this email.")})
    return user


def json_body(data: Any) -> Any:
    """Serializer output as plain JSON values, to be stored and sent again as it was."""
    return json.loads(json.dumps(data, cls=JSONEncoder))
