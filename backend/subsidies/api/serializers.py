"""Input and output of the caseworker API. National ids appear only in PersonFactsOutput, masked
unless revealed (an audited read), and in no serializer an employer gets.

Output serializers only present: what is worked out from a case (the facts still missing, the
reasons of a result, the record's errors in the reader's language) the selector has set on the
objects it hands over (subsidies.selectors.with_missing_facts, case_explained)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from listings.api.fields import InlineChoiceField, enum_schema
from listings.models import ListingKind
from placements.api.serializers import AgreementStatusField
from placements.models import PlacementAgreement
from subsidies.models import (
    CaseEvent,
    CaseEventKind,
    CaseStatus,
    ClaimStatus,
    Decision,
    DecisionOutcome,
    DecisionPeriod,
    EligibilityResult,
    PermitKind,
    PersonFacts,
    Recommendation,
    RecommendationOutcome,
    RefundClaim,
    RejectionReason,
    Scheme,
    SubsidyCase,
    WhatIfRun,
    WhatIfStatus,
)
from subsidies.rules import RULE_SETS
from subsidies.validators import mask_national_id

ACTING_USER_HELP = (
    "Case systems (a Bearer token) must name the caseworker they act for, by the email of an "
    "active veileder or beslutter serving the case's kommune: the change is theirs, and the one "
    "who decides a case must not be the one who recommended it (403 `same_person`). People "
    "signed in with a session leave it out (or give their own email): they act as themselves."
)


def _choice_field(choices: type[Any]) -> type[InlineChoiceField]:
    @extend_schema_field(enum_schema(choices.values))
    class Field(InlineChoiceField):
        choice_set = choices.choices

    Field.__name__ = f"{choices.__name__}Field"
    return Field


CaseStatusField = _choice_field(CaseStatus)
SchemeField = _choice_field(Scheme)
ClaimStatusField = _choice_field(ClaimStatus)
RecommendationOutcomeField = _choice_field(RecommendationOutcome)
DecisionOutcomeField = _choice_field(DecisionOutcome)
RejectionReasonField = _choice_field(RejectionReason)
PermitKindField = _choice_field(PermitKind)
EventKindField = _choice_field(CaseEventKind)
WhatIfStatusField = _choice_field(WhatIfStatus)
AgreementKindField = _choice_field(ListingKind)


class MoneyField(serializers.DecimalField):
    """An amount of NOK in an answer: as every amount of the API, a decimal string with two
    places ("10575.00"), whether the rules computed it in whole kroner or a person gave it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(max_digits=12, decimal_places=2, **kwargs)


# Cases


class CaseOutputSerializer(serializers.ModelSerializer[SubsidyCase]):
    """A case in a list: no personal data beyond the newcomer's name."""

    scheme = SchemeField(read_only=True)
    status = CaseStatusField(read_only=True)
    kommune = serializers.CharField(source="kommune_id")
    organisation_orgnr = serializers.CharField(source="organisation.orgnr")
    organisation_name = serializers.CharField(source="organisation.name")
    newcomer_name = serializers.CharField(source="newcomer.full_name")
    start_date = serializers.DateField(source="agreement.start_date")
    end_date = serializers.DateField(source="agreement.end_date", allow_null=True)
    monthly_wage_nok = serializers.DecimalField(
        source="agreement.monthly_wage_nok", max_digits=9, decimal_places=2, allow_null=True
    )
    position_percent = serializers.IntegerField(source="agreement.position_percent")
    eligible = serializers.BooleanField(source="current_result.eligible", allow_null=True)
    monthly_amount_nok = MoneyField(source="current_result.monthly_amount_nok", allow_null=True)
    rule_set = serializers.CharField(
        source="rule_set_version",
        allow_null=True,
        read_only=True,
        help_text="The rule set the case is computed under (docs/rules/): its result's, or "
        "before it is computed the one in force on its start date.",
    )
    missing_facts = serializers.ListField(
        child=serializers.CharField(),
        source="missing",
        read_only=True,
        help_text="The facts the rules still need before the case is computed.",
    )

    class Meta:
        model = SubsidyCase
        fields = [
            "id",
            "version",
            "scheme",
            "status",
            "kommune",
            "agreement",
            "organisation_orgnr",
            "organisation_name",
            "newcomer_name",
            "start_date",
            "end_date",
            "monthly_wage_nok",
            "position_percent",
            "eligible",
            "monthly_amount_nok",
            "rule_set",
            "missing_facts",
            "application_date",
            "opened_at",
            "updated_at",
        ]


