"""OpenAPI for action endpoints: one POST whose body and answer the view names as attributes."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema


class ActionSchema(AutoSchema):
    """The request is the view's `input_serializer` (None: no body), the answer its
    `output_serializer`, and `schema_parameters` adds headers or query parameters."""

    def get_request_serializer(self) -> Any:
        return getattr(self.view, "input_serializer", None)

    def get_response_serializers(self) -> Any:
        view: Any = self.view  # an action view names its output_serializer
        return view.output_serializer

    def get_override_parameters(self) -> list[Any]:
        return [*super().get_override_parameters(), *getattr(self.view, "schema_parameters", [])]
