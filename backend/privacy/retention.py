"""Nothing kept longer than it may be: the periods in settings.RETENTION_PERIODS, applied daily.

Each rule finds only what is past its period and still holds something to remove, so a second
run right after the first changes nothing and reports zeros.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from accounts.services import user_delete_unverified
from applications.models import Application
from audit.models import AuditEntry
from listings.models import CLOSED_LISTING_STATUSES
from notifications.models import Notification, Status
from privacy.anonymise import application_anonymise
from subsidies.models import PersonFacts
from subsidies.models.cases import UNDECIDED_STATUSES

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class RetentionReport:
    """How many rows each rule anonymised or deleted in one run."""

    applications_anonymised: int = 0
    unverified_accounts_deleted: int = 0
    read_notifications_deleted: int = 0
    unread_notifications_deleted: int = 0
    person_facts_deleted: int = 0
    audit_entries_deleted: int = 0

    def as_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)

    @property
    def total(self) -> int:
        return sum(self.as_dict().values())


def period(name: str) -> datetime.timedelta:
    value: datetime.timedelta = settings.RETENTION_PERIODS[name]
    return value


def retention_apply(*, now: datetime.datetime, dry_run: bool = False) -> RetentionReport:
    """Anonymise or delete everything past its retention period at `now`, in one transaction.

    With `dry_run` the same work is done and rolled back: the report says what a run would do.
    """
    with transaction.atomic():
        report = RetentionReport(
            applications_anonymised=_applications_anonymise(now=now),
            unverified_accounts_deleted=_unverified_accounts_delete(now=now),
            read_notifications_deleted=_read_notifications_delete(now=now),
            unread_notifications_deleted=_unread_notifications_delete(now=now),
            person_facts_deleted=_person_facts_delete(now=now),
            audit_entries_deleted=_audit_entries_delete(now=now),
        )
        if dry_run:
            transaction.set_rollback(True)
    logger.info(
        "retention %s: %s",
        "dry run" if dry_run else "applied",
        " ".join(f"{rule}={count}" for rule, count in report.as_dict().items()),
    )
    return report


# Applications: anonymised once the listing has been closed or filled for the period. The row,
# its status and its timeline stay for statistics; the free text, the answers and the profile
# copy go. The applicant stays only as the account's id.


def _applications_anonymise(*, now: datetime.datetime) -> int:
    holding_personal_data = (
        ~Q(message="")
        | ~Q(profile_snapshot={})
        | ~Q(interview_place="")
        | ~Q(interview_link="")
        | Q(answers__isnull=False)
        | Q(events__note__gt="")
    )
    ids = (
        Application.objects.filter(
            listing__status__in=CLOSED_LISTING_STATUSES,
            listing__closed_at__lte=now - period("applications"),
        )
        .filter(holding_personal_data)
        .values_list("pk", flat=True)
        .distinct()
    )
    count = 0
    for application in Application.objects.filter(pk__in=list(ids)).select_for_update():
        application_anonymise(application=application)
        count += 1
    return count


def _unverified_accounts_delete(*, now: datetime.datetime) -> int:
    # The service counts from the clock; shift the period so that its cutoff is `now` - period.
    return user_delete_unverified(older_than=period("unverified_accounts") + (timezone.now() - now))


def _read_notifications_delete(*, now: datetime.datetime) -> int:
    count, _by_model = Notification.objects.filter(
        read_at__isnull=False, read_at__lte=now - period("read_notifications")
    ).delete()
    return count


def _unread_notifications_delete(*, now: datetime.datetime) -> int:
    # Never one still waiting for a worker: the outbox row is what sends it.
    count, _by_model = (
        Notification.objects.filter(
            read_at__isnull=True, created_at__lte=now - period("unread_notifications")
        )
        .exclude(status__in=(Status.PENDING, Status.SENDING))
        .delete()
    )
    return count


def _person_facts_delete(*, now: datetime.datetime) -> int:
    """A person's subsidy facts go once none of their cases is undecided and the period has
    passed since the last decision and the last refund claim's due date (for a person without a
    case: since the facts were last changed)."""
    today = timezone.localdate(now)
    keep_for = period("person_facts")
    facts = PersonFacts.objects.annotate(
        undecided=Count(
            "person__subsidy_cases",
            filter=Q(person__subsidy_cases__status__in=UNDECIDED_STATUSES),
        ),
        cases=Count("person__subsidy_cases"),
        last_decision_at=Max("person__subsidy_cases__decision__at"),
        last_claim_due=Max("person__subsidy_cases__refund_claims__due_date"),
    ).values_list("pk", "undecided", "cases", "last_decision_at", "last_claim_due", "updated_at")
    expired = []
    for pk, undecided, cases, last_decision_at, last_claim_due, updated_at in facts:
        if undecided:
            continue
        if cases:
            dates = [timezone.localdate(last_decision_at)] if last_decision_at else []
            dates += [last_claim_due] if last_claim_due else []
            if not dates:
                continue
            needed_until = max(dates)
        else:
            needed_until = timezone.localdate(updated_at)
        if needed_until + keep_for <= today:
            expired.append(pk)
    count, _by_model = PersonFacts.objects.filter(pk__in=expired).delete()
    return count


def _audit_entries_delete(*, now: datetime.datetime) -> int:
    """The audit log is append-only; on PostgreSQL its trigger lets a DELETE through only in a
    transaction that has set innsteg.retention to on, and only of entries older than the cutoff
    that transaction names (subsidies migration 0012)."""
    cutoff = now - period("audit_entries")
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT set_config('innsteg.retention', 'on', true),"
                " set_config('innsteg.retention_cutoff', %s, true)",
                [cutoff.isoformat()],
            )
        cursor.execute(f"DELETE FROM {table} WHERE at < %s", [cutoff])  # noqa: S608
        count = cursor.rowcount
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT set_config('innsteg.retention', 'off', true),"
                " set_config('innsteg.retention_cutoff', '', true)"
            )
    return count
