"""An email backend for tests across processes, and how an outbox row becomes an email.

Email goes through Django's EMAIL_BACKEND: the console by default, SMTP or a provider through
django-anymail (EMAIL_BACKEND=anymail.backends.<provider>.EmailBackend with ANYMAIL_* keys) in
production. Each email carries the row's idempotency token as its Message-ID and in an
Idempotency-Key header, and goes to ESPs with an idempotency feature in the form they read:
- Resend: EMAIL_BACKEND=notifications.mail.ResendEmailBackend sends it as the API request's
  Idempotency-Key header (Resend drops a repeat within 24 hours);
- Brevo: anymail passes email headers to the API, where `idempotencyKey` drops a repeat within
  15 minutes.
A repeat sent by a worker that took over the row of a worker that died mid-send is then dropped
by those ESPs; any other provider delivers it again (mailbox providers may still collapse equal
Message-IDs). FileEmailBackend honours the header the same way, and counts every hand-over.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from anymail.backends.resend import EmailBackend as ResendAnymailBackend
from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from common.spool import JsonlSpool, provider_wait, record_handover

IDEMPOTENCY_HEADER = "Idempotency-Key"


BREVO_BACKENDS = ("anymail.backends.brevo.", "anymail.backends.sendinblue.")


class ResendEmailBackend(ResendAnymailBackend):
    """anymail's Resend backend, with the token as the API request's Idempotency-Key header."""

    def build_message_payload(self, message: EmailMessage, defaults: dict[str, Any]) -> Any:
        payload = super().build_message_payload(message, defaults)
        token = message.extra_headers.get(IDEMPOTENCY_HEADER)
        if token:
            payload.headers[IDEMPOTENCY_HEADER] = str(token)
        return payload


class FileEmailBackend(BaseEmailBackend):
    """Appends one JSON line per email to EMAIL_FILE_PATH/email.jsonl, once per idempotency key,
    and counts every hand-over in EMAIL_FILE_PATH/handovers.jsonl. It answers after
    NOTIFICATION_FILE_LATENCY_MS, like an ESP's API."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        directory = Path(settings.EMAIL_FILE_PATH)
        spool = JsonlSpool(directory / "email.jsonl")
        for message in email_messages:
            key = str(message.extra_headers.get(IDEMPOTENCY_HEADER, ""))
            record_handover(directory, channel="email", key=key)
            provider_wait(settings.NOTIFICATION_FILE_LATENCY_MS)
            spool.append(
                {"to": list(message.to), "subject": message.subject, "body": message.body},
                key=key,
            )
        return len(email_messages)


def send_email(*, to: str, subject: str, body: str, token: str) -> str:
    """Send one plain-text email; return the provider's id for it, or our Message-ID."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].rstrip(">") or "innsteg.no"
    message_id = f"<{token}@{domain}>"
    headers = {"Message-ID": message_id, IDEMPOTENCY_HEADER: token}
    if settings.EMAIL_BACKEND.startswith(BREVO_BACKENDS):
        headers["idempotencyKey"] = token
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    )
    message.send()
    status = getattr(message, "anymail_status", None)
    return str(getattr(status, "message_id", None) or message_id)
