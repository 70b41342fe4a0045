"""The search form of the listing search page: words and filters, read from the query string.

The long choice lists come from listings.search_choices, built and rendered once per language:
the fylke, bydel and field-of-work selects and the workplace languages print cached markup with
the chosen value marked; a kommune is typed by name (or number), not picked from 357 options.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.validators import WORKPLACE_LANGUAGES
from listings.models import ListingKind, NorwegianLevel
from listings.search_choices import SearchChoices, current_version, search_choices
from listings.selectors import ListingFilters
from reference.models import Occupation
from reference.names import occupation_name

__all__ = ["SearchForm", "separate_levels"]

PAID_CHOICES = [("", _("Paid or unpaid")), ("yes", _("Paid")), ("no", _("Unpaid"))]
LEVEL_CHOICES = [("", _("Any level")), *NorwegianLevel.choices]


class CachedOptionsSelect(forms.Select):
    """A select whose options are markup rendered once (see search_choices); the chosen value
    is marked in a copy. `options_html` and `blank` are set by the form."""

    options_html = ""
    blank: Any = ""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = value[0] if isinstance(value, list | tuple) and value else value
        options = _mark(
            format_html('<option value="">{}</option>', self.blank) + self.options_html,
            "selected",
            [str(chosen)] if chosen else [],
            '<option value="{}"',
        )
        return mark_safe(f"<select{flatatt(final)}>{options}</select>")  # noqa: S308


class CachedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes rendered once per language; the ticked ones are marked in a copy."""

    options_html = ""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs or {})
        chosen = [str(code) for code in value or ()]
        boxes = _mark(self.options_html, "checked", chosen, '<input type="checkbox" value="{}"')
        return mark_safe(f'<div{flatatt(final)} class="checks">{boxes}</div>')  # noqa: S308


