"""Benchmark: due reminders drained by real worker processes; the time, the hand-overs to the
provider per key, and the duplicate deliveries.

    DATABASE_URL=postgres://... REDIS_URL=redis://... python manage.py bench_notifications \\
        --count 10000 --workers 2

The command starts the worker processes itself (`celery worker --pool=solo`, one process each, on
a queue of their own) with the file backends for email and SMS in a temporary directory: those
files are the provider's side, one line per message that went out. It writes `--count` due rows,
nudges the workers the way beat does, and waits until no row is left to send. Every hand-over to
the provider is counted (handovers.jsonl), repeats included; duplicates are deliveries beyond the
first for any idempotency token. `--latency-ms 10-50` makes the provider answer like an API.

Run it against a scratch database and Redis: the workers send whatever is due in the outbox.
It refuses to start while rows of anyone else wait to be sent.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from applications.models import Application, ApplicationStatus
from bench.listing_data import BENCH_ORGNR, bench_organisation
from common.spool import handover_counts, read_lines
from listings.models import Listing, ListingKind, ListingStatus
from notifications.models import Channel, Kind, Notification, Status
from notifications.services import provider_token
from worker.celery_app import app

QUEUE = "bench-notifications"
KEY_PREFIX = "bench:"
PEOPLE = 200
NUDGE_EVERY_SECONDS = 5.0  # as beat would


class Command(BaseCommand):
    help = "Drain N due reminders with real worker processes; report the time and duplicates."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--batch-size", type=int, default=settings.NOTIFICATION_BATCH_SIZE)
        parser.add_argument("--timeout", type=float, default=600.0, help="give up after (s)")
        parser.add_argument("--keep", action="store_true", help="keep the benchmark's rows")
        parser.add_argument(
            "--latency-ms",
            default="0",
            help='how long the provider takes to answer each message, e.g. "10-50" (ms)',
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.USES_POSTGRES or not settings.REDIS_URL:
            raise CommandError(
                "The benchmark needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL."
            )
        waiting = Notification.objects.filter(status__in=(Status.PENDING, Status.SENDING)).exclude(
            idempotency_key__startswith=KEY_PREFIX
        )
        if waiting.exists():
            raise CommandError(
                "Notifications of real people wait to be sent in this database; the benchmark's "
                "workers would send them to its files. Run it against a scratch database."
            )
        self._clean()
        with tempfile.TemporaryDirectory(prefix="bench-notifications-") as directory:
            provider = Path(directory)
            log = provider / "workers.log"
            workers = self._start_workers(provider, log, options)
            try:
                self._wait_until_ready(options["workers"], log)
                started = time.monotonic()
                ids = self._seed(options["count"])
                seeded = time.monotonic() - started
                self.stdout.write(f"wrote {len(ids)} due notifications in {seeded:.1f} s")
                drained = self._drain(options["timeout"], workers=options["workers"], log=log)
            finally:
                for process in workers:
                    _stop(process)
            self._report(provider, ids, drained, options)
        if not options["keep"]:
            self._clean()

    # Data.

    def _people(self) -> list[Application]:
        organisation = bench_organisation()
        today = timezone.localdate()
        listing = Listing.objects.create(
            organisation=organisation,
            kind=ListingKind.NYSTARTSJOBB,
            status=ListingStatus.PUBLISHED,
            title="Benchmark",
            description="Benchmark",
            occupation_id="7512",
            kommune_id="0301",
            position_percent=100,
            start_date=today,
            monthly_wage=30000,
            deadline=today,
            published_at=timezone.now(),
        )
        applications = []
        for number in range(PEOPLE):
            person = User.objects.create_user(
                email=f"bench-notifications-{number}@example.invalid",
                phone=f"+474{number:07d}",
                phone_verified=True,
                full_name=f"Bench {number}",
                role=Role.NEWCOMER,
            )
            applications.append(
                Application(
                    listing=listing,
                    applicant=person,
                    number=number + 1,
                    status=ApplicationStatus.OFFERED,
                    offered_at=timezone.now(),
                )
            )
        return Application.objects.bulk_create(applications)

    @transaction.atomic
    def _seed(self, count: int) -> list[int]:
        """Offers waiting for an answer (email and SMS are on for them), half of each channel."""
        applications = self._people()
        now = timezone.now()
        rows = []
        for number in range(count):
            application = applications[number % len(applications)]
            channel = (Channel.EMAIL, Channel.SMS)[number % 2]
            rows.append(
                Notification(
                    recipient_id=application.applicant_id,
                    channel=channel,
                    kind=Kind.OFFER_WAITING,
                    idempotency_key=f"{KEY_PREFIX}{number}:user{application.applicant_id}:{channel}",
                    context={"application": application.pk, "answer_by": now.date().isoformat()},
                    link_path="/",
                    due_at=now,
                    next_attempt_at=now,
                )
            )
        return [row.pk for row in Notification.objects.bulk_create(rows, batch_size=2000)]

    def _clean(self) -> None:
        Notification.objects.filter(idempotency_key__startswith=KEY_PREFIX).delete()
        people = User.objects.filter(email__startswith="bench-notifications-")
        Application.objects.filter(applicant__in=people).delete()
        Listing.objects.filter(organisation__orgnr=BENCH_ORGNR, title="Benchmark").delete()
        people.delete()

    # Workers.

    def _start_workers(
        self, provider: Path, log: Path, options: dict[str, Any]
    ) -> list[subprocess.Popen[bytes]]:
        env = {
            **os.environ,
            "SMS_BACKEND": "common.sms.FileSmsBackend",
            "SMS_FILE_PATH": str(provider),
            "EMAIL_BACKEND": "notifications.mail.FileEmailBackend",
            "EMAIL_FILE_PATH": str(provider),
            "NOTIFICATION_SMS_QUIET_HOURS": "",  # the benchmark runs at any hour
            "NOTIFICATION_BATCH_SIZE": str(options["batch_size"]),
            "NOTIFICATION_FILE_LATENCY_MS": options["latency_ms"],
            "LOG_LEVEL": "WARNING",
        }
        with log.open("ab") as output:
            return [
                subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "worker.celery_app",
                        "worker",
                        "--pool=solo",
                        f"--queues={QUEUE}",
                        f"--hostname=bench{number}@%h",
                        "--without-gossip",
                        "--without-mingle",
                        "--loglevel=WARNING",
                    ],
                    cwd=settings.ROOT_DIR,
                    env=env,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
                for number in range(options["workers"])
            ]

    def _wait_until_ready(self, workers: int, log: Path) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            replies = app.control.ping(timeout=1.0) or []
            if sum(1 for reply in replies for name in reply if name.startswith("bench")) >= workers:
                return
        raise CommandError(f"The workers did not start within a minute:\n{_tail(log)}")

    def _drain(self, timeout: float, *, workers: int, log: Path) -> float:
        """Nudge the workers as beat does until no benchmark row waits; the seconds it took."""
        bench = Notification.objects.filter(idempotency_key__startswith=KEY_PREFIX)
        started = time.monotonic()
        last_nudge = -NUDGE_EVERY_SECONDS
        while bench.filter(status__in=(Status.PENDING, Status.SENDING)).exists():
            elapsed = time.monotonic() - started
            if elapsed > timeout:
                raise CommandError(f"Not drained after {timeout:.0f} s:\n{_tail(log)}")
            if elapsed - last_nudge >= NUDGE_EVERY_SECONDS:
                for _worker in range(workers):
                    app.send_task("worker.tasks.notifications.send_due", queue=QUEUE)
                last_nudge = elapsed
            time.sleep(0.05)
        return time.monotonic() - started

    def _report(
        self, provider: Path, ids: list[int], drained: float, options: dict[str, Any]
    ) -> None:
        delivered = Counter(
            line["key"]
            for name in ("sms.jsonl", "email.jsonl")
            for line in read_lines(provider / name)
        )
        handovers = handover_counts(provider)
        rows = Notification.objects.filter(pk__in=ids)
        expected = {provider_token(key) for key in rows.values_list("idempotency_key", flat=True)}
        statuses = Counter(rows.values_list("status", flat=True))
        duplicates = sum(count - 1 for count in delivered.values())
        repeated = sum(count - 1 for count in handovers.values())
        per_key = Counter(handovers[key] for key in expected)
        missing = len(expected - set(delivered))
        rate = len(ids) / drained
        self.stdout.write(
            f"{len(ids)} notifications drained by {options['workers']} worker processes "
            f"in {drained:.1f} s ({rate:.0f}/s, {rate / options['workers']:.0f}/s per worker; "
            f"provider answers in {options['latency_ms']} ms)\n"
            f"hand-overs to the provider: {sum(handovers.values())}, repeats: {repeated}; "
            f"keys by hand-overs: {dict(sorted(per_key.items()))}\n"
            f"deliveries (the provider drops repeated keys): duplicates: {duplicates}; "
            f"missing: {missing}; rows: {dict(statuses)} (goal: under 60 s, zero duplicates)"
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""
