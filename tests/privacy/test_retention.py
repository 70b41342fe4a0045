"""The retention job removes exactly what is past its period, and a second run finds nothing."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from accounts.models import User
from applications.models import Application, ApplicationEvent, ScreeningAnswer
from applications.selectors import applicant_for_employer
from audit.models import AuditEntry
from listings.models import Listing, ListingStatus
from notifications.models import Channel, Kind, Notification, Status
from organisations.models import Organisation
from privacy.retention import RetentionReport, retention_apply
from subsidies.models import PersonFacts, RefundClaim
from subsidies.services import case_approve, case_recommend
from tests.factories import (
    ApplicationFactory,
    ListingFactory,
    NewcomerFactory,
    ScreeningQuestionFactory,
    UserFactory,
)
from tests.subsidies.conftest import give_person_facts, open_case
from worker.schedule import BEAT_SCHEDULE
from worker.tasks import privacy as privacy_tasks

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
NOW = timezone.now()
ZERO = RetentionReport()


def _closed_listing(organisation: Organisation, *, closed_days_ago: int, **kw: object) -> Listing:
    listing = ListingFactory(organisation=organisation, **kw)
    Listing.objects.filter(pk=listing.pk).update(
        status=ListingStatus.FILLED, closed_at=NOW - closed_days_ago * DAY
    )
    listing.refresh_from_db()
    return listing


def _full_application(listing: Listing) -> Application:
    question = ScreeningQuestionFactory(listing=listing)
    application = ApplicationFactory(
        listing=listing,
        message="Jeg har jobbet i bakeri i Aleppo.",
        profile_snapshot={"experience": "Baker i fem år", "languages": ["ar"]},
        interview_place="Grorudveien 1",
        interview_link="https://meet.example.com/abc",
        status="rejected",
    )
    ScreeningAnswer.objects.create(application=application, question=question, answer=True)
    ApplicationEvent.objects.create(
        application=application,
        from_status="submitted",
        to_status="rejected",
        note="Too little experience with dough machines",
    )
    return application


def test_applications_are_anonymised_a_year_after_the_listing_closed(
    organisation: Organisation,
) -> None:
    old = _full_application(_closed_listing(organisation, closed_days_ago=366))
    recent = _full_application(_closed_listing(organisation, closed_days_ago=364))
    still_open = _full_application(ListingFactory(organisation=organisation))

    assert retention_apply(now=NOW).applications_anonymised == 1

    old.refresh_from_db()
    assert (old.message, old.profile_snapshot, old.interview_place, old.interview_link) == (
        "",
        {},
        "",
        "",
    )
    assert not old.answers.exists()
    # The status and timeline stay for statistics, without free text.
    assert old.status == "rejected"
    assert [(e.to_status, e.note) for e in old.events.all()] == [
        ("submitted", ""),
        ("rejected", ""),
    ]
    assert old.applicant_id is not None
    # The employer no longer sees who it was.
    shown = applicant_for_employer(old, now=NOW)
    assert (shown.hidden, shown.withheld, shown.name, shown.email) == (True, True, None, None)
    assert not applicant_for_employer(recent, now=NOW).withheld
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.message and kept.profile_snapshot and kept.answers.exists()
        assert kept.events.exclude(note="").exists()

    assert retention_apply(now=NOW) == ZERO


def test_a_note_left_on_the_timeline_is_cleared_too(organisation: Organisation) -> None:
    listing = _closed_listing(organisation, closed_days_ago=400)
    application = ApplicationFactory(listing=listing, status="withdrawn")
    ApplicationEvent.objects.create(
        application=application, from_status="submitted", to_status="withdrawn", note="Moved"
    )
    assert retention_apply(now=NOW).applications_anonymised == 1
    assert not ApplicationEvent.objects.filter(application=application).exclude(note="").exists()
    assert retention_apply(now=NOW) == ZERO


def _notification(
    user: User, key: str, *, created_days_ago: int, read_days_ago: int | None
) -> Notification:
    return Notification.objects.create(
        recipient=user,
        channel=Channel.IN_APP,
        kind=Kind.APPLICATION_STATUS,
        idempotency_key=key,
        link_path="/me/applications/",
        status=Status.SENT,
        created_at=NOW - created_days_ago * DAY,
        read_at=None if read_days_ago is None else NOW - read_days_ago * DAY,
    )


def test_read_notifications_go_after_six_months_and_unread_after_a_year(newcomer: User) -> None:
    _notification(newcomer, "read-old", created_days_ago=200, read_days_ago=184)
    read_recent = _notification(newcomer, "read-recent", created_days_ago=200, read_days_ago=182)
    _notification(newcomer, "unread-old", created_days_ago=366, read_days_ago=None)
    unread_recent = _notification(
        newcomer, "unread-recent", created_days_ago=364, read_days_ago=None
    )
    waiting = _notification(newcomer, "still-pending", created_days_ago=400, read_days_ago=None)
    Notification.objects.filter(pk=waiting.pk).update(status=Status.PENDING)

    report = retention_apply(now=NOW)

    assert (report.read_notifications_deleted, report.unread_notifications_deleted) == (1, 1)
    assert set(Notification.objects.values_list("pk", flat=True)) == {
        read_recent.pk,
        unread_recent.pk,
        waiting.pk,
    }
    assert retention_apply(now=NOW) == ZERO


def test_unverified_accounts_go_after_a_day() -> None:
    old = UserFactory(email="old@example.com", last_login=None)
    young = UserFactory(email="young@example.com", last_login=None)
    verified = UserFactory(email="verified@example.com", last_login=None)
    EmailAddress.objects.filter(user__in=[old, young]).update(verified=False)
    User.objects.filter(pk__in=[old.pk, verified.pk]).update(
        date_joined=NOW - datetime.timedelta(hours=25)
    )
    User.objects.filter(pk=young.pk).update(date_joined=NOW - datetime.timedelta(hours=23))

    assert retention_apply(now=NOW).unverified_accounts_deleted == 1
    assert set(User.objects.values_list("email", flat=True)) == {
        "young@example.com",
        "verified@example.com",
    }
    assert retention_apply(now=NOW) == ZERO


def _decided_case(organisation: Organisation, beslutter: User, veileder: User):  # type: ignore[no-untyped-def]
    case = open_case(organisation)
    case_recommend(case=case, by=veileder, outcome="approve")
    case.refresh_from_db()
    return case_approve(case=case, by=beslutter)


def test_person_facts_go_two_years_after_the_last_claim_of_decided_cases(
    organisation: Organisation, veileder: User, beslutter: User
) -> None:
    decided = _decided_case(organisation, beslutter, veileder)
    last_due = max(RefundClaim.objects.filter(case=decided).values_list("due_date", flat=True))
    needed_until = max(last_due, timezone.localdate(decided.decision.at))
    undecided = open_case(organisation)  # computed, not decided: its facts are still needed
    without_case = give_person_facts(NewcomerFactory())
    PersonFacts.objects.filter(pk=without_case.pk).update(updated_at=NOW - 800 * DAY)
    # Run at noon Oslo time, so the day boundary is clear of the clock.
    noon = datetime.datetime.combine(
        needed_until, datetime.time(12), timezone.get_current_timezone()
    )

    day_before = retention_apply(now=noon + datetime.timedelta(days=729))
    assert day_before.person_facts_deleted == 1  # only the facts without a case, 800 days old
    assert PersonFacts.objects.filter(person=decided.newcomer).exists()

    report = retention_apply(now=noon + datetime.timedelta(days=730))
    assert report.person_facts_deleted == 1
    assert not PersonFacts.objects.filter(person=decided.newcomer).exists()
    assert PersonFacts.objects.filter(person=undecided.newcomer).exists()
    assert retention_apply(now=noon + datetime.timedelta(days=730)).person_facts_deleted == 0


def _audit(at: datetime.datetime) -> AuditEntry:
    return AuditEntry.objects.create(at=at, action="case.read", object_type="case", object_id="1")


def test_audit_entries_go_after_five_years_and_only_through_the_retention_job() -> None:
    old = _audit(NOW - 1827 * DAY)
    recent = _audit(NOW - 1825 * DAY)

    # Without the retention job's setting, the log refuses every delete, old entries included.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM subsidies_auditentry WHERE id = %s", [old.pk])
    # With the setting but a cutoff before the entry: refused too.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('innsteg.retention', 'on', true),"
            " set_config('innsteg.retention_cutoff', %s, true)",
            [(NOW - 3000 * DAY).isoformat()],
        )
        cursor.execute("DELETE FROM subsidies_auditentry WHERE id = %s", [old.pk])

    assert retention_apply(now=NOW).audit_entries_deleted == 1
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]
    assert retention_apply(now=NOW) == ZERO

    # The job leaves nothing switched on, and UPDATE stays refused even with the setting.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM subsidies_auditentry WHERE id = %s", [recent.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('innsteg.retention', 'on', true),"
            " set_config('innsteg.retention_cutoff', %s, true)",
            [NOW.isoformat()],
        )
        cursor.execute("UPDATE subsidies_auditentry SET object_id = 'x' WHERE id = %s", [recent.pk])


def _printed(out: io.StringIO) -> dict[str, str]:
    return dict(line.split() for line in out.getvalue().splitlines() if len(line.split()) == 2)


def test_the_command_prints_the_report_and_a_dry_run_changes_nothing(
    organisation: Organisation,
) -> None:
    old = _full_application(_closed_listing(organisation, closed_days_ago=400))

    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue()
    assert _printed(out)["applications_anonymised"] == "1"
    old.refresh_from_db()
    assert old.message

    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    printed = _printed(out)
    assert (printed["applications_anonymised"], printed["audit_entries_deleted"]) == ("1", "0")
    assert set(printed) >= set(ZERO.as_dict())
    old.refresh_from_db()
    assert old.message == ""


def test_the_beat_task_applies_retention_daily(organisation: Organisation) -> None:
    _full_application(_closed_listing(organisation, closed_days_ago=400))
    entry = BEAT_SCHEDULE["privacy-apply-retention"]
    assert entry["task"] == privacy_tasks.apply_retention.name
    assert 0 < entry["options"]["expires"] < 24 * 3600
    assert privacy_tasks.apply_retention.apply().get()["applications_anonymised"] == 1
    assert privacy_tasks.apply_retention.apply().get() == ZERO.as_dict()


def _settings_value(expression: str, **environment: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "REDIS_URL", "DJANGO_", "INNSTEG_RETENTION_"))
    }
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            f"from django.conf import settings; print({expression})",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env={**clean, **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_each_period_comes_from_the_environment_and_nonsense_stops_the_start() -> None:
    expression = "settings.RETENTION_PERIODS['applications'].days"
    assert _settings_value(expression).stdout.strip() == "365"
    changed = _settings_value(expression, INNSTEG_RETENTION_APPLICATIONS_DAYS="400")
    assert changed.stdout.strip() == "400"
    too_short = _settings_value(expression, INNSTEG_RETENTION_APPLICATIONS_DAYS="7")
    assert too_short.returncode != 0
    assert "INNSTEG_RETENTION_APPLICATIONS_DAYS" in too_short.stderr
