from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo: `manage.py seed_demo` loads people and data that show every part of the product."""

    name = "demo"
    verbose_name = _("Demo")
