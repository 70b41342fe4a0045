from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The append-only audit log of decisions, reads of personal data and changes of access."""

    name = "audit"
    verbose_name = _("Audit log")
