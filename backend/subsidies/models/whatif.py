"""What-if runs: a variant of the rules over every undecided case, side by side with the rules
in force."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WhatIfStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class WhatIfRun(models.Model):
    rule_set = models.CharField(
        _("rule set"),
        max_length=80,
        blank=True,
        help_text=_(
            "The rule set the variant starts from, for every case; empty: each case's own rule "
            "set (the one in force on its start date)."
        ),
    )
    parameters = models.JSONField(
        _("changed parameters"), help_text=_('e.g. {"innstegsjobb_share": "0.7"}')
    )
    kommuner = models.JSONField(
        _("kommuner"),
        default=list,
        blank=True,
        help_text=_("The kommune numbers whose cases the run covers; empty for every kommune."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=WhatIfStatus.choices, default=WhatIfStatus.QUEUED
    )
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    client_id = models.CharField(_("started by case system"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The run's lease: the worker running it renews `heartbeat_at`; a run whose heartbeat stopped
    # (its worker died) is queued again by the sweep, or failed after its last attempt.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    worker = models.CharField(_("worker"), max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("what-if run")
        verbose_name_plural = _("what-if runs")

    def __str__(self) -> str:
        return f"what-if #{self.pk} ({self.get_status_display()})"
