"""Reads about notifications, always the viewer's own."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from accounts.models import User
from notifications.kinds import categories_for, default_channels
from notifications.models import Category, Channel, Notification, NotificationPreference, Status


def notification_list(*, viewer: User) -> QuerySet[Notification]:
    """What Innsteg has shown the viewer, newest first."""
    return (
        Notification.objects.filter(recipient=viewer, channel=Channel.IN_APP, status=Status.SENT)
        .select_related("recipient")
        .order_by("-created_at", "-id")
    )


def notification_get(*, viewer: User, pk: int) -> Notification:
    """One of the viewer's in-app notifications; Notification.DoesNotExist otherwise."""
    return notification_list(viewer=viewer).get(pk=pk)


def unread_count(*, viewer: User) -> int:
    return notification_list(viewer=viewer).filter(read_at__isnull=True).count()


def notification_preferences(*, viewer: User) -> dict[Category, frozenset[str]]:
    """The channels the viewer gets for each of their categories, defaults included."""
    stored = {pref.category: pref for pref in NotificationPreference.objects.filter(user=viewer)}
    return {
        category: stored[category].channels
        if category in stored
        else default_channels(category=category, user=viewer)
        for category in categories_for(viewer)
    }


def outbox_counts() -> dict[tuple[str, str], int]:
    """Outbox rows by (channel, status), for the operators' metrics: no person in sight."""
    rows = Notification.objects.values_list("channel", "status").annotate(n=Count("pk"))
    return {(channel, status): n for channel, status, n in rows}
