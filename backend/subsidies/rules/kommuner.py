"""The kommune table: each kommune's arbeidsgiveravgift zones (docs/rules/settled-readings.md,
"The zone").

``data/kommuner.csv`` is a byte-for-byte copy of ``backend/reference/data/kommuner.csv`` (the
reference app's table, 357 kommuner from 2024-01-01), so that the engine stands alone; a test keeps
the two equal. Only ``kommunenummer`` and ``aga_soner`` (every zone of the kommune, ``|``-separated;
more than one for a kommune split between zones) are read, once, on first use.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "kommuner.csv"


@cache
def kommune_zones() -> dict[str, tuple[str, ...]]:
    """Kommune number -> its zones, in Skatteetaten's order."""
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            row["kommunenummer"]: tuple(row["aga_soner"].split("|"))
            for row in csv.DictReader(handle)
        }


def zones_of(kommune: str) -> tuple[str, ...] | None:
    """The zones a business unit in ``kommune`` may lie in; None for a number not in the table."""
    return kommune_zones().get(kommune)