class _DirectInput:
    """An input rendered by a format string rather than a template: the same markup as
    Django's input.html, without a template render per field on every search."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        html = format_html('<input type="{}" name="{}"', widget["type"], name)
        if widget["value"] is not None:
            html += format_html(' value="{}"', widget["value"])
        return mark_safe(f"{html}{flatatt(widget['attrs'])}>")  # noqa: S308


class SearchInput(_DirectInput, forms.TextInput):
    pass


class NumberInput(_DirectInput, forms.NumberInput):
    pass


class DateInput(_DirectInput, forms.DateInput):
    pass


def _mark(markup: str, attribute: str, values: list[str], pattern: str) -> str:
    for value in values:
        opening = pattern.format(escape(value))
        markup = markup.replace(opening, f"{opening} {attribute}", 1)
    return markup


def separate_levels(data: QueryDict) -> QueryDict:
    """`norwegian_level` (both levels at once, as older saved searches and links have it) as
    the separate spoken and written levels the form asks for."""
    data = data.copy()
    both = data.pop("norwegian_level", [""])[-1]
    if both:
        for name in ("norwegian_spoken", "norwegian_written"):
            data.setdefault(name, both)
    return data


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words"), max_length=200, required=False, widget=SearchInput({"type": "search"})
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds")), *ListingKind.choices],
        required=False,
        widget=CachedOptionsSelect,
    )
    fylke = forms.ChoiceField(label=_("Fylke"), required=False, widget=CachedOptionsSelect)
    kommune = forms.CharField(
        label=_("Kommune"),
        max_length=100,
        required=False,
        help_text=_("Type its name, for example Bergen."),
        widget=SearchInput({"autocomplete": "off"}),
    )
    bydel = forms.ChoiceField(label=_("Bydel in Oslo"), required=False, widget=CachedOptionsSelect)
    occupation = forms.ChoiceField(
        label=_("Field of work"), required=False, widget=CachedOptionsSelect
    )
    paid = forms.ChoiceField(
        label=_("Pay"), choices=PAID_CHOICES, required=False, widget=CachedOptionsSelect
    )
    norwegian_spoken = forms.ChoiceField(
        label=_("Norwegian I speak"),
        choices=LEVEL_CHOICES,
        required=False,
        widget=CachedOptionsSelect,
        help_text=_("Shows places that ask for this level or lower."),
    )
    norwegian_written = forms.ChoiceField(
        label=_("Norwegian I write"),
        choices=LEVEL_CHOICES,
        required=False,
        widget=CachedOptionsSelect,
        help_text=_("Shows places that ask for this level or lower."),
    )
    position_percent_min = forms.IntegerField(
        label=_("Position at least (%)"),
        min_value=1,
        max_value=100,
        required=False,
        widget=NumberInput,
    )
    start_from = forms.DateField(
        label=_("Starts on or after"), required=False, widget=DateInput({"type": "date"})
    )
    start_to = forms.DateField(
        label=_("Starts on or before"), required=False, widget=DateInput({"type": "date"})
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken at the work place"),
        choices=list(WORKPLACE_LANGUAGES.items()),
        required=False,
        widget=CachedCheckboxes,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices: SearchChoices = search_choices()
        choices = self.choices
        self._cached_select("fylke", choices.fylker, _("All of Norway"), "fylke")
        self._cached_select("bydel", choices.bydeler, _("All bydeler"), "bydel")
        self._cached_select(
            "occupation",
            list(choices.occupation_titles.items()),
            _("All fields of work"),
            "occupation",
        )
        # A link may name a narrower group (a "same field of work" suggestion): let it through.
        chosen = self.data.get("occupation", "") if self.is_bound else ""
        if chosen and chosen not in choices.occupation_titles:
            group = Occupation.objects.filter(code=chosen).first()
            occupation_field = self.fields["occupation"]
            if group is not None and isinstance(occupation_field, forms.ChoiceField):
                occupation_field.choices = [
                    *list(occupation_field.choices),  # type: ignore[arg-type]
                    (group.code, occupation_name(group)),
                ]
        for name in ("kind", "paid", "norwegian_spoken", "norwegian_written"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            widget = field.widget
            assert isinstance(widget, CachedOptionsSelect)
            widget.blank = field.choices[0][1]  # type: ignore[index]
            widget.options_html = choices.options_markup[name]
        boxes = self.fields["languages"].widget
        assert isinstance(boxes, CachedCheckboxes)
        boxes.options_html = choices.options_markup["languages"]

    def _cached_select(
        self, name: str, values: list[tuple[str, str]], blank: Any, key: str
    ) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", blank), *values]
        widget = field.widget
        assert isinstance(widget, CachedOptionsSelect)
        widget.options_html = self.choices.options_markup[key]
        widget.blank = blank

    def markup_key(self) -> str:
        """What this form's markup depends on, for the page to cache it by: the language, the
        reference data's version and the values given for its fields (its errors follow from
        those)."""
        given = (
            sorted((name, self.data.getlist(name)) for name in self.fields if name in self.data)
            if isinstance(self.data, QueryDict)
            else []
        )
        digest = hashlib.blake2b(repr(given).encode(), digest_size=16).hexdigest()
        return f"{current_version()}:{get_language()}:{digest}"

    def clean_kommune(self) -> str:
        text = self.cleaned_data.get("kommune") or ""
        if not text.strip():
            return ""
        fylke = self.data.get("fylke") or None
        found = self.choices.find_kommuner(text, fylke=fylke)
        if not found and fylke:
            found = self.choices.find_kommuner(text)
        if not found:
            raise forms.ValidationError(
                _("We know no kommune by this name. Check the spelling, or leave it empty.")
            )
        if len(found) > 1:
            raise forms.ValidationError(
                _("Several kommuner have this name: choose the fylke as well.")
            )
        return found[0]

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
        kommune = data.get("kommune") or None
        fylke = data.get("fylke") or None
        if kommune and fylke and self.choices.kommuner[kommune][1] != fylke:
            fylke = None  # the kommune decides
        return ListingFilters(
            kind=data.get("kind") or None,
            fylke=fylke,
            kommune=kommune,
            bydel=data.get("bydel") or None,
            occupation=data.get("occupation") or None,
            position_percent_min=data.get("position_percent_min"),
            start_from=data.get("start_from"),
            start_to=data.get("start_to"),
            paid=paid,
            norwegian_spoken=data.get("norwegian_spoken") or None,
            norwegian_written=data.get("norwegian_written") or None,
            languages=tuple(data.get("languages") or ()),
        )
