"""The event feed: every change of a case, in order, for case systems to follow."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CaseEventKind(models.TextChoices):
    OPENED = "case_opened", _("Case opened")
    REOPENED = "case_reopened", _("Case reopened after a change of the agreement")
    FACTS_CHANGED = "facts_changed", _("Facts changed")
    COMPUTED = "eligibility_computed", _("Eligibility computed")
    NOT_COMPUTABLE = "eligibility_not_computable", _("Eligibility could not be computed")
    RECOMMENDED = "case_recommended", _("Recommended")
    APPROVED = "case_approved", _("Approved")
    REJECTED = "case_rejected", _("Rejected")
    CLAIM_COMPUTED = "claim_computed", _("Refund claim computed")
    CLAIM_EXPIRED = "claim_expired", _("Refund claim expired")


class CaseEvent(models.Model):
    """One change. The id is the feed's cursor: events become visible in id order (see
    services.events), so a reader that remembers the last id it saw misses nothing.

    The payload holds ids, statuses and amounts, never personal data.
    """

    id = models.BigAutoField(primary_key=True)
    case = models.ForeignKey(
        "subsidies.SubsidyCase", on_delete=models.CASCADE, related_name="events"
    )
    kommune = models.ForeignKey(
        "reference.Kommune",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kommune"),
        db_index=False,  # case_event_kommune_cursor starts with it
    )
    kind = models.CharField(_("kind"), max_length=32, choices=CaseEventKind.choices)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        indexes = [models.Index(fields=["kommune", "id"], name="case_event_kommune_cursor")]

    def __str__(self) -> str:
        return f"{self.pk} {self.kind}"
