"""The OpenAPI schema says what the API does: who may call an operation, what it answers.

`ApiSchema` (the project's DEFAULT_SCHEMA_CLASS) adds to what drf-spectacular works out:

- security per operation from the view's permission: a session (`cookieAuth`) for people, and
  for the caseworker API also a client-credentials token (`oauth2`) with the scope the view asks
  for the method (`scopes`); operations anyone may call declare none;
- the error answers an operation can give, each in the one error shape (the `Error` component,
  common.api.errors): 400 (invalid fields or parameters), 401 and 403 (not signed in; not
  allowed), 404 (not there, or not for this caller), 409 (conflicts with the current state),
  415 (a body in another media type), 429 (too many requests, with Retry-After);
- headers: `Idempotency-Key` where the view accepts it (`idempotent = True`), with
  `Idempotent-Replayed` on the answer, and Retry-After on 429.

`ActionSchema` documents action endpoints: one POST whose body and answer the view names.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, AllowAny

from common.api.permissions import HasRoleOrReadOnly

SESSION = "cookieAuth"
OAUTH2 = "oauth2"

IDEMPOTENCY_KEY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="1 to 255 visible ASCII characters, new for each change. Retrying with the same "
    "key (after a timeout, say) returns the first answer again, with `Idempotent-Replayed: "
    "true`, and changes nothing twice; the same key with a different request answers 409 "
    "`idempotency_key_reused`. Keys are kept for 24 hours.",
)


class ErrorDetailSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField(
        help_text="A stable machine code to act on: validation_error, not_authenticated, "
        "permission_denied, wrong_role, not_party, missing_scope, out_of_scope, same_person, "
        "not_found, method_not_allowed, already_decided, stale_version, "
        "idempotency_key_reused, not_open, already_applied, wrong_status, throttled, ..."
    )
    message = serializers.CharField(help_text="What went wrong, in the caller's language.")
    fields = serializers.DictField(  # type: ignore[assignment]  # a field named "fields"
        required=False,
        help_text="validation_error only: the messages for each field (nested as the body is).",
    )
    retry_after = serializers.IntegerField(
        required=False, help_text="throttled only: seconds to wait, as in Retry-After."
    )
    reauthenticate_url = serializers.CharField(
        required=False,
        help_text="reauthentication_required only: where to give the second factor again.",
    )


class ErrorSerializer(serializers.Serializer[dict[str, Any]]):
    """Every error of the API, whatever its status."""

    error = ErrorDetailSerializer()


ERROR_DESCRIPTIONS = {
    "400": "Invalid fields or parameters (`validation_error`, with `fields`), or a body that is "
    "not JSON (`parse_error`).",
    "401": "Not signed in, the session expired, or no valid token (`not_authenticated`, "
    "`authentication_failed`, `session_expired`).",
    "403": "Not allowed: `wrong_role`, `not_party`, `missing_scope` (the token lacks the scope), "
    "`out_of_scope` (a kommune the caller does not serve), `same_person`, `mfa_required`, "
    "`permission_denied` (e.g. no CSRF token with a session).",
    "404": "Not there, or not for this caller (`not_found`).",
    "409": "Conflicts with the current state: `already_decided`, `stale_version`, "
    "`wrong_status`, `already_done`, `already_applied`, `not_open`, "
    "`idempotency_key_reused`, ...",
    "415": "The body is in a media type the operation does not take (`unsupported_media_type`).",
    "429": "Too many requests (`throttled`): wait `retry_after` seconds.",
}


class ApiSchema(AutoSchema):
    """The project's schema class: security, error answers and headers for every operation."""

    def _is_public(self) -> bool:
        permissions = self.view.get_permissions()
        if all(isinstance(permission, AllowAny) for permission in permissions):
            return True
        return self.method in SAFE_METHODS and any(
            isinstance(permission, HasRoleOrReadOnly) for permission in permissions
        )

    def get_auth(self) -> list[dict[str, list[str]]]:
        super().get_auth()  # registers the security schemes of the view's authenticators
        if self._is_public():
            return []
        accepted: list[dict[str, list[str]]] = [{SESSION: []}]
        scope = getattr(self.view, "scopes", {}).get(self.method)
        if scope is not None:
            accepted.insert(0, {OAUTH2: [scope]})
        return accepted

    def _map_serializer_field(self, field: Any, direction: Any, *args: Any, **kwargs: Any) -> Any:
        schema = super()._map_serializer_field(field, direction, *args, **kwargs)
        # A choice field described inside an allOf (listings.api.fields.InlineChoiceField) that
        # may be null: null is one of its values too.
        if getattr(field, "allow_null", False) and isinstance(schema, dict):
            parts = schema.get("allOf")
            if parts and isinstance(parts[0], dict) and "enum" in parts[0]:
                enum = [*parts[0]["enum"], *([] if None in parts[0]["enum"] else [None])]
                schema = {**schema, "allOf": [{**parts[0], "enum": enum}, *parts[1:]]}
        return schema

    def get_override_parameters(self) -> list[Any]:
        parameters = [*super().get_override_parameters()]
        if getattr(self.view, "idempotent", False) and self.method == "POST":
            parameters.append(IDEMPOTENCY_KEY_HEADER)
        return parameters

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        if "security" not in operation:
            operation["security"] = []  # anyone may call it
        responses: dict[str, Any] = operation.setdefault("responses", {})
        if getattr(self.view, "idempotent", False) and self.method == "POST":
            for code, response in responses.items():
                if code.startswith("2"):
                    response.setdefault("headers", {})["Idempotent-Replayed"] = {
                        "schema": {"type": "string", "enum": ["true"]},
                        "description": "Present when this is the stored answer to an earlier "
                        "request with the same Idempotency-Key.",
                    }
        error = self.resolve_serializer(ErrorSerializer, "response").ref
        codes = ["400", "429"]
        if operation["security"]:
            codes += ["401", "403"]
        if "{" in self.path or self.method not in SAFE_METHODS or self._is_list_view():
            # not there; or, for a list, a page past the last
            codes.append("404")
        if self.method not in SAFE_METHODS:
            codes.append("409")
            if "requestBody" in operation:
                codes.append("415")
        for code in sorted(codes):
            if code in responses:
                continue
            response = {
                "description": ERROR_DESCRIPTIONS[code],
                "content": {"application/json": {"schema": error}},
            }
            if code == "429":
                response["headers"] = {
                    "Retry-After": {
                        "schema": {"type": "integer"},
                        "description": "Seconds to wait before trying again.",
                    }
                }
            responses[code] = response
        return operation


class ActionSchema(ApiSchema):
    """The request is the view's `input_serializer` (None: no body), the answer its
    `output_serializer`, and `schema_parameters` adds headers or query parameters."""

    def get_request_serializer(self) -> Any:
        return getattr(self.view, "input_serializer", None)

    def get_response_serializers(self) -> Any:
        view: Any = self.view  # an action view names its output_serializer
        return view.output_serializer

    def get_override_parameters(self) -> list[Any]:
        return [*super().get_override_parameters(), *getattr(self.view, "schema_parameters", [])]
