"""The one row that says an account was deleted: everything else about the person is gone or
anonymised (see privacy.registry for what happens to each table)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccountDeletion(models.Model):
    """An account deleted at the person's request or by a platform admin.

    The user row stays, anonymised, because kept records (a running agreement, subsidy decisions,
    an application's number on a listing) refer to it by id.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="account_deletion",
        verbose_name=_("user"),
    )
    deleted_at = models.DateTimeField(_("deleted at"), default=timezone.now)
    by_self = models.BooleanField(
        _("deleted by the person"),
        default=True,
        help_text=_("Otherwise a platform admin deleted it; the audit log says who."),
    )

    class Meta:
        verbose_name = _("deleted account")
        verbose_name_plural = _("deleted accounts")

    def __str__(self) -> str:
        return f"#{self.pk}"
