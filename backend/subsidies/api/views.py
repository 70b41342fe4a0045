"""The subsidies API: the eligibility pre-check, and the caseworker API (cases, decisions,
agreements, refund claims, the event feed and what-if runs) for people and case systems."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from accounts.models import Role, User
from accounts.request import request_user
from common.api.schema import ActionSchema
from common.errors import NotFound
from placements.models import PlacementAgreement
from subsidies import rules, selectors, services
from subsidies.api.auth import (
    CaseworkerOrCaseSystem,
    acting_user,
    json_body,
    require_national_id_reveal,
    viewer_for,
)
from subsidies.api.serializers import (
    CaseApproveInputSerializer,
    CaseDetailOutputSerializer,
    CaseEventOutputSerializer,
    CaseEventPageSerializer,
    CaseFactsInputSerializer,
    CaseListParamsSerializer,
    CaseOutputSerializer,
    CaseRecommendInputSerializer,
    CaseRejectInputSerializer,
    CaseStateOutputSerializer,
    CaseworkAgreementListParamsSerializer,
    CaseworkAgreementOutputSerializer,
    ClaimListParamsSerializer,
    ClaimReportInputSerializer,
    EventFeedParamsSerializer,
    PersonFactsInputSerializer,
    PersonFactsOutputSerializer,
    PersonFactsParamsSerializer,
    RefundClaimOutputSerializer,
    WhatIfInputSerializer,
    WhatIfOutputSerializer,
)
from subsidies.models import SCOPE_DECIDE, SCOPE_READ, SCOPE_SIMULATE, RefundClaim, SubsidyCase
from subsidies.rules.samples import sample_record
from subsidies.services import audit
from subsidies.services.idempotency import idempotent_call, request_fingerprint
from subsidies.services.whatif import WHATIF_ROLES
from subsidies.viewers import Viewer

# The record of POLICY.md, shown as the example in the API documentation.
SAMPLE_RECORD: dict[str, Any] = sample_record()


_RECORD_SCHEMA = {
    "type": "object",
    "description": 'An eligibility record (docs/rules/formats.md, "The record").',
    "additionalProperties": True,
}
_ANSWER_SCHEMA = {
    "type": "object",
    "description": 'The answer (docs/rules/formats.md, "The answer"), or for an invalid '
    'record in a list `{"errors": [{"field", "message"}]}`.',
    "additionalProperties": True,
}


class EligibilitySimulateApi(APIView):
    """Evaluate eligibility records under the rule set in force on each start date (or the one
    a record names). Nothing is stored; reasons and errors come in the caller's language.

    One record (a JSON object): caseworkers for any employer, employers for their own
    organisation; 400 naming the fields of an invalid record. A list of records (a JSON array,
    at most 1000): beslutters, platform admins and case systems with `subsidies:simulate`; the
    answers come in the same order, an invalid record answered by its errors in its place, and
    more than 1000 records is a 400. See docs/rules/formats.md.
    """

    permission_classes = [CaseworkerOrCaseSystem]
    allowed_roles = tuple(selectors.SIMULATING_ROLES)
    scopes = {"POST": SCOPE_SIMULATE}

    @extend_schema(
        request={
            "application/json": {
                "oneOf": [
                    _RECORD_SCHEMA,
                    {
                        "type": "array",
                        "items": _RECORD_SCHEMA,
                        "maxItems": selectors.SIMULATE_MAX_RECORDS,
                    },
                ]
            }
        },
        responses={
            200: {
                "anyOf": [
                    _ANSWER_SCHEMA,
                    {
                        "type": "object",
                        "properties": {
                            "answers": {"type": "array", "items": _ANSWER_SCHEMA},
                            "invalid": {
                                "type": "integer",
                                "description": "How many records were not valid.",
                            },
                        },
                        "required": ["answers", "invalid"],
                    },
                ]
            }
        },
        examples=[
            OpenApiExample("one record", value=SAMPLE_RECORD, request_only=True),
            OpenApiExample(
                "a list of records", value=[SAMPLE_RECORD, SAMPLE_RECORD], request_only=True
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        data = request.data
        viewer = viewer_for(request)
        if isinstance(data, list):
            answers = selectors.eligibility_simulate_many(viewer=viewer, records=data)
            invalid = sum(1 for answer in answers if "errors" in answer)
            return Response({"answers": answers, "invalid": invalid})
        if not isinstance(data, dict):
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Send one JSON object, or a list of them.")]}
            )
        try:
            if viewer.client is not None:
                answer = rules.evaluate(data, translate=gettext)
            else:
                answer = selectors.eligibility_simulate(viewer=request_user(request), record=data)
        except rules.InputError as error:
            fields: dict[str, list[str]] = {}
            for item in error.errors:
                fields.setdefault(item["field"], []).append(item["message"])
            raise exceptions.ValidationError(fields) from error
        return Response(answer)


# The caseworker API: people with a session, case systems with OAuth2 client credentials.


class _CaseworkerApi(APIView):
    permission_classes = [CaseworkerOrCaseSystem]
    allowed_roles: tuple[str, ...] = (Role.VEILEDER, Role.BESLUTTER)
    scopes: dict[str, str] = {"GET": SCOPE_READ}


def _params(serializer_class: type[Serializer[dict[str, Any]]], request: Request) -> dict[str, Any]:
    params = serializer_class(data=request.query_params)
    params.is_valid(raise_exception=True)
    return dict(params.validated_data)


def _state(viewer: Viewer, case: SubsidyCase) -> Any:
    fresh = selectors.case_get_full(viewer=viewer, pk=case.pk)
    return json_body(CaseStateOutputSerializer(fresh).data)


def _change_request(
    request: Request, pk: int, serializer_class: type[Serializer[dict[str, Any]]]
) -> tuple[Viewer, SubsidyCase, User, dict[str, Any]]:
    """The caller, the case, the person the change is made by, and the checked body without
    `acting_user`."""
    viewer = viewer_for(request)
    case = selectors.case_get(viewer=viewer, pk=pk)
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    return viewer, case, acting_user(viewer, data.pop("acting_user")), data


class CaseListApi(ListAPIView[SubsidyCase]):
    """Subsidy cases of the kommuner the caller serves, newest first; filter by status and
    kommune. No personal data beyond the newcomer's name."""

    permission_classes = [CaseworkerOrCaseSystem]
    allowed_roles = (Role.VEILEDER, Role.BESLUTTER)
    scopes = {"GET": SCOPE_READ}
    serializer_class = CaseOutputSerializer
    queryset = SubsidyCase.objects.none()  # for the schema; get_queryset scopes to the caller

    def get_queryset(self) -> QuerySet[SubsidyCase]:
        params = _params(CaseListParamsSerializer, self.request)
        return selectors.case_list(viewer=viewer_for(self.request), **params)

    def paginate_queryset(self, queryset: QuerySet[SubsidyCase, Any]) -> list[Any] | None:
        page = super().paginate_queryset(queryset)
        return None if page is None else selectors.with_missing_facts(page)

    @extend_schema(parameters=[CaseListParamsSerializer])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class CaseDetailApi(_CaseworkerApi):
    """One case with its facts, the current result with its explanation (the reasons in the
    caller's language) and input record, the recommendations and the decision. Audited."""

    @extend_schema(responses=CaseDetailOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        viewer = viewer_for(request)
        case = selectors.case_explained(viewer=viewer, pk=pk)
        audit.case_read_record(viewer=viewer, case=case)
        return Response(CaseDetailOutputSerializer(case).data)


class CaseFactsApi(_CaseworkerApi):
    """Set facts about the employer and the job (tax arrears, family tie, tariff, other wage
    subsidy, holiday pay and pension rates). The case is computed again."""

    scopes = {"PATCH": SCOPE_DECIDE}

    @extend_schema(request=CaseFactsInputSerializer, responses=CaseStateOutputSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        viewer, case, by, data = _change_request(request, pk, CaseFactsInputSerializer)
        case = services.case_facts_update(case=case, by=by, origin=viewer.origin, **data)
        return Response(_state(viewer, case))


class PersonFactsApi(_CaseworkerApi):
    """GET: what the rules know about the case's newcomer; the national id masked unless
    `?reveal=national_id`. Every read is audited. Revealing needs more than reading: a person
    must have given their two-factor code in the last 15 minutes (else 403
    `reauthentication_required`, with `reauthenticate_url`: allauth's page to give it again),
    a case system needs a token with the scope `subsidies:national_id` (else 403
    `missing_scope`). PUT: replace those facts; every undecided case of the person is
    computed again."""

    scopes = {"GET": SCOPE_READ, "PUT": SCOPE_DECIDE}

    @extend_schema(parameters=[PersonFactsParamsSerializer], responses=PersonFactsOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        viewer = viewer_for(request)
        reveal = _params(PersonFactsParamsSerializer, request).get("reveal") == "national_id"
        if reveal:
            require_national_id_reveal(request)
        case = selectors.case_get(viewer=viewer, pk=pk)
        facts = selectors.person_facts_get(case=case)
        audit.person_facts_read_record(
            viewer=viewer, case=case, found=facts is not None, national_id_revealed=reveal
        )
        if facts is None:
            raise NotFound(
                _("Nobody has given the facts about this person yet."), code="no_person_facts"
            )
        context = {"reveal_national_id": reveal}
        return Response(PersonFactsOutputSerializer(facts, context=context).data)

    @extend_schema(request=PersonFactsInputSerializer, responses=PersonFactsOutputSerializer)
    def put(self, request: Request, pk: int) -> Response:
        viewer, case, by, data = _change_request(request, pk, PersonFactsInputSerializer)
        data["out_of_work_periods"] = [
            {
                "start": period["start"].isoformat(),
                "end": period["end"].isoformat() if period["end"] else None,
            }
            for period in data["out_of_work_periods"]
        ]
        facts = services.person_facts_update(case=case, by=by, origin=viewer.origin, **data)
        return Response(PersonFactsOutputSerializer(facts).data)


IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,255}\Z")


class _CaseDecisionApi(_CaseworkerApi):
    """A recommendation or a decision: the body is checked with `input_serializer` and handed to
    `service`. With an `Idempotency-Key` header, a retry gets the first answer again and the same
    key with a different request answers 409."""

    scopes = {"POST": SCOPE_DECIDE}
    schema = ActionSchema()
    idempotent = True  # the schema documents Idempotency-Key and Idempotent-Replayed
    input_serializer: type[Serializer[dict[str, Any]]]
    output_serializer = CaseStateOutputSerializer
    service: Callable[..., SubsidyCase]

    def _call(self, request: Request, pk: int) -> tuple[int, Any]:
        viewer, case, by, data = _change_request(request, pk, self.input_serializer)
        case = self.service(case=case, by=by, origin=viewer.origin, **data)
        return status.HTTP_200_OK, _state(viewer, case)

    def post(self, request: Request, pk: int) -> Response:
        key = request.headers.get("Idempotency-Key")
        if key is None:
            code, body = self._call(request, pk)
            return Response(body, status=code)
        if not IDEMPOTENCY_KEY.match(key):
            raise exceptions.ValidationError(
                {"Idempotency-Key": [_("Use 1 to 255 visible ASCII characters.")]}
            )
        viewer = viewer_for(request)
        fingerprint = request_fingerprint(
            method=request.method or "POST", path=request.path, body=request.data
        )
        code, body, replayed = idempotent_call(
            actor=viewer.actor_key,
            key=key,
            fingerprint=fingerprint,
            call=lambda: self._call(request, pk),
        )
        response = Response(body, status=code)
        if replayed:
            response["Idempotent-Replayed"] = "true"
        return response


class CaseRecommendApi(_CaseDecisionApi):
    """A veileder recommends approving or rejecting the computed result (status `computed`).

    Case systems name the veileder in `acting_user`. Send an `Idempotency-Key` to retry safely.
    409: `already_recommended`, `not_computed`, `already_decided`, `stale_version`,
    `idempotency_key_reused`."""

    input_serializer = CaseRecommendInputSerializer
    service = staticmethod(services.case_recommend)


class CaseApproveApi(_CaseDecisionApi):
    """A beslutter who did not recommend the case approves it: the decision, up to 12 monthly
    periods and a refund claim for each.

    Case systems name the beslutter in `acting_user`; it must be someone other than the one who
    recommended (403 `same_person`). 409: `not_recommended`, `already_decided`, `not_eligible`,
    `stale_version`, `idempotency_key_reused`."""

    input_serializer = CaseApproveInputSerializer
    service = staticmethod(services.case_approve)


class CaseRejectApi(_CaseDecisionApi):
    """A beslutter who did not recommend the case rejects it, with a reason from the list
    (wrong_facts, wrong_reading_of_rules, wrong_amount, other); with "other", `reason_text` is
    required.

    Case systems name the beslutter in `acting_user`; it must be someone other than the one who
    recommended (403 `same_person`). 409: `not_recommended`, `already_decided`,
    `stale_version`, `idempotency_key_reused`."""

    input_serializer = CaseRejectInputSerializer
    service = staticmethod(services.case_reject)


class CaseworkAgreementListApi(ListAPIView[PlacementAgreement]):
    """Placement agreements of the kommuner the caller serves, newest first."""

    permission_classes = [CaseworkerOrCaseSystem]
    allowed_roles = (Role.VEILEDER, Role.BESLUTTER)
    scopes = {"GET": SCOPE_READ}
    serializer_class = CaseworkAgreementOutputSerializer
    queryset = PlacementAgreement.objects.none()  # for the schema

    def get_queryset(self) -> QuerySet[PlacementAgreement]:
        params = _params(CaseworkAgreementListParamsSerializer, self.request)
        return selectors.agreement_list(viewer=viewer_for(self.request), **params)

    @extend_schema(parameters=[CaseworkAgreementListParamsSerializer])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class CaseworkAgreementDetailApi(_CaseworkerApi):
    @extend_schema(responses=CaseworkAgreementOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        agreement = selectors.agreement_get(viewer=viewer_for(request), pk=pk)
        return Response(CaseworkAgreementOutputSerializer(agreement).data)


_CLAIM_ROLES = (Role.VEILEDER, Role.BESLUTTER, Role.EMPLOYER)


def _claims_for(request: Request, **params: Any) -> QuerySet[RefundClaim]:
    if request.user is not None and getattr(request.user, "role", None) == Role.EMPLOYER:
        return selectors.refund_claim_list_for_employer(viewer=request_user(request), **params)
    return selectors.refund_claim_list(viewer=viewer_for(request), **params)


class RefundClaimListApi(ListAPIView[RefundClaim]):
    """Refund claims: an employer's own, or those of the kommuner a caseworker serves."""

    permission_classes = [CaseworkerOrCaseSystem]
    allowed_roles = _CLAIM_ROLES
    scopes = {"GET": SCOPE_READ}
    serializer_class = RefundClaimOutputSerializer
    queryset = RefundClaim.objects.none()  # for the schema

    def get_queryset(self) -> QuerySet[RefundClaim]:
        return _claims_for(self.request, **_params(ClaimListParamsSerializer, self.request))

    @extend_schema(parameters=[ClaimListParamsSerializer])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class RefundClaimDetailApi(_CaseworkerApi):
    allowed_roles = _CLAIM_ROLES

    @extend_schema(responses=RefundClaimOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(RefundClaimOutputSerializer(_claims_for(request).get(pk=pk)).data)


class RefundClaimReportApi(_CaseworkerApi):
    """The employer reports the wage paid for the period, after it ended and by the due date;
    the refund is computed at once."""

    allowed_roles = (Role.EMPLOYER,)
    scopes: dict[str, str] = {}

    @extend_schema(request=ClaimReportInputSerializer, responses=RefundClaimOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        claim = selectors.refund_claim_get_for_employer(viewer=by, pk=pk)
        serializer = ClaimReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim = services.refund_claim_report(
            claim=claim, by=by, monthly_wage_nok=serializer.validated_data["monthly_wage_nok"]
        )
        return Response(RefundClaimOutputSerializer(claim).data)


class EventFeedApi(_CaseworkerApi):
    """Every change of the cases the caller may see, in order. Pass the `next_after` of one page
    as `after` to get the next; an empty page means nothing new yet."""

    @extend_schema(parameters=[EventFeedParamsSerializer], responses=CaseEventPageSerializer)
    def get(self, request: Request) -> Response:
        params = _params(EventFeedParamsSerializer, request)
        limit = params["limit"]
        events = selectors.case_event_list(
            viewer=viewer_for(request), after=params["after"], limit=limit + 1
        )
        page = events[:limit]
        return Response(
            {
                "events": CaseEventOutputSerializer(page, many=True).data,
                "next_after": page[-1].pk if page else params["after"],
                "has_more": len(events) > limit,
            }
        )


_WHATIF_ROLES = tuple(WHATIF_ROLES)


class WhatIfRunCreateApi(_CaseworkerApi):
    """Start a what-if run: the undecided cases of the caller's kommuner under the rules in force
    and under the rules with `parameters` changed. Read the result at the run's URL. For
    beslutters, platform admins and case systems with `subsidies:simulate`; at most two of a
    caller's runs are queued or running at once (409)."""

    allowed_roles = _WHATIF_ROLES
    scopes = {"POST": SCOPE_SIMULATE}

    @extend_schema(request=WhatIfInputSerializer, responses={202: WhatIfOutputSerializer})
    def post(self, request: Request) -> Response:
        serializer = WhatIfInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        run = services.whatif_start(
            viewer=viewer_for(request),
            parameters=serializer.validated_data["parameters"],
            rule_set=serializer.validated_data["rule_set"],
        )
        return Response(WhatIfOutputSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class WhatIfRunDetailApi(_CaseworkerApi):
    allowed_roles = _WHATIF_ROLES
    scopes = {"GET": SCOPE_SIMULATE}

    @extend_schema(responses=WhatIfOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        run = selectors.whatif_get(viewer=viewer_for(request), pk=pk)
        return Response(WhatIfOutputSerializer(run).data)
