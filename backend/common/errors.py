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
