from rest_framework import serializers

from organisations.models import Invitation, MemberRights, Membership, Organisation
from reference.models import AgaZone, Bydel, Kommune


class OrganisationOutputSerializer(serializers.ModelSerializer[Organisation]):
    kommune = serializers.CharField(source="kommune_id")
    bydel = serializers.CharField(source="bydel_id", allow_null=True)
    rejected = serializers.BooleanField(source="is_rejected", read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "orgnr",
            "name",
            "kommune",
            "bydel",
            "address",
            "aga_zone",
            "employees",
            "verified",
            "rejected",
        ]


class OrganisationRegisterInputSerializer(serializers.Serializer[dict[str, object]]):
    orgnr = serializers.CharField(max_length=20)
    name = serializers.CharField(max_length=200)
    kommune = serializers.PrimaryKeyRelatedField(queryset=Kommune.objects.all())
    bydel = serializers.PrimaryKeyRelatedField(
        queryset=Bydel.objects.all(), required=False, allow_null=True
    )
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    employees = serializers.IntegerField(min_value=1, max_value=1_000_000)
    aga_zone = serializers.ChoiceField(choices=AgaZone.choices, required=False, allow_null=True)


class InvitationOutputSerializer(serializers.ModelSerializer[Invitation]):
    class Meta:
        model = Invitation
        fields = ["id", "email", "rights", "created_at", "expires_at"]


class InvitationInputSerializer(serializers.Serializer[dict[str, object]]):
    email = serializers.EmailField()
    rights = serializers.ChoiceField(choices=MemberRights.choices, default=MemberRights.MEMBER)


class InvitationAcceptInputSerializer(serializers.Serializer[dict[str, object]]):
    token = serializers.CharField(max_length=100)


class MembershipOutputSerializer(serializers.ModelSerializer[Membership]):
    organisation = OrganisationOutputSerializer()

    class Meta:
        model = Membership
        fields = ["organisation", "rights"]
