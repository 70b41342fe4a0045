"""The right of access over the API: the caller's own data, and an organisation's for its
administrators. Answers are never stored by a cache."""

from __future__ import annotations

from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role
from accounts.request import request_user
from common.api.permissions import HasRole
from privacy import exports
from privacy.api.serializers import OrganisationExportSerializer, PersonExportSerializer


@method_decorator(never_cache, name="dispatch")
class MyDataApi(APIView):
    """Everything Innsteg holds about the caller."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=PersonExportSerializer, operation_id="me_data_export")
    def get(self, request: Request) -> Response:
        return Response(exports.person_export(viewer=request_user(request)))


@method_decorator(never_cache, name="dispatch")
class OrganisationDataApi(APIView):
    """An organisation's data, for its administrators: 404 for other organisations, 403 for
    members without the administrator's rights."""

    permission_classes = [HasRole]
    allowed_roles = (Role.EMPLOYER,)

    @extend_schema(responses=OrganisationExportSerializer, operation_id="organisation_data_export")
    def get(self, request: Request, pk: int) -> Response:
        return Response(exports.organisation_export(viewer=request_user(request), pk=pk))
