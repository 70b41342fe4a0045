"""Thin Celery tasks, one module per domain. Tasks take ids and call one service."""

from worker.tasks import maintenance, marketplace

__all__ = ["maintenance", "marketplace"]
