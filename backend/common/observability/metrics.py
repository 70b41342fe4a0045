"""Request metrics for Prometheus, and the pieces the scrape endpoint is built from.

Under gunicorn with several worker processes the counters are kept per process in
PROMETHEUS_MULTIPROC_DIR (set by deploy/gunicorn.conf.py) and added up at scrape time. Counts of
things in the database and the broker (queue depth, reminders sent, cases waiting, task failures)
are read when Prometheus scrapes: see config/metrics.py.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from prometheus_client import CollectorRegistry, Counter, Histogram, multiprocess

REQUESTS = Counter(
    "innsteg_http_requests_total",
    "HTTP requests answered, by method, route and status code.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "innsteg_http_request_duration_seconds",
    "Time to answer an HTTP request, by method and route.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
# Redis hash where Celery workers count their task failures (any process, any host).
TASK_FAILURES_KEY = "innsteg:metrics:task_failures"


def _route(request: HttpRequest) -> str:
    """The URL pattern's name, never the path itself: paths hold ids and have no end of variety."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.view_name or match.route or "unnamed"


class MetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        route = _route(request)
        LATENCY.labels(request.method, route).observe(time.perf_counter() - started)
        REQUESTS.labels(request.method, route, str(response.status_code)).inc()
        return response


def request_registry() -> CollectorRegistry | None:
    """The registry that adds up every gunicorn worker's counters, or None in a single process."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return None
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry
