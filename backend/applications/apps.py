from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        # Registers the marketplace's messages and reminder scans with notifications.
        from applications import notices, reminders  # noqa: F401
