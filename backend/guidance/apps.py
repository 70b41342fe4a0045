from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = _("Establishment guides")

    def ready(self) -> None:
        # Registers the messages' renderers and the weekly digest's scan with notifications.
        from guidance import notify, reminders  # noqa: F401
