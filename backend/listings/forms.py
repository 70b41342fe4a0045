"""The employer's listing editor: the listing's fields and its screening questions.

The form checks each field's shape (types, ranges, lengths, plain text); the rules between
fields (a praksisplass is unpaid, an innstegsjobb has tuition hours...) are the model's and the
services', whose messages the view puts back on the fields they name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import NameField, Textarea
from common.validators import WORKPLACE_LANGUAGES, validate_plain_text
from listings.models import Listing, ListingKind, NorwegianLevel, ScreeningQuestion
from listings.services import EDITABLE_FIELDS, MAX_SCREENING_QUESTIONS, ScreeningQuestionData
from organisations.forms import bydel_field, kommune_field, verbose
from reference.models import Occupation
from reference.names import occupation_name


class OccupationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Occupation) -> str:
        return f"{obj.code} {occupation_name(obj)}"


def _label(name: str) -> Any:
    return verbose(Listing, name)


def _help(name: str) -> Any:
    field = Listing._meta.get_field(name)
    return field.help_text if isinstance(field, models.Field) else ""


def _text(name: str, *, max_length: int, required: bool = True, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=_label(name),
        max_length=max_length,
        required=required,
        help_text=_help(name),
        validators=[validate_plain_text],
        **kwargs,
    )


def _number(
    name: str, *, low: int, high: int, required: bool = False, **kwargs: Any
) -> forms.IntegerField:
    return forms.IntegerField(
        label=_label(name), min_value=low, max_value=high, required=required, **kwargs
    )


def _date(name: str) -> forms.DateField:
    return forms.DateField(
        label=_label(name), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ListingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_label("kind"), choices=ListingKind.choices, widget=forms.RadioSelect
    )
    title = NameField(
        label=_label("title"),
        max_length=120,
        help_text=_help("title"),
        validators=[validate_plain_text],
    )
    description = _text("description", max_length=5000, widget=Textarea(attrs={"rows": 8}))
    occupation = OccupationChoiceField(
        queryset=Occupation.objects.filter(level=4).order_by("title_nb"),
        label=_label("occupation"),
        help_text=_("The STYRK-08 occupation closest to the work."),
        error_messages={"invalid_choice": _("Unknown occupation: choose one from the list.")},
    )
    kommune = kommune_field(label=_label("kommune"))
    bydel = bydel_field(label=_label("bydel"))
    address = _text("address", max_length=200, required=False)
    position_percent = _number("position_percent", low=1, high=100, required=True)
    schedule = _text("schedule", max_length=200, required=False)
    start_date = _date("start_date")
    duration_months = _number("duration_months", low=1, high=60)
    monthly_wage = _number(
        "monthly_wage",
        low=0,
        high=1_000_000,
        help_text=_("For every kind except a praksisplass, which is unpaid."),
    )
    days_per_week = _number("days_per_week", low=1, high=5, help_text=_("For a praksisplass."))
    work_hours_per_week = _number(
        "work_hours_per_week", low=1, high=40, help_text=_("For an innstegsjobb.")
    )
    tuition_hours_per_week = _number(
        "tuition_hours_per_week", low=1, high=40, help_text=_("For an innstegsjobb.")
    )
    intention_agreement = forms.BooleanField(
        label=_label("intention_agreement"),
        required=False,
        help_text=_("For an apprenticeship (læreplass)."),
    )
    norwegian_spoken = forms.ChoiceField(
        label=_label("norwegian_spoken"), choices=NorwegianLevel.choices, initial="A0"
    )
    norwegian_written = forms.ChoiceField(
        label=_label("norwegian_written"), choices=NorwegianLevel.choices, initial="A0"
    )
    workplace_languages = forms.MultipleChoiceField(
        label=_label("workplace_languages"),
        choices=list(WORKPLACE_LANGUAGES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    positions = _number("positions", low=1, high=1000, required=True, initial=1)
    deadline = _date("deadline")
    anonymous_review = forms.BooleanField(
        label=_label("anonymous_review"),
        required=False,
        initial=True,
        help_text=_help("anonymous_review"),
    )

    def __init__(self, *args: Any, anonymous_review_fixed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if anonymous_review_fixed:
            # A disabled field keeps its initial value whatever a forged POST says.
            field = self.fields["anonymous_review"]
            field.disabled = True
            field.help_text = _(
                "This cannot be changed: people have applied on this condition. A name is "
                "shown when you invite that person to an interview."
            )

    def clean_deadline(self) -> Any:
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The application deadline has passed."))
        return deadline

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}

    @staticmethod
    def initial_for(listing: Listing) -> dict[str, Any]:
        initial = {name: getattr(listing, name) for name in EDITABLE_FIELDS}
        for name in ("occupation", "kommune", "bydel"):
            initial[name] = getattr(listing, f"{name}_id")
        return initial


ANSWER_CHOICES = [("", _("Either answer")), ("yes", _("Yes")), ("no", _("No"))]


def _answer(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class ScreeningQuestionForm(forms.Form):
    text = forms.CharField(
        label=verbose(ScreeningQuestion, "text"),
        max_length=300,
        required=False,
        validators=[validate_plain_text],
        help_text=_("A yes/no question. Leave empty to ask nothing here."),
    )
    required_answer = forms.TypedChoiceField(
        label=_("Answer you need"),
        choices=ANSWER_CHOICES,
        coerce=_answer,
        empty_value=None,
        required=False,
        help_text=_("Applicants who give the other answer are shown as not meeting it."),
    )


if TYPE_CHECKING:
    _BaseFormSet = forms.BaseFormSet[ScreeningQuestionForm]
else:
    _BaseFormSet = forms.BaseFormSet  # generic only for the type checker


class BaseScreeningQuestionFormSet(_BaseFormSet):
    def questions(self) -> list[ScreeningQuestionData]:
        """The filled-in questions in page order; empty rows ask nothing."""
        return [
            {
                "text": form.cleaned_data["text"],
                "required_answer": form.cleaned_data["required_answer"],
            }
            for form in self.forms
            if form.cleaned_data.get("text")
        ]


ScreeningQuestionFormSet = cast(
    type[BaseScreeningQuestionFormSet],
    forms.formset_factory(
        ScreeningQuestionForm,
        formset=BaseScreeningQuestionFormSet,
        extra=3,
        max_num=MAX_SCREENING_QUESTIONS,
        validate_max=True,
        absolute_max=MAX_SCREENING_QUESTIONS,
    ),
)


def question_initial(listing: Listing) -> list[dict[str, Any]]:
    answers = {True: "yes", False: "no", None: ""}
    return [
        {"text": question.text, "required_answer": answers[question.required_answer]}
        for question in listing.screening_questions.all()
    ]
