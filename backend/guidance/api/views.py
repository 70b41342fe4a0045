"""The guides API: the guide's caseload and their work with each newcomer, the newcomer's thread
and suggestions, the employer's introductions, and the veileder's assignments. Scoped as the pages
are: a newcomer outside the guide's caseload, or outside the veileder's kommuner, is not found."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import NewcomerProfile, Role, User
from accounts.request import request_user
from common.api.input import validated
from common.api.permissions import HasRole
from guidance import selectors, services
from guidance.api.serializers import (
    AssignInputSerializer,
    AssignmentRowSerializer,
    AssignmentSerializer,
    CaseloadRowSerializer,
    ContactInputSerializer,
    ContactSerializer,
    HandOverInputSerializer,
    IntroductionAnswerSerializer,
    IntroductionInputSerializer,
    IntroductionSerializer,
    MessageInputSerializer,
    MessageSerializer,
    SuggestionInputSerializer,
    SuggestionSerializer,
)
from listings.models import Listing
from organisations.models import Organisation


def _profile(request: Request, pk: int) -> NewcomerProfile:
    return selectors.caseload_newcomer_get(guide=request_user(request), pk=pk)


class CaseloadApi(APIView):
    """The guide's caseload, who needs attention first."""

    permission_classes = [HasRole]
    allowed_roles = (Role.GUIDE,)

    @extend_schema(responses=CaseloadRowSerializer(many=True))
    def get(self, request: Request) -> Response:
        rows = selectors.caseload(guide=request_user(request))
        return Response(CaseloadRowSerializer(rows, many=True).data)  # type: ignore[arg-type]


class CaseloadNewcomerApi(APIView):
    """One newcomer of the guide's caseload."""

    permission_classes = [HasRole]
    allowed_roles = (Role.GUIDE,)

    @extend_schema(responses=CaseloadRowSerializer)
    def get(self, request: Request, pk: int) -> Response:
        _profile(request, pk)  # 404 outside the caseload
        rows = [r for r in selectors.caseload(guide=request_user(request)) if r.newcomer.pk == pk]
        return Response(CaseloadRowSerializer(rows[0]).data)


