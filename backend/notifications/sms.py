"""Sending SMS: one small interface, a backend per way of delivering.

SMS_BACKEND picks the backend: the console (the default), memory (tests), a file (tests across
processes), or an HTTP gateway with a timeout.
"""

from __future__ import annotations

import json
import sys
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Sms:
    to: str
    text: str
    sender: str


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


class MemorySmsBackend(BaseSmsBackend):
    outbox: ClassVar[list[Sms]] = []

    def send(self, message: Sms) -> str:
        self.outbox.append(message)
        return f"memory-{len(self.outbox)}"


class FileSmsBackend(BaseSmsBackend):
    """Appends one JSON line per message to SMS_FILE_PATH/sms.jsonl."""

    def send(self, message: Sms) -> str:
        directory = Path(settings.SMS_FILE_PATH)
        directory.mkdir(parents=True, exist_ok=True)
        message_id = f"file-{uuid.uuid4()}"
        line = json.dumps({"id": message_id, **message.__dict__}, ensure_ascii=False)
        with (directory / "sms.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
        return message_id


class HttpGatewaySmsBackend(BaseSmsBackend):
    """Posts {to, text, sender} as JSON to SMS_GATEWAY_URL with a bearer token and a timeout."""

    def send(self, message: Sms) -> str:
        if not settings.SMS_GATEWAY_URL:
            raise SmsDeliveryError("SMS_GATEWAY_URL is not set")
        body = json.dumps(message.__dict__).encode()
        request = urllib.request.Request(  # noqa: S310 - the URL comes from our own settings
            settings.SMS_GATEWAY_URL,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}",
            },
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


def send_sms(*, to: str, text: str) -> str:
    return get_backend().send(Sms(to=to, text=text, sender=settings.SMS_SENDER))
