from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Role, User
from listings.api.fields import InlineChoiceField, enum_schema
from listings.models import ListingKind
from placements.models import (
    AgreementAction,
    AgreementEvent,
    AgreementStatus,
    PlacementAgreement,
)
from placements.validators import GOAL_KINDS, MAX_GOAL_TEXT, MAX_GOALS


@extend_schema_field(enum_schema(AgreementStatus.values))
class AgreementStatusField(InlineChoiceField):
    choice_set = AgreementStatus.choices


@extend_schema_field(enum_schema(AgreementAction.values))
class AgreementActionField(InlineChoiceField):
    choice_set = AgreementAction.choices


@extend_schema_field(enum_schema(GOAL_KINDS))
class GoalKindField(InlineChoiceField):
    choice_set = [(kind, kind) for kind in GOAL_KINDS]


class PlacementGoalSerializer(serializers.Serializer[dict[str, Any]]):
    kind = GoalKindField()
    text = serializers.CharField(max_length=MAX_GOAL_TEXT)


# Input


class PlacementTermsInputSerializer(serializers.Serializer[dict[str, Any]]):
    """The terms to change; leave out what stays. `version` guards against overwriting a change
    made since the caller read the agreement."""

    version = serializers.IntegerField(required=False, min_value=1)
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False, allow_null=True)
    hours_per_week = serializers.DecimalField(max_digits=4, decimal_places=1, required=False)
    tuition_hours_per_week = serializers.DecimalField(
        max_digits=4, decimal_places=1, required=False, allow_null=True
    )
    monthly_wage_nok = serializers.DecimalField(
        max_digits=9, decimal_places=2, required=False, allow_null=True
    )
    position_percent = serializers.IntegerField(required=False)
    supervisor_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    supervisor_phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    goals = serializers.ListField(
        child=PlacementGoalSerializer(), required=False, max_length=MAX_GOALS
    )


class PlacementApproveInputSerializer(serializers.Serializer[dict[str, Any]]):
    on_behalf_reason = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        default="",
        help_text="Only a veileder, approving for a newcomer who cannot do it themselves.",
    )
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="The version of the terms being approved."
    )


class PlacementCancelInputSerializer(serializers.Serializer[dict[str, Any]]):
    reason = serializers.CharField(max_length=500)


class PlacementNoteInputSerializer(serializers.Serializer[dict[str, Any]]):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class PlacementAgreementFilterSerializer(serializers.Serializer[dict[str, Any]]):
    status = AgreementStatusField(required=False)
    kommune = serializers.RegexField(r"^\d{4}$", required=False, help_text="Kommune number.")


# Output


def _name(user: User | None) -> str | None:
    return user.full_name if user is not None else None


class PlacementApprovalOutputSerializer(serializers.Serializer[dict[str, Any]]):
    approved_at = serializers.DateTimeField(allow_null=True)
    by_name = serializers.CharField(allow_null=True)


class PlacementApprovalsOutputSerializer(serializers.Serializer[dict[str, Any]]):
    newcomer = PlacementApprovalOutputSerializer()
    employer = PlacementApprovalOutputSerializer()
    veileder = PlacementApprovalOutputSerializer()
    on_behalf = serializers.BooleanField(
        help_text="The veileder approved for the newcomer; on_behalf_reason says why."
    )


class PlacementAgreementOutputSerializer(serializers.ModelSerializer[PlacementAgreement]):
    """An agreement as its parties and caseworkers see it.

    The reason a veileder approved for the newcomer is null for employers.
    """

    listing_title = serializers.CharField(source="application.listing.title")
    newcomer_name = serializers.CharField(source="newcomer.full_name")
    organisation_name = serializers.CharField(source="organisation.name")
    kommune_name = serializers.CharField(source="kommune.name")
    kind = serializers.ChoiceField(choices=ListingKind.choices, read_only=True)
    status = AgreementStatusField(read_only=True)
    goals = PlacementGoalSerializer(many=True)
    approvals = serializers.SerializerMethodField()
    on_behalf_reason = serializers.SerializerMethodField()

    class Meta:
        model = PlacementAgreement
        fields = [
            "id",
            "application",
            "listing_title",
            "newcomer",
            "newcomer_name",
            "organisation",
            "organisation_name",
            "kommune",
            "kommune_name",
            "kind",
            "start_date",
            "end_date",
            "hours_per_week",
            "tuition_hours_per_week",
            "monthly_wage_nok",
            "position_percent",
            "supervisor_name",
            "supervisor_phone",
            "goals",
            "status",
            "version",
            "approvals",
            "on_behalf_reason",
            "cancelled_reason",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(PlacementApprovalsOutputSerializer)
    def get_approvals(self, agreement: PlacementAgreement) -> dict[str, Any]:
        return {
            "newcomer": {
                "approved_at": agreement.newcomer_approved_at,
                "by_name": _name(agreement.newcomer_approved_by),
            },
            "employer": {
                "approved_at": agreement.employer_approved_at,
                "by_name": _name(agreement.employer_approved_by),
            },
            "veileder": {
                "approved_at": agreement.veileder_approved_at,
                "by_name": _name(agreement.veileder_approved_by),
            },
            "on_behalf": agreement.approved_on_behalf,
        }

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_on_behalf_reason(self, agreement: PlacementAgreement) -> str | None:
        if not self.context.get("show_on_behalf_reason"):
            return None
        return agreement.on_behalf_reason


EVENT_SIDES = [Role.NEWCOMER, Role.EMPLOYER, Role.VEILEDER, Role.BESLUTTER, Role.ADMIN, "system"]


class PlacementEventOutputSerializer(serializers.ModelSerializer[AgreementEvent]):
    action = AgreementActionField(read_only=True)
    by_role = serializers.SerializerMethodField()
    by_name = serializers.SerializerMethodField()
    note = serializers.SerializerMethodField()
    changed_fields = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = AgreementEvent
        fields = ["id", "at", "action", "by_role", "by_name", "note", "changed_fields", "version"]

    @extend_schema_field(enum_schema([str(side) for side in EVENT_SIDES]))
    def get_by_role(self, event: AgreementEvent) -> str:
        return event.by.role if event.by is not None else "system"

    def get_by_name(self, event: AgreementEvent) -> str | None:
        return _name(event.by)

    def get_note(self, event: AgreementEvent) -> str:
        if event.action == AgreementAction.APPROVED_ON_BEHALF and not self.context.get(
            "show_on_behalf_reason"
        ):
            return ""
        return event.note
