"""Celery's side of the operators' view: a task runs under the id of the request that enqueued it,
and failures are counted in Redis for the metrics endpoint."""

from __future__ import annotations

import logging
from typing import Any

import redis
from celery import Task
from celery.signals import before_task_publish, task_failure, task_postrun, task_prerun
from django.conf import settings

from common.observability.metrics import TASK_FAILURES_KEY
from common.observability.request_id import current_request_id, new_request_id, request_id_var

logger = logging.getLogger(__name__)
_tokens: dict[str, Any] = {}


@before_task_publish.connect
def _carry_request_id(headers: dict[str, Any] | None = None, **_: Any) -> None:
    request_id = current_request_id()
    if headers is not None and request_id and "request_id" not in headers:
        headers["request_id"] = request_id


@task_prerun.connect
def _adopt_request_id(task_id: str | None = None, task: Task | None = None, **_: Any) -> None:
    carried = None
    if task is not None:  # a header of the message; run in-process, among the request's headers
        headers = getattr(task.request, "headers", None) or {}
        carried = getattr(task.request, "request_id", None) or headers.get("request_id")
    if task_id and (carried or current_request_id() is None):
        _tokens[task_id] = request_id_var.set(new_request_id(carried or task_id))


@task_postrun.connect
def _drop_request_id(task_id: str | None = None, **_: Any) -> None:
    token = _tokens.pop(task_id, None) if task_id else None
    if token is not None:
        request_id_var.reset(token)


@task_failure.connect
def _count_failure(sender: Task | None = None, **_: Any) -> None:
    if not settings.REDIS_URL or sender is None:
        return
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.hincrby(TASK_FAILURES_KEY, sender.name, 1)
    except redis.RedisError:
        logger.warning("Could not count a failure of %s: Redis did not answer", sender.name)
    finally:
        client.close()
