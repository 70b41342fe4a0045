from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuddiesConfig(AppConfig):
    name = "buddies"
    verbose_name = _("Buddy matching")

    def ready(self) -> None:
        # The texts of the buddy notifications register themselves with notifications.messages.
        from buddies import notices  # noqa: F401
