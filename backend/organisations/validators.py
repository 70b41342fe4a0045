from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.no import orgnr as stdnum_orgnr


def clean_orgnr(value: str) -> str:
    """Return the organisasjonsnummer as 9 digits, or refuse it with a message that says why."""
    try:
        return str(stdnum_orgnr.validate(value))
    except StdnumValidationError:
        raise ValidationError(
            _(
                "%(value)s is not a valid organisasjonsnummer: it must have 9 digits "
                "and a correct check digit."
            ),
            code="invalid_orgnr",
            params={"value": value},
        ) from None


def validate_orgnr(value: str) -> None:
    clean_orgnr(value)
