"""The page each message links to, as a path; messages make it absolute with SITE_URL."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def application_for_applicant(application_id: int) -> str:
    return reverse("applications:detail", args=[application_id])


def listing(listing_id: int) -> str:
    return reverse("listings:detail", args=[listing_id])


def application_for_employer(application_id: int) -> str:
    return reverse("employer:application_detail", args=[application_id])


def saved_listings() -> str:
    return reverse("listings:saved")


def notification_list() -> str:
    return reverse("notifications:list")


def notification_settings() -> str:
    return reverse("notifications:settings")


def agreement(agreement_id: int) -> str:
    """The agreement's page: every party and the kommune's caseworkers see it."""
    return reverse("placements:detail", args=[agreement_id])
