"""An email backend for tests across processes, and how an outbox row becomes an email.

Email goes through Django's EMAIL_BACKEND: the console by default, SMTP or a provider through
django-anymail (EMAIL_BACKEND=anymail.backends.<provider>.EmailBackend with ANYMAIL_* keys) in
production. Each email carries the row's idempotency token as its Message-ID and in an
Idempotency-Key header: providers that honour the header, and mailbox providers that collapse equal
Message-IDs, drop a repeat sent by a worker that took over the row of a worker that died mid-send.
FileEmailBackend honours the header the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from notifications.spool import JsonlSpool

IDEMPOTENCY_HEADER = "Idempotency-Key"


class FileEmailBackend(BaseEmailBackend):
    """Appends one JSON line per email to EMAIL_FILE_PATH/email.jsonl, once per idempotency key."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        spool = JsonlSpool(Path(settings.EMAIL_FILE_PATH) / "email.jsonl")
        for message in email_messages:
            spool.append(
                {"to": list(message.to), "subject": message.subject, "body": message.body},
                key=str(message.extra_headers.get(IDEMPOTENCY_HEADER, "")),
            )
        return len(email_messages)


def send_email(*, to: str, subject: str, body: str, token: str) -> str:
    """Send one plain-text email; return the provider's id for it, or our Message-ID."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].rstrip(">") or "innsteg.no"
    message_id = f"<{token}@{domain}>"
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": message_id, IDEMPOTENCY_HEADER: token},
    )
    message.send()
    status = getattr(message, "anymail_status", None)
    return str(getattr(status, "message_id", None) or message_id)
