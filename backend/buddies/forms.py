"""The buddy forms; the services check and save what they hold."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from buddies.models import Availability, BuddyRequest, ContactWay, EndReason, Interest, Volunteer
from common.validators import WORKPLACE_LANGUAGES
from organisations.forms import bydel_field, kommune_field
from reference.models import Kommune


def _checkboxes(label: Any, choices: Iterable[tuple[str, Any]], **kwargs: Any) -> Any:
    return forms.MultipleChoiceField(
        label=label, choices=list(choices), widget=forms.CheckboxSelectMultiple, **kwargs
    )


class BuddyProfileForm(forms.Form):
    languages = _checkboxes(
        _("Languages I speak"),
        WORKPLACE_LANGUAGES.items(),
        help_text=_("A buddy is only proposed to someone who speaks one of them too."),
    )
    interests = _checkboxes(_("What I like doing"), Interest.choices, required=False)
    kommune = kommune_field(label=_("Kommune where I live"))
    bydel = bydel_field(label=_("Bydel"))
    availability = _checkboxes(_("When I am free"), Availability.choices)

    @classmethod
    def initial_from(cls, profile: Volunteer | BuddyRequest | None) -> dict[str, Any]:
        if profile is None:
            return {}
        return {
            "languages": profile.languages,
            "interests": profile.interests,
            "kommune": profile.kommune_id,
            "bydel": profile.bydel_id,
            "availability": profile.availability,
        }


class VolunteerForm(BuddyProfileForm):
    available = forms.BooleanField(
        label=_("I can take on a newcomer now"),
        required=False,
        initial=True,
        help_text=_("Untick to pause: no new proposals until you tick it again."),
    )


class BuddyRequestForm(BuddyProfileForm):
    active = forms.BooleanField(
        label=_("I want a buddy"),
        required=False,
        initial=True,
        help_text=_("Untick to stop. A proposal waiting for you is then declined."),
    )


class AcceptForm(forms.Form):
    shares = _checkboxes(
        _("When we have both accepted, my buddy may see"),
        ContactWay.choices,
        help_text=_("Your first name, languages and area are always shown."),
    )


class EndForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why does the match end?"), choices=EndReason.choices)


class CheckInForm(forms.Form):
    happened_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(
        label=_("Short note"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you did and how it went. No health or other sensitive details."),
    )


class ProposeForm(forms.Form):
    volunteer = forms.IntegerField(widget=forms.HiddenInput)
    newcomer = forms.IntegerField(widget=forms.HiddenInput)


class AppointForm(forms.Form):
    email = forms.EmailField(
        label=_("Email of the person to appoint"),
        help_text=_("They must already have an account as a guide, veileder or volunteer buddy."),
    )
    kommune = forms.ModelChoiceField(queryset=Kommune.objects.none(), label=_("Kommune"))
    organisation_name = forms.CharField(
        label=_("Volunteer organisation"),
        max_length=150,
        required=False,
        help_text=_("Leave empty when they coordinate for the kommune itself."),
    )

    def __init__(self, *args: Any, kommuner: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kommune"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Kommune.objects.filter(number__in=list(kommuner)).order_by("name")
