"""The buddy API, scoped as the pages are: a newcomer's request, a volunteer's profile, the
matches each person is in or coordinates, and the coordinator's volunteers and proposals."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role, User
from accounts.request import request_user
from buddies import selectors, services
from buddies.api.serializers import (
    AcceptInputSerializer,
    BuddyRequestInputSerializer,
    BuddyRequestOutputSerializer,
    CheckInInputSerializer,
    CheckInOutputSerializer,
    CoordinatorVolunteerOutputSerializer,
    EndInputSerializer,
    MatchOutputSerializer,
    ProposalOutputSerializer,
    ProposeInputSerializer,
    VolunteerInputSerializer,
    VolunteerOutputSerializer,
)
from buddies.explain import reasons
from buddies.models import BuddyMatch, MatchStatus, VolunteerStatus
from common.api.permissions import HasRole
from common.api.schema import ActionSchema
from common.errors import NotAllowed, NotFound

MATCH_ROLES = (Role.NEWCOMER, Role.VOLUNTEER, Role.GUIDE, Role.VEILEDER)
COORDINATOR_ROLES = (Role.GUIDE, Role.VEILEDER, Role.VOLUNTEER)


def _parts(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    texts = reasons(parts)
    return [{**part, "text": reason.text} for part, reason in zip(parts, texts, strict=True)]


def match_data(match: BuddyMatch, *, viewer: User) -> dict[str, Any]:
    """One match as `viewer` may see it (buddies.selectors.person_card decides the rest)."""
    role = selectors.role_in_match(match=match, viewer=viewer)
    card = selectors.person_card(match=match, viewer=viewer)
    cards = selectors.coordinator_cards(match=match) if role == "coordinator" else None
    shows_checkins = match.status in (MatchStatus.ACTIVE, MatchStatus.ENDED)
    return {
        "id": match.pk,
        "status": match.status,
        "kommune": match.kommune_id,
        "my_role": role,
        "accepted_by_me": match.accepted_at(viewer.pk) is not None,
        "proposed_at": match.proposed_at,
        "started_at": match.started_at,
        "horizon_on": match.horizon_on,
        "ended_at": match.ended_at,
        "end_reason": match.end_reason,
        "other": asdict(card) if card else None,
        "volunteer": asdict(cards[0]) if cards else None,
        "newcomer": asdict(cards[1]) if cards else None,
        "score": match.score if role == "coordinator" else None,
        "score_parts": _parts(list(match.score_parts)) if role == "coordinator" else [],
        "checkins": CheckInOutputSerializer(
            selectors.checkin_list(match=match) if shows_checkins else [], many=True
        ).data,
    }


def _coordinator(request: Request) -> User:
    viewer = request_user(request)
    if not selectors.is_coordinator(viewer=viewer):
        raise NotAllowed(code="not_coordinator")
    return viewer


@method_decorator(never_cache, name="dispatch")
class VolunteerProfileApi(APIView):
    """The caller's own buddy sign-up, as a volunteer. PUT signs up or changes it; a new
    sign-up, or a move to another kommune, waits for a coordinator's approval."""

    permission_classes = [HasRole]
    allowed_roles = (Role.VOLUNTEER,)

    @extend_schema(responses=VolunteerOutputSerializer, operation_id="buddies_volunteer_read")
    def get(self, request: Request) -> Response:
        profile = selectors.volunteer_of(user=request_user(request))
        if profile is None:
            raise NotFound(code="not_signed_up")
        return Response(VolunteerOutputSerializer(profile).data)

    @extend_schema(
        request=VolunteerInputSerializer,
        responses=VolunteerOutputSerializer,
        operation_id="buddies_volunteer_save",
    )
    def put(self, request: Request) -> Response:
        serializer = VolunteerInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        profile = services.volunteer_save(user=request_user(request), **serializer.validated_data)
        return Response(VolunteerOutputSerializer(profile).data)


