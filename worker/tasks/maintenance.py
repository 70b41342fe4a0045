from celery import shared_task
from django.core import management


@shared_task(name="worker.tasks.maintenance.clear_expired_sessions", time_limit=600)
def clear_expired_sessions() -> None:
    management.call_command("clearsessions")
