"""Real worker, beat and Redis processes: every message is handed to the provider at least once,
and twice only when a worker died between the provider's acceptance and the commit.

- a worker killed with SIGKILL in the middle of a batch of 500, then restarted;
- Redis stopped while rows are due, then started again (it forgets every queued message);
- two beat processes scanning and nudging at once.

The provider side is the file backends. What is counted is every hand-over, repeats included
(handovers.jsonl, written before the backend looks at the key); the deliveries (sms.jsonl,
email.jsonl) are what a provider that honours the idempotency token makes of them.
"""

from __future__ import annotations

import datetime
import signal
from collections import Counter
from pathlib import Path

import pytest
from django.utils import timezone

from accounts.models import User
from applications.models import Application, ApplicationEvent, ApplicationStatus
from common.spool import handover_counts, read_lines
from listings.models import Listing
from notifications.models import Channel, Notification, Status
from notifications.services import provider_token
from tests.factories import ApplicationFactory, NewcomerFactory
from tests.notifications.conftest import due_rows, with_phone
from tests.support.worker_processes import (
    RedisServer,
    nudge,
    process_env,
    start_beat,
    start_worker,
    stop,
    wait_for,
)

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]


def handed_over(tmp_path: Path) -> Counter[str]:
    """Hand-overs to the provider per idempotency token, repeats included."""
    return handover_counts(tmp_path / "provider")


def delivered(tmp_path: Path) -> Counter[str]:
    """Deliveries per token by a provider that drops a repeated token."""
    lines = [
        *read_lines(tmp_path / "provider" / "sms.jsonl"),
        *read_lines(tmp_path / "provider" / "email.jsonl"),
    ]
    return Counter(line["key"] for line in lines)


def outbox_state() -> str:
    """For a failed assertion: how many rows are in which state, and why."""
    return str(Counter(Notification.objects.values_list("status", "attempts", "last_error")))


def tokens(ids: list[int]) -> set[str]:
    keys = Notification.objects.filter(pk__in=ids).values_list("idempotency_key", flat=True)
    return {provider_token(key) for key in keys}


def test_a_worker_killed_mid_batch_then_restarted_hands_each_of_500_over_at_least_once(
    tmp_path: Path, redis_server: RedisServer, applications: list[Application]
) -> None:
    ids = due_rows(applications, 500)
    env = process_env(
        tmp_path, redis_server.url, NOTIFICATION_BATCH_SIZE="25", NOTIFICATION_LEASE_SECONDS="3"
    )
    log = tmp_path / "worker.log"
    worker = start_worker(env, log)
    try:
        nudge(redis_server.url)

        def mid_batch() -> bool:
            """Well into the run, with at least 10 rows of the batch still to go."""
            return (
                sum(handed_over(tmp_path).values()) >= 150
                and Notification.objects.filter(status=Status.SENDING).count() >= 10
            )

        assert wait_for(mid_batch, timeout=60, every=0.02), log.read_text()
        stop(worker, signal.SIGKILL)
        assert sum(handed_over(tmp_path).values()) < 500, "killed before it finished"
        assert Notification.objects.filter(status=Status.SENDING).exists(), "mid-batch"

        worker = start_worker(env, log)

        def all_sent() -> bool:
            nudge(redis_server.url)  # what beat does every few seconds
            return not Notification.objects.exclude(status=Status.SENT).exists()

        assert wait_for(all_sent, timeout=90, every=1), outbox_state()
    finally:
        stop(worker)
    handed = handed_over(tmp_path)
    assert set(handed) == tokens(ids), "every message was handed over"
    # The rows the dead worker held were claimed again once its lease ran out.
    retried = [row.pk for row in Notification.objects.filter(pk__in=ids, attempts__gte=2)]
    assert retried
    # At least once: the one message the worker had in hand when it died (it sends one at a
    # time) may have been handed over again, with the same token; no other.
    repeated = {key for key, count in handed.items() if count > 1}
    assert len(repeated) <= 1 and max(handed.values()) <= 2, handed.most_common(3)
    assert repeated <= tokens(retried)
    # A provider that honours the token delivers each once.
    assert set(delivered(tmp_path)) == tokens(ids)
    assert max(delivered(tmp_path).values()) == 1


