"""How allauth stores phone numbers, sends SMS codes and speaks each person's language."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django import forms
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import selectors, services
from accounts.fields import PhoneNumberField
from accounts.models import User
from accounts.phone import normalize_phone
from common.sms import send_sms


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return True

    def get_login_stages(self) -> list[str]:
        return [
            "accounts.stages.EmailVerificationUnlessPhoneOnlyStage"
            if stage == "allauth.account.stages.EmailVerificationStage"
            else stage
            for stage in super().get_login_stages()
        ]

    # Phone numbers live on the user.
    def phone_form_field(self, **kwargs: Any) -> forms.Field:
        return PhoneNumberField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        try:
            return normalize_phone(phone)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages) from None

    def set_phone(self, user: AbstractBaseUser, phone: str, verified: bool) -> None:
        assert isinstance(user, User)
        services.user_set_phone(user=user, phone=phone, verified=verified)

    def get_phone(self, user: AbstractBaseUser) -> tuple[str, bool] | None:
        assert isinstance(user, User)
        return (user.phone, user.phone_verified) if user.phone else None

    def set_phone_verified(self, user: AbstractBaseUser, phone: str) -> None:
        """The code proved the number: the name given at phone signup, and the privacy notice
        accepted there, are kept from now on."""
        assert isinstance(user, User)
        request = context.request
        pending = request.session.pop(services.PENDING_NAME_SESSION_KEY, None) if request else None
        full_name = privacy_notice_version = ""
        if isinstance(pending, dict) and pending.get("user") == user.pk:
            full_name = str(pending.get("full_name") or "")
            privacy_notice_version = str(pending.get("privacy_notice_version") or "")
        services.user_phone_verified(
            user=user,
            phone=phone,
            full_name=full_name,
            privacy_notice_version=privacy_notice_version,
        )

    def get_user_by_phone(self, phone: str) -> AbstractBaseUser | None:
        return selectors.user_by_phone(phone=phone)

    # SMS, in the recipient's language.
    def send_verification_code_sms(
        self, user: AbstractBaseUser, phone: str, code: str, **kwargs: Any
    ) -> None:
        language = getattr(user, "language", None) or translation.get_language()
        with translation.override(language):
            text = _("Your Innsteg code is %(code)s. It is valid for %(minutes)s minutes.") % {
                "code": code,
                "minutes": settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT // 60,
            }
        send_sms(to=phone, text=text)

    def send_unknown_account_sms(self, phone: str, **kwargs: Any) -> None:
        text = _(
            "Someone asked for an Innsteg code for this number, but it has no account. "
            "Sign up with your phone number to start."
        )
        send_sms(to=phone, text=text)

    def send_account_already_exists_sms(self, phone: str) -> None:
        send_sms(to=phone, text=_("You already have an Innsteg account. Log in with your number."))

    # Emails, in the recipient's language.
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        user = context.get("user") or selectors.user_by_email(email=email)
        language = getattr(user, "language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def save_user(
        self, request: HttpRequest, user: AbstractBaseUser, form: Any, commit: bool = True
    ) -> Any:
        assert isinstance(user, User)
        data = form.cleaned_data
        services.user_complete_signup(
            user=user,
            full_name=data["full_name"],
            role=data["role"],
            language=data.get("language") or translation.get_language() or "nb",
        )
        saved = super().save_user(request, user, form, commit=commit)
        if commit:
            services.user_after_signup(
                user=user,
                privacy_notice_version=settings.PRIVACY_NOTICE_VERSION
                if data.get("privacy_notice")
                else "",
            )
        return saved
