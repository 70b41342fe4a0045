"""The development plan's steps as the guide's pages need them: each newcomer's next step and
their overdue steps, read through the plans app's selectors."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    title: str
    due: datetime.date | None
    newcomer_id: int


def next_steps(*, newcomer_ids: list[int]) -> dict[int, Step]:
    return {}


def overdue_steps(*, newcomer_ids: list[int], today: datetime.date) -> dict[int, list[Step]]:
    return {}


def plan_summary(*, newcomer_id: int) -> None:
    return None
