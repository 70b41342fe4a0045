from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.validators import WORKPLACE_LANGUAGES
from listings.api.fields import LanguageCodeField, ListingStatusField, NorwegianLevelField
from listings.models import Listing, ListingKind, SavedListing, SavedSearch
from reference.models import Bydel, Kommune, Occupation
from reference.names import occupation_name


class ScreeningQuestionSerializer(serializers.Serializer[dict[str, Any]]):
    id = serializers.IntegerField(read_only=True)
    text = serializers.CharField(max_length=300)
    required_answer = serializers.BooleanField(required=False, allow_null=True, default=None)


class ListingOutputSerializer(serializers.ModelSerializer[Listing]):
    organisation_name = serializers.CharField(source="organisation.name")
    organisation_verified = serializers.BooleanField(source="organisation.verified")
    occupation = serializers.CharField(source="occupation_id")
    occupation_title = serializers.SerializerMethodField(
        help_text=_(
            "The occupation's name in the request's language (Accept-Language), or the "
            "Norwegian STYRK-08 title where that language has no translation yet."
        )
    )
    occupation_title_nb = serializers.CharField(source="occupation.title_nb")
    kommune = serializers.CharField(source="kommune_id")
    kommune_name = serializers.CharField(source="kommune.name")
    bydel = serializers.CharField(source="bydel_id", allow_null=True)
    paid = serializers.BooleanField(source="is_paid")
    status = ListingStatusField(read_only=True)
    norwegian_spoken = NorwegianLevelField(read_only=True)
    norwegian_written = NorwegianLevelField(read_only=True)
    workplace_languages = serializers.ListField(child=LanguageCodeField(), read_only=True)
    screening_questions = ScreeningQuestionSerializer(many=True)

    def get_occupation_title(self, listing: Listing) -> str:
        return occupation_name(listing.occupation)

    class Meta:
        model = Listing
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "organisation_verified",
            "kind",
            "status",
            "title",
            "description",
            "occupation",
            "occupation_title",
            "occupation_title_nb",
            "kommune",
            "kommune_name",
            "bydel",
            "address",
            "position_percent",
            "schedule",
            "start_date",
            "duration_months",
            "paid",
            "monthly_wage",
            "days_per_week",
            "work_hours_per_week",
            "tuition_hours_per_week",
            "intention_agreement",
            "norwegian_spoken",
            "norwegian_written",
            "workplace_languages",
            "positions",
            "deadline",
            "anonymous_review",
            "screening_questions",
            "published_at",
            "closed_at",
        ]


class ListingCreateInputSerializer(serializers.Serializer[dict[str, Any]]):
    """The types of a listing's fields; the rules between them live in the model and services."""

    organisation = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ListingKind.choices)
    title = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=5000)
    occupation = serializers.PrimaryKeyRelatedField(queryset=Occupation.objects.all())
    kommune = serializers.PrimaryKeyRelatedField(queryset=Kommune.objects.all())
    bydel = serializers.PrimaryKeyRelatedField(
        queryset=Bydel.objects.all(), required=False, allow_null=True
    )
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    position_percent = serializers.IntegerField(min_value=1, max_value=100)
    schedule = serializers.CharField(max_length=200, required=False, allow_blank=True)
    start_date = serializers.DateField()
    duration_months = serializers.IntegerField(
        min_value=1, max_value=60, required=False, allow_null=True
    )
    monthly_wage = serializers.IntegerField(
        min_value=0, max_value=1_000_000, required=False, allow_null=True
    )
    days_per_week = serializers.IntegerField(
        min_value=1, max_value=5, required=False, allow_null=True
    )
    work_hours_per_week = serializers.IntegerField(
        min_value=1, max_value=40, required=False, allow_null=True
    )
    tuition_hours_per_week = serializers.IntegerField(
        min_value=1, max_value=40, required=False, allow_null=True
    )
    intention_agreement = serializers.BooleanField(required=False)
    norwegian_spoken = NorwegianLevelField(required=False)
    norwegian_written = NorwegianLevelField(required=False)
    workplace_languages = serializers.ListField(
        child=LanguageCodeField(),
        required=False,
        max_length=len(WORKPLACE_LANGUAGES),
    )
    positions = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    deadline = serializers.DateField()
    anonymous_review = serializers.BooleanField(
        required=False,
        help_text=_(
            "Hide the applicants' names until the interview. Fixed once someone has applied: "
            "a change is refused with 400 naming this field."
        ),
    )
    screening_questions = ScreeningQuestionSerializer(many=True, required=False)


class ListingUpdateInputSerializer(ListingCreateInputSerializer):
    """Every field optional (PATCH); the organisation never changes."""

    organisation = None  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


class ListingSearchInputSerializer(serializers.Serializer[dict[str, Any]]):
    q = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=ListingKind.choices, required=False)
    fylke = serializers.RegexField(r"^\d{2}$", required=False)
    kommune = serializers.CharField(max_length=4, required=False)
    bydel = serializers.CharField(max_length=6, required=False)
    occupation = serializers.RegexField(r"^\d{1,4}$", required=False)
    position_percent_min = serializers.IntegerField(min_value=1, max_value=100, required=False)
    position_percent_max = serializers.IntegerField(min_value=1, max_value=100, required=False)
    start_from = serializers.DateField(required=False)
    start_to = serializers.DateField(required=False)
    paid = serializers.BooleanField(required=False, allow_null=True, default=None)
    norwegian_level = NorwegianLevelField(
        required=False, help_text=_("Both levels at once: spoken and written at most this.")
    )
    norwegian_spoken = NorwegianLevelField(
        required=False, help_text=_("The spoken level a listing asks for: at most this.")
    )
    norwegian_written = NorwegianLevelField(
        required=False, help_text=_("The written level a listing asks for: at most this.")
    )
    languages = serializers.ListField(
        child=LanguageCodeField(),
        required=False,
        max_length=len(WORKPLACE_LANGUAGES),
    )


class ListingSearchQuerySerializer(ListingSearchInputSerializer):
    """The search's query parameters: its filters, and whether to count the facets."""

    facets = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Also count, for each filter, how many listings each of its values would leave "
            "(every other filter applied). The count of results is then exact."
        ),
    )


class CountsSerializer(serializers.DictField):
    child = serializers.IntegerField()


class SearchFacetsSerializer(serializers.Serializer[Any]):
    """Facet counts: for each filter, its values and how many listings each leaves."""

    kind = CountsSerializer()
    fylke = CountsSerializer(help_text=_("By fylke number."))
    kommune = CountsSerializer(help_text=_("By kommune number."))
    occupation = CountsSerializer(
        help_text=_("By STYRK-08 code: the major groups (1 digit) and sub-major groups (2).")
    )
    norwegian_spoken = CountsSerializer(
        help_text=_("For each level: the listings asking for at most it in speaking.")
    )
    norwegian_written = CountsSerializer(
        help_text=_("For each level: the listings asking for at most it in writing.")
    )
    languages = CountsSerializer()
    start_month = CountsSerializer(help_text=_("By month of the start date (YYYY-MM)."))


class SavedListingOutputSerializer(serializers.ModelSerializer[SavedListing]):
    listing = ListingOutputSerializer()

    class Meta:
        model = SavedListing
        fields = ["id", "listing", "created_at"]


class SavedListingInputSerializer(serializers.Serializer[dict[str, Any]]):
    listing = serializers.IntegerField()


class SavedSearchOutputSerializer(serializers.ModelSerializer[SavedSearch]):
    class Meta:
        model = SavedSearch
        fields = ["id", "name", "query", "filters", "created_at"]


class SavedSearchInputSerializer(serializers.Serializer[dict[str, Any]]):
    name = serializers.CharField(max_length=80)
    query = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    filters = ListingSearchInputSerializer(required=False)
