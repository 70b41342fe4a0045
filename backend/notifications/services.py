"""Writes about notifications: put them in the outbox, send the due ones, preferences, read marks.

What is promised: every message is handed to its provider at least once, with the same
idempotency token every time; providers that honour the token deliver it once.
- Every row has a unique idempotency key (kind, occurrence, recipient, channel). Scans and domain
  events insert with ON CONFLICT DO NOTHING, so running a scan twice, or two beat processes at
  once, never makes a second row.
- A worker claims due rows with SELECT ... FOR UPDATE SKIP LOCKED and a short lease (claimed_by
  and claimed_at) that it renews while it sends the batch, and marks each row sent. Two live
  workers never hold the same row.
- A worker killed between the provider's "accepted" and our "sent" leaves the row in `sending`;
  when its lease runs out (NOTIFICATION_LEASE_SECONDS, seconds) another worker hands it over
  again with the same token (SMS: the Idempotency-Key header; email: the Message-ID, the
  Idempotency-Key header and the ESP's own idempotency feature where anymail has one). A provider
  that ignores the token delivers that message twice.
- Redis only carries "look at the outbox" nudges. Beat sends one every few seconds, so a lost
  message, a dead worker or a restarted Redis delays sending and loses nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import NotParty, WrongRole
from common.sms import SmsDeliveryError, send_sms
from common.tasks import enqueue
from notifications import messages
from notifications.kinds import (
    ALL_CHANNELS,
    KIND_CATEGORY,
    NECESSARY,
    categories_for,
    default_channels,
)
from notifications.mail import send_email
from notifications.models import Channel, Notification, NotificationPreference, Status
from notifications.quiet import in_quiet_hours, sms_allowed_from

logger = logging.getLogger(__name__)


# Writing to the outbox.


@dataclass(frozen=True)
class Planned:
    """One notification to one person; it becomes one outbox row per channel."""

    recipient: User
    kind: str
    occurrence: str  # which time this kind happens for this thing, e.g. "application:7:day5"
    link_path: str
    context: dict[str, Any] = field(default_factory=dict)
    expires_at: datetime.datetime | None = None


def idempotency_key(*, kind: str, occurrence: str, recipient_id: int, channel: str) -> str:
    return f"{kind}:{occurrence}:user{recipient_id}:{channel}"


def provider_token(key: str) -> str:
    """What providers see of the key: stable, short, and without our ids in it."""
    return hashlib.sha256(key.encode()).hexdigest()[:40]


def _preferences(users: Iterable[User]) -> dict[tuple[int, str], NotificationPreference]:
    return {
        (pref.user_id, pref.category): pref
        for pref in NotificationPreference.objects.filter(user__in=[u.pk for u in users])
    }


def _enabled(
    user: User, category: str, preference: NotificationPreference | None
) -> frozenset[str]:
    if preference is None:
        channels = default_channels(category=category, user=user)
    else:
        channels = preference.channels
    if category in NECESSARY:
        channels |= {Channel.IN_APP}
    return channels


def _unreachable(user: User, channel: str) -> str:
    """Why `user` cannot get a message on `channel`, or "" if they can."""
    if not user.is_active:
        return "inactive"
    if channel == Channel.EMAIL and not user.email:
        return "no_email"
    if channel == Channel.SMS and not (user.phone and user.phone_verified):
        return "no_phone"
    return ""


def _row(
    planned: Planned,
    channel: str,
    enabled: frozenset[str],
    now: datetime.datetime,
) -> Notification:
    row = Notification(
        recipient=planned.recipient,
        channel=channel,
        kind=planned.kind,
        idempotency_key=idempotency_key(
            kind=planned.kind,
            occurrence=planned.occurrence,
            recipient_id=planned.recipient.pk,
            channel=channel,
        ),
        context=planned.context,
        link_path=planned.link_path,
        expires_at=planned.expires_at,
        created_at=now,
        due_at=now,
        next_attempt_at=now,
    )
    reason = "opted_out" if channel not in enabled else _unreachable(planned.recipient, channel)
    if channel == Channel.SMS and not reason:
        row.due_at = row.next_attempt_at = sms_allowed_from(now)
        if planned.expires_at and row.due_at >= planned.expires_at:
            reason = "quiet_hours"
    if reason:
        row.status, row.last_error = Status.SKIPPED, reason
    elif channel == Channel.IN_APP:
        row.status, row.sent_at = Status.SENT, now  # shown in Innsteg from now on
    return row


@transaction.atomic
def notifications_create(
    *, planned: Sequence[Planned], now: datetime.datetime | None = None
) -> int:
    """Write the outbox rows for `planned` in the caller's transaction; returns how many are new.

    A notification whose key is already in the outbox is left alone, so callers may plan the same
    one again and again (every scan does).
    """
    if not planned:
        return 0
    now = now or timezone.now()
    preferences = _preferences({p.recipient.pk: p.recipient for p in planned}.values())
    rows_by_planned: list[list[Notification]] = []
    for item in planned:
        category = KIND_CATEGORY[item.kind]
        enabled = _enabled(item.recipient, category, preferences.get((item.recipient.pk, category)))
        rows_by_planned.append([_row(item, channel, enabled, now) for channel in ALL_CHANNELS])
    keys = [row.idempotency_key for rows in rows_by_planned for row in rows]
    existing = set(
        Notification.objects.filter(idempotency_key__in=keys).values_list(
            "idempotency_key", flat=True
        )
    )
    new_rows = sorted(
        (row for rows in rows_by_planned for row in rows if row.idempotency_key not in existing),
        key=lambda row: row.idempotency_key,  # one order for every writer: no deadlocks
    )
    Notification.objects.bulk_create(new_rows, ignore_conflicts=True)
    if any(row.status == Status.PENDING for row in new_rows):
        # A nudge on commit, rather than at beat's next tick; with Redis down it is dropped in
        # at most WORKER_ENQUEUE_TIMEOUT_SECONDS and the next tick sends the rows.
        enqueue("worker.tasks.notifications.send_due")
    return sum(
        1 for rows in rows_by_planned if any(row.idempotency_key not in existing for row in rows)
    )


# Sending what is due.


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def max_attempts() -> int:
    return len(settings.NOTIFICATION_RETRY_BACKOFF_SECONDS) + 1


def _due(now: datetime.datetime) -> Q:
    lease = datetime.timedelta(seconds=settings.NOTIFICATION_LEASE_SECONDS)
    due = Q(status=Status.PENDING, next_attempt_at__lte=now) | Q(
        status=Status.SENDING, claimed_at__lt=now - lease
    )
    if in_quiet_hours(now):
        due &= ~Q(channel=Channel.SMS)
    return due


@transaction.atomic
def notifications_claim(*, now: datetime.datetime, worker: str, batch_size: int) -> list[int]:
    """Take up to `batch_size` due rows for `worker`: rows another worker holds are skipped."""
    ids = list(
        Notification.objects.select_for_update(skip_locked=True)
        .filter(_due(now))
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:batch_size]
    )
    Notification.objects.filter(pk__in=ids).update(
        status=Status.SENDING, claimed_by=worker, claimed_at=now, attempts=F("attempts") + 1
    )
    return ids


def _finish(row: Notification, worker: str, **changes: Any) -> None:
    """Record the outcome, unless the lease ran out and another worker took the row over."""
    Notification.objects.filter(pk=row.pk, claimed_by=worker, status=Status.SENDING).update(
        claimed_by="", claimed_at=None, **changes
    )


class Undeliverable(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _describe(error: Exception) -> str:
    """The kind of failure, never its details: provider errors may quote addresses."""
    if isinstance(error, SmsDeliveryError):
        return str(error)[:200]
    return type(error).__name__


def _deliver(row: Notification, enabled: frozenset[str], about: messages.About) -> str:
    recipient = row.recipient
    if row.channel not in enabled:
        raise Undeliverable("opted_out")
    reason = _unreachable(recipient, row.channel)
    if reason:
        raise Undeliverable(reason)
    message = messages.render(row, about=about)
    token = provider_token(row.idempotency_key)
    if row.channel == Channel.EMAIL:
        assert recipient.email is not None
        body = messages.email_body(message, language=recipient.language)
        return send_email(to=recipient.email, subject=message.title, body=body, token=token)
    assert recipient.phone is not None
    return send_sms(to=recipient.phone, text=messages.sms_text(message), key=token)


def _send_one(
    row: Notification,
    worker: str,
    now: datetime.datetime,
    enabled: frozenset[str],
    about: messages.About,
) -> bool:
    if row.attempts > max_attempts():  # the worker of the last attempt died mid-send
        _finish(row, worker, status=Status.FAILED, last_error="worker_lost")
        return False
    if row.expires_at and now >= row.expires_at:
        _finish(row, worker, status=Status.SKIPPED, last_error="expired")
        return False
    if not messages.still_relevant(row, about):
        _finish(row, worker, status=Status.SKIPPED, last_error="moot")
        return False
    try:
        provider_id = _deliver(row, enabled, about)
    except messages.Gone:
        _finish(row, worker, status=Status.SKIPPED, last_error="gone")
        return False
    except Undeliverable as reason:
        _finish(row, worker, status=Status.SKIPPED, last_error=reason.code)
        return False
    except Exception as error:  # noqa: BLE001 - whatever the provider raises is retried, then failed
        backoff = settings.NOTIFICATION_RETRY_BACKOFF_SECONDS
        if row.attempts >= max_attempts():
            _finish(row, worker, status=Status.FAILED, last_error=_describe(error))
        else:
            wait = datetime.timedelta(seconds=backoff[row.attempts - 1])
            _finish(
                row,
                worker,
                status=Status.PENDING,
                next_attempt_at=now + wait,
                last_error=_describe(error),
            )
        logger.warning("notification %s: attempt %s failed", row.pk, row.attempts)
        return False
    _finish(row, worker, status=Status.SENT, sent_at=timezone.now(), provider_id=provider_id[:200])
    return True


def _renew(worker: str, ids: Sequence[int]) -> None:
    """Extend the lease of the rows `worker` still holds."""
    Notification.objects.filter(pk__in=ids, claimed_by=worker, status=Status.SENDING).update(
        claimed_at=timezone.now()
    )


def _release(worker: str, ids: Sequence[int]) -> None:
    """Give back rows claimed but not sent, as if they had not been claimed."""
    Notification.objects.filter(pk__in=ids, claimed_by=worker, status=Status.SENDING).update(
        status=Status.PENDING, claimed_by="", claimed_at=None, attempts=F("attempts") - 1
    )


def notifications_send_due(
    *,
    now: datetime.datetime | None = None,
    batch_size: int | None = None,
    worker: str | None = None,
    keep_going: Callable[[], bool] | None = None,
) -> int:
    """Claim one batch of due email and SMS rows and send them; returns how many were claimed.

    Not one transaction: each row's outcome is committed as soon as it is known. The lease is
    renewed every quarter of NOTIFICATION_LEASE_SECONDS. When `keep_going()` turns false (the
    worker shuts down, or the task's budget is spent) the rows not yet sent are given back.
    """
    now = now or timezone.now()
    worker = worker or worker_name()
    ids = notifications_claim(
        now=now, worker=worker, batch_size=batch_size or settings.NOTIFICATION_BATCH_SIZE
    )
    if not ids:
        return 0
    rows = list(
        Notification.objects.filter(pk__in=ids, claimed_by=worker)
        .select_related("recipient")
        .order_by("next_attempt_at", "id")
    )
    preferences = _preferences(row.recipient for row in rows)
    about = messages.About.load(rows)
    renew_every = settings.NOTIFICATION_LEASE_SECONDS / 4
    renewed = time.monotonic()
    for index, row in enumerate(rows):
        if keep_going is not None and not keep_going():
            _release(worker, [r.pk for r in rows[index:]])
            break
        if time.monotonic() - renewed >= renew_every:
            _renew(worker, [r.pk for r in rows[index:]])
            renewed = time.monotonic()
        category = KIND_CATEGORY[row.kind]
        enabled = _enabled(row.recipient, category, preferences.get((row.recipient_id, category)))
        _send_one(row, worker, now, enabled, about)
    return len(ids)


@transaction.atomic
def notifications_retry(*, ids: Sequence[int], by: User) -> int:
    """Send failed rows again from scratch (an admin fixed the cause)."""
    if not by.is_staff:
        raise WrongRole(_("Only platform admins send failed notifications again."))
    return Notification.objects.filter(pk__in=ids, status=Status.FAILED).update(
        status=Status.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )


# What people do: read, and choose channels.


@transaction.atomic
def notification_mark_read(*, notification: Notification, by: User) -> None:
    if notification.recipient_id != by.pk or notification.channel != Channel.IN_APP:
        raise NotParty(_("This is not your notification."))
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def notifications_mark_all_read(*, by: User) -> int:
    return Notification.objects.filter(
        recipient=by, channel=Channel.IN_APP, status=Status.SENT, read_at__isnull=True
    ).update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_update(*, by: User, choices: dict[str, set[str]]) -> None:
    """Store the channels `by` wants for each of their categories; necessary ones stay in-app."""
    allowed = set(categories_for(by))
    unknown = set(choices) - allowed
    if unknown:
        raise ValidationError(
            {
                "categories": _("These messages are not for you: %(names)s.")
                % {"names": ", ".join(sorted(unknown))}
            }
        )
    for category in allowed:
        channels = set(choices.get(category, set()))
        if channels - set(ALL_CHANNELS):
            raise ValidationError({category: _("Choose email, SMS or in Innsteg.")})
        if category in NECESSARY:
            channels.add(Channel.IN_APP)
        NotificationPreference.objects.update_or_create(
            user=by,
            category=category,
            defaults={
                "email": Channel.EMAIL in channels,
                "sms": Channel.SMS in channels,
                "in_app": Channel.IN_APP in channels,
            },
        )


# Domain events.
