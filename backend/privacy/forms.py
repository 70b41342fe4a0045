from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User


def confirmation_word() -> str:
    """The word a person types to confirm, in their language."""
    return _("DELETE")


class AccountDeleteForm(forms.Form):
    """Type the word, and give the password if the account has one."""

    confirm = forms.CharField(label=gettext_lazy("Type the word shown above"), max_length=50)
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]

    def clean_confirm(self) -> str:
        value = str(self.cleaned_data["confirm"]).strip()
        if value.casefold() != confirmation_word().casefold():
            raise forms.ValidationError(
                _("Type %(word)s to confirm.") % {"word": confirmation_word()}
            )
        return value

    def clean_password(self) -> str:
        value = str(self.cleaned_data.get("password") or "")
        if not value:
            raise forms.ValidationError(_("Give your password to confirm that it is you."))
        if not self.user.check_password(value):
            raise forms.ValidationError(_("The password is not right."))
        return value
