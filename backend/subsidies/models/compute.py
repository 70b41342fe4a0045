"""Computations that must happen: written in the transaction that makes them necessary."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ComputeRequest(models.Model):
    """A case whose eligibility must be computed (again): its facts or terms changed, or a
    recomputation covers it.

    Written in the same transaction as the change, and deleted by the computation that reads the
    changed facts. The task sent on commit is only a nudge: a request whose lease passed (its
    message lost while Redis was down, or its worker killed) is taken by the sweep.
    """

    case = models.OneToOneField(
        "subsidies.SubsidyCase",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("case"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    leased_until = models.DateTimeField(
        _("leased until"),
        default=timezone.now,
        help_text=_("Until then a worker may be computing it; after that the sweep takes it."),
    )
    attempts = models.PositiveSmallIntegerField(_("sweep attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("compute request")
        verbose_name_plural = _("compute requests")
        indexes = [models.Index(fields=["leased_until"], name="compute_request_lease")]

    def __str__(self) -> str:
        return f"compute case #{self.case_id}"
