"""The project's own errors: what a service raises when it refuses a step.

Services raise these (or Django's ValidationError for input that names its fields) and never an
HTTP-level exception. Each carries a stable machine `code` a client can act on and a translated
`message` a person can read. They are turned into answers in exactly two places:

- the API's exception handler (common.api.errors.exception_handler), which sends the one error
  shape with the class's `status`;
- the pages' helpers (common.forms.add_service_errors, refusal_summary), which show the message.

Subclass to give a refusal its own code, or pass `code=` for a one-off:

    raise Conflict(_("This case is already decided."), code="already_decided")
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class InnstegError(Exception):
    """A refusal of a step, with a stable code and a message in the reader's language."""

    status: int = 400
    code: str = "bad_request"
    default_message: str | Promise = _("The request could not be carried out.")

    def __init__(
        self, message: str | Promise | None = None, *, code: str | None = None, **extra: Any
    ) -> None:
        self.message = message if message is not None else self.default_message
        if code is not None:
            self.code = code
        # Extra keys go into the API's error body beside code and message (e.g. where to confirm
        # the second factor again).
        self.extra = extra
        super().__init__(self.message)

    def __str__(self) -> str:
        return str(self.message)


class NotAllowed(InnstegError, PermissionDenied):
    """The person or client may not take this step (403). Also a Django PermissionDenied."""

    status = 403
    code = "permission_denied"
    default_message = _("You may not do this.")


class NotFound(InnstegError):
    """The thing is not there, or not there for this viewer (404)."""

    status = 404
    code = "not_found"
    default_message = _("Not found.")


class Conflict(InnstegError):
    """The step conflicts with the current state: already done, changed meanwhile (409)."""

    status = 409
    code = "conflict"
    default_message = _("The request conflicts with the current state.")


class Unavailable(InnstegError):
    """A part the step needs is not reachable now; trying again later may work (503)."""

    status = 503
    code = "unavailable"
    default_message = _("The service is not available just now. Try again in a moment.")


# Refusals raised in more than one place: one class, one code a client can act on.


class WrongRole(NotAllowed):
    """The person's role (or the client's kind) does not take this step."""

    code = "wrong_role"


class NotParty(NotAllowed):
    """The person is not one of those the thing belongs to (its owner, organisation, party)."""

    code = "not_party"


class OutOfScope(NotAllowed):
    """The thing lies outside the kommuner the person or case system serves."""

    code = "out_of_scope"
    default_message = _("This is outside the kommuner you serve.")


class MissingScope(NotAllowed):
    """The token lacks the OAuth2 scope the operation needs."""

    code = "missing_scope"
    default_message = _("The access token lacks the scope this operation needs.")


class SamePerson(NotAllowed):
    """Two steps that must be taken by two different people were taken by the same one."""

    code = "same_person"


class StaleVersion(Conflict):
    """The `expected_version` the client read is no longer the current one."""

    code = "stale_version"


class AlreadyDecided(Conflict):
    """The case has already been decided; nothing about it changes any more."""

    code = "already_decided"
    default_message = _("This case has already been decided.")


class WrongStatus(Conflict):
    """The thing is not in a status where this step can be taken."""

    code = "wrong_status"


class NotOpen(Conflict):
    """The listing does not take applications or saves: not published, or past its deadline."""

    code = "not_open"


class AlreadyDone(Conflict):
    """The step has already been taken (applied, approved, reported)."""

    code = "already_done"


class IdempotencyKeyReused(Conflict):
    """The Idempotency-Key was used before for a different request."""

    code = "idempotency_key_reused"
    default_message = _("This Idempotency-Key was already used for a different request.")


class TooManyRuns(Conflict):
    """The caller already has as many queued runs as allowed."""

    code = "too_many_runs"
