"""The Celery application: `celery -A worker.celery_app worker` and `... beat`."""

import os
import sys
from pathlib import Path

from celery import Celery
from django.conf import settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "backend"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")


# Every task defers its sending to the commit and survives a broker outage (worker.tasks.base).
app = Celery("innsteg", task_cls="worker.tasks.base:OnCommitTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["worker"])


def _beat_schedule() -> dict[str, dict[str, object]]:
    from worker.schedule import BEAT_SCHEDULE

    return BEAT_SCHEDULE


app.conf.beat_schedule = _beat_schedule()
# With a broker, beat schedules only while it holds a lock in Redis (worker/beat.py): a second beat
# started by mistake or during a rollout waits instead of scheduling every job twice.
if settings.REDIS_URL:
    app.conf.beat_scheduler = "worker.beat:LockedScheduler"

# Request ids into tasks, task failures into the metrics (signal handlers, connected on import).
import worker.observability  # noqa: E402, F401
