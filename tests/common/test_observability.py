"""Operators' view: request ids in logs and tasks, personal data masked, metrics not public."""

from __future__ import annotations

import json
import logging

import pytest
from celery import shared_task
from django.test import Client, override_settings

from common.observability.logs import JsonFormatter, RedactFilter, RequestIdFilter, redact
from common.observability.request_id import current_request_id, request_id_var

pytestmark = pytest.mark.django_db

VALID_FNR = "01010012356"  # python-stdnum-valid, synthetic


def test_every_answer_carries_a_request_id_and_keeps_a_proxys() -> None:
    response = Client().get("/healthz/live")
    assert response.status_code == 200
    assert len(response["X-Request-ID"]) == 32
    given = Client().get("/healthz/live", HTTP_X_REQUEST_ID="edge-1234abcd")
    assert given["X-Request-ID"] == "edge-1234abcd"
    hostile = Client().get("/healthz/live", HTTP_X_REQUEST_ID="x\r\nSet-Cookie: a=b")
    assert hostile["X-Request-ID"] != "x\r\nSet-Cookie: a=b"


def _record(message: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("innsteg.test", logging.INFO, __file__, 1, message, args, None)


def test_json_lines_carry_the_request_id() -> None:
    token = request_id_var.set("req-abcdef12")
    try:
        record = _record("listing %s published", 42)
        RequestIdFilter().filter(record)
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id_var.reset(token)
    assert line["request_id"] == "req-abcdef12"
    assert line["message"] == "listing 42 published"
    assert line["level"] == "INFO"


def test_personal_data_is_masked_in_log_lines() -> None:
    record = _record("facts for %s, phone %s, mail %s", VALID_FNR, "+4791234567", "kari@example.no")
    RedactFilter().filter(record)
    message = record.getMessage()
    assert VALID_FNR not in message
    assert "+4791234567" not in message
    assert "kari@example.no" not in message
    # Eleven digits that are no national id (an order number) stay readable.
    assert redact("order 12345678901") == "order 12345678901"


@shared_task(name="tests.observability.echo_request_id")
def echo_request_id() -> str | None:
    return current_request_id()


def test_a_task_enqueued_in_a_request_runs_under_its_id() -> None:
    from worker.observability import _carry_request_id

    token = request_id_var.set("req-0011223344")
    try:
        headers: dict[str, object] = {}
        _carry_request_id(headers=headers)  # what publishing the task adds to its message
    finally:
        request_id_var.reset(token)
    assert headers == {"request_id": "req-0011223344"}
    # The worker adopts the message's id (here: a fresh context, the header as Celery passes it).
    result = echo_request_id.apply(headers={"request_id": "req-0011223344"})
    assert result.get() == "req-0011223344"
    assert current_request_id() is None


def test_metrics_are_not_public() -> None:
    assert Client().get("/metrics").status_code == 404
    with override_settings(METRICS_TOKEN="s3cret-token-for-scraper"):
        assert Client().get("/metrics").status_code == 404
        wrong = Client().get("/metrics", HTTP_AUTHORIZATION="Bearer nope")
        assert wrong.status_code == 404


@override_settings(METRICS_TOKEN="s3cret-token-for-scraper")
def test_metrics_report_requests_queue_reminders_and_cases() -> None:
    Client().get("/healthz/live")
    response = Client().get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token-for-scraper")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'innsteg_http_requests_total{method="GET",route="healthz-live",status="200"}' in body
    assert "innsteg_http_request_duration_seconds_bucket" in body
    assert 'innsteg_queue_depth{queue="celery"}' in body
    assert "innsteg_task_failures" in body
    assert "innsteg_subsidy_cases" in body
    assert "innsteg_notifications" in body
    assert response["Cache-Control"].startswith("max-age=0")


@override_settings(METRICS_TOKEN="s3cret-token-for-scraper")
def test_a_failed_task_is_counted_for_the_metrics() -> None:
    import redis
    from django.conf import settings

    from common.observability.metrics import TASK_FAILURES_KEY

    client = redis.Redis.from_url(settings.REDIS_URL)
    client.hdel(TASK_FAILURES_KEY, "tests.observability.fails")

    @shared_task(name="tests.observability.fails")
    def fails() -> None:
        raise RuntimeError("boom")

    with override_settings(CELERY_TASK_EAGER_PROPAGATES=False):
        fails.apply()
    assert client.hget(TASK_FAILURES_KEY, "tests.observability.fails") == b"1"
    body = Client().get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token-for-scraper")
    sample = 'innsteg_task_failures_total{task="tests.observability.fails"} 1.0'
    assert sample in body.content.decode()
    client.hdel(TASK_FAILURES_KEY, "tests.observability.fails")


@override_settings(METRICS_TOKEN="s3cret-token-for-scraper")
def test_the_grafana_dashboard_uses_only_metrics_the_endpoint_serves() -> None:
    import re
    from pathlib import Path

    dashboard = json.loads(
        (Path(__file__).resolve().parents[2] / "deploy/grafana/innsteg.json").read_text()
    )
    Client().get("/healthz/live")
    served = Client().get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token-for-scraper")
    families = set(re.findall(r"^# TYPE (\w+) ", served.content.decode(), re.M))
    names = set()
    for family in families:  # Prometheus adds these suffixes to counters and histograms
        names |= {family, f"{family}_total", f"{family}_bucket", f"{family}_count"}
    used = {
        name
        for panel in dashboard["panels"]
        for target in panel["targets"]
        for name in re.findall(r"\b(innsteg_\w+)", target["expr"])
    }
    assert used and used <= names, used - names
