"""allauth's login forms as Innsteg uses them (ACCOUNT_FORMS).

A module of its own: allauth.account.forms imports the signup form of accounts.forms, so that
module cannot import allauth's forms in turn.
"""

from typing import Any

from allauth.account.forms import RequestLoginCodeForm as AllauthRequestLoginCodeForm
from django import forms
from django.utils.translation import gettext_lazy as _


class RequestLoginCodeForm(AllauthRequestLoginCodeForm):
    """With both email and phone as login methods allauth requires neither: an empty form
    must be refused here rather than reach the view without a user to send the code to."""

    def clean(self) -> dict[str, Any]:
        cleaned_data: dict[str, Any] = super().clean()
        if self.has_error("email") or self.has_error("phone"):
            return cleaned_data
        if not cleaned_data.get("email") and not cleaned_data.get("phone"):
            raise forms.ValidationError(_("Enter your email address or your phone number."))
        return cleaned_data
