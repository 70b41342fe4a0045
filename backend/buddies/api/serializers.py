"""The buddy API's serializers: input for each step, output scoped by buddies.selectors."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from buddies.models import (
    Availability,
    CheckInAuthor,
    ContactWay,
    EndReason,
    Interest,
    MatchStatus,
    VolunteerStatus,
)
from listings.api.fields import InlineChoiceField, LanguageCodeField, enum_schema
from reference.models import Bydel, Kommune


@extend_schema_field(enum_schema(Interest.values))
class InterestField(InlineChoiceField):
    choice_set = Interest.choices


@extend_schema_field(enum_schema(Availability.values))
class AvailabilityField(InlineChoiceField):
    choice_set = Availability.choices


@extend_schema_field(enum_schema(ContactWay.values))
class ContactWayField(InlineChoiceField):
    choice_set = ContactWay.choices


@extend_schema_field(enum_schema(EndReason.values))
class EndReasonField(InlineChoiceField):
    choice_set = EndReason.choices


@extend_schema_field(enum_schema(MatchStatus.values))
class MatchStatusField(InlineChoiceField):
    choice_set = MatchStatus.choices


@extend_schema_field(enum_schema(VolunteerStatus.values))
class VolunteerStatusField(InlineChoiceField):
    choice_set = VolunteerStatus.choices


@extend_schema_field(enum_schema(CheckInAuthor.values))
class CheckInAuthorField(InlineChoiceField):
    choice_set = CheckInAuthor.choices


# Input


class BuddyProfileInputSerializer(serializers.Serializer[dict[str, Any]]):
    languages = serializers.ListField(child=LanguageCodeField(), min_length=1)
    interests = serializers.ListField(child=InterestField(), required=False, default=list)
    kommune = serializers.PrimaryKeyRelatedField(queryset=Kommune.objects.all())
    bydel = serializers.PrimaryKeyRelatedField(
        queryset=Bydel.objects.all(), required=False, allow_null=True, default=None
    )
    availability = serializers.ListField(child=AvailabilityField(), min_length=1)


class VolunteerInputSerializer(BuddyProfileInputSerializer):
    available = serializers.BooleanField(
        required=False, default=True, help_text="False pauses new proposals."
    )


class BuddyRequestInputSerializer(BuddyProfileInputSerializer):
    active = serializers.BooleanField(
        required=False, default=True, help_text="False: no longer asking for a buddy."
    )


class AcceptInputSerializer(serializers.Serializer[dict[str, Any]]):
    shares = serializers.ListField(
        child=ContactWayField(),
        min_length=1,
        help_text="What the other may see once both have accepted: a phone or an email at least.",
    )


class EndInputSerializer(serializers.Serializer[dict[str, Any]]):
    reason = EndReasonField()


class CheckInInputSerializer(serializers.Serializer[dict[str, Any]]):
    happened_on = serializers.DateField()
    note = serializers.CharField(max_length=500)


class ProposeInputSerializer(serializers.Serializer[dict[str, Any]]):
    volunteer = serializers.IntegerField(help_text="The volunteer's user id.")
    newcomer = serializers.IntegerField(help_text="The newcomer's user id.")


# Output


class BuddyProfileOutputSerializer(serializers.Serializer[Any]):
    languages = serializers.ListField(child=LanguageCodeField())
    interests = serializers.ListField(child=InterestField())
    kommune = serializers.CharField(source="kommune_id")
    bydel = serializers.CharField(source="bydel_id", allow_null=True)
    availability = serializers.ListField(child=AvailabilityField())
    updated_at = serializers.DateTimeField()


class VolunteerOutputSerializer(BuddyProfileOutputSerializer):
    status = VolunteerStatusField()


class BuddyRequestOutputSerializer(BuddyProfileOutputSerializer):
    active = serializers.BooleanField()


class CoordinatorVolunteerOutputSerializer(VolunteerOutputSerializer):
    """A volunteer as the coordinators of their kommune see them, to approve them."""

    id = serializers.IntegerField(source="user_id")
    full_name = serializers.CharField(source="user.full_name")
    email = serializers.CharField(source="user.email", allow_null=True)
    phone = serializers.CharField(source="user.phone", allow_null=True)
    created_at = serializers.DateTimeField()


class PersonCardSerializer(serializers.Serializer[Any]):
    """First name, languages and area; the rest is empty unless shared after both accepted."""

    first_name = serializers.CharField()
    languages = serializers.ListField(child=LanguageCodeField())
    kommune = serializers.CharField()
    bydel = serializers.CharField()
    full_name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()


class ScorePartSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    points = serializers.IntegerField()
    found = serializers.ListField(child=serializers.CharField())
    text = serializers.CharField(help_text="The part in words, in the caller's language.")


class CheckInOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    happened_on = serializers.DateField()
    author_role = CheckInAuthorField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


class MatchOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    status = MatchStatusField()
    kommune = serializers.CharField()
    my_role = serializers.CharField(help_text="volunteer, newcomer or coordinator")
    accepted_by_me = serializers.BooleanField()
    proposed_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    horizon_on = serializers.DateField(allow_null=True)
    ended_at = serializers.DateTimeField(allow_null=True)
    end_reason = serializers.CharField()
    other = PersonCardSerializer(allow_null=True, help_text="For the two people of the match.")
    volunteer = PersonCardSerializer(allow_null=True, help_text="For coordinators.")
    newcomer = PersonCardSerializer(allow_null=True, help_text="For coordinators.")
    score = serializers.IntegerField(allow_null=True, help_text="For coordinators.")
    score_parts = ScorePartSerializer(many=True)
    checkins = CheckInOutputSerializer(many=True)


class ProposalOutputSerializer(serializers.Serializer[Any]):
    newcomer_id = serializers.IntegerField()
    newcomer = PersonCardSerializer()
    volunteer_id = serializers.IntegerField()
    volunteer = PersonCardSerializer()
    score = serializers.IntegerField()
    score_parts = ScorePartSerializer(many=True)
