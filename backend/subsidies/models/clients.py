"""Case systems (OAuth2 clients) and the answers kept for retried requests."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oauth2_provider.settings import oauth2_settings

SCOPE_READ = "subsidies:read"
SCOPE_DECIDE = "subsidies:decide"
# Revealing a newcomer's national identity number: a scope of its own, beside subsidies:read.
SCOPE_NATIONAL_ID = "subsidies:national_id"
SCOPE_SIMULATE = "subsidies:simulate"


class CaseSystemClient(models.Model):
    """A NAV or kommune case system: an OAuth2 application, the kommuner it serves and the
    scopes it may ask for."""

    application = models.OneToOneField(
        oauth2_settings.APPLICATION_MODEL,
        on_delete=models.CASCADE,
        related_name="case_system",
        verbose_name=_("OAuth2 application"),
    )
    kommuner = models.ManyToManyField(
        "reference.Kommune", related_name="case_systems", verbose_name=_("kommuner served")
    )
    may_read = models.BooleanField(
        _("may read (subsidies:read)"), default=True, help_text=_("Cases, agreements, claims.")
    )
    may_decide = models.BooleanField(
        _("may decide (subsidies:decide)"),
        default=False,
        help_text=_("Recommend, approve and reject, for a named caseworker of the kommune."),
    )
    may_reveal_national_id = models.BooleanField(
        _("may reveal national ids (subsidies:national_id)"),
        default=False,
        help_text=_(
            "Read newcomers' full national identity numbers (every read is audited). Needs reading."
        ),
    )
    may_simulate = models.BooleanField(
        _("may run what-if (subsidies:simulate)"),
        default=False,
        help_text=_("What-if runs over every undecided case of its kommuner."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("case system")
        verbose_name_plural = _("case systems")

    def __str__(self) -> str:
        return str(self.application)

    def clean(self) -> None:
        if self.may_reveal_national_id and not self.may_read:
            raise ValidationError(
                {
                    "may_reveal_national_id": _(
                        "A case system that may not read cannot reveal national ids."
                    )
                }
            )

    @property
    def scopes(self) -> list[str]:
        """The scopes the client may be granted."""
        if not self.active:
            return []
        return [
            scope
            for scope, allowed in (
                (SCOPE_READ, self.may_read),
                (SCOPE_DECIDE, self.may_decide),
                (SCOPE_NATIONAL_ID, self.may_read and self.may_reveal_national_id),
                (SCOPE_SIMULATE, self.may_simulate),
            )
            if allowed
        ]


class IdempotencyRecord(models.Model):
    """The first successful answer to a decision request with an Idempotency-Key header."""

    actor = models.CharField(_("actor"), max_length=120, help_text=_("user:<id> or client:<id>"))
    key = models.CharField(_("idempotency key"), max_length=255)
    fingerprint = models.CharField(
        _("request fingerprint"), max_length=64, help_text=_("SHA-256 of method, path and body.")
    )
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True)
    response_body = models.JSONField(_("response body"), null=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [
            models.UniqueConstraint(fields=["actor", "key"], name="idempotency_key_per_actor")
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.key}"
