"""What the guides API reads and writes: the same as the pages show, scoped by the selectors."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from guidance.models import (
    MESSAGE_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    Contact,
    ContactKind,
    GuideMessage,
    Introduction,
    Suggestion,
)
from guidance.selectors import CaseloadRow


class PersonSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    full_name = serializers.CharField()


class CaseloadApplicationSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    listing_id = serializers.IntegerField()
    listing_title = serializers.CharField(source="listing.title")
    organisation = serializers.CharField(source="listing.organisation.name")
    status = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    interview_at = serializers.DateTimeField(allow_null=True)


class CaseloadAgreementSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    organisation = serializers.CharField(source="organisation.name")
    kind = serializers.CharField()
    status = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)


class PlanStepSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    title = serializers.CharField()
    owner = serializers.CharField()
    status = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)


class CaseloadRowSerializer(serializers.Serializer[CaseloadRow]):
    """One newcomer of the guide's caseload. Applications, agreements, interviews, the plan's
    steps and the days since the last application are empty or null unless the newcomer shares
    them with the guide (`shares`)."""

    newcomer = PersonSerializer()
    kommune = serializers.CharField(source="profile.kommune_id", allow_null=True)
    shares = serializers.BooleanField()
    attention = serializers.ListField(child=serializers.CharField(), source="reasons")
    score = serializers.IntegerField()
    unread_messages = serializers.IntegerField(source="unread")
    days_since_application = serializers.IntegerField(allow_null=True)
    next_step = PlanStepSerializer(allow_null=True)
    overdue_steps = PlanStepSerializer(many=True, source="overdue")
    applications = CaseloadApplicationSerializer(many=True)
    interviews = serializers.SerializerMethodField()
    agreements = CaseloadAgreementSerializer(many=True)
    placements_ending = serializers.SerializerMethodField()

    def get_interviews(self, row: CaseloadRow) -> list[int]:
        """The ids of the applications with an interview in the next days."""
        return [a.pk for a in row.interviews]

    def get_placements_ending(self, row: CaseloadRow) -> list[int]:
        """The ids of the running agreements that end within 30 days."""
        return [a.pk for a in row.ending]


class ContactSerializer(serializers.ModelSerializer[Contact]):
    by = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Contact
        fields = ("id", "date", "kind", "note", "by", "created_at")
        read_only_fields = ("id", "by", "created_at")


class ContactInputSerializer(serializers.Serializer[Any]):
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    note = serializers.CharField(max_length=NOTE_MAX_LENGTH, required=False, allow_blank=True)


class SuggestionSerializer(serializers.ModelSerializer[Suggestion]):
    listing_title = serializers.CharField(source="listing.title", read_only=True)
    organisation = serializers.CharField(source="listing.organisation.name", read_only=True)
    deadline = serializers.DateField(source="listing.deadline", read_only=True)
    by = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Suggestion
        fields = ("id", "listing", "listing_title", "organisation", "deadline", "note", "by")
        read_only_fields = fields


class SuggestionInputSerializer(serializers.Serializer[Any]):
    listing = serializers.IntegerField()
    note = serializers.CharField(max_length=NOTE_MAX_LENGTH, required=False, allow_blank=True)


class IntroductionSerializer(serializers.ModelSerializer[Introduction]):
    newcomer = PersonSerializer(read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    by = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Introduction
        fields = (
            "id",
            "newcomer",
            "organisation",
            "organisation_name",
            "listing",
            "note",
            "by",
            "status",
            "created_at",
            "answered_at",
        )
        read_only_fields = fields


class IntroductionInputSerializer(serializers.Serializer[Any]):
    organisation = serializers.IntegerField()
    listing = serializers.IntegerField(required=False, allow_null=True)
    note = serializers.CharField(max_length=1000)


class IntroductionAnswerSerializer(serializers.Serializer[Any]):
    welcome = serializers.BooleanField()


class MessageSerializer(serializers.ModelSerializer[GuideMessage]):
    sender = PersonSerializer(read_only=True, allow_null=True)
    from_newcomer = serializers.BooleanField(read_only=True)

    class Meta:
        model = GuideMessage
        fields = ("id", "sender", "from_newcomer", "body", "sent_at", "read_at")
        read_only_fields = fields


class MessageInputSerializer(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=MESSAGE_MAX_LENGTH)


class AssignmentRowSerializer(serializers.Serializer[Any]):
    newcomer = PersonSerializer(source="user")
    kommune = serializers.CharField(source="kommune_id")
    guide = PersonSerializer(allow_null=True)


class AssignInputSerializer(serializers.Serializer[Any]):
    newcomers = serializers.ListField(child=serializers.IntegerField(), min_length=1)
    guide = serializers.IntegerField()


class HandOverInputSerializer(serializers.Serializer[Any]):
    from_guide = serializers.IntegerField()
    to_guide = serializers.IntegerField()
    newcomer = serializers.IntegerField(required=False, allow_null=True)


class AssignmentSerializer(serializers.Serializer[Any]):
    newcomer = serializers.IntegerField(source="newcomer_id")
    guide = serializers.IntegerField(source="guide_id", allow_null=True)
    previous_guide = serializers.IntegerField(source="previous_guide_id", allow_null=True)
    at = serializers.DateTimeField()
