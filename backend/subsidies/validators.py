"""Validators for the personal facts a subsidy case needs."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.no import fodselsnummer


def clean_national_id(value: str) -> str:
    """The fødselsnummer or D-nummer as 11 digits, or a refusal that never repeats the number."""
    try:
        return str(fodselsnummer.validate(value))
    except StdnumValidationError:
        raise ValidationError(
            _(
                "This is not a valid national identity number: it must be a fødselsnummer or "
                "D-nummer of 11 digits with correct check digits."
            ),
            code="invalid_national_id",
        ) from None


def validate_national_id(value: str) -> None:
    if value:
        clean_national_id(value)


def birth_date_of(national_id: str) -> datetime.date:
    """The birth date a valid fødselsnummer or D-nummer encodes."""
    return fodselsnummer.get_birth_date(national_id)


def mask_national_id(national_id: str) -> str:
    """Shown instead of the number: only the last two digits."""
    return "*" * 9 + national_id[-2:] if national_id else ""


def validate_out_of_work_periods(value: object) -> None:
    """A list of at most 50 `{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD" or null}`."""
    if not isinstance(value, list):
        raise ValidationError(_("Give the periods out of work as a list."), code="invalid")
    if len(value) > 50:
        raise ValidationError(_("Give at most 50 periods out of work."), code="too_many")
    for period in value:
        if not isinstance(period, dict) or set(period) != {"start", "end"}:
            raise ValidationError(
                _('Give each period as {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD" or null}.'),
                code="invalid",
            )
        try:
            start = datetime.date.fromisoformat(period["start"])
            end = None if period["end"] is None else datetime.date.fromisoformat(period["end"])
        except (TypeError, ValueError):
            raise ValidationError(
                _("Write the dates of a period out of work as YYYY-MM-DD."), code="invalid_date"
            ) from None
        if end is not None and end < start:
            raise ValidationError(
                _("A period out of work cannot end before it starts."), code="ends_before_start"
            )