class ContactListApi(APIView):
    """GET: the log of meetings and contacts with the newcomer. POST: log one."""

    permission_classes = [HasRole]
    allowed_roles = (Role.GUIDE,)

    @extend_schema(responses=ContactSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        profile = _profile(request, pk)
        contacts = selectors.contact_list(newcomer=profile.user)
        return Response(ContactSerializer(contacts, many=True).data)

    @extend_schema(request=ContactInputSerializer, responses={201: ContactSerializer})
    def post(self, request: Request, pk: int) -> Response:
        profile = _profile(request, pk)
        data = validated(ContactInputSerializer, request.data)
        contact = services.contact_add(newcomer=profile.user, by=request_user(request), **data)
        return Response(ContactSerializer(contact).data, status=status.HTTP_201_CREATED)


def _listing(pk: int | None, *, field: str = "listing") -> Listing | None:
    if pk is None:
        return None
    listing = Listing.objects.filter(pk=pk).select_related("organisation").first()
    if listing is None:
        raise ValidationError({field: _("No such listing.")})
    return listing


class SuggestionListApi(APIView):
    """GET: the open suggestions to the newcomer. POST: suggest an open listing."""

    permission_classes = [HasRole]
    allowed_roles = (Role.GUIDE,)

    @extend_schema(responses=SuggestionSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        profile = _profile(request, pk)
        suggestions = selectors.suggestion_list(newcomer=profile.user)
        return Response(SuggestionSerializer(suggestions, many=True).data)

    @extend_schema(request=SuggestionInputSerializer, responses={201: SuggestionSerializer})
    def post(self, request: Request, pk: int) -> Response:
        profile = _profile(request, pk)
        data = validated(SuggestionInputSerializer, request.data)
        listing = _listing(data["listing"])
        assert listing is not None
        suggestion = services.suggestion_create(
            newcomer=profile.user,
            listing=listing,
            by=request_user(request),
            note=data.get("note", ""),
        )
        return Response(SuggestionSerializer(suggestion).data, status=status.HTTP_201_CREATED)


class IntroductionListApi(APIView):
    """GET: the newcomer's introductions to employers. POST: introduce them (only while they
    share with their guide)."""

    permission_classes = [HasRole]
    allowed_roles = (Role.GUIDE,)

    @extend_schema(responses=IntroductionSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        profile = _profile(request, pk)
        introductions = selectors.introduction_list(newcomer=profile.user)
        return Response(IntroductionSerializer(introductions, many=True).data)

    @extend_schema(request=IntroductionInputSerializer, responses={201: IntroductionSerializer})
    def post(self, request: Request, pk: int) -> Response:
        profile = _profile(request, pk)
        data = validated(IntroductionInputSerializer, request.data)
        organisation = Organisation.objects.filter(pk=data["organisation"]).first()
        if organisation is None:
            raise ValidationError({"organisation": _("No such organisation.")})
        introduction = services.introduction_create(
            newcomer=profile.user,
            organisation=organisation,
            listing=_listing(data.get("listing")),
            by=request_user(request),
            note=data["note"],
        )
        return Response(IntroductionSerializer(introduction).data, status=status.HTTP_201_CREATED)


def _thread_response(newcomer: User, reader: User) -> Response:
    services.thread_mark_read(newcomer=newcomer, reader=reader)
    return Response(MessageSerializer(selectors.thread(newcomer=newcomer), many=True).data)


def _send(request: Request, newcomer: User) -> Response:
    data = validated(MessageInputSerializer, request.data)
    message = services.message_send(
        newcomer=newcomer, sender=request_user(request), body=data["body"]
    )
    return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)


class GuideThreadApi(APIView):
    """The guide's side of a newcomer's thread: reading marks the newcomer's messages read."""

    permission_classes = [HasRole]
    allowed_roles = (Role.GUIDE,)

    @extend_schema(responses=MessageSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        return _thread_response(_profile(request, pk).user, request_user(request))

    @extend_schema(request=MessageInputSerializer, responses={201: MessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        return _send(request, _profile(request, pk).user)


class MyThreadApi(APIView):
    """The newcomer's thread with their guide: reading marks the guide's messages read."""

    permission_classes = [HasRole]
    allowed_roles = (Role.NEWCOMER,)

    @extend_schema(responses=MessageSerializer(many=True))
    def get(self, request: Request) -> Response:
        viewer = request_user(request)
        return _thread_response(viewer, viewer)

    @extend_schema(request=MessageInputSerializer, responses={201: MessageSerializer})
    def post(self, request: Request) -> Response:
        return _send(request, request_user(request))


class MySuggestionsApi(APIView):
    """The listings the newcomer's guide suggests to them."""

    permission_classes = [HasRole]
    allowed_roles = (Role.NEWCOMER,)

    @extend_schema(responses=SuggestionSerializer(many=True))
    def get(self, request: Request) -> Response:
        suggestions = selectors.suggestion_list(newcomer=request_user(request))
        return Response(SuggestionSerializer(suggestions, many=True).data)


class EmployerIntroductionListApi(APIView):
    """Introductions to the employer's organisations, with the guide's note."""

    permission_classes = [HasRole]
    allowed_roles = (Role.EMPLOYER,)

    @extend_schema(responses=IntroductionSerializer(many=True))
    def get(self, request: Request) -> Response:
        introductions = selectors.introduction_list_for_employer(viewer=request_user(request))
        return Response(IntroductionSerializer(introductions, many=True).data)


class EmployerIntroductionAnswerApi(APIView):
    """The employer answers an introduction: they want to meet the person, or not."""

    permission_classes = [HasRole]
    allowed_roles = (Role.EMPLOYER,)

    @extend_schema(request=IntroductionAnswerSerializer, responses=IntroductionSerializer)
    def post(self, request: Request, pk: int) -> Response:
        viewer = request_user(request)
        introduction = selectors.introduction_get_for_employer(viewer=viewer, pk=pk)
        data = validated(IntroductionAnswerSerializer, request.data)
        introduction = services.introduction_answer(
            introduction=introduction, by=viewer, welcome=data["welcome"]
        )
        return Response(IntroductionSerializer(introduction).data)


def _scoped_people(viewer: User, ids: list[int], *, field: str) -> list[User]:
    """The newcomers of the veileder's kommuner with these ids; unknown ones name the field."""
    profiles = selectors.newcomers_for_veileder(viewer=viewer).filter(user__in=ids)
    found = {p.user_id: p.user for p in profiles}
    missing = sorted(set(ids) - set(found))
    if missing:
        raise ValidationError(
            {
                field: _("Not newcomers of your kommuner: %(ids)s.")
                % {"ids": ", ".join(map(str, missing))}
            }
        )
    return [found[i] for i in dict.fromkeys(ids)]


def _guide(viewer: User, pk: int, *, field: str) -> User:
    guide = (
        selectors.guides_for_kommuner(kommune_ids=selectors.veileder_kommune_ids(viewer=viewer))
        .filter(pk=pk)
        .first()
    )
    if guide is None:
        raise ValidationError({field: _("Not a guide for your kommuner.")})
    return guide


class AssignmentListApi(APIView):
    """GET: the newcomers of the veileder's kommuner and their guides. POST: give newcomers to
    a guide in one step; each newcomer is told who their guide now is."""

    permission_classes = [HasRole]
    allowed_roles = (Role.VEILEDER,)

    @extend_schema(responses=AssignmentRowSerializer(many=True))
    def get(self, request: Request) -> Response:
        profiles = selectors.newcomers_for_veileder(viewer=request_user(request))
        return Response(AssignmentRowSerializer(profiles, many=True).data)

    @extend_schema(request=AssignInputSerializer, responses={201: AssignmentSerializer(many=True)})
    def post(self, request: Request) -> Response:
        viewer = request_user(request)
        data = validated(AssignInputSerializer, request.data)
        made = services.guides_assign(
            newcomers=_scoped_people(viewer, data["newcomers"], field="newcomers"),
            guide=_guide(viewer, data["guide"], field="guide"),
            by=viewer,
        )
        return Response(AssignmentSerializer(made, many=True).data, status=status.HTTP_201_CREATED)


class HandOverApi(APIView):
    """Hand a guide's whole caseload in the veileder's kommuner, or one newcomer, to another
    guide in one step; each newcomer is told who their guide now is."""

    permission_classes = [HasRole]
    allowed_roles = (Role.VEILEDER,)

    @extend_schema(
        request=HandOverInputSerializer, responses={201: AssignmentSerializer(many=True)}
    )
    def post(self, request: Request) -> Response:
        viewer = request_user(request)
        data = validated(HandOverInputSerializer, request.data)
        from_guide = User.objects.filter(pk=data["from_guide"], role=Role.GUIDE).first()
        if from_guide is None:
            raise ValidationError({"from_guide": _("Not a guide.")})
        newcomer = None
        if data.get("newcomer") is not None:
            newcomer = _scoped_people(viewer, [data["newcomer"]], field="newcomer")[0]
        made = services.caseload_hand_over(
            from_guide=from_guide,
            to_guide=_guide(viewer, data["to_guide"], field="to_guide"),
            newcomer=newcomer,
            by=viewer,
        )
        return Response(AssignmentSerializer(made, many=True).data, status=status.HTTP_201_CREATED)
