from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Role
from common.api.permissions import HasRole
from common.request import request_user
from organisations import selectors, services
from organisations.api.serializers import (
    OrganisationOutputSerializer,
    OrganisationRegisterInputSerializer,
)
from organisations.models import Organisation


class OrganisationListApi(ListAPIView[Organisation]):
    """The organisations the caller belongs to (all of them for platform admins)."""

    permission_classes = [HasRole]
    allowed_roles = (Role.EMPLOYER, Role.ADMIN)
    serializer_class = OrganisationOutputSerializer
    queryset = Organisation.objects.none()  # for the schema; get_queryset scopes to the viewer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.organisation_list(viewer=request_user(self.request)).order_by("name", "id")

    @extend_schema(
        request=OrganisationRegisterInputSerializer, responses=OrganisationOutputSerializer
    )
    def post(self, request: Request) -> Response:
        """Register an organisation; the caller becomes its administrator."""
        serializer = OrganisationRegisterInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = services.organisation_register(
            by=request_user(request), **serializer.validated_data
        )
        return Response(
            OrganisationOutputSerializer(organisation).data, status=status.HTTP_201_CREATED
        )


class OrganisationDetailApi(RetrieveAPIView[Organisation]):
    permission_classes = [HasRole]
    allowed_roles = (Role.EMPLOYER, Role.ADMIN)
    serializer_class = OrganisationOutputSerializer
    queryset = Organisation.objects.none()  # for the schema; get_queryset scopes to the viewer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.organisation_list(viewer=request_user(self.request))
