"""allauth's login forms as Innsteg uses them (ACCOUNT_FORMS).

A module of its own: allauth.account.forms imports the signup form of accounts.forms, so that
module cannot import allauth's forms in turn.
"""

from typing import Any

from allauth.account.forms import (
    ConfirmEmailVerificationCodeForm as AllauthConfirmEmailVerificationCodeForm,
)
from allauth.account.forms import ConfirmLoginCodeForm as AllauthConfirmLoginCodeForm
from allauth.account.forms import (
    ConfirmPasswordResetCodeForm as AllauthConfirmPasswordResetCodeForm,
)
from allauth.account.forms import RequestLoginCodeForm as AllauthRequestLoginCodeForm
from allauth.account.forms import VerifyPhoneForm as AllauthVerifyPhoneForm
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


class NumericCodeMixin(forms.Form):
    """Codes are six digits (ALLAUTH_USER_CODE_FORMAT): the field opens the phone's number pad
    and offers the code from the SMS or email (one-time-code autofill)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9]*",
                "dir": "ltr",
            }
        )


class ConfirmLoginCodeForm(NumericCodeMixin, AllauthConfirmLoginCodeForm):
    pass


class VerifyPhoneForm(NumericCodeMixin, AllauthVerifyPhoneForm):
    pass


class ConfirmEmailVerificationCodeForm(NumericCodeMixin, AllauthConfirmEmailVerificationCodeForm):
    pass


class ConfirmPasswordResetCodeForm(NumericCodeMixin, AllauthConfirmPasswordResetCodeForm):
    pass
