"""The plan API: plans, their steps and competence mapping, the newcomer's notes, and the
places that fit a newcomer. Scoped as the pages are: the newcomer reads their own plan and
writes notes; their guide (with consent) and the veiledere of their kommune read and edit."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role, User
from accounts.request import request_user
from common.api.input import validated
from common.api.permissions import HasRole
from common.api.schema import ErrorSerializer
from common.errors import NotFound
from placements import selectors as agreement_selectors
from plans import selectors, services
from plans.api.serializers import (
    CompetenceInputSerializer,
    CompetenceOutputSerializer,
    CompetencePatchSerializer,
    EducationInputSerializer,
    EducationOutputSerializer,
    EducationPatchSerializer,
    PlacesQuerySerializer,
    PlacesSerializer,
    PlanCreateInputSerializer,
    PlanInputSerializer,
    PlanNoteInputSerializer,
    PlanNoteOutputSerializer,
    PlanOutputSerializer,
    PlanStepInputSerializer,
    PlanStepOutputSerializer,
    PlanStepPatchSerializer,
    PlanSummarySerializer,
)
from plans.models import DevelopmentPlan, PlanStep
from plans.places import RankedListing, places_for

READ_ROLES = (Role.NEWCOMER, Role.GUIDE, Role.VEILEDER)
EDIT_ROLES = (Role.GUIDE, Role.VEILEDER)


class _PlanApi(APIView):
    permission_classes = [HasRole]

    @property
    def allowed_roles(self) -> tuple[str, ...]:
        return READ_ROLES if self.request.method in SAFE_METHODS else EDIT_ROLES


def _plan(viewer: User, pk: int) -> DevelopmentPlan:
    return selectors.plan_get(viewer=viewer, pk=pk)


def _agreement(viewer: User, newcomer_id: int, values: dict[str, Any]) -> None:
    """Turn an agreement id into the newcomer's agreement the caller may see."""
    if values.get("agreement") is None:
        return
    agreement = (
        agreement_selectors.agreement_list(viewer=viewer)
        .filter(newcomer_id=newcomer_id, pk=values["agreement"])
        .first()
    )
    if agreement is None:
        raise ValidationError(
            {"agreement": _("Choose one of this newcomer's own placement agreements.")}
        )
    values["agreement"] = agreement


class PlanListApi(ListAPIView[DevelopmentPlan]):
    """GET: the plans the caller may see. POST: start a newcomer's plan (their guide or a
    veileder of their kommune)."""

    permission_classes = [HasRole]
    serializer_class = PlanSummarySerializer
    queryset = DevelopmentPlan.objects.none()  # for the schema; get_queryset scopes

    @property
    def allowed_roles(self) -> tuple[str, ...]:
        return READ_ROLES if self.request.method in SAFE_METHODS else EDIT_ROLES

    def get_queryset(self) -> QuerySet[DevelopmentPlan]:
        return selectors.plan_list(viewer=request_user(self.request))

    @extend_schema(request=PlanCreateInputSerializer, responses={201: PlanOutputSerializer})
    def post(self, request: Request) -> Response:
        by = request_user(request)
        values = validated(PlanCreateInputSerializer, request.data)
        newcomer_id = values.pop("newcomer")
        try:
            newcomer = selectors.newcomer_in_scope(viewer=by, pk=newcomer_id)
        except User.DoesNotExist:
            message = _("Choose a newcomer whose plan you follow.")
            raise ValidationError({"newcomer": message}) from None
        plan = services.plan_create(newcomer=newcomer, by=by, **values)
        return Response(
            PlanOutputSerializer(_plan(by, plan.pk)).data, status=status.HTTP_201_CREATED
        )


