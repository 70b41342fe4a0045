"""Idempotency keys for decision requests.

A request with an `Idempotency-Key` header runs once per caller and key: a retry with the same
request gets the first answer again, the same key with a different request is a conflict. Only
successful answers are kept; a request that failed leaves no trace and may be retried.

Concurrent requests with the same key queue up on the unique index: the first inserts the
record and runs; the others wait for its transaction to commit, then find its answer.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import IdempotencyKeyReused
from subsidies.models import IdempotencyRecord

# How long a key is remembered.
KEEP_FOR = datetime.timedelta(days=7)


def request_fingerprint(*, method: str, path: str, body: Any) -> str:
    text = json.dumps([method.upper(), path, body], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def idempotent_call(
    *,
    actor: str,
    key: str,
    fingerprint: str,
    call: Callable[[], tuple[int, Any]],
) -> tuple[int, Any, bool]:
    """Run `call` (returning status and JSON body) once for (actor, key).

    Returns (status, body, replayed).
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    actor=actor, key=key, fingerprint=fingerprint
                )
        except IntegrityError:
            existing = IdempotencyRecord.objects.get(actor=actor, key=key)
            if existing.fingerprint != fingerprint:
                raise IdempotencyKeyReused(
                    _("This Idempotency-Key was already used for a different request.")
                ) from None
            assert existing.response_status is not None
            return existing.response_status, existing.response_body, True
        status, body = call()
        record.response_status = status
        record.response_body = body
        record.save(update_fields=["response_status", "response_body"])
        return status, body, False


def idempotency_records_clean(*, now: datetime.datetime | None = None) -> int:
    """Forget keys older than KEEP_FOR. Idempotent: run daily by beat."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    deleted, _by_model = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
