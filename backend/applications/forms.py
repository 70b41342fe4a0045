"""The newcomer's forms: the applicant profile and the two-tap application."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import ApplicantProfile
from common.forms import Textarea
from common.validators import WORKPLACE_LANGUAGES
from common.written_language import labelled_text
from listings.models import Listing, NorwegianLevel

PROFILE_FIELDS = (
    "languages",
    "norwegian_spoken",
    "norwegian_written",
    "experience",
    "availability",
)
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ApplicantProfileForm(forms.Form):
    """The profile's fields; `applicant_profile_update` checks and saves them."""

    languages = forms.MultipleChoiceField(
        label=_("Languages I speak"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    norwegian_spoken = forms.ChoiceField(
        label=_("My spoken Norwegian"), choices=NorwegianLevel.choices
    )
    norwegian_written = forms.ChoiceField(
        label=_("My written Norwegian"), choices=NorwegianLevel.choices
    )
    experience = forms.CharField(
        label=_("Work experience"),
        max_length=2000,
        required=False,
        widget=Textarea({"rows": 4}),
        help_text=_("Work you have done, here or in another country. Short is fine."),
    )
    availability = forms.CharField(
        label=_("When I can work"),
        max_length=200,
        required=False,
        help_text=_("For example: weekdays from 8, not Fridays."),
    )

    def __init__(self, *args: Any, profile: ApplicantProfile, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: getattr(profile, name) for name in PROFILE_FIELDS})
        super().__init__(*args, **kwargs)
        languages = self.fields["languages"]
        assert isinstance(languages, forms.MultipleChoiceField)
        languages.choices = sorted(WORKPLACE_LANGUAGES.items(), key=lambda item: str(item[1]))


class ApplyForm(forms.Form):
    """An optional message, and a yes/no answer to each screening question of the listing."""

    message = forms.CharField(
        label=_("Message to the employer (optional)"),
        max_length=1000,
        required=False,
        widget=Textarea({"rows": 3}),
        help_text=_("A few words about why you want this place. You can leave it empty."),
    )

    def __init__(self, *args: Any, listing: Listing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(listing.screening_questions.all())
        for question in self.questions:
            self.fields[self.question_field(question.pk)] = forms.ChoiceField(
                label=labelled_text(question.text), choices=YES_NO, widget=forms.RadioSelect
            )

    @staticmethod
    def question_field(pk: int) -> str:
        return f"question_{pk}"

    def answers(self) -> dict[int, bool]:
        return {
            question.pk: self.cleaned_data[self.question_field(question.pk)] == "yes"
            for question in self.questions
        }