class PlanDetailApi(_PlanApi):
    """GET: one plan with its steps, competence mapping and the newcomer's notes.
    PATCH: change the goal and the Norwegian levels."""

    @extend_schema(responses=PlanOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(PlanOutputSerializer(_plan(request_user(request), pk)).data)

    @extend_schema(request=PlanInputSerializer, responses=PlanOutputSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        plan = _plan(by, pk)
        services.plan_update(plan=plan, by=by, **validated(PlanInputSerializer, request.data))
        return Response(PlanOutputSerializer(_plan(by, pk)).data)


class PlanStepListApi(_PlanApi):
    """GET: the plan's steps, the next first. POST: add a step."""

    @extend_schema(responses=PlanStepOutputSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        viewer = request_user(request)
        plan = _plan(viewer, pk)
        steps = selectors.step_list(viewer=viewer, plan=plan.pk)
        return Response(PlanStepOutputSerializer(steps, many=True).data)

    @extend_schema(request=PlanStepInputSerializer, responses={201: PlanStepOutputSerializer})
    def post(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        plan = _plan(by, pk)
        values = validated(PlanStepInputSerializer, request.data)
        _agreement(by, plan.newcomer_id, values)
        step = services.step_create(plan=plan, by=by, **values)
        return Response(PlanStepOutputSerializer(step).data, status=status.HTTP_201_CREATED)


class StepDetailApi(_PlanApi):
    """GET, PATCH or DELETE one step."""

    @extend_schema(responses=PlanStepOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            PlanStepOutputSerializer(selectors.step_get(viewer=request_user(request), pk=pk)).data
        )

    @extend_schema(request=PlanStepPatchSerializer, responses=PlanStepOutputSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        step = selectors.step_get(viewer=by, pk=pk)
        values = validated(PlanStepPatchSerializer, request.data)
        _agreement(by, step.plan.newcomer_id, values)
        step = services.step_update(step=step, by=by, **values)
        return Response(PlanStepOutputSerializer(step).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        services.step_delete(step=selectors.step_get(viewer=by, pk=pk), by=by)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanCompetenceListApi(_PlanApi):
    """GET: the plan's skills and experience. POST: map one."""

    @extend_schema(responses=CompetenceOutputSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        viewer = request_user(request)
        plan = _plan(viewer, pk)
        competences = selectors.competence_list(viewer=viewer, plan=plan.pk)
        return Response(CompetenceOutputSerializer(competences, many=True).data)

    @extend_schema(request=CompetenceInputSerializer, responses={201: CompetenceOutputSerializer})
    def post(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        plan = _plan(by, pk)
        competence = services.competence_add(
            plan=plan, by=by, **validated(CompetenceInputSerializer, request.data)
        )
        return Response(CompetenceOutputSerializer(competence).data, status=status.HTTP_201_CREATED)


class CompetenceDetailApi(_PlanApi):
    """GET, PATCH or DELETE one skill or experience; `source: verified` records who verified."""

    @extend_schema(responses=CompetenceOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        competence = selectors.competence_get(viewer=request_user(request), pk=pk)
        return Response(CompetenceOutputSerializer(competence).data)

    @extend_schema(request=CompetencePatchSerializer, responses=CompetenceOutputSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        competence = services.competence_update(
            competence=selectors.competence_get(viewer=by, pk=pk),
            by=by,
            **validated(CompetencePatchSerializer, request.data),
        )
        return Response(CompetenceOutputSerializer(competence).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        services.competence_delete(competence=selectors.competence_get(viewer=by, pk=pk), by=by)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanEducationListApi(_PlanApi):
    """GET: the person's educations with their recognition. POST: add one."""

    @extend_schema(responses=EducationOutputSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        viewer = request_user(request)
        plan = _plan(viewer, pk)
        educations = selectors.education_list(viewer=viewer, plan=plan.pk)
        return Response(EducationOutputSerializer(educations, many=True).data)

    @extend_schema(request=EducationInputSerializer, responses={201: EducationOutputSerializer})
    def post(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        plan = _plan(by, pk)
        education = services.education_add(
            plan=plan, by=by, **validated(EducationInputSerializer, request.data)
        )
        return Response(EducationOutputSerializer(education).data, status=status.HTTP_201_CREATED)


class EducationDetailApi(_PlanApi):
    """GET, PATCH or DELETE one education."""

    @extend_schema(responses=EducationOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        education = selectors.education_get(viewer=request_user(request), pk=pk)
        return Response(EducationOutputSerializer(education).data)

    @extend_schema(request=EducationPatchSerializer, responses=EducationOutputSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        education = services.education_update(
            education=selectors.education_get(viewer=by, pk=pk),
            by=by,
            **validated(EducationPatchSerializer, request.data),
        )
        return Response(EducationOutputSerializer(education).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        services.education_delete(education=selectors.education_get(viewer=by, pk=pk), by=by)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanNoteCreateApi(APIView):
    """POST: the newcomer writes a note in their own plan."""

    permission_classes = [HasRole]
    allowed_roles = (Role.NEWCOMER,)

    @extend_schema(request=PlanNoteInputSerializer, responses={201: PlanNoteOutputSerializer})
    def post(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        plan = _plan(by, pk)
        values = validated(PlanNoteInputSerializer, request.data)
        step: PlanStep | None = None
        if values.get("step") is not None:
            step = plan.steps.filter(pk=values["step"]).first()
            if step is None:
                raise ValidationError({"step": _("Choose a step of your own plan.")})
        note = services.note_add(plan=plan, by=by, text=values["text"], step=step)
        return Response(PlanNoteOutputSerializer(note).data, status=status.HTTP_201_CREATED)


def _place(item: RankedListing) -> dict[str, Any]:
    listing = item.listing
    return {
        "listing": listing.pk,
        "title": listing.title,
        "organisation": listing.organisation.name,
        "kind": listing.kind,
        "kommune": listing.kommune_id,
        "deadline": listing.deadline,
        "score": item.ranked.score,
        "reasons": [reason.as_dict() for reason in item.ranked.reasons],
        "blockers": [reason.as_dict() for reason in item.ranked.blockers],
    }


class PlacesApi(APIView):
    """GET: the open listings that fit a newcomer, best first, each with its reasons (in the
    caller's language); those asking for far more Norwegian apart, with why."""

    permission_classes = [HasRole]
    allowed_roles = READ_ROLES

    @extend_schema(
        parameters=[PlacesQuerySerializer],
        # 404: a `newcomer` the caller may not see (or a newcomer asking for someone else).
        responses={200: PlacesSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        viewer = request_user(request)
        query = validated(PlacesQuerySerializer, request.query_params)
        newcomer_id = query.get("newcomer") or viewer.pk
        if viewer.role == Role.NEWCOMER and newcomer_id != viewer.pk:
            raise NotFound()
        newcomer = User.objects.filter(pk=newcomer_id, role=Role.NEWCOMER).first()
        if newcomer is None:
            raise NotFound()
        places = places_for(newcomer=newcomer, viewer=viewer, today=timezone.localdate())
        return Response(
            {
                "newcomer": newcomer.pk,
                "fits": [_place(item) for item in places.fits],
                "out_of_reach": [_place(item) for item in places.out_of_reach],
                "not_matching": places.not_matching,
                "already_applied": places.already_applied,
                "more_fits": places.more_fits,
            }
        )