class ReasonOutputSerializer(serializers.Serializer[dict[str, Any]]):
    """One condition of the rules and whether the record passed it."""

    code = serializers.CharField()
    passed = serializers.BooleanField()
    params = serializers.DictField(help_text="The values the text names.")
    text = serializers.CharField(help_text="The condition worded in the reader's language.")


class RecordErrorOutputSerializer(serializers.Serializer[dict[str, Any]]):
    """Why the rules cannot evaluate the case's record: a field of the record and the problem."""

    field = serializers.CharField(help_text="A dotted path into the record.")
    message = serializers.CharField()


class ResultOutputSerializer(serializers.ModelSerializer[EligibilityResult]):
    """A stored result with its explanation: the reasons in the reader's language."""

    monthly_amount_nok = MoneyField(allow_null=True)

    target_group = serializers.CharField(source="answer.target_group", allow_null=True)
    factor = serializers.FloatField(source="answer.factor", allow_null=True)
    entitlement_months = serializers.IntegerField(source="answer.entitlement_months")
    decision_period = serializers.JSONField(source="answer.decision_period")
    reasons = ReasonOutputSerializer(many=True, read_only=True)

    class Meta:
        model = EligibilityResult
        fields = [
            "id",
            "rule_set",
            "computed_at",
            "eligible",
            "manual_review",
            "target_group",
            "factor",
            "monthly_amount_nok",
            "entitlement_months",
            "decision_period",
            "input_snapshot",
            "reasons",
        ]


class RecommendationOutputSerializer(serializers.ModelSerializer[Recommendation]):
    outcome = RecommendationOutcomeField(read_only=True)
    by = serializers.CharField(source="by.full_name")
    by_email = serializers.EmailField(source="by.email", allow_null=True)

    class Meta:
        model = Recommendation
        fields = ["id", "outcome", "note", "result", "by", "by_email", "via_client", "at"]


class RefundClaimSummarySerializer(serializers.ModelSerializer[RefundClaim]):
    status = ClaimStatusField(read_only=True)
    amount_nok = MoneyField(allow_null=True)

    class Meta:
        model = RefundClaim
        fields = ["id", "status", "due_date", "reported_wage_nok", "amount_nok"]


class DecisionPeriodOutputSerializer(serializers.ModelSerializer[DecisionPeriod]):
    claim = RefundClaimSummarySerializer()
    monthly_amount_nok = MoneyField()
    max_amount_nok = MoneyField()

    class Meta:
        model = DecisionPeriod
        fields = ["number", "start", "end", "monthly_amount_nok", "max_amount_nok", "claim"]


class DecisionOutputSerializer(serializers.ModelSerializer[Decision]):
    outcome = DecisionOutcomeField(read_only=True)
    reason = RejectionReasonField(read_only=True, allow_null=True)
    by = serializers.CharField(source="by.full_name")
    by_email = serializers.EmailField(source="by.email", allow_null=True)
    periods = DecisionPeriodOutputSerializer(many=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "outcome",
            "reason",
            "reason_text",
            "note",
            "result",
            "recommendation",
            "by",
            "by_email",
            "via_client",
            "at",
            "periods",
        ]


class CaseFactsOutputSerializer(serializers.ModelSerializer[SubsidyCase]):
    class Meta:
        model = SubsidyCase
        fields = [
            "tax_arrears_nok",
            "family_tie",
            "wage_meets_tariff",
            "other_wage_subsidy",
            "holiday_pay_rate",
            "otp_rate",
        ]


class CaseStateOutputSerializer(CaseOutputSerializer):
    """A case with its facts, recommendations and decision, without the input record: the
    answer to a change."""

    facts = serializers.SerializerMethodField()
    recommendations = RecommendationOutputSerializer(many=True)
    decision = serializers.SerializerMethodField()

    class Meta(CaseOutputSerializer.Meta):
        fields = [*CaseOutputSerializer.Meta.fields, "facts", "recommendations", "decision"]

    @extend_schema_field(CaseFactsOutputSerializer)
    def get_facts(self, case: SubsidyCase) -> dict[str, Any]:
        return CaseFactsOutputSerializer(case).data

    @extend_schema_field(DecisionOutputSerializer(allow_null=True))
    def get_decision(self, case: SubsidyCase) -> dict[str, Any] | None:
        decision = getattr(case, "decision", None) if case.is_decided else None
        return None if decision is None else DecisionOutputSerializer(decision).data


