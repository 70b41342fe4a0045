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

SAMPLE_RECORD: dict[str, Any] = {
    "scheme": "nystartsjobb",
    "application_date": "2025-08-15",
    "start_date": "2025-09-01",
    "person": {
        "birth_date": "1994-03-10",
        "residence_permit": {"kind": "protection", "granted_on": "2024-03-01"},
        "in_introduction_programme": False,
        "in_norwegian_tuition": True,
        "out_of_work_periods": [{"start": "2023-01-01", "end": "2025-08-14"}],
    },
    "employer": {
        "orgnr": "988077917",
        "aga_zone": "I",
        "kommune": "0301",
        "bydel": "030105",
        "employees": 20,
        "tax_arrears_nok": 0,
        "family_tie": False,
    },
    "job": {
        "monthly_wage_nok": 30000,
        "position_percent": 100,
        "wage_meets_tariff": True,
        "holiday_pay_rate": 0.12,
        "otp_rate": 0.02,
        "started_before_application": False,
        "other_wage_subsidy": False,
    },
}


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
