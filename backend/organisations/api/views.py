from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role
from accounts.request import request_user
from common.api.permissions import HasRole
from organisations import selectors, services
from organisations.api.serializers import (
    InvitationAcceptInputSerializer,
    InvitationInputSerializer,
    InvitationOutputSerializer,
    MembershipOutputSerializer,
    OrganisationOutputSerializer,
    OrganisationRegisterInputSerializer,
)
from organisations.models import Invitation, Organisation


class OrganisationListApi(ListAPIView[Organisation]):
    """The organisations the caller belongs to (all of them for platform admins)."""

    permission_classes = [HasRole]
    allowed_roles = (Role.EMPLOYER, Role.ADMIN)
    serializer_class = OrganisationOutputSerializer
    queryset = Organisation.objects.none()  # for the schema; get_queryset scopes to the viewer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.organisation_list(viewer=request_user(self.request)).order_by("name", "id")

    @extend_schema(
        request=OrganisationRegisterInputSerializer, responses={201: OrganisationOutputSerializer}
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


def _administered(request: Request, pk: int) -> Organisation:
    """One of the caller's organisations (404 otherwise) that they administer (403 otherwise)."""
    viewer = request_user(request)
    organisation = selectors.organisation_list(viewer=viewer).get(pk=pk)
    if not selectors.is_member(user=viewer, organisation=organisation, admin=True):
        raise PermissionDenied(_("Only the organisation's administrators manage invitations."))
    return organisation


class InvitationListApi(ListAPIView[Invitation]):
    """The organisation's open invitations; an administrator invites an email address.

    The answer to an invitation is the same whether or not the address has an account.
    """

    permission_classes = [HasRole]
    allowed_roles = (Role.EMPLOYER,)
    serializer_class = InvitationOutputSerializer
    queryset = Invitation.objects.none()  # for the schema; get_queryset scopes to the viewer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        organisation = _administered(self.request, self.kwargs["pk"])
        return selectors.invitation_list_pending(
            organisation=organisation, viewer=request_user(self.request)
        )

    @extend_schema(request=InvitationInputSerializer, responses={201: InvitationOutputSerializer})
    def post(self, request: Request, pk: int) -> Response:
        organisation = _administered(request, pk)
        serializer = InvitationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invitation = services.invitation_create(
            organisation=organisation, by=request_user(request), **serializer.validated_data
        )
        return Response(InvitationOutputSerializer(invitation).data, status=status.HTTP_201_CREATED)


class InvitationDetailApi(APIView):
    permission_classes = [HasRole]
    allowed_roles = (Role.EMPLOYER,)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request, pk: int, invitation_pk: int) -> Response:
        """Withdraw an open invitation."""
        organisation = _administered(request, pk)
        invitation = selectors.invitation_get_pending(
            organisation=organisation, viewer=request_user(request), pk=invitation_pk
        )
        services.invitation_revoke(invitation=invitation, by=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationAcceptApi(APIView):
    """The invited person accepts with the token of their link, and becomes a member."""

    permission_classes = [HasRole]
    allowed_roles = tuple(Role.values)  # any signed-in person; the service names who may join

    @extend_schema(request=InvitationAcceptInputSerializer, responses=MembershipOutputSerializer)
    def post(self, request: Request) -> Response:
        serializer = InvitationAcceptInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.invitation_accept(
            token=serializer.validated_data["token"], by=request_user(request)
        )
        return Response(MembershipOutputSerializer(membership).data)
