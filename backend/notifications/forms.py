from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from notifications.kinds import NECESSARY, categories_for
from notifications.models import Category, Channel


class NotificationSettingsForm(forms.Form):
    """One group of channel boxes per category the person hears about."""

    def __init__(
        self, *args: Any, user: User, current: dict[Category, frozenset[str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for category in categories_for(user):
            necessary = category in NECESSARY
            choices = [
                (Channel.EMAIL.value, Channel.EMAIL.label),
                (Channel.SMS.value, Channel.SMS.label),
            ]
            if not necessary:
                choices.append((Channel.IN_APP.value, Channel.IN_APP.label))
            self.fields[category] = forms.MultipleChoiceField(
                label=Category(category).label,
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=[value for value, _label in choices if value in current[category]],
                help_text=_("You always see these in Innsteg too, so that you never miss one.")
                if necessary
                else "",
            )

    def choices(self) -> dict[str, set[str]]:
        return {name: set(values) for name, values in self.cleaned_data.items()}
