from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api.permissions import HasRole
from common.request import request_user
from subsidies import rules, selectors
from subsidies.rules.samples import sample_record

# The record of POLICY.md, shown as the example in the API documentation.
SAMPLE_RECORD: dict[str, Any] = sample_record()


class EligibilitySimulateApi(APIView):
    """Evaluate an eligibility record under the rule set in force (or the one it names).

    Nothing is stored. Reasons and errors come in the caller's language.
    """

    permission_classes = [HasRole]
    allowed_roles = tuple(selectors.SIMULATING_ROLES)

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        responses=OpenApiTypes.OBJECT,
        examples=[OpenApiExample("newcomer, nystartsjobb", value=SAMPLE_RECORD, request_only=True)],
    )
    def post(self, request: Request) -> Response:
        if not isinstance(request.data, dict):
            raise exceptions.ValidationError({"non_field_errors": ["Send one JSON object."]})
        try:
            answer = selectors.eligibility_simulate(
                viewer=request_user(request), record=request.data
            )
        except rules.InputError as error:
            fields: dict[str, list[str]] = {}
            for item in error.errors:
                fields.setdefault(item["field"], []).append(item["message"])
            raise exceptions.ValidationError(fields) from error
        return Response(answer)
