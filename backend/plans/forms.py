"""Forms of the plan pages. They check types and choices; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from placements.models import PlacementAgreement
from plans.models import (
    Competence,
    DevelopmentPlan,
    Education,
    EvaluationRating,
    PlanStep,
    ReferenceLetter,
)
from plans.services import (
    COMPETENCE_FIELDS,
    EDUCATION_FIELDS,
    LETTER_FIELDS,
    PLAN_FIELDS,
    STEP_FIELDS,
)
from reference.models import Occupation


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class OccupationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.title_nb}"


def _occupations() -> QuerySet[Occupation]:
    return Occupation.objects.filter(level=4).order_by("code")


class _ServiceForm(forms.ModelForm):
    """A model form whose values go to a service: `values()` gives them by field name."""

    service_fields: frozenset[str] = frozenset()

    def values(self) -> dict[str, Any]:
        names = [name for name in self.fields if name in self.service_fields]
        return {name: self.cleaned_data[name] for name in names}


class PlanForm(_ServiceForm):
    service_fields = PLAN_FIELDS
    goal_occupation = OccupationChoiceField(
        queryset=_occupations(),
        required=False,
        label=_("Occupation aimed for"),
        help_text=_("The kind of work, by its STYRK-08 code."),
    )

    class Meta:
        model = DevelopmentPlan
        fields = (
            "goal_kind",
            "goal_occupation",
            "goal_education",
            "norwegian_spoken_now",
            "norwegian_written_now",
            "norwegian_spoken_target",
            "norwegian_written_target",
        )


class StepForm(_ServiceForm):
    service_fields = STEP_FIELDS

    class Meta:
        model = PlanStep
        fields = (
            "kind",
            "title",
            "details",
            "owner",
            "start_date",
            "due_date",
            "status",
            "agreement",
        )
        widgets = {
            "start_date": _DateInput(),
            "due_date": _DateInput(),
            "details": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, agreements: QuerySet[PlacementAgreement], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["agreement"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agreements
        field.label_from_instance = lambda agreement: (  # type: ignore[assignment]
            f"{agreement.application.listing.title} ({agreement.organisation.name})"
        )


class CompetenceForm(_ServiceForm):
    service_fields = COMPETENCE_FIELDS
    occupation = OccupationChoiceField(
        queryset=_occupations(),
        required=False,
        label=_("Occupation"),
        help_text=_("The STYRK-08 occupation the skill or experience belongs to, if any."),
    )

    class Meta:
        model = Competence
        fields = ("kind", "title", "description", "occupation", "years", "source")
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class EducationForm(_ServiceForm):
    service_fields = EDUCATION_FIELDS

    class Meta:
        model = Education
        fields = (
            "level",
            "title",
            "country",
            "completed_year",
            "recognition_status",
            "recognition_note",
            "source",
        )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Your note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only you write here. Your guide and veileder can read it."),
    )
    step = forms.ModelChoiceField(
        queryset=PlanStep.objects.none(),
        required=False,
        label=_("About the step"),
        empty_label=_("The whole plan"),
    )

    def __init__(self, *args: Any, plan: DevelopmentPlan, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["step"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = plan.steps.all()


class EvaluationForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("How did the placement go?"),
        choices=EvaluationRating.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Your evaluation"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences: what went well, what could be better."),
    )


class LetterForm(_ServiceForm):
    service_fields = LETTER_FIELDS

    class Meta:
        model = ReferenceLetter
        fields = ("signer_name", "signer_title", "tasks", "statement", "statement_translated")
        widgets = {
            "tasks": forms.Textarea(attrs={"rows": 4}),
            "statement": forms.Textarea(attrs={"rows": 5}),
            "statement_translated": forms.Textarea(attrs={"rows": 5}),
        }