class CaseDetailOutputSerializer(CaseStateOutputSerializer):
    """A case with the current result and its explanation. Holds the input record (birth date,
    residence permit): reading it is audited."""

    result = ResultOutputSerializer(source="current_result", allow_null=True)
    compute_errors = RecordErrorOutputSerializer(
        source="compute_errors_shown", many=True, read_only=True
    )

    class Meta(CaseStateOutputSerializer.Meta):
        fields = [*CaseStateOutputSerializer.Meta.fields, "result", "compute_errors"]


class CaseFactsInputSerializer(serializers.Serializer[dict[str, Any]]):
    tax_arrears_nok = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False
    )
    family_tie = serializers.BooleanField(required=False)
    wage_meets_tariff = serializers.BooleanField(required=False)
    other_wage_subsidy = serializers.BooleanField(required=False)
    holiday_pay_rate = serializers.DecimalField(
        max_digits=5, decimal_places=4, min_value=0, max_value=Decimal("0.99"), required=False
    )
    otp_rate = serializers.DecimalField(
        max_digits=5, decimal_places=4, min_value=0, max_value=Decimal("0.99"), required=False
    )
    expected_version = serializers.IntegerField(required=False, min_value=1)
    acting_user = serializers.EmailField(required=False, default="", help_text=ACTING_USER_HELP)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not set(attrs) - {"expected_version", "acting_user"}:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Give at least one fact to change.")]}
            )
        return attrs


# Person facts


class ResidencePermitSerializer(serializers.Serializer[dict[str, Any]]):
    kind = PermitKindField()
    granted_on = serializers.DateField()


class OutOfWorkPeriodSerializer(serializers.Serializer[dict[str, Any]]):
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["end"] is not None and attrs["end"] < attrs["start"]:
            raise serializers.ValidationError(
                {"end": [_("The period cannot end before it starts.")]}
            )
        return attrs


class PersonFactsInputSerializer(serializers.Serializer[dict[str, Any]]):
    national_id = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=14, trim_whitespace=True
    )
    birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    residence_permit = ResidencePermitSerializer(required=False, allow_null=True, default=None)
    in_introduction_programme = serializers.BooleanField(required=False, default=False)
    in_norwegian_tuition = serializers.BooleanField(required=False, default=False)
    out_of_work_periods = serializers.ListField(
        child=OutOfWorkPeriodSerializer(), required=False, default=list, max_length=50
    )
    acting_user = serializers.EmailField(required=False, default="", help_text=ACTING_USER_HELP)


class PersonFactsOutputSerializer(serializers.ModelSerializer[PersonFacts]):
    """The national id is masked unless the serializer is told to reveal it."""

    national_id = serializers.SerializerMethodField()
    residence_permit = serializers.SerializerMethodField()

    class Meta:
        model = PersonFacts
        fields = [
            "national_id",
            "birth_date",
            "residence_permit",
            "in_introduction_programme",
            "in_norwegian_tuition",
            "out_of_work_periods",
            "updated_at",
        ]

    def get_national_id(self, facts: PersonFacts) -> str:
        if self.context.get("reveal_national_id"):
            return facts.national_id
        return mask_national_id(facts.national_id)

    @extend_schema_field(ResidencePermitSerializer(allow_null=True))
    def get_residence_permit(self, facts: PersonFacts) -> dict[str, Any] | None:
        if not facts.permit_kind or facts.permit_granted_on is None:
            return None
        return {"kind": facts.permit_kind, "granted_on": facts.permit_granted_on.isoformat()}


# Recommending and deciding


class _ActingInputSerializer(serializers.Serializer[dict[str, Any]]):
    acting_user = serializers.EmailField(required=False, default="", help_text=ACTING_USER_HELP)
    expected_version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="The case's version when it was read: if it changed since, the answer is 409 "
        "`stale_version` and nothing changes.",
    )


class CaseRecommendInputSerializer(_ActingInputSerializer):
    outcome = RecommendationOutcomeField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class CaseApproveInputSerializer(_ActingInputSerializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class CaseRejectInputSerializer(_ActingInputSerializer):
    reason = RejectionReasonField(help_text="Why the case is rejected.")
    reason_text = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text='Required when `reason` is "other" (400 naming `reason_text` otherwise): the '
        "reason in words.",
    )


# Agreements


