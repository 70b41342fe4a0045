from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("Placement agreements")

    def ready(self) -> None:
        # Connects the signal receivers; registers the agreements' messages with notifications.
        from placements import notices, receivers  # noqa: F401
