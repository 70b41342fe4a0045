"""Subsidy cases: an approved agreement's case, its eligibility results, the recommendation,
the decision with its monthly periods, and the refund claim of each period."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.crypto import EncryptedJSONField
from subsidies.rules.parameters import NoRuleSetInForce, rule_set_for
from subsidies.rules.vocabulary import INNSTEGSJOBB, NYSTARTSJOBB


class Scheme(models.TextChoices):
    NYSTARTSJOBB = NYSTARTSJOBB, _("Nystartsjobb")
    INNSTEGSJOBB = INNSTEGSJOBB, _("Innstegsjobb")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open: waiting for facts or the computation")
    COMPUTED = "computed", _("Eligibility computed")
    RECOMMENDED = "recommended", _("Recommended")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


UNDECIDED_STATUSES = frozenset({CaseStatus.OPEN, CaseStatus.COMPUTED, CaseStatus.RECOMMENDED})
DECIDED_STATUSES = frozenset({CaseStatus.APPROVED, CaseStatus.REJECTED})

# Facts about the employer and the job that nobody has yet when a case opens: the veileder sets
# them. None means "not known yet", and a case is not computed before every one is known.
CASE_FACT_FIELDS = ("tax_arrears_nok", "family_tie", "wage_meets_tariff", "other_wage_subsidy")


class SubsidyCase(models.Model):
    """The subsidy case of one innstegsjobb or nystartsjobb agreement."""

    agreement = models.OneToOneField(
        "placements.PlacementAgreement",
        on_delete=models.PROTECT,
        related_name="subsidy_case",
        verbose_name=_("placement agreement"),
    )
    newcomer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="subsidy_cases",
        verbose_name=_("newcomer"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="subsidy_cases",
        verbose_name=_("employer"),
    )
    kommune = models.ForeignKey(
        "reference.Kommune",
        on_delete=models.PROTECT,
        related_name="subsidy_cases",
        verbose_name=_("kommune"),
        help_text=_("The agreement's kommune: its caseworkers and case systems handle the case."),
        db_index=False,  # case_kommune_status below starts with it
    )
    scheme = models.CharField(_("scheme"), max_length=12, choices=Scheme.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    application_date = models.DateField(
        _("application date"), help_text=_("The day the approved agreement opened the case.")
    )
    tax_arrears_nok = models.DecimalField(
        _("employer's tax arrears (NOK)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    family_tie = models.BooleanField(
        _("family tie between the person and the employer"), null=True, blank=True
    )
    wage_meets_tariff = models.BooleanField(
        _("the wage meets the collective agreement"), null=True, blank=True
    )
    other_wage_subsidy = models.BooleanField(
        _("another wage subsidy for the same person and period"), null=True, blank=True
    )
    holiday_pay_rate = models.DecimalField(
        _("holiday pay rate"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.12"),
        validators=[MinValueValidator(0), MaxValueValidator(Decimal("0.99"))],
    )
    otp_rate = models.DecimalField(
        _("occupational pension rate"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.02"),
        validators=[MinValueValidator(0), MaxValueValidator(Decimal("0.99"))],
    )
    current_result = models.ForeignKey(
        "EligibilityResult",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current eligibility result"),
    )
    compute_errors = models.JSONField(
        _("why the case could not be computed"),
        default=list,
        blank=True,
        help_text=_("The engine's errors, each naming a field of the record."),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Goes up by one with every change of the case.")
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("subsidy case")
        verbose_name_plural = _("subsidy cases")
        # Few indexes: a recomputation rewrites every case row, and each index costs a write.
        indexes = [models.Index(fields=["kommune", "status", "id"], name="case_kommune_status")]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()} #{self.pk}"

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED_STATUSES

    @property
    def rule_set_version(self) -> str | None:
        """The rule set the case is computed under: its current result's, else the one in force
        on the agreement's start date (docs/rules/README.md); None when no rule set applies."""
        if self.current_result_id is not None and self.current_result is not None:
            return self.current_result.rule_set
        try:
            return rule_set_for(self.agreement.start_date).version
        except NoRuleSetInForce:
            return None


class EligibilityResult(models.Model):
    """One computation: the rule-set version, the record the engine read, and its answer."""

    case = models.ForeignKey(SubsidyCase, on_delete=models.CASCADE, related_name="results")
    rule_set = models.CharField(_("rule set"), max_length=80)
    # Both hold the person's facts (birth date, residence permit): encrypted like PersonFacts.
    input_snapshot = EncryptedJSONField(_("input record"))
    answer = EncryptedJSONField(_("answer"))
    eligible = models.BooleanField(_("eligible"))
    manual_review = models.BooleanField(_("manual review"))
    monthly_amount_nok = models.PositiveIntegerField(_("monthly amount (NOK)"))
    digest = models.CharField(
        _("digest"),
        max_length=64,
        help_text=_(
            "SHA-256 of the record and the answer: a recomputation that changes "
            "nothing stores nothing."
        ),
    )
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    class Meta:
        ordering = ["-computed_at", "-id"]
        verbose_name = _("eligibility result")
        verbose_name_plural = _("eligibility results")

    def __str__(self) -> str:
        return f"{self.rule_set} #{self.pk}"

    def __repr__(self) -> str:
        return f"<EligibilityResult case={self.case_id} rule_set={self.rule_set}>"


