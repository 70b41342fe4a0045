"""Thin Celery tasks, one module per domain. Tasks take ids and call one service."""

from worker.tasks import (
    accounts,
    maintenance,
    marketplace,
    notifications,
    placements,
    privacy,
    subsidies,
)

__all__ = [
    "accounts",
    "maintenance",
    "marketplace",
    "notifications",
    "placements",
    "privacy",
    "subsidies",
]
