"""Every log record of the test session, checked for national ids and the login codes sent.

`SecretCapture` sits first among the root logger's handlers, so it sees each record before any
other handler's filter (production's RedactFilter masks national ids, phones and emails on the
console handler: a leak in code must be caught even though that filter would hide it). It checks
national ids as records arrive and keeps each record's text to look for the SMS and email login
codes, which are collected from the outboxes after each test.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core import mail
from stdnum.no import fodselsnummer

from tests.support.notification_backends import MemorySmsBackend

_ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{11}(?!\d)")
_STANDARD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
# The codes allauth sends: six digits by SMS and by email (ALLAUTH_USER_CODE_FORMAT, so that a
# phone's number pad types them), or by email letters (allauth's alphabet without vowels) or
# digits in dashed groups where a setting asks for those.
# A code stands alone: not a piece of a longer number, word or URL-safe token (an invitation
# link's token, say).
_SMS_CODE = re.compile(r"(?<![\w-])\d{6}(?![\w-])")
_EMAIL_CODE = re.compile(
    r"(?<![\w-])[BCDFGHJKLMNPQRSTVWXZ0-9]{3,5}(?:-[BCDFGHJKLMNPQRSTVWXZ0-9]{3,5}){1,2}"
    r"(?![\w-])"
)


def record_text(record: logging.LogRecord) -> str:
    """All a record carries: its message, the message with its args, the args, the exception
    and stack, and any extra attributes."""
    parts = [str(record.msg)]
    with contextlib.suppress(Exception):  # a malformed record still has its parts looked at
        parts.append(record.getMessage())
    if record.args:
        parts.append(repr(record.args))
    if record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    if record.exc_text:
        parts.append(record.exc_text)
    if record.stack_info:
        parts.append(record.stack_info)
    parts.extend(
        repr(value) for name, value in vars(record).items() if name not in _STANDARD_ATTRIBUTES
    )
    return "\n".join(parts)


def national_ids_in(text: str) -> list[str]:
    return [run for run in _ELEVEN_DIGITS.findall(text) if fodselsnummer.is_valid(run)]


def sms_codes_in(text: str) -> set[str]:
    return set(_SMS_CODE.findall(text))


def email_codes_in(text: str) -> set[str]:
    return set(_EMAIL_CODE.findall(text)) | set(_SMS_CODE.findall(text))


def login_codes_sent() -> set[str]:
    """The codes in the test's SMS and email outboxes (an email's HTML part included)."""
    codes: set[str] = set()
    for sms in MemorySmsBackend.outbox:
        codes |= sms_codes_in(sms.text)
    for message in getattr(mail, "outbox", []):
        bodies = [message.body, *(str(part[0]) for part in getattr(message, "alternatives", []))]
        for body in bodies:
            codes |= email_codes_in(body)
    return codes


@dataclass
class Leak:
    test: str
    logger: str
    what: str


class SecretCapture(logging.Handler):
    """The session's log records, as text, with the test that was running."""

    def __init__(self) -> None:
        super().__init__(level=logging.NOTSET)
        self.current_test = "(outside a test)"
        self.texts: list[tuple[str, str, str]] = []  # (test, logger, text)
        self.leaks: list[Leak] = []
        self.codes: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        text = record_text(record)
        self.texts.append((self.current_test, record.name, text))
        if national_ids_in(text):
            self.leaks.append(Leak(self.current_test, record.name, "a national id"))

    def attach(self) -> None:
        """Be the root logger's first handler (again, if a logging config replaced it)."""
        root = logging.getLogger()
        if not root.handlers or root.handlers[0] is not self:
            if self in root.handlers:
                root.removeHandler(self)
            root.handlers.insert(0, self)

    def add_codes(self, codes: Iterable[str]) -> None:
        self.codes.update(codes)

    def code_leaks(self) -> list[Leak]:
        if not self.codes:
            return []
        pattern = re.compile(
            "|".join(rf"(?<![A-Z0-9]){re.escape(code)}(?![A-Z0-9])" for code in sorted(self.codes))
        )
        return [
            Leak(test, logger, "a login code")
            for test, logger, text in self.texts
            if pattern.search(text)
        ]

    def all_leaks(self) -> list[Leak]:
        return [*self.leaks, *self.code_leaks()]


CAPTURE = SecretCapture()
