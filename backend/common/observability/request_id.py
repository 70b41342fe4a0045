"""One id per request, in every log line it causes, also in the Celery tasks it enqueues."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
# A proxy's id is kept when it looks like one (no spaces, no control characters, not too long).
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    return request_id_var.get()


def new_request_id(candidate: str | None = None) -> str:
    if candidate and _ACCEPTABLE.match(candidate):
        return candidate
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Takes the proxy's X-Request-ID (or makes one), keeps it for the request, sends it back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = new_request_id(request.headers.get(HEADER))
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[HEADER] = request_id
        return response