def test_rows_due_while_redis_is_down_are_sent_once_it_is_back(
    tmp_path: Path, redis_server: RedisServer, applications: list[Application]
) -> None:
    env = process_env(tmp_path, redis_server.url, NOTIFICATION_SEND_INTERVAL_SECONDS="1")
    log = tmp_path / "processes.log"
    worker = start_worker(env, log)
    beat = start_beat(env, log, tmp_path / "beat-schedule")
    try:
        before = due_rows(applications, 50)
        assert wait_for(lambda: len(handed_over(tmp_path)) == 50, timeout=60), log.read_text()

        redis_server.stop()
        during = due_rows(applications, 100, first=50)
        # Nothing can reach a worker now; the rows wait in the outbox.
        assert not wait_for(lambda: len(handed_over(tmp_path)) > 50, timeout=3)
        assert Notification.objects.filter(pk__in=during, status=Status.PENDING).count() == 100

        redis_server.start()  # the same port, and empty: every queued message is gone
        assert wait_for(lambda: len(handed_over(tmp_path)) == 150, timeout=90), log.read_text()
    finally:
        stop(beat)
        stop(worker)
    handed = handed_over(tmp_path)
    assert set(handed) == tokens(before + during)
    assert max(handed.values()) == 1, "no worker died: no message was handed over twice"
    assert delivered(tmp_path) == handed
    assert not Notification.objects.exclude(status=Status.SENT).exists()


def test_two_beat_processes_at_once_send_no_duplicate(
    tmp_path: Path,
    redis_server: RedisServer,
    newcomer: User,
    employer: User,
    listing: Listing,
) -> None:
    now = timezone.now()
    for _ in range(20):
        ApplicationFactory(
            listing=listing,
            applicant=NewcomerFactory(),
            submitted_at=now - datetime.timedelta(days=6),
        )
    for _ in range(5):
        application = ApplicationFactory(
            listing=listing,
            applicant=with_phone(NewcomerFactory()),
            status=ApplicationStatus.INTERVIEW,
            interview_at=now + datetime.timedelta(minutes=90),
        )
        ApplicationEvent.objects.create(
            application=application, from_status="submitted", to_status="interview", by=employer
        )
    # 20 unanswered (to the employer), 5 interviews in 90 minutes (to both): 30 notifications.
    expected_rows = (20 + 5 * 2) * 3
    env = process_env(
        tmp_path,
        redis_server.url,
        NOTIFICATION_SEND_INTERVAL_SECONDS="1",
        NOTIFICATION_SCAN_INTERVAL_SECONDS="1",
    )
    log = tmp_path / "processes.log"
    worker = start_worker(env, log, concurrency=2)
    beats = [start_beat(env, log, tmp_path / f"beat-schedule-{n}") for n in (1, 2)]
    try:

        def done() -> bool:
            return (
                Notification.objects.count() == expected_rows
                and not Notification.objects.filter(
                    status__in=(Status.PENDING, Status.SENDING)
                ).exists()
            )

        assert wait_for(done, timeout=90, every=0.5), log.read_text()
        # Let both beats scan and nudge a few more times over the finished work.
        wait_for(lambda: False, timeout=4)
    finally:
        for beat in beats:
            stop(beat)
        stop(worker)
    assert Notification.objects.count() == expected_rows
    sent_rows = Notification.objects.filter(status=Status.SENT).exclude(channel=Channel.IN_APP)
    handed = handed_over(tmp_path)
    assert set(handed) == {provider_token(row.idempotency_key) for row in sent_rows}
    assert max(handed.values()) == 1, "two beats: no message was handed over twice"
    assert delivered(tmp_path) == handed
    # Email to all 30 (everyone has an address); SMS for the interviews of the 5 with phones.
    assert Counter(sent_rows.values_list("channel", flat=True)) == {"email": 30, "sms": 5}
