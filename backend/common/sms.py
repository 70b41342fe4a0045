"""Sending SMS: one small interface, a backend per way of delivering.

SMS_BACKEND picks the backend: the console (the default), a file (tests across processes), or an
HTTP gateway with a timeout; the tests keep messages in memory (tests/support).

A message may carry an idempotency key (notifications send each outbox row with one). A worker that
dies after the provider took a message but before the row was marked sent leaves the row to be sent
again by another worker; the key lets the provider recognise the repeat and drop it. The gateway
gets it as the Idempotency-Key header, and the memory and file backends honour it the same way.
"""

from __future__ import annotations

import json
import sys
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

from common.spool import JsonlSpool, provider_wait, record_handover


@dataclass(frozen=True)
class Sms:
    to: str
    text: str
    sender: str
    key: str = ""  # the idempotency key; empty for one-off messages such as login codes


class SmsDeliveryError(Exception):
    """The gateway did not accept the message; the caller may retry later."""


class BaseSmsBackend:
    def send(self, message: Sms) -> str:
        """Deliver the message and return the provider's id for it."""
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    def send(self, message: Sms) -> str:
        sys.stdout.write(
            f"SMS from {message.sender} to {message.to}:\n{message.text}\n{'-' * 40}\n"
        )
        sys.stdout.flush()
        return f"console-{uuid.uuid4()}"


class FileSmsBackend(BaseSmsBackend):
    """Appends one JSON line per message to SMS_FILE_PATH/sms.jsonl, once per idempotency key,
    and counts every hand-over in SMS_FILE_PATH/handovers.jsonl. It answers after
    NOTIFICATION_FILE_LATENCY_MS, like a gateway's API."""

    def send(self, message: Sms) -> str:
        directory = Path(settings.SMS_FILE_PATH)
        record_handover(directory, channel="sms", key=message.key)
        provider_wait(settings.NOTIFICATION_FILE_LATENCY_MS)
        message_id = f"file-{message.key or uuid.uuid4()}"
        record = {
            "id": message_id,
            "to": message.to,
            "text": message.text,
            "sender": message.sender,
        }
        JsonlSpool(directory / "sms.jsonl").append(record, key=message.key)
        return message_id


class HttpGatewaySmsBackend(BaseSmsBackend):
    """Posts {to, text, sender} as JSON to SMS_GATEWAY_URL with a bearer token and a timeout."""

    def send(self, message: Sms) -> str:
        if not settings.SMS_GATEWAY_URL:
            raise SmsDeliveryError("SMS_GATEWAY_URL is not set")
        body = json.dumps({"to": message.to, "text": message.text, "sender": message.sender})
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}",
        }
        if message.key:
            headers["Idempotency-Key"] = message.key
        request = urllib.request.Request(  # noqa: S310 - the URL comes from our own settings
            settings.SMS_GATEWAY_URL, data=body.encode(), method="POST", headers=headers
        )
        try:
            with urllib.request.urlopen(  # noqa: S310
                request, timeout=settings.SMS_GATEWAY_TIMEOUT_SECONDS
            ) as response:
                payload = json.loads(response.read() or b"{}")
        except (OSError, ValueError) as error:
            raise SmsDeliveryError(f"SMS gateway failed: {error.__class__.__name__}") from error
        return str(payload.get("id", ""))


def get_backend() -> BaseSmsBackend:
    backend_class: type[BaseSmsBackend] = import_string(settings.SMS_BACKEND)
    return backend_class()


def send_sms(*, to: str, text: str, key: str = "") -> str:
    return get_backend().send(Sms(to=to, text=text, sender=settings.SMS_SENDER, key=key))
