"""Forms of the employer's pages: they check the shape of the input, the services the rules.

`verbose`, `kommune_field` and `bydel_field` are shared with the listing editor.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from common.forms import NameField
from common.validators import validate_plain_text
from organisations.models import Invitation, MemberRights, Organisation
from organisations.validators import clean_orgnr
from reference.models import AgaZone, Bydel, Kommune


def verbose(model: Any, name: str) -> Any:
    """A model field's label, so that a form and the admin say the same."""
    return capfirst(model._meta.get_field(name).verbose_name)


def kommune_field(*, label: Any) -> forms.ModelChoiceField[Kommune]:
    return forms.ModelChoiceField(
        queryset=Kommune.objects.order_by("name"),
        label=label,
        error_messages={"invalid_choice": _("Unknown kommune: choose one from the list.")},
    )


def bydel_field(*, label: Any) -> forms.ModelChoiceField[Bydel]:
    return forms.ModelChoiceField(
        queryset=Bydel.objects.order_by("number"),
        label=label,
        required=False,
        help_text=_("Only for Oslo."),
        error_messages={"invalid_choice": _("Unknown bydel: choose one from the list.")},
    )


class OrganisationForm(forms.Form):
    """The profile of an organisation, as its administrators keep it."""

    name = NameField(
        label=verbose(Organisation, "name"), max_length=200, validators=[validate_plain_text]
    )
    kommune = kommune_field(label=verbose(Organisation, "kommune"))
    bydel = bydel_field(label=verbose(Organisation, "bydel"))
    address = forms.CharField(
        label=verbose(Organisation, "address"),
        max_length=200,
        required=False,
        validators=[validate_plain_text],
    )
    aga_zone = forms.ChoiceField(
        label=verbose(Organisation, "aga_zone"),
        choices=[("", _("The kommune's zone")), *AgaZone.choices],
        required=False,
        help_text=_("Choose only if the kommune is split between zones."),
    )
    employees = forms.IntegerField(
        label=verbose(Organisation, "employees"), min_value=1, max_value=1_000_000
    )

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["aga_zone"] = data.get("aga_zone") or None
        return data


class OrganisationRegisterForm(OrganisationForm):
    orgnr = forms.CharField(
        label=verbose(Organisation, "orgnr"),
        max_length=20,
        help_text=_("9 digits, as in the Brønnøysund Register Centre."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    field_order = ["orgnr", "name", "kommune", "bydel", "address", "aga_zone", "employees"]

    def clean_orgnr(self) -> str:
        # Checked at once, so a mistyped number is caught before anything else is looked at.
        return clean_orgnr(self.cleaned_data["orgnr"])


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the colleague"),
        help_text=_(
            "We email them a link. They join when they accept it, signed in with an employer "
            "account."
        ),
    )
    rights = forms.ChoiceField(
        label=verbose(Invitation, "rights"),
        choices=MemberRights.choices,
        initial=MemberRights.MEMBER,
        widget=forms.RadioSelect,
    )
