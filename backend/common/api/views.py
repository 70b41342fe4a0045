"""The API's own answers: its root, and the error shape for what no view answers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views import defaults
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from common.api.errors import error_response

API_PREFIX = "/api/"

# The collections and entry points of /api/v1/, by name, with their URL names.
RESOURCES: dict[str, str] = {
    "listings": "api-listing-list",
    "saved_listings": "api-saved-listing-list",
    "saved_searches": "api-saved-search-list",
    "organisations": "api-organisation-list",
    "invitation_accept": "api-invitation-accept",
    "applications": "api-application-list",
    "applicant_profile": "api-applicant-profile",
    "agreements": "api-agreement-list",
    "eligibility_simulate": "api-eligibility-simulate",
    "subsidy_cases": "api-subsidy-case-list",
    "casework_agreements": "api-casework-agreement-list",
    "refund_claims": "api-refund-claim-list",
    "events": "api-case-events",
    "what_if_runs": "api-whatif-create",
    "my_data": "api-my-data",
}


class ApiRootOutputSerializer(serializers.Serializer[dict[str, Any]]):
    resources = serializers.DictField(
        child=serializers.URLField(), help_text="Each resource of the API by name, at its URL."
    )
    schema = serializers.URLField(help_text="The OpenAPI schema.")
    docs = serializers.URLField(help_text="The API's documentation to read.")
    token_url = serializers.URLField(help_text="Where case systems get an OAuth2 token.")


class ApiRootApi(APIView):
    """The resources of the API, each at its URL, with the schema, the documentation and the
    OAuth2 token URL. Anyone may read it."""

    permission_classes = [AllowAny]

    @extend_schema(responses=ApiRootOutputSerializer)
    def get(self, request: Request) -> Response:
        return Response(
            {
                "resources": {
                    name: reverse(url_name, request=request) for name, url_name in RESOURCES.items()
                },
                "schema": reverse("api-schema", request=request),
                "docs": reverse("api-docs", request=request),
                "token_url": reverse("oauth2_provider:token", request=request),
            }
        )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 for an address no route answers: in the API's error shape under /api/, else the
    page."""
    if request.path.startswith(API_PREFIX):
        return error_response(
            "not_found",
            _("There is nothing at this address. The API's resources are listed at /api/v1/."),
            404,
        )
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: in the API's error shape under /api/, else the page."""
    if request.path.startswith(API_PREFIX):
        return error_response(
            "server_error", _("Something went wrong on our side. Try again later."), 500
        )
    return defaults.server_error(request)
