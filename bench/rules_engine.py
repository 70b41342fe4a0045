"""How many evaluations a second one process manages, on a varied set of records.

PYTHONPATH=backend python -m bench.rules_engine [seconds]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from subsidies.rules.engine import evaluate, evaluate_record
from subsidies.rules.record import parse_record
from subsidies.rules.samples import varied_records


def _measure(step: Callable[[int], object], count: int, seconds: float) -> dict[str, float]:
    """Call ``step(i)`` for i = 0, 1, ... in rounds of ``count`` until ``seconds`` have passed."""
    clock = time.perf_counter
    done = 0
    started = clock()
    deadline = started + seconds
    while True:
        for index in range(count):
            step(index)
        done += count
        now = clock()
        if now >= deadline:
            break
    elapsed = now - started
    return {"evaluations": done, "seconds": round(elapsed, 3), "per_second": round(done / elapsed)}


def run(seconds: float = 3.0) -> dict[str, Any]:
    """Evaluate pre-parsed records for ``seconds``; then parse and evaluate for as long again.

    Returns ``{"evaluations", "seconds", "per_second", "records", "parse_and_evaluate": {...}}``
    where the top-level figures are for :func:`evaluate_record` on parsed records.
    """
    raw = varied_records()
    parsed = [parse_record(record) for record in raw]
    count = len(parsed)
    for record in parsed:  # warm the caches (G per month) before timing
        evaluate_record(record)

    result: dict[str, Any] = dict(_measure(lambda i: evaluate_record(parsed[i]), count, seconds))
    result["records"] = count
    result["parse_and_evaluate"] = _measure(lambda i: evaluate(raw[i]), count, seconds)
    return result


def main(argv: list[str]) -> None:
    seconds = float(argv[1]) if len(argv) > 1 else 3.0
    result = run(seconds)
    both = result["parse_and_evaluate"]
    print(
        f"evaluate_record: {result['per_second']:,} a second "
        f"({result['evaluations']:,} in {result['seconds']} s, {result['records']} records)\n"
        f"parse + evaluate: {both['per_second']:,} a second "
        f"({both['evaluations']:,} in {both['seconds']} s)"
    )


if __name__ == "__main__":
    main(sys.argv)
