"""The placement agreements API: every party reads its own; parties change and approve them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role, User
from accounts.request import request_user
from common.api.permissions import HasRole
from common.api.schema import ActionSchema
from placements import selectors, services
from placements.api.serializers import (
    PlacementAgreementFilterSerializer,
    PlacementAgreementOutputSerializer,
    PlacementApproveInputSerializer,
    PlacementCancelInputSerializer,
    PlacementEventOutputSerializer,
    PlacementNoteInputSerializer,
    PlacementTermsInputSerializer,
)
from placements.models import AgreementEvent, PlacementAgreement

READ_ROLES = (
    Role.NEWCOMER,
    Role.EMPLOYER,
    Role.GUIDE,
    Role.VEILEDER,
    Role.BESLUTTER,
    Role.ADMIN,
)
EDIT_ROLES = (Role.EMPLOYER, Role.VEILEDER)


def _context(viewer: User) -> dict[str, Any]:
    return {"show_on_behalf_reason": selectors.shows_on_behalf_reason(viewer=viewer)}


def _detail(pk: int, *, viewer: User) -> dict[str, Any]:
    agreement = selectors.agreement_get(viewer=viewer, pk=pk)
    return PlacementAgreementOutputSerializer(agreement, context=_context(viewer)).data


class AgreementListApi(ListAPIView[PlacementAgreement]):
    """The agreements the caller may see, newest first."""

    permission_classes = [HasRole]
    allowed_roles = READ_ROLES
    serializer_class = PlacementAgreementOutputSerializer
    queryset = PlacementAgreement.objects.none()  # for the schema; get_queryset scopes

    def get_queryset(self) -> QuerySet[PlacementAgreement]:
        params = PlacementAgreementFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return selectors.agreement_list(viewer=request_user(self.request), **params.validated_data)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), **_context(request_user(self.request))}

    @extend_schema(parameters=[PlacementAgreementFilterSerializer])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class AgreementDetailApi(APIView):
    """GET: one agreement. PATCH: change its terms (the employer or a veileder of the kommune);
    a change after any approval asks every party to approve again."""

    permission_classes = [HasRole]

    @property
    def allowed_roles(self) -> tuple[str, ...]:
        return READ_ROLES if self.request.method in SAFE_METHODS else EDIT_ROLES

    @extend_schema(responses=PlacementAgreementOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(pk, viewer=request_user(request)))

    @extend_schema(
        request=PlacementTermsInputSerializer, responses=PlacementAgreementOutputSerializer
    )
    def patch(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        agreement = selectors.agreement_get(viewer=by, pk=pk)
        serializer = PlacementTermsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        terms = dict(serializer.validated_data)
        expected_version = terms.pop("version", None)
        services.agreement_update_terms(
            agreement=agreement, by=by, expected_version=expected_version, **terms
        )
        return Response(_detail(pk, viewer=by))


class _AgreementActionApi(APIView):
    """A state change: the input is validated, one service is called, the agreement returned."""

    permission_classes = [HasRole]
    schema = ActionSchema()
    input_serializer: type[serializers.Serializer[dict[str, Any]]] | None = None
    output_serializer = PlacementAgreementOutputSerializer

    def act(self, *, agreement: PlacementAgreement, by: User, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        agreement = selectors.agreement_get(viewer=by, pk=pk)
        data: dict[str, Any] = {}
        if self.input_serializer is not None:
            serializer = self.input_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
        self.act(agreement=agreement, by=by, data=data)
        return Response(_detail(pk, viewer=by))


class AgreementSubmitApi(_AgreementActionApi):
    """The terms are complete: ask the newcomer, the employer and the veileder to approve."""

    allowed_roles = EDIT_ROLES

    def act(self, *, agreement: PlacementAgreement, by: User, data: dict[str, Any]) -> None:
        services.agreement_submit_for_approval(agreement=agreement, by=by)


class AgreementApproveApi(_AgreementActionApi):
    """Approve the current terms. The veileder approves last, or for the newcomer with a reason."""

    allowed_roles = (Role.NEWCOMER, Role.EMPLOYER, Role.VEILEDER)
    input_serializer = PlacementApproveInputSerializer

    def act(self, *, agreement: PlacementAgreement, by: User, data: dict[str, Any]) -> None:
        services.agreement_approve(
            agreement=agreement,
            by=by,
            on_behalf_reason=data["on_behalf_reason"],
            expected_version=data.get("version"),
        )


class AgreementCancelApi(_AgreementActionApi):
    """Cancel an agreement that has not ended, with the reason."""

    allowed_roles = (Role.NEWCOMER, Role.EMPLOYER, Role.VEILEDER)
    input_serializer = PlacementCancelInputSerializer

    def act(self, *, agreement: PlacementAgreement, by: User, data: dict[str, Any]) -> None:
        services.agreement_cancel(agreement=agreement, by=by, reason=data["reason"])


class AgreementStartApi(_AgreementActionApi):
    """A veileder starts a ready placement on or after its start date."""

    allowed_roles = (Role.VEILEDER,)

    def act(self, *, agreement: PlacementAgreement, by: User, data: dict[str, Any]) -> None:
        services.agreement_start(agreement=agreement, by=by)


class AgreementEndApi(_AgreementActionApi):
    """A veileder ends a running placement."""

    allowed_roles = (Role.VEILEDER,)
    input_serializer = PlacementNoteInputSerializer

    def act(self, *, agreement: PlacementAgreement, by: User, data: dict[str, Any]) -> None:
        services.agreement_end(agreement=agreement, by=by, note=data["note"])


class AgreementEventListApi(ListAPIView[AgreementEvent]):
    """An agreement's timeline, oldest first: who did what to which version of the terms."""

    permission_classes = [HasRole]
    allowed_roles = READ_ROLES
    serializer_class = PlacementEventOutputSerializer
    pagination_class = None  # a timeline is short and read whole
    queryset = AgreementEvent.objects.none()  # for the schema; get_queryset scopes

    def get_queryset(self) -> QuerySet[AgreementEvent]:
        return selectors.agreement_events(viewer=request_user(self.request), pk=self.kwargs["pk"])

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), **_context(request_user(self.request))}
