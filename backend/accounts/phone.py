"""Phone numbers: accepted as people type them, stored in international (E.164) form."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "NO"


def normalize_phone(raw: str) -> str:
    """Return the number in E.164 form, reading numbers without a country code as Norwegian."""
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Enter a valid mobile number, for example 912 34 567 or +47 912 34 567."),
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mask_phone(phone: str) -> str:
    """Show only the last three digits, for pages and logs."""
    return f"{'•' * max(len(phone) - 3, 0)}{phone[-3:]}" if phone else ""
