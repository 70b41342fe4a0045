"""SMS and email backends for the notification tests, importable by worker processes too."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import ClassVar

from django.core.mail import EmailMessage

from common.sms import BaseSmsBackend, FileSmsBackend, Sms, SmsDeliveryError
from notifications.mail import FileEmailBackend


class MemorySmsBackend(BaseSmsBackend):
    """Keeps every message in `outbox` (the test settings' backend), once per idempotency key."""

    outbox: ClassVar[list[Sms]] = []

    def send(self, message: Sms) -> str:
        if message.key:
            for number, earlier in enumerate(self.outbox, start=1):
                if earlier.key == message.key:
                    return f"memory-{number}"
        self.outbox.append(message)
        return f"memory-{len(self.outbox)}"


class FailingSmsBackend(BaseSmsBackend):
    """A gateway that never answers in time."""

    def send(self, message: Sms) -> str:
        raise SmsDeliveryError("SMS gateway failed: TimeoutError")


# A provider that takes its time to answer after it has accepted a message: a worker killed now
# has handed the message over but not yet marked its row as sent.
PROVIDER_ANSWER_SECONDS = 0.01


class SlowFileSmsBackend(FileSmsBackend):
    def send(self, message: Sms) -> str:
        message_id = super().send(message)
        time.sleep(PROVIDER_ANSWER_SECONDS)
        return message_id


class SlowFileEmailBackend(FileEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = super().send_messages(email_messages)
        time.sleep(PROVIDER_ANSWER_SECONDS)
        return sent
