"""Log records as one JSON object a line, with the request id, and with personal data masked.

The masking is a second line of defence: code never logs a national id, a login code or a phone
number on purpose, and the suite checks that; this filter catches what slips through anyway.
"""

from __future__ import annotations

import datetime
import json
import logging
import re
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from stdnum.no import fodselsnummer

from common.observability.request_id import current_request_id

_ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{6}[ ]?\d{5}(?!\d)")
_PHONE = re.compile(r"\+\d{8,15}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_MASK = "[redacted]"


def redact(text: str) -> str:
    """`text` with valid national ids, phone numbers in international form and emails masked."""

    def national_id(match: re.Match[str]) -> str:
        digits = match.group(0).replace(" ", "")
        return _MASK if fodselsnummer.is_valid(digits) else match.group(0)

    text = _ELEVEN_DIGITS.sub(national_id, text)
    text = _PHONE.sub(_MASK, text)
    return _EMAIL.sub(_MASK, text)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True


class RedactFilter(logging.Filter):
    """Formats the message once and masks personal data in it (and in an exception's text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or current_request_id(),
        }
        task_id = getattr(record, "task_id", None)
        if task_id:
            entry["task_id"] = task_id
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def logging_config(*, log_format: str, level: str) -> dict[str, Any]:
    """Django's LOGGING: `log_format` is plain (one readable line) or json (one object a line)."""
    if log_format not in {"plain", "json"}:
        raise ImproperlyConfigured(f"LOG_FORMAT={log_format!r} is not one of plain, json.")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "common.observability.logs.RequestIdFilter"},
            "redact": {"()": "common.observability.logs.RedactFilter"},
        },
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
            "json": {"()": "common.observability.logs.JsonFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["request_id", "redact"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"django.db.backends": {"level": "WARNING"}},
    }