class RecommendationOutcome(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")


class Recommendation(models.Model):
    """A veileder's recommendation on one computed result. A later change of the facts sets it
    aside; the decision names the recommendation it followed."""

    case = models.ForeignKey(SubsidyCase, on_delete=models.CASCADE, related_name="recommendations")
    result = models.ForeignKey(
        EligibilityResult, on_delete=models.PROTECT, related_name="recommendations"
    )
    outcome = models.CharField(_("outcome"), max_length=8, choices=RecommendationOutcome.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    via_client = models.CharField(
        _("through case system"), max_length=100, blank=True, help_text=_("OAuth2 client id.")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} #{self.pk}"


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class RejectionReason(models.TextChoices):
    WRONG_FACTS = "wrong_facts", _("The facts are wrong")
    WRONG_READING = "wrong_reading_of_rules", _("The rules were read wrongly")
    WRONG_AMOUNT = "wrong_amount", _("The amount is wrong")
    OTHER = "other", _("Other reason")


class Decision(models.Model):
    """The beslutter's decision. One per case: the database refuses a second one."""

    case = models.OneToOneField(SubsidyCase, on_delete=models.CASCADE, related_name="decision")
    result = models.ForeignKey(EligibilityResult, on_delete=models.PROTECT, related_name="+")
    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=8, choices=DecisionOutcome.choices)
    reason = models.CharField(
        _("reason for rejecting"), max_length=24, choices=RejectionReason.choices, blank=True
    )
    reason_text = models.TextField(_("the reason in words"), max_length=2000, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    via_client = models.CharField(_("through case system"), max_length=100, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome=DecisionOutcome.APPROVED, reason="")
                | (Q(outcome=DecisionOutcome.REJECTED) & ~Q(reason="")),
                name="decision_reason_only_when_rejected",
            ),
            models.CheckConstraint(
                condition=~Q(reason=RejectionReason.OTHER) | ~Q(reason_text=""),
                name="decision_other_reason_has_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} #{self.case_id}"


class DecisionPeriod(models.Model):
    """One month of an approved decision, counted from the start date; at most 12 per decision."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="periods")
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    monthly_amount_nok = models.PositiveIntegerField(
        _("monthly amount (NOK)"),
        help_text=_("The full-month amount at the agreed wage, with the G of the period."),
    )
    max_amount_nok = models.PositiveIntegerField(
        _("most that can be refunded (NOK)"),
        help_text=_("The monthly amount, pro rata for a period shorter than a month."),
    )

    class Meta:
        ordering = ["decision", "number"]
        verbose_name = _("decision period")
        verbose_name_plural = _("decision periods")
        constraints = [
            models.UniqueConstraint(fields=["decision", "number"], name="decision_period_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=12), name="decision_at_most_12_periods"
            ),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="period_order"),
        ]

    def __str__(self) -> str:
        return f"{self.start.isoformat()}–{self.end.isoformat()}"


class ClaimStatus(models.TextChoices):
    AWAITING_WAGE = "awaiting_wage", _("Waiting for the employer's wage report")
    COMPUTED = "computed", _("Computed from the reported wage")
    EXPIRED = "expired", _("Not reported before the due date")


class RefundClaim(models.Model):
    """The employer's refund for one decision period, computed from the wage it reports."""

    period = models.OneToOneField(DecisionPeriod, on_delete=models.CASCADE, related_name="claim")
    case = models.ForeignKey(SubsidyCase, on_delete=models.CASCADE, related_name="refund_claims")
    status = models.CharField(
        _("status"), max_length=14, choices=ClaimStatus.choices, default=ClaimStatus.AWAITING_WAGE
    )
    due_date = models.DateField(
        _("due date"), help_text=_("Two months after the period's last day.")
    )
    reported_wage_nok = models.DecimalField(
        _("reported wage (NOK)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    amount_nok = models.PositiveIntegerField(_("refund (NOK)"), null=True, blank=True)
    computation = models.JSONField(
        _("computation"),
        default=dict,
        blank=True,
        help_text=_("Rule set, month and amounts the refund was computed from."),
    )
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )

    class Meta:
        ordering = ["period__start", "id"]
        verbose_name = _("refund claim")
        verbose_name_plural = _("refund claims")
        indexes = [models.Index(fields=["status", "due_date"], name="claim_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.COMPUTED)
                | Q(reported_wage_nok__isnull=False, amount_nok__isnull=False),
                name="claim_computed_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} ({self.get_status_display()})"
