"""The audit log: every decision, every read of personal data, and every change of a person's
role or access made in the admin, with who, when, what, where.

Append-only. The model refuses to change or delete a row, and on PostgreSQL a trigger (subsidies'
migration 0002, where the table was made; retention's guarded delete in 0012) refuses UPDATE and
DELETE for everyone, raw SQL included. The table keeps its first name, subsidies_auditentry.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditLogIsAppendOnly(Exception):
    """Raised on an attempt to change or delete an audit entry."""


class AuditAction(models.TextChoices):
    CASE_READ = "case.read", _("Read a case with its input record")
    FACTS_READ = "person_facts.read", _("Read a person's facts")
    NATIONAL_ID_READ = "person_facts.national_id.read", _("Read a national identity number")
    FACTS_UPDATE = "person_facts.update", _("Changed a person's facts")
    CASE_FACTS_UPDATE = "case.facts_update", _("Changed a case's facts")
    RECOMMEND = "case.recommend", _("Recommended")
    APPROVE = "case.approve", _("Approved")
    REJECT = "case.reject", _("Rejected")
    ACCOUNT_CREATE = "account.create", _("Created a person's account in the admin")
    ACCOUNT_ACCESS_CHANGE = "account.access_change", _("Changed a person's role or access")
    ACCOUNT_MFA_RESET = "account.mfa_reset", _("Removed a person's two-factor device")
    ACCOUNT_DELETE = "account.delete", _("Deleted a person's account")


class AuditObjectType(models.TextChoices):
    """What an entry is about (the id is in `object_id`)."""

    SUBSIDY_CASE = "subsidy_case", _("Subsidy case")
    PERSON_FACTS = "person_facts", _("A person's facts")
    USER = "user", _("Account")


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("The audit log is append-only.")


class AuditEntry(models.Model):
    """Who (a person, a case system, or a case system for a named person), when, what, where.

    People and clients are kept as ids and labels, not foreign keys: deleting a user must never
    have to touch the log.
    """

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=40, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=40, choices=AuditObjectType.choices)
    object_id = models.CharField(_("object id"), max_length=40)
    kommune_id = models.CharField(_("kommune"), max_length=4, blank=True)
    user_id = models.BigIntegerField(_("user id"), null=True, blank=True)
    user_label = models.CharField(_("user"), max_length=254, blank=True)
    client_id = models.CharField(_("OAuth2 client id"), max_length=100, blank=True)
    client_name = models.CharField(_("case system"), max_length=255, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    details = models.JSONField(
        _("details"),
        default=dict,
        blank=True,
        help_text=_("Field names, outcomes and reasons; never the personal data itself."),
    )

    objects: ClassVar[models.Manager[AuditEntry]] = AuditQuerySet.as_manager()

    class Meta:
        db_table = "subsidies_auditentry"
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogIsAppendOnly("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("The audit log is append-only.")
