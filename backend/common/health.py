"""Is each part we depend on answering? Used by /healthz and by the deploy probes."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection

# States of one part.
OK = "ok"
DOWN = "down"
NOT_USED = "not used"


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return OK


def check_cache() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        return DOWN
    cache.delete(key)
    return OK


def check_broker() -> str:
    if not settings.REDIS_URL:  # tasks run in-process
        return NOT_USED
    import redis

    client = redis.Redis.from_url(
        settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2
    )
    try:
        return OK if client.ping() else DOWN
    finally:
        client.close()


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
}


def health_report() -> tuple[bool, dict[str, dict[str, object]]]:
    report: dict[str, dict[str, object]] = {}
    healthy = True
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            state = check()
        except Exception as error:  # noqa: BLE001 - any failure means the part is down
            state = DOWN
            report[name] = {"state": state, "error": error.__class__.__name__}
        else:
            report[name] = {"state": state}
        report[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
        healthy = healthy and state != DOWN
    return healthy, report
