"""Placement agreements: the terms an accepted application becomes, and who approved them when."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.validators import validate_plain_text
from listings.models import ListingKind
from placements.validators import validate_goals

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_APPROVALS = "awaiting_approvals", _("Awaiting approvals")
    READY = "ready", _("Ready to start")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")
    CANCELLED = "cancelled", _("Cancelled")


# The statuses in which terms may change; a change to approved terms asks for approval again.
EDITABLE_STATUSES = frozenset(
    {
        AgreementStatus.DRAFT,
        AgreementStatus.AWAITING_APPROVALS,
        AgreementStatus.READY,
        AgreementStatus.RUNNING,
    }
)


GOAL_KIND_LABELS = {
    "language": _("Language"),
    "work_skills": _("Work skills"),
    "trade_certificate": _("Trade certificate"),
}

FINAL_STATUSES = frozenset({AgreementStatus.ENDED, AgreementStatus.CANCELLED})
APPROVED_STATUSES = frozenset(
    {AgreementStatus.READY, AgreementStatus.RUNNING, AgreementStatus.ENDED}
)


class PlacementAgreement(models.Model):
    """Newcomer, employer and the newcomer's kommune (or NAV) agree on a placement's terms.

    The newcomer and the employer approve in any order; a veileder of `kommune` approves last.
    Any change to the terms bumps `version` and asks everyone to approve again.
    """

    application = models.OneToOneField(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="agreement",
        verbose_name=_("application"),
    )
    newcomer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="placement_agreements",
        verbose_name=_("newcomer"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="placement_agreements",
        verbose_name=_("employer"),
    )
    kommune = models.ForeignKey(
        "reference.Kommune",
        on_delete=models.PROTECT,
        related_name="placement_agreements",
        verbose_name=_("kommune"),
        help_text=_("The newcomer's kommune: its veiledere approve the agreement."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ListingKind.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("hours of work per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    tuition_hours_per_week = models.DecimalField(
        _("hours of Norwegian tuition per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
    )
    monthly_wage_nok = models.DecimalField(
        _("monthly wage (NOK)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
    )
    position_percent = models.PositiveSmallIntegerField(
        _("position percent"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    supervisor_name = models.CharField(
        _("supervisor at the work place"),
        max_length=150,
        blank=True,
        validators=[validate_plain_text],
    )
    supervisor_phone = models.CharField(_("supervisor's phone number"), max_length=20, blank=True)
    goals = models.JSONField(
        _("goals"),
        default=list,
        blank=True,
        validators=[validate_goals],
        help_text=_(
            "What the placement should lead to: language, work skills, a trade certificate."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AgreementStatus.choices,
        default=AgreementStatus.DRAFT,
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Goes up by one with every change of the terms.")
    )
    newcomer_approved_at = models.DateTimeField(
        _("approved by the newcomer at"), null=True, blank=True
    )
    newcomer_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved for the newcomer by"),
    )
    employer_approved_at = models.DateTimeField(
        _("approved by the employer at"), null=True, blank=True
    )
    employer_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved for the employer by"),
    )
    veileder_approved_at = models.DateTimeField(
        _("approved by the veileder at"), null=True, blank=True
    )
    veileder_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by the veileder"),
    )
    on_behalf_reason = models.TextField(
        _("why the veileder approved for the newcomer"),
        max_length=500,
        blank=True,
        validators=[validate_plain_text],
    )
    cancelled_reason = models.TextField(
        _("reason for cancelling"), max_length=500, blank=True, validators=[validate_plain_text]
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("placement agreement")
        verbose_name_plural = _("placement agreements")
        indexes = [
            models.Index(fields=["status", "kommune"], name="agreement_status_kommune"),
            models.Index(fields=["organisation", "status"], name="agreement_org_status"),
            # The beat task's two scans: ready agreements by start, running ones by end.
            models.Index(fields=["status", "start_date"], name="agreement_status_start"),
            models.Index(fields=["status", "end_date"], name="agreement_status_end"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="agreement_ends_after_start",
                violation_error_message=_("The end date must be on or after the start date."),
            ),
            models.CheckConstraint(
                condition=Q(position_percent__gte=1, position_percent__lte=100),
                name="agreement_position_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(veileder_approved_at__isnull=True)
                | Q(newcomer_approved_at__isnull=False, employer_approved_at__isnull=False),
                name="agreement_veileder_approves_last",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(s.value for s in APPROVED_STATUSES))
                | Q(veileder_approved_at__isnull=False),
                name="agreement_approved_before_ready",
            ),
            models.CheckConstraint(
                condition=~Q(status=AgreementStatus.CANCELLED) | ~Q(cancelled_reason=""),
                name="agreement_cancelled_with_reason",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ListingKind.INNSTEGSJOBB)
                | Q(status=AgreementStatus.DRAFT)
                | Q(status=AgreementStatus.CANCELLED)
                | Q(tuition_hours_per_week__isnull=False),
                name="agreement_innstegsjobb_has_tuition",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.newcomer} @ {self.organisation} ({self.get_status_display()})"

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def approved_on_behalf(self) -> bool:
        return bool(self.on_behalf_reason)

    @property
    def goals_display(self) -> list[tuple[StrOrPromise, str]]:
        """Each goal as (its kind in the reader's language, its text)."""
        return [
            (GOAL_KIND_LABELS.get(goal["kind"], goal["kind"]), goal["text"]) for goal in self.goals
        ]


class AgreementAction(models.TextChoices):
    CREATED = "created", _("Agreement created")
    TERMS_CHANGED = "terms_changed", _("Terms changed")
    APPROVALS_RESET = "approvals_reset", _("Approvals reset after a change")
    SUBMITTED = "submitted", _("Sent for approval")
    NEWCOMER_APPROVED = "newcomer_approved", _("Approved by the newcomer")
    APPROVED_ON_BEHALF = "approved_on_behalf", _("Approved by the veileder for the newcomer")
    EMPLOYER_APPROVED = "employer_approved", _("Approved by the employer")
    VEILEDER_APPROVED = "veileder_approved", _("Approved by the veileder")
    STARTED = "started", _("Placement started")
    ENDED = "ended", _("Placement ended")
    CANCELLED = "cancelled", _("Agreement cancelled")


class AgreementEvent(models.Model):
    """One entry of an agreement's timeline. Written once, never changed."""

    agreement = models.ForeignKey(
        PlacementAgreement, on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when the system did it."),
    )
    action = models.CharField(_("action"), max_length=20, choices=AgreementAction.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    changed_fields = models.JSONField(
        _("changed terms"),
        default=list,
        blank=True,
        help_text=_("Names of the terms a change touched."),
    )
    version = models.PositiveIntegerField(_("version of the terms"))

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("agreement event")
        verbose_name_plural = _("agreement events")

    def __str__(self) -> str:
        return f"{self.get_action_display()} (v{self.version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("An agreement's timeline is append-only.")
        super().save(*args, **kwargs)

    @property
    def changed_labels(self) -> list[StrOrPromise]:
        """The changed terms by their names in the reader's language."""
        fields = {field.name: field for field in PlacementAgreement._meta.get_fields()}
        return [
            getattr(fields[name], "verbose_name", name) if name in fields else name
            for name in self.changed_fields
        ]