class CaseworkAgreementOutputSerializer(serializers.ModelSerializer[PlacementAgreement]):
    kind = AgreementKindField(read_only=True)
    status = AgreementStatusField(read_only=True)
    kommune = serializers.CharField(source="kommune_id")
    organisation_orgnr = serializers.CharField(source="organisation.orgnr")
    organisation_name = serializers.CharField(source="organisation.name")
    newcomer_name = serializers.CharField(source="newcomer.full_name")
    subsidy_case = serializers.SerializerMethodField()

    class Meta:
        model = PlacementAgreement
        fields = [
            "id",
            "kind",
            "status",
            "version",
            "kommune",
            "organisation_orgnr",
            "organisation_name",
            "newcomer_name",
            "start_date",
            "end_date",
            "hours_per_week",
            "tuition_hours_per_week",
            "monthly_wage_nok",
            "position_percent",
            "supervisor_name",
            "goals",
            "newcomer_approved_at",
            "employer_approved_at",
            "veileder_approved_at",
            "approved_on_behalf",
            "subsidy_case",
            "created_at",
            "updated_at",
        ]

    def get_subsidy_case(self, agreement: PlacementAgreement) -> int | None:
        case = getattr(agreement, "subsidy_case", None)
        return None if case is None else case.pk


# Refund claims


class RefundClaimOutputSerializer(serializers.ModelSerializer[RefundClaim]):
    """A refund claim, as both the employer and the caseworkers see it."""

    amount_nok = MoneyField(allow_null=True)

    status = ClaimStatusField(read_only=True)
    period = serializers.IntegerField(source="period.number")
    period_start = serializers.DateField(source="period.start")
    period_end = serializers.DateField(source="period.end")
    max_amount_nok = MoneyField(source="period.max_amount_nok")
    organisation_orgnr = serializers.CharField(source="case.organisation.orgnr")

    class Meta:
        model = RefundClaim
        fields = [
            "id",
            "case",
            "status",
            "period",
            "period_start",
            "period_end",
            "max_amount_nok",
            "due_date",
            "reported_wage_nok",
            "amount_nok",
            "computation",
            "reported_at",
            "organisation_orgnr",
        ]


class ClaimReportInputSerializer(serializers.Serializer[dict[str, Any]]):
    monthly_wage_nok = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        min_value=0,
        max_value=1_000_000,
        help_text="The cash wage paid for the period.",
    )


# The event feed and what-if runs


class CaseEventOutputSerializer(serializers.ModelSerializer[CaseEvent]):
    kind = EventKindField(read_only=True)
    kommune = serializers.CharField(source="kommune_id")

    class Meta:
        model = CaseEvent
        fields = ["id", "kind", "case", "kommune", "payload", "at"]


class CaseEventPageSerializer(serializers.Serializer[dict[str, Any]]):
    events = CaseEventOutputSerializer(many=True)
    next_after = serializers.IntegerField(help_text="Pass as `after` to get the next events.")
    has_more = serializers.BooleanField()


class WhatIfInputSerializer(serializers.Serializer[dict[str, Any]]):
    parameters = serializers.JSONField(
        required=False,
        default=dict,
        help_text='The rule-set parameters to change, e.g. {"innstegsjobb_share": 0.7}; may be '
        "left out when `rule_set` is given.",
    )
    rule_set = serializers.ChoiceField(
        choices=[rule_set.version for rule_set in RULE_SETS],
        required=False,
        default="",
        allow_blank=True,
        help_text="The rule set the variant starts from, applied to every case whatever its "
        "start date; left out, each case's own rule set (the one in force on its start date).",
    )


class WhatIfOutputSerializer(serializers.ModelSerializer[WhatIfRun]):
    status = WhatIfStatusField(read_only=True)

    class Meta:
        model = WhatIfRun
        fields = [
            "id",
            "status",
            "rule_set",
            "parameters",
            "kommuner",
            "result",
            "error",
            "created_at",
            "finished_at",
        ]


# Query parameters


class CaseListParamsSerializer(serializers.Serializer[dict[str, Any]]):
    status = CaseStatusField(required=False)
    kommune = serializers.RegexField(
        r"^\d{4}\Z", required=False, help_text="A kommune number the caller serves."
    )


class CaseworkAgreementListParamsSerializer(serializers.Serializer[dict[str, Any]]):
    status = AgreementStatusField(required=False)


class ClaimListParamsSerializer(serializers.Serializer[dict[str, Any]]):
    status = ClaimStatusField(required=False)
    case = serializers.IntegerField(required=False, min_value=1)


class PersonFactsParamsSerializer(serializers.Serializer[dict[str, Any]]):
    reveal = serializers.ChoiceField(
        choices=["national_id"],
        required=False,
        help_text="national_id: show the full number (the read is audited as such).",
    )


class EventFeedParamsSerializer(serializers.Serializer[dict[str, Any]]):
    after = serializers.IntegerField(
        required=False, default=0, min_value=0, help_text="The last event id already seen."
    )
    limit = serializers.IntegerField(required=False, default=100, min_value=1, max_value=500)
