from typing import Any

from allauth.account.stages import EmailVerificationStage


class EmailVerificationUnlessPhoneOnlyStage(EmailVerificationStage):
    """Mandatory email verification, for everyone who has an email address.

    Newcomers who signed up with a phone number have none; their phone was verified by the SMS code.
    """

    def handle(self) -> tuple[Any, bool]:
        user = self.login.user
        if user is not None and not user.email and getattr(user, "phone_verified", False):
            return None, True
        return super().handle()
