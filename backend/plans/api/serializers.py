"""The plan API's serializers: one for what goes out, one for each kind of input."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from listings.api.fields import InlineChoiceField, NorwegianLevelField, enum_schema
from plans.models import (
    Competence,
    CompetenceKind,
    CompetenceSource,
    DevelopmentPlan,
    Education,
    EducationLevel,
    GoalKind,
    PlanNote,
    PlanStep,
    RecognitionStatus,
    StepKind,
    StepOwner,
    StepStatus,
)
from plans.selectors import next_step
from reference.models import Occupation


def _choice_field(choices: type[Any]) -> type[InlineChoiceField]:
    @extend_schema_field(enum_schema(choices.values))
    class Field(InlineChoiceField):
        choice_set = choices.choices

    Field.__name__ = f"{choices.__name__}Field"
    return Field


GoalKindField = _choice_field(GoalKind)
StepKindField = _choice_field(StepKind)
StepOwnerField = _choice_field(StepOwner)
StepStatusField = _choice_field(StepStatus)
CompetenceKindField = _choice_field(CompetenceKind)
CompetenceSourceField = _choice_field(CompetenceSource)
EducationLevelField = _choice_field(EducationLevel)
RecognitionStatusField = _choice_field(RecognitionStatus)


class OccupationCodeField(serializers.SlugRelatedField):
    """A STYRK-08 unit group (4 digits) by its code."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="code", queryset=Occupation.objects.filter(level=4), **kwargs)


# Output


class PlanStepOutputSerializer(serializers.ModelSerializer[PlanStep]):
    kind = StepKindField()
    owner = StepOwnerField()
    status = StepStatusField()
    agreement_goals = serializers.SerializerMethodField()

    class Meta:
        model = PlanStep
        fields = (
            "id",
            "plan",
            "kind",
            "title",
            "details",
            "owner",
            "start_date",
            "due_date",
            "status",
            "completed_on",
            "agreement",
            "agreement_goals",
            "position",
            "updated_at",
        )
        read_only_fields = fields

    def get_agreement_goals(self, step: PlanStep) -> list[dict[str, str]]:
        return list(step.agreement.goals) if step.agreement_id else []  # type: ignore[union-attr]


class CompetenceOutputSerializer(serializers.ModelSerializer[Competence]):
    kind = CompetenceKindField()
    source = CompetenceSourceField()  # type: ignore[assignment]

    class Meta:
        model = Competence
        fields = (
            "id",
            "plan",
            "kind",
            "title",
            "description",
            "occupation",
            "years",
            "source",
            "verified_at",
            "updated_at",
        )
        read_only_fields = fields


class EducationOutputSerializer(serializers.ModelSerializer[Education]):
    level = EducationLevelField()
    recognition_status = RecognitionStatusField()
    source = CompetenceSourceField()  # type: ignore[assignment]

    class Meta:
        model = Education
        fields = (
            "id",
            "plan",
            "level",
            "title",
            "country",
            "completed_year",
            "recognition_status",
            "recognition_note",
            "source",
            "updated_at",
        )
        read_only_fields = fields


class PlanNoteOutputSerializer(serializers.ModelSerializer[PlanNote]):
    class Meta:
        model = PlanNote
        fields = ("id", "step", "text", "created_at", "updated_at")
        read_only_fields = fields


class PlanSummarySerializer(serializers.ModelSerializer[DevelopmentPlan]):
    goal_kind = GoalKindField()
    norwegian_spoken_now = NorwegianLevelField()
    norwegian_written_now = NorwegianLevelField()
    norwegian_spoken_target = NorwegianLevelField()
    norwegian_written_target = NorwegianLevelField()
    newcomer_name = serializers.CharField(source="newcomer.full_name")

    class Meta:
        model = DevelopmentPlan
        fields: tuple[str, ...] = (
            "id",
            "newcomer",
            "newcomer_name",
            "goal_kind",
            "goal_occupation",
            "goal_education",
            "norwegian_spoken_now",
            "norwegian_written_now",
            "norwegian_spoken_target",
            "norwegian_written_target",
            "created_at",
            "updated_at",
        )
        read_only_fields: tuple[str, ...] = fields


