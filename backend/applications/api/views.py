"""The applications API: newcomers apply and answer offers, employers move applications."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role, User
from accounts.request import request_user
from applications import selectors, services
from applications.api.serializers import (
    ApplicantProfileSerializer,
    ApplicationCreateInputSerializer,
    EmployerApplicationDetailSerializer,
    EmployerApplicationOutputSerializer,
    InterviewInputSerializer,
    NewcomerApplicationDetailSerializer,
    NewcomerApplicationOutputSerializer,
    NoteInputSerializer,
    RejectInputSerializer,
)
from applications.models import Application
from common.api.permissions import HasRole
from common.api.schema import ActionSchema
from listings import selectors as listing_selectors


def _detail(application: Application, *, viewer: User) -> dict[str, Any]:
    fresh = selectors.application_get(viewer=viewer, pk=application.pk)
    if viewer.role == Role.EMPLOYER:
        return EmployerApplicationDetailSerializer(fresh).data
    return NewcomerApplicationDetailSerializer(fresh).data


def _get(request: Request, pk: int) -> Application:
    return selectors.application_get(viewer=request_user(request), pk=pk)


class ListingApplicationsApi(ListAPIView[Application]):
    """GET: the applicants of a listing of one of the caller's organisations (employers).
    POST: a newcomer applies for a published listing, answering its screening questions."""

    permission_classes = [HasRole]
    serializer_class = EmployerApplicationOutputSerializer
    queryset = Application.objects.none()  # for the schema; get_queryset scopes to the viewer

    @property
    def allowed_roles(self) -> tuple[str, ...]:
        return (Role.NEWCOMER,) if self.request.method == "POST" else (Role.EMPLOYER,)

    def get_queryset(self) -> QuerySet[Application]:
        viewer = request_user(self.request)
        listing = listing_selectors.listing_get_for_member(viewer=viewer, pk=self.kwargs["pk"])
        return selectors.application_list_for_listing(viewer=viewer, listing=listing)

    @extend_schema(
        request=ApplicationCreateInputSerializer,
        responses={201: NewcomerApplicationDetailSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        listing = listing_selectors.listing_get(viewer=by, pk=pk)
        serializer = ApplicationCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        answers = {item["question"]: item["answer"] for item in data["answers"]}
        application = services.application_submit(
            listing=listing, by=by, message=data["message"], answers=answers
        )
        return Response(_detail(application, viewer=by), status=status.HTTP_201_CREATED)


class ApplicationListApi(ListAPIView[Application]):
    """The caller's own applications."""

    permission_classes = [HasRole]
    allowed_roles = (Role.NEWCOMER,)
    serializer_class = NewcomerApplicationOutputSerializer
    queryset = Application.objects.none()  # for the schema; get_queryset scopes to the viewer

    def get_queryset(self) -> QuerySet[Application]:
        return selectors.application_list_for_newcomer(viewer=request_user(self.request))


class ApplicationDetailApi(APIView):
    """One application with its timeline: the applicant's own, their guide's, or the employer's."""

    permission_classes = [HasRole]
    allowed_roles = (Role.NEWCOMER, Role.EMPLOYER, Role.GUIDE)

    @extend_schema(responses=NewcomerApplicationDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(_get(request, pk), viewer=request_user(request)))


class _ApplicationActionApi(APIView):
    """A state change: the input is validated, one service is called, the new state returned."""

    permission_classes = [HasRole]
    schema = ActionSchema()
    input_serializer: type[serializers.Serializer[dict[str, Any]]] = NoteInputSerializer
    output_serializer: type[serializers.Serializer[Application]] = (
        EmployerApplicationDetailSerializer
    )

    def act(self, *, application: Application, by: User, data: dict[str, Any]) -> Application:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        application = _get(request, pk)
        serializer = self.input_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        by = request_user(request)
        application = self.act(application=application, by=by, data=dict(serializer.validated_data))
        return Response(_detail(application, viewer=by))


class ApplicationReviewApi(_ApplicationActionApi):
    allowed_roles = (Role.EMPLOYER,)

    def act(self, *, application: Application, by: User, data: dict[str, Any]) -> Application:
        return services.application_review(application=application, by=by)


class ApplicationInterviewApi(_ApplicationActionApi):
    allowed_roles = (Role.EMPLOYER,)
    input_serializer = InterviewInputSerializer

    def act(self, *, application: Application, by: User, data: dict[str, Any]) -> Application:
        return services.application_invite_to_interview(application=application, by=by, **data)


class ApplicationOfferApi(_ApplicationActionApi):
    allowed_roles = (Role.EMPLOYER,)

    def act(self, *, application: Application, by: User, data: dict[str, Any]) -> Application:
        return services.application_offer(application=application, by=by, note=data["note"])


class ApplicationRejectApi(_ApplicationActionApi):
    allowed_roles = (Role.EMPLOYER,)
    input_serializer = RejectInputSerializer

    def act(self, *, application: Application, by: User, data: dict[str, Any]) -> Application:
        return services.application_reject(application=application, by=by, **data)


class ApplicationWithdrawApi(_ApplicationActionApi):
    allowed_roles = (Role.NEWCOMER,)
    output_serializer = NewcomerApplicationDetailSerializer

    def act(self, *, application: Application, by: User, data: dict[str, Any]) -> Application:
        return services.application_withdraw(application=application, by=by, note=data["note"])


class ApplicationAcceptApi(_ApplicationActionApi):
    allowed_roles = (Role.NEWCOMER,)
    output_serializer = NewcomerApplicationDetailSerializer

    @extend_schema(request=None)  # a note is accepted, but nothing is done with it
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, *, application: Application, by: User, data: dict[str, Any]) -> Application:
        return services.application_accept(application=application, by=by)


class ApplicantProfileApi(APIView):
    """GET: the newcomer's own applicant profile. PATCH/PUT: change it."""

    permission_classes = [HasRole]
    allowed_roles = (Role.NEWCOMER,)

    @extend_schema(responses=ApplicantProfileSerializer)
    def get(self, request: Request) -> Response:
        profile = selectors.applicant_profile_get(viewer=request_user(request))
        return Response(ApplicantProfileSerializer(profile).data)

    @extend_schema(request=ApplicantProfileSerializer, responses=ApplicantProfileSerializer)
    def patch(self, request: Request) -> Response:
        serializer = ApplicantProfileSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        profile = services.applicant_profile_update(
            by=request_user(request), **serializer.validated_data
        )
        return Response(ApplicantProfileSerializer(profile).data)

    @extend_schema(request=ApplicantProfileSerializer, responses=ApplicantProfileSerializer)
    def put(self, request: Request) -> Response:
        return self.patch(request)
