"""Forms of the agreement pages. They check types; the services check the rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.fields import PhoneNumberField
from common.forms import Textarea
from listings.models import UNPAID_KINDS, ListingKind
from placements.models import AgreementStatus, PlacementAgreement
from placements.services import TERM_FIELDS
from placements.validators import GOAL_KINDS, validate_goals

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


# The form field of each goal kind.
GOAL_FIELDS = {kind: f"goals_{kind}" for kind in GOAL_KINDS}


def _goal_field(label: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        widget=Textarea(attrs={"rows": 3}),
        help_text=_("One goal on each line."),
    )


class TermsForm(forms.Form):
    """The terms of an agreement. Wage only for paid kinds, tuition only for an innstegsjobb."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    start_date = forms.DateField(label=_("Start date"), widget=_DateInput())
    end_date = forms.DateField(label=_("End date"), required=False, widget=_DateInput())
    hours_per_week = forms.DecimalField(
        label=_("Hours of work per week"), max_digits=4, decimal_places=1, min_value=1
    )
    tuition_hours_per_week = forms.DecimalField(
        label=_("Hours of Norwegian tuition per week"),
        max_digits=4,
        decimal_places=1,
        min_value=1,
        required=False,
    )
    monthly_wage_nok = forms.DecimalField(
        label=_("Monthly wage (NOK)"), max_digits=9, decimal_places=2, min_value=0, required=False
    )
    position_percent = forms.IntegerField(label=_("Position percent"), min_value=1, max_value=100)
    supervisor_name = forms.CharField(
        label=_("Supervisor at the work place"),
        max_length=150,
        required=False,
        help_text=_("The person who guides the newcomer at work every day."),
    )
    supervisor_phone = PhoneNumberField(label=_("Supervisor's phone number"), required=False)
    goals_language = _goal_field(_("Language goals"))
    goals_work_skills = _goal_field(_("Work skills goals"))
    goals_trade_certificate = _goal_field(_("Trade certificate goals"))

    def __init__(self, *args: Any, agreement: PlacementAgreement, **kwargs: Any) -> None:
        goals: dict[str, list[str]] = {kind: [] for kind in GOAL_KINDS}
        for goal in agreement.goals:
            goals[goal["kind"]].append(goal["text"])
        kwargs["initial"] = {
            "version": agreement.version,
            **{name: getattr(agreement, name) for name in TERM_FIELDS if name != "goals"},
            **{GOAL_FIELDS[kind]: "\n".join(texts) for kind, texts in goals.items()},
        }
        super().__init__(*args, **kwargs)
        if agreement.kind != ListingKind.INNSTEGSJOBB:
            del self.fields["tuition_hours_per_week"]
        if agreement.kind in UNPAID_KINDS:
            del self.fields["monthly_wage_nok"]
        if agreement.status != AgreementStatus.DRAFT:
            self.fields["end_date"].required = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["goals"] = []
        for kind, name in GOAL_FIELDS.items():
            text = cleaned.get(name, "")
            goals = [{"kind": kind, "text": line.strip()} for line in text.splitlines()]
            goals = [goal for goal in goals if goal["text"]]
            try:
                validate_goals(goals)
            except ValidationError as error:
                self.add_error(name, error)
            else:
                cleaned["goals"].extend(goals)
        return cleaned

    def terms(self) -> dict[str, Any]:
        """The cleaned terms, as the service takes them."""
        return {name: self.cleaned_data[name] for name in TERM_FIELDS if name in self.cleaned_data}


class ApproveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class OnBehalfForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why the newcomer cannot approve themselves"),
        max_length=500,
        widget=Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: no BankID, or no digital access. This is kept with the agreement."
        ),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the agreement cancelled?"),
        max_length=500,
        widget=Textarea(attrs={"rows": 3}),
    )


class AgreementFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *AgreementStatus.choices],
    )