class PlanOutputSerializer(PlanSummarySerializer):
    next_step = serializers.SerializerMethodField()
    steps = PlanStepOutputSerializer(many=True)
    competences = CompetenceOutputSerializer(many=True)
    educations = EducationOutputSerializer(many=True)
    notes = PlanNoteOutputSerializer(many=True)

    class Meta(PlanSummarySerializer.Meta):
        fields = (
            *PlanSummarySerializer.Meta.fields,
            "next_step",
            "steps",
            "competences",
            "educations",
            "notes",
        )
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_next_step(self, plan: DevelopmentPlan) -> int | None:
        step = next_step(plan)
        return step.pk if step else None


# Input


class PlanInputSerializer(serializers.Serializer[dict[str, Any]]):
    goal_kind = GoalKindField(required=False)
    goal_occupation = OccupationCodeField(required=False, allow_null=True)
    goal_education = serializers.CharField(max_length=200, required=False, allow_blank=True)
    norwegian_spoken_now = NorwegianLevelField(required=False)
    norwegian_written_now = NorwegianLevelField(required=False)
    norwegian_spoken_target = NorwegianLevelField(required=False)
    norwegian_written_target = NorwegianLevelField(required=False)


class PlanCreateInputSerializer(PlanInputSerializer):
    newcomer = serializers.IntegerField(min_value=1)


class PlanStepInputSerializer(serializers.Serializer[dict[str, Any]]):
    kind = StepKindField()
    title = serializers.CharField(max_length=120)
    details = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    owner = StepOwnerField(required=False)
    start_date = serializers.DateField(required=False, allow_null=True)
    due_date = serializers.DateField(required=False, allow_null=True)
    status = StepStatusField(required=False)
    agreement = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class PlanStepPatchSerializer(PlanStepInputSerializer):
    kind = StepKindField(required=False)
    title = serializers.CharField(max_length=120, required=False)


class CompetenceInputSerializer(serializers.Serializer[dict[str, Any]]):
    kind = CompetenceKindField()
    title = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    occupation = OccupationCodeField(required=False, allow_null=True)
    years = serializers.DecimalField(
        max_digits=3, decimal_places=1, required=False, allow_null=True, min_value=0
    )
    source = CompetenceSourceField(required=False)  # type: ignore[assignment]


class CompetencePatchSerializer(CompetenceInputSerializer):
    kind = CompetenceKindField(required=False)
    title = serializers.CharField(max_length=120, required=False)


class EducationInputSerializer(serializers.Serializer[dict[str, Any]]):
    level = EducationLevelField()
    title = serializers.CharField(max_length=150)
    country = serializers.CharField(max_length=80, required=False, allow_blank=True)
    completed_year = serializers.IntegerField(
        required=False, allow_null=True, min_value=1940, max_value=2100
    )
    recognition_status = RecognitionStatusField(required=False)
    recognition_note = serializers.CharField(max_length=300, required=False, allow_blank=True)
    source = CompetenceSourceField(required=False)  # type: ignore[assignment]


class EducationPatchSerializer(EducationInputSerializer):
    level = EducationLevelField(required=False)
    title = serializers.CharField(max_length=150, required=False)


class PlanNoteInputSerializer(serializers.Serializer[dict[str, Any]]):
    text = serializers.CharField(max_length=2000)
    step = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class PlacesQuerySerializer(serializers.Serializer[dict[str, Any]]):
    newcomer = serializers.IntegerField(
        required=False, min_value=1, help_text="The newcomer (staff); a newcomer gets their own."
    )


class PlaceReasonSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField()
    params = serializers.DictField(child=serializers.CharField())
    text = serializers.CharField(help_text="The reason in the caller's language.")


class PlaceForYouSerializer(serializers.Serializer[dict[str, Any]]):
    listing = serializers.IntegerField()
    title = serializers.CharField()
    organisation = serializers.CharField()
    kind = serializers.CharField()
    kommune = serializers.CharField()
    deadline = serializers.DateField()
    score = serializers.IntegerField()
    reasons = PlaceReasonSerializer(many=True)
    blockers = PlaceReasonSerializer(many=True)


class PlacesSerializer(serializers.Serializer[dict[str, Any]]):
    newcomer = serializers.IntegerField()
    fits = PlaceForYouSerializer(many=True)
    out_of_reach = PlaceForYouSerializer(many=True)
    not_matching = serializers.IntegerField()
    already_applied = serializers.IntegerField()
    more_fits = serializers.IntegerField()
