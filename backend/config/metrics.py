"""GET /metrics: Prometheus metrics, for the operators' scraper only.

Not public: it answers 404 unless METRICS_TOKEN is set and the request carries it as a bearer
token (the proxy and the Ingress do not route /metrics either). Request counts and latency come
from every gunicorn worker; queue depth, reminders, cases and task failures are read at scrape time.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator

import redis
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from common.observability.metrics import TASK_FAILURES_KEY, request_registry
from notifications.selectors import outbox_counts
from subsidies.selectors import case_counts_by_status

CELERY_QUEUES = ("celery",)


def _broker() -> redis.Redis | None:
    if not settings.REDIS_URL:
        return None
    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)


class InnstegCollector(Collector):
    """Counts read from PostgreSQL and Redis when Prometheus scrapes."""

    def collect(self) -> Iterator[GaugeMetricFamily | CounterMetricFamily]:
        outbox = GaugeMetricFamily(
            "innsteg_notifications",
            "Notification outbox rows by channel and status.",
            labels=["channel", "status"],
        )
        sent = CounterMetricFamily(
            "innsteg_reminders_sent", "Notifications sent, by channel.", labels=["channel"]
        )
        sent_by_channel: dict[str, int] = {}
        for (channel, status), count in sorted(outbox_counts().items()):
            outbox.add_metric([channel, status], count)
            if status == "sent":
                sent_by_channel[channel] = sent_by_channel.get(channel, 0) + count
        for channel, count in sorted(sent_by_channel.items()):
            sent.add_metric([channel], count)
        yield outbox
        yield sent

        cases = GaugeMetricFamily(
            "innsteg_subsidy_cases",
            "Subsidy cases by status (waiting: open, computed, recommended).",
            labels=["status"],
        )
        for status, count in sorted(case_counts_by_status().items()):
            cases.add_metric([status], count)
        yield cases

        client = _broker()
        if client is None:
            return
        try:
            depth = GaugeMetricFamily(
                "innsteg_queue_depth",
                "Celery messages waiting in the broker, by queue.",
                labels=["queue"],
            )
            for queue in CELERY_QUEUES:
                depth.add_metric([queue], client.llen(queue))
            yield depth
            failures = CounterMetricFamily(
                "innsteg_task_failures", "Celery tasks that failed, by task.", labels=["task"]
            )
            counted: dict[bytes, bytes] = client.hgetall(TASK_FAILURES_KEY)  # type: ignore[assignment]
            for task, failed in sorted(counted.items()):
                failures.add_metric([task.decode()], int(failed))
            yield failures
        except redis.RedisError:
            return
        finally:
            client.close()


def _authorised(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    if not _authorised(request):
        raise Http404
    registry = CollectorRegistry()
    registry.register(InnstegCollector())
    output = generate_latest(registry) + generate_latest(request_registry() or REGISTRY)
    return HttpResponse(output, content_type="text/plain; version=0.0.4; charset=utf-8")
