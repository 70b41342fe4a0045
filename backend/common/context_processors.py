"""What every page shows about the service itself (the footer)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, str]:
    return {
        "service_operator_name": settings.SERVICE_OPERATOR_NAME,
        "service_contact_email": settings.SERVICE_CONTACT_EMAIL,
    }
