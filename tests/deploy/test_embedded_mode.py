"""The embedded demo (`make run`): SQLite, no broker, and Celery beat beside the web server running
the scheduled jobs in its own process, so reminders are really produced and printed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _embedded_env(var_dir: Path) -> dict[str, str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "REDIS_URL", "DJANGO_", "INNSTEG_", "NOTIFICATION_"))
    }
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_DEBUG": "true",
        "INNSTEG_VAR_DIR": str(var_dir),
        "INNSTEG_SITE_URL": "http://127.0.0.1:8123",
        "NOTIFICATION_SCAN_INTERVAL_SECONDS": "1",
        "NOTIFICATION_SEND_INTERVAL_SECONDS": "1",
    }


def test_beat_runs_the_scheduled_jobs_in_process_on_sqlite(tmp_path: Path) -> None:
    env = _embedded_env(tmp_path)
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert migrate.returncode == 0, migrate.stderr[-2000:]
    log = tmp_path / "beat.log"
    with log.open("w") as out:
        beat = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "worker.celery_app",
                "beat",
                "--loglevel=INFO",
                "--schedule",
                str(tmp_path / "celerybeat-schedule"),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            wanted = ("worker.tasks.notifications.scan[", "worker.tasks.notifications.send_due[")
            while time.monotonic() < deadline:
                text = log.read_text()
                if all(f"{task}" in text and "succeeded" in text for task in wanted):
                    break
                time.sleep(0.5)
        finally:
            beat.terminate()
            beat.wait(timeout=30)
    text = log.read_text()
    for task in ("worker.tasks.notifications.scan", "worker.tasks.notifications.send_due"):
        ran = [line for line in text.splitlines() if task in line and "succeeded" in line]
        assert ran, f"{task} never ran in the embedded scheduler:\n{text[-3000:]}"
    assert "Traceback" not in text, text[-3000:]


# Run inside the embedded mode's own process after the demo is loaded: retention on SQLite deletes
# an audit entry past its period (PostgreSQL's guard trigger is not there), then the counts.
_CHECK_ON_SQLITE = """
import datetime, json
from django.db import connection
from django.utils import timezone
from audit.models import AuditAction, AuditEntry
from notifications.models import Notification
from privacy.retention import retention_apply
from subsidies.models import CaseEvent, ComputeRequest, EligibilityResult, SubsidyCase
old = AuditEntry.objects.create(
    action=AuditAction.CASE_READ, object_type="case", object_id="1",
    at=timezone.now() - datetime.timedelta(days=365 * 11),
)
report = retention_apply(now=timezone.now())
print(json.dumps({
    "vendor": connection.vendor,
    "old_entry_left": AuditEntry.objects.filter(pk=old.pk).exists(),
    "audit_deleted": report.audit_entries_deleted,
    "cases": SubsidyCase.objects.count(),
    "results": EligibilityResult.objects.count(),
    "open_compute_requests": ComputeRequest.objects.count(),
    "events": CaseEvent.objects.count(),
    "notifications": Notification.objects.count(),
}))
"""


def test_the_demo_its_scans_computations_and_retention_run_on_sqlite(tmp_path: Path) -> None:
    """The SQLite branches of the embedded mode (scans without advisory locks, the compute
    requests' bulk writes, the event feed's lock, retention's delete) run, and do their work."""
    env = _embedded_env(tmp_path)

    def manage(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    manage("migrate", "--noinput")
    manage("seed_demo")
    counts = json.loads(manage("shell", "-c", _CHECK_ON_SQLITE).strip().splitlines()[-1])
    assert counts["vendor"] == "sqlite"
    assert counts["old_entry_left"] is False and counts["audit_deleted"] >= 1
    assert counts["cases"] > 0
    assert counts["results"] > 0  # computed in-process on commit
    assert counts["open_compute_requests"] == 0  # each request done and cleared
    assert counts["events"] > 0
    assert counts["notifications"] > 0  # the scans found the demo's reminders
