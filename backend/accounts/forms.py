from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.fields import PhoneNumberField
from accounts.models import SELF_SIGNUP_ROLES, Role
from common.forms import NameField


def _privacy_notice_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("I have read how Innsteg handles my personal data"),
        required=True,
        help_text=format_lazy(
            _('Read the <a href="{url}">privacy notice</a>.'), url=reverse_lazy("privacy:notice")
        ),
        error_messages={
            "required": _("Read the privacy notice and tick the box to create an account.")
        },
    )


def _language_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Language for messages to you"),
        choices=settings.LANGUAGES,
        required=False,
    )


class SignupExtraForm(forms.Form):
    """The fields our email signup asks beyond allauth's; the adapter's save_user stores them."""

    full_name = NameField(label=_("Your name"), max_length=150)
    role = forms.ChoiceField(
        label=_("I am"),
        choices=[(role.value, role.label) for role in SELF_SIGNUP_ROLES],
        widget=forms.RadioSelect,
        initial=Role.NEWCOMER,
        help_text=_("Caseworkers and guides get their accounts from an administrator."),
    )
    language = _language_field()
    privacy_notice = _privacy_notice_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language()

    def signup(self, request: HttpRequest, user: Any) -> None:
        """Nothing left to do: AccountAdapter.save_user has stored these fields."""


class PhoneSignupForm(forms.Form):
    full_name = NameField(label=_("Your name"), max_length=150)
    phone = PhoneNumberField(help_text=_("We send you a code by SMS. No email needed."))
    language = _language_field()
    privacy_notice = _privacy_notice_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language()


class GuideSharingForm(forms.Form):
    share = forms.BooleanField(
        label=_("Let my establishment guide see my applications, agreements and development plan"),
        required=False,
        help_text=_("You can change this at any time. It takes effect at once."),
    )
