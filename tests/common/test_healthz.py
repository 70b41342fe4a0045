"""/healthz reports the database, the cache and the broker, and 503 when one is down."""

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from tests.support.worker_processes import RedisServer

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_on_postgres_and_redis() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["state"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "cache": "ok",
        "broker": "ok",
    }


def test_healthz_reports_a_stopped_redis(redis_server: RedisServer) -> None:
    url = redis_server.url
    redis_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=redis_cache, REDIS_URL=url, CELERY_BROKER_URL=url):
        caches._settings = caches.settings = redis_cache  # type: ignore[attr-defined]
        try:
            assert Client().get("/healthz").status_code == 200
            redis_server.stop()
            response = Client().get("/healthz")
        finally:
            del caches._settings  # type: ignore[attr-defined]
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["database"]["state"] == "ok"
    assert body["checks"]["cache"]["state"] == "down"
    assert body["checks"]["broker"]["state"] == "down"
