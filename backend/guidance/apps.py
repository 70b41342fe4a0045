from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = _("Establishment guides")

    def ready(self) -> None:
        from guidance import notify  # noqa: F401 - registers the messages' renderers
