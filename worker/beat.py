"""Celery beat that schedules only while it holds a lock in Redis.

Exactly one beat should run (the Kubernetes Deployment has one replica and recreates it), but a
rollout, a stuck node or a second `make beat` can start another for a while. Each tick, a beat
takes or renews the lock `innsteg:beat:lock` (a TTL of INNSTEG_BEAT_LOCK_SECONDS); a beat that does
not hold it waits and schedules nothing, and takes over when the holder has been gone for one TTL.
"""

from __future__ import annotations

import logging
from typing import Any

import redis
from celery.beat import PersistentScheduler
from django.conf import settings
from redis.lock import Lock

logger = logging.getLogger(__name__)

LOCK_NAME = "innsteg:beat:lock"


class LockedScheduler(PersistentScheduler):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lock_seconds = settings.BEAT_LOCK_SECONDS
        # Renew well before the lock runs out, however long the next entry is away.
        self.max_interval = min(self.max_interval or 300, max(1, self.lock_seconds // 3))
        self._redis = redis.Redis.from_url(
            self.app.conf.broker_url, socket_connect_timeout=2, socket_timeout=2
        )
        self._lock: Lock = self._redis.lock(
            LOCK_NAME, timeout=self.lock_seconds, blocking=False, thread_local=False
        )
        self._holding = False

    def _hold_lock(self) -> bool:
        try:
            if self._holding and self._lock.owned():
                self._lock.reacquire()
                return True
            self._holding = bool(self._lock.acquire(blocking=False))
        except redis.RedisError as error:
            logger.warning("Beat lock unavailable (%s): not scheduling", error.__class__.__name__)
            self._holding = False
            return False
        if self._holding:
            logger.info("Beat holds the schedule lock: scheduling")
        return self._holding

    def tick(self, *args: Any, **kwargs: Any) -> float:
        if not self._hold_lock():
            return float(self.max_interval or 1)
        return float(super().tick(*args, **kwargs) or 0)

    def close(self) -> None:
        try:
            if self._holding and self._lock.owned():
                self._lock.release()
        except redis.RedisError:
            pass
        finally:
            self._redis.close()
            super().close()