@method_decorator(never_cache, name="dispatch")
class BuddyRequestApi(APIView):
    """The caller's own request for a buddy, as a newcomer. PUT asks (or stops asking)."""

    permission_classes = [HasRole]
    allowed_roles = (Role.NEWCOMER,)

    @extend_schema(responses=BuddyRequestOutputSerializer, operation_id="buddies_request_read")
    def get(self, request: Request) -> Response:
        profile = selectors.request_of(user=request_user(request))
        if profile is None:
            raise NotFound(code="not_asked")
        return Response(BuddyRequestOutputSerializer(profile).data)

    @extend_schema(
        request=BuddyRequestInputSerializer,
        responses=BuddyRequestOutputSerializer,
        operation_id="buddies_request_save",
    )
    def put(self, request: Request) -> Response:
        serializer = BuddyRequestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        profile = services.buddy_request_save(
            user=request_user(request), **serializer.validated_data
        )
        return Response(BuddyRequestOutputSerializer(profile).data)


@method_decorator(never_cache, name="dispatch")
class MatchListApi(APIView):
    """The matches the caller is in, and those of the kommuner they coordinate; newest first."""

    permission_classes = [HasRole]
    allowed_roles = MATCH_ROLES

    @extend_schema(responses=MatchOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        viewer = request_user(request)
        matches = selectors.match_list(viewer=viewer)[:200]
        return Response([match_data(match, viewer=viewer) for match in matches])


@method_decorator(never_cache, name="dispatch")
class MatchDetailApi(APIView):
    """One match: 404 outside the caller's scope."""

    permission_classes = [HasRole]
    allowed_roles = MATCH_ROLES

    @extend_schema(responses=MatchOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        viewer = request_user(request)
        return Response(match_data(selectors.match_get(viewer=viewer, pk=pk), viewer=viewer))


class _MatchActionApi(APIView):
    permission_classes = [HasRole]
    allowed_roles = MATCH_ROLES
    schema = ActionSchema()
    input_serializer: type[serializers.Serializer[dict[str, Any]]] | None = None
    output_serializer: Any = MatchOutputSerializer
    participants_only = False  # a step for the two people of the match, not their coordinator

    def act(self, *, match: BuddyMatch, by: User, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        match = selectors.match_get(viewer=by, pk=pk)
        if self.participants_only and selectors.role_in_match(match=match, viewer=by) not in (
            "volunteer",
            "newcomer",
        ):
            raise NotAllowed(_("Only the two people of the match can do this."))
        data: dict[str, Any] = {}
        if self.input_serializer is not None:
            serializer = self.input_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
        result = self.act(match=match, by=by, data=data)
        if self.output_serializer is MatchOutputSerializer:
            fresh = selectors.match_get(viewer=by, pk=pk)
            return Response(match_data(fresh, viewer=by))
        return Response(self.output_serializer(result).data, status=201)


class MatchAcceptApi(_MatchActionApi):
    """Accept the proposal (the volunteer or the newcomer), choosing what the other may see."""

    input_serializer = AcceptInputSerializer
    participants_only = True

    def act(self, *, match: BuddyMatch, by: User, data: dict[str, Any]) -> Any:
        return services.match_accept(match=match, by=by, shares=data["shares"])


class MatchDeclineApi(_MatchActionApi):
    """Say no to the proposal (the volunteer or the newcomer)."""

    participants_only = True

    def act(self, *, match: BuddyMatch, by: User, data: dict[str, Any]) -> Any:
        return services.match_decline(match=match, by=by)


class MatchEndApi(_MatchActionApi):
    """End a running match (either buddy or a coordinator), with a reason."""

    input_serializer = EndInputSerializer

    def act(self, *, match: BuddyMatch, by: User, data: dict[str, Any]) -> Any:
        return services.match_end(match=match, by=by, reason=data["reason"])


class MatchCheckInApi(_MatchActionApi):
    """Write a dated short check-in on a running match (either buddy or a coordinator)."""

    input_serializer = CheckInInputSerializer
    output_serializer = CheckInOutputSerializer

    def act(self, *, match: BuddyMatch, by: User, data: dict[str, Any]) -> Any:
        return services.checkin_add(match=match, by=by, **data)


@method_decorator(never_cache, name="dispatch")
class CoordinatorVolunteerListApi(APIView):
    """The volunteers of the kommuner the caller coordinates; `?status=pending` for those to
    approve."""

    permission_classes = [HasRole]
    allowed_roles = COORDINATOR_ROLES

    @extend_schema(responses=CoordinatorVolunteerOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        viewer = _coordinator(request)
        status = request.query_params.get("status")
        if status and status not in VolunteerStatus.values:
            raise serializers.ValidationError({"status": [_("Unknown status.")]})
        volunteers = selectors.volunteer_list(viewer=viewer, status=status)
        return Response(CoordinatorVolunteerOutputSerializer(volunteers, many=True).data)


class _VolunteerDecisionApi(APIView):
    permission_classes = [HasRole]
    allowed_roles = COORDINATOR_ROLES
    schema = ActionSchema()
    input_serializer = None
    output_serializer = CoordinatorVolunteerOutputSerializer
    approve = True

    def post(self, request: Request, pk: int) -> Response:
        viewer = _coordinator(request)
        volunteer = selectors.volunteer_get(viewer=viewer, pk=pk)
        volunteer = services.volunteer_decide(volunteer=volunteer, by=viewer, approve=self.approve)
        return Response(CoordinatorVolunteerOutputSerializer(volunteer).data)


class VolunteerApproveApi(_VolunteerDecisionApi):
    """Approve a volunteer of a kommune the caller coordinates."""


class VolunteerRejectApi(_VolunteerDecisionApi):
    """Do not approve a volunteer of a kommune the caller coordinates."""

    approve = False


@method_decorator(never_cache, name="dispatch")
class ProposalListApi(APIView):
    """For each newcomer of the caller's kommuner who waits for a buddy, the best free
    volunteers (never one without a language in common), with the score's parts explained."""

    permission_classes = [HasRole]
    allowed_roles = COORDINATOR_ROLES

    @extend_schema(responses=ProposalOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        viewer = _coordinator(request)
        rows = []
        for row in selectors.proposal_list(viewer=viewer):
            volunteer_card, newcomer_card = selectors.proposal_cards(row=row)
            rows.append(
                {
                    "newcomer_id": row.request.user_id,
                    "newcomer": asdict(newcomer_card),
                    "volunteer_id": row.volunteer.user_id,
                    "volunteer": asdict(volunteer_card),
                    "score": row.score.total,
                    "score_parts": _parts([part.as_dict() for part in row.score.parts]),
                }
            )
        return Response(ProposalOutputSerializer(rows, many=True).data)


class ProposalApproveApi(APIView):
    """Approve a proposal: the volunteer and the newcomer are both asked to accept."""

    permission_classes = [HasRole]
    allowed_roles = COORDINATOR_ROLES
    schema = ActionSchema()
    input_serializer = ProposeInputSerializer
    output_serializer = MatchOutputSerializer

    def post(self, request: Request) -> Response:
        viewer = _coordinator(request)
        serializer = ProposeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        people = User.objects.in_bulk(
            [serializer.validated_data["volunteer"], serializer.validated_data["newcomer"]]
        )
        volunteer = people.get(serializer.validated_data["volunteer"])
        newcomer = people.get(serializer.validated_data["newcomer"])
        if volunteer is None or newcomer is None:
            raise serializers.ValidationError({"volunteer": [_("Unknown person.")]})
        match = services.match_propose(by=viewer, volunteer=volunteer, newcomer=newcomer)
        return Response(match_data(match, viewer=viewer), status=201)
