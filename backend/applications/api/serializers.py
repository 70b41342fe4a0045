from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from applications.models import (
    ApplicantProfile,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    RejectionReason,
    ScreeningAnswer,
)
from applications.selectors import Applicant, applicant_for_employer
from listings.api.fields import (
    InlineChoiceField,
    LanguageCodeField,
    NorwegianLevelField,
    enum_schema,
)


@extend_schema_field(enum_schema(ApplicationStatus.values))
class ApplicationStatusField(InlineChoiceField):
    choice_set = ApplicationStatus.choices


@extend_schema_field(enum_schema(RejectionReason.values))
class RejectionReasonField(InlineChoiceField):
    choice_set = RejectionReason.choices


class AnswerInputSerializer(serializers.Serializer[dict[str, Any]]):
    question = serializers.IntegerField()
    answer = serializers.BooleanField()


class ApplicationCreateInputSerializer(serializers.Serializer[dict[str, Any]]):
    message = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    answers = AnswerInputSerializer(many=True, required=False, default=list)


class InterviewInputSerializer(serializers.Serializer[dict[str, Any]]):
    at = serializers.DateTimeField()
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    video_link = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class NoteInputSerializer(serializers.Serializer[dict[str, Any]]):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class RejectInputSerializer(NoteInputSerializer):
    reason = RejectionReasonField()


class AnswerOutputSerializer(serializers.ModelSerializer[ScreeningAnswer]):
    question_text = serializers.CharField(source="question.text")
    required_answer = serializers.BooleanField(source="question.required_answer", allow_null=True)

    class Meta:
        model = ScreeningAnswer
        fields = ["question", "question_text", "required_answer", "answer"]


class EventOutputSerializer(serializers.ModelSerializer[ApplicationEvent]):
    """A timeline step; it says which side acted, never the person."""

    by = serializers.SerializerMethodField()
    from_status = ApplicationStatusField(read_only=True, allow_null=True)
    to_status = ApplicationStatusField(read_only=True)

    class Meta:
        model = ApplicationEvent
        fields = ["from_status", "to_status", "by", "at", "note"]

    @extend_schema_field({"type": "string", "enum": ["applicant", "employer", "system"]})
    def get_by(self, event: ApplicationEvent) -> str:
        if event.by_id is None:
            return "system"
        if event.by_id == event.application.applicant_id:
            return "applicant"
        return "employer"


_COMMON_FIELDS = [
    "id",
    "listing",
    "listing_title",
    "organisation_name",
    "status",
    "message",
    "profile",
    "answers",
    "interview_at",
    "interview_place",
    "interview_link",
    "rejection_reason",
    "submitted_at",
    "offered_at",
]


class _ApplicationOutputSerializer(serializers.ModelSerializer[Application]):
    listing_title = serializers.CharField(source="listing.title")
    organisation_name = serializers.CharField(source="listing.organisation.name")
    profile = serializers.JSONField(source="profile_snapshot")
    answers = AnswerOutputSerializer(many=True)
    status = ApplicationStatusField(read_only=True)
    rejection_reason = RejectionReasonField(read_only=True, allow_null=True)

    class Meta:
        model = Application
        fields = _COMMON_FIELDS


class NewcomerApplicationOutputSerializer(_ApplicationOutputSerializer):
    """An application as the applicant (or their guide) sees it."""


class EmployerApplicationOutputSerializer(_ApplicationOutputSerializer):
    """An application as the employer sees it: anonymous until the interview invitation.

    It never holds a national id or residence status: the models have neither.
    """

    applicant_label = serializers.SerializerMethodField()
    anonymous = serializers.SerializerMethodField()
    applicant_name = serializers.SerializerMethodField()
    applicant_email = serializers.SerializerMethodField()
    applicant_phone = serializers.SerializerMethodField()

    class Meta(_ApplicationOutputSerializer.Meta):
        fields = [
            *_COMMON_FIELDS,
            "number",
            "applicant_label",
            "anonymous",
            "applicant_name",
            "applicant_email",
            "applicant_phone",
        ]

    # The row whose applicant was worked out last, and that applicant.
    _applicant_of: Application | None = None
    _applicant_shown: Applicant

    def _applicant(self, application: Application) -> Applicant:
        """applicant_for_employer of the row being written, worked out once for its six fields."""
        if self._applicant_of is not application:
            self._applicant_of = application
            self._applicant_shown = applicant_for_employer(application)
        return self._applicant_shown

    def to_representation(self, instance: Application) -> dict[str, Any]:
        data = super().to_representation(instance)
        if self._applicant(instance).withheld:
            # Withdrawn, or the account deleted: the employer keeps only the steps.
            data.update(message="", profile={}, answers=[])
        return data

    def get_anonymous(self, application: Application) -> bool:
        return self._applicant(application).hidden

    def get_applicant_label(self, application: Application) -> str:
        return self._applicant(application).label

    def get_applicant_name(self, application: Application) -> str | None:
        return self._applicant(application).name

    def get_applicant_email(self, application: Application) -> str | None:
        return self._applicant(application).email

    def get_applicant_phone(self, application: Application) -> str | None:
        return self._applicant(application).phone


class NewcomerApplicationDetailSerializer(NewcomerApplicationOutputSerializer):
    events = EventOutputSerializer(many=True)

    class Meta(NewcomerApplicationOutputSerializer.Meta):
        fields = [*_COMMON_FIELDS, "events"]


class EmployerApplicationDetailSerializer(EmployerApplicationOutputSerializer):
    events = EventOutputSerializer(many=True)

    class Meta(EmployerApplicationOutputSerializer.Meta):
        fields = [*EmployerApplicationOutputSerializer.Meta.fields, "events"]


class ApplicantProfileSerializer(serializers.Serializer[ApplicantProfile]):
    """The newcomer's own profile; PATCH sends only the fields that change."""

    languages = serializers.ListField(child=LanguageCodeField(), max_length=30, required=False)
    norwegian_spoken = NorwegianLevelField(required=False)
    norwegian_written = NorwegianLevelField(required=False)
    experience = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    availability = serializers.CharField(max_length=200, required=False, allow_blank=True)
