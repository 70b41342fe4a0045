from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidiesConfig(AppConfig):
    name = "subsidies"
    verbose_name = _("Subsidies")

    def ready(self) -> None:
        # Connects the signal receivers; registers messages and reminder scans with notifications.
        from subsidies import notices, receivers, reminders  # noqa: F401
