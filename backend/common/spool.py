"""An append-only JSON-lines file that keeps at most one line per idempotency key.

The file backends for SMS and email write through it, so that tests can watch the "provider side"
from other processes. They behave like a provider that honours idempotency keys: a message whose
key is already in the file is not written again. Several processes may write at once; an exclusive
lock on the file makes "is the key there? then append" one step, and each process reads only what
was appended since it last looked. Every hand-over, repeats included, is counted apart in
handovers.jsonl (record_handover): that is what the delivery guarantee is measured by.
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar


class JsonlSpool:
    # Per file (and inode): how far this process has read, and the keys seen up to there.
    _seen: ClassVar[dict[tuple[Path, int], tuple[int, set[str]]]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, record: dict[str, Any], *, key: str) -> bool:
        """Write `record` unless a line with this key is there already; True if written."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = (json.dumps({"key": key, **record}, ensure_ascii=False) + "\n").encode()
        with self._lock, self.path.open("a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                seen_key = (self.path, os.fstat(handle.fileno()).st_ino)
                offset, keys = self._seen.get(seen_key, (0, set()))
                handle.seek(offset)
                for old in handle:
                    if old.endswith(b"\n"):
                        keys.add(json.loads(old)["key"])
                        offset += len(old)
                if key and key in keys:
                    self._seen[seen_key] = (offset, keys)
                    return False
                # One write() of one line: a process killed now writes all of it or nothing.
                handle.write(line)
                handle.flush()
                if key:
                    keys.add(key)
                self._seen[seen_key] = (offset + len(line), keys)
                return True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def read_lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.endswith("\n")]


HANDOVERS = "handovers.jsonl"


def record_handover(directory: Path, *, channel: str, key: str) -> None:
    """Count one hand-over to the provider in `directory`/handovers.jsonl, repeats included.

    The file backends call this for every message they are given, before they drop a repeat:
    the delivery tests and bench_notifications count hand-overs per key (handover_counts).
    """
    directory.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"channel": channel, "key": key, "pid": os.getpid()}) + "\n"
    # O_APPEND and one write() of one short line: lines of several processes never interleave.
    descriptor = os.open(directory / HANDOVERS, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        os.write(descriptor, line.encode())
    finally:
        os.close(descriptor)


def handover_counts(directory: Path) -> Counter[str]:
    """Hand-overs to the provider per idempotency key in `directory`, repeats included."""
    return Counter(line["key"] for line in read_lines(directory / HANDOVERS))


def provider_latency(spec: str) -> float:
    """Seconds a file backend waits before it answers: "0", "20" or "10-50" (milliseconds)."""
    low, _, high = spec.strip().partition("-")
    low_ms = float(low or 0)
    high_ms = float(high) if high else low_ms
    return random.uniform(low_ms, high_ms) / 1000  # noqa: S311 - a simulated wait, not a secret


def provider_wait(spec: str) -> None:
    """Wait as long as a provider that answers in `spec` milliseconds; no wait for "0".

    time.sleep(0) is not free: it gives up the processor, and on a busy machine a worker waits
    a whole scheduler slice for it on every message.
    """
    seconds = provider_latency(spec)
    if seconds > 0:
        time.sleep(seconds)
