"""The Celery application: `celery -A worker.celery_app worker` and `... beat`."""

import os
import sys
from pathlib import Path

from celery import Celery

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
