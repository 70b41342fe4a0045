"""The search form of the listing search page: words and filters, read from the query string."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from common.validators import WORKPLACE_LANGUAGES
from listings.models import ListingKind, NorwegianLevel
from listings.selectors import ListingFilters
from reference.models import Bydel, Kommune, Occupation
from reference.names import occupation_name

PAID_CHOICES = [("", _("Paid or unpaid")), ("yes", _("Paid")), ("no", _("Unpaid"))]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words"), max_length=200, required=False, widget=forms.TextInput({"type": "search"})
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *ListingKind.choices], required=False
    )
    kommune = forms.ChoiceField(label=_("Kommune"), required=False)
    bydel = forms.ChoiceField(label=_("Bydel in Oslo"), required=False)
    occupation = forms.ChoiceField(label=_("Field of work"), required=False)
    paid = forms.ChoiceField(label=_("Pay"), choices=PAID_CHOICES, required=False)
    norwegian_level = forms.ChoiceField(
        label=_("My Norwegian level"),
        choices=[("", _("Any level")), *NorwegianLevel.choices],
        required=False,
        help_text=_("Shows places that ask for this level or lower."),
    )
    position_percent_min = forms.IntegerField(
        label=_("Position at least (%)"), min_value=1, max_value=100, required=False
    )
    start_from = forms.DateField(
        label=_("Starts on or after"), required=False, widget=forms.DateInput({"type": "date"})
    )
    start_to = forms.DateField(
        label=_("Starts on or before"), required=False, widget=forms.DateInput({"type": "date"})
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken at the work place"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kommune_field = self.fields["kommune"]
        assert isinstance(kommune_field, forms.ChoiceField)
        kommune_field.choices = [
            ("", _("All of Norway")),
            *Kommune.objects.order_by("name").values_list("number", "name"),
        ]
        bydel_field = self.fields["bydel"]
        assert isinstance(bydel_field, forms.ChoiceField)
        bydel_field.choices = [
            ("", _("All bydeler")),
            *Bydel.objects.filter(kommune_id="0301").order_by("name").values_list("number", "name"),
        ]
        occupation_field = self.fields["occupation"]
        assert isinstance(occupation_field, forms.ChoiceField)
        occupation_field.choices = [
            ("", _("All fields of work")),
            *(
                (occupation.code, occupation_name(occupation))
                for occupation in Occupation.objects.filter(level=2).order_by("code")
            ),
        ]
        # A link may name a narrower group (a "same field of work" suggestion): let it through.
        chosen = self.data.get("occupation", "") if self.is_bound else ""
        if chosen and chosen not in dict(occupation_field.choices):
            group = Occupation.objects.filter(code=chosen).first()
            if group is not None:
                occupation_field.choices = [
                    *occupation_field.choices,
                    (group.code, occupation_name(group)),
                ]
        languages_field = self.fields["languages"]
        assert isinstance(languages_field, forms.MultipleChoiceField)
        languages_field.choices = sorted(WORKPLACE_LANGUAGES.items(), key=lambda item: str(item[1]))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start_from, start_to = cleaned.get("start_from"), cleaned.get("start_to")
        if start_from and start_to and start_to < start_from:
            self.add_error("start_to", _("This date must not lie before the first one."))
        return cleaned

    def filters(self) -> ListingFilters:
        """The filters of a valid form."""
        data = self.cleaned_data
        paid = {"yes": True, "no": False}.get(data.get("paid") or "")
        return ListingFilters(
            kind=data.get("kind") or None,
            kommune=data.get("kommune") or None,
            bydel=data.get("bydel") or None,
            occupation=data.get("occupation") or None,
            position_percent_min=data.get("position_percent_min"),
            start_from=data.get("start_from"),
            start_to=data.get("start_to"),
            paid=paid,
            norwegian_level=data.get("norwegian_level") or None,
            languages=tuple(data.get("languages") or ()),
        )
