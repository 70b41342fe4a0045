from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.phone import normalize_phone


class PhoneNumberField(forms.CharField):
    """A mobile number as people type it (912 34 567, +47 912 34 567), cleaned to E.164."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        )
        kwargs.setdefault("max_length", 32)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return normalize_phone(value) if value else value
