"""One error shape for every API error:

{"error": {"code": "validation_error", "message": "...", "fields": {"orgnr": ["..."]}}}

A 429 adds "retry_after" (seconds) beside the Retry-After header; an exception with an `extra`
dict adds its keys (e.g. where to confirm the second factor again).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from common.errors import InnstegError


def error_response(code: str, message: str, status: int, **extra: Any) -> JsonResponse:
    """The same shape for an answer made before DRF is reached (middleware)."""
    return JsonResponse({"error": {"code": code, "message": message, **extra}}, status=status)


def _flatten(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def _from_django_validation_error(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(error.message_dict)
    return exceptions.ValidationError({"non_field_errors": error.messages})


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, InnstegError):
        # The project's own refusals: their code and status as the service gave them.
        set_rollback()
        error = {"code": exc.code, "message": str(exc), **exc.extra}
        return Response({"error": error}, status=exc.status)
    if isinstance(exc, DjangoValidationError):
        exc = _from_django_validation_error(exc)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404 | ObjectDoesNotExist):
        # Selectors scope rows to the viewer: a row outside that scope is simply not found.
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    assert isinstance(exc, exceptions.APIException)
    body: dict[str, Any] = {"code": getattr(exc, "default_code", "error")}
    if isinstance(exc, exceptions.ValidationError):
        body["code"] = "validation_error"
        body["message"] = _("The request has invalid fields.")
        detail = _flatten(exc.detail)
        body["fields"] = detail if isinstance(detail, dict) else {"non_field_errors": detail}
    else:
        codes = exc.get_codes()
        if isinstance(codes, str):
            body["code"] = codes
        body["message"] = str(exc.detail)
        wait = getattr(exc, "wait", None)
        if isinstance(exc, exceptions.Throttled) and wait is not None:
            body["retry_after"] = wait  # seconds, as in the Retry-After header
        body.update(getattr(exc, "extra", None) or {})
    response.data = {"error": body}
    return response
