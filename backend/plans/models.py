"""The newcomer's individual development plan (individuell utviklingsplan): the goal, the
Norwegian levels now and aimed for, the steps towards the goal, the newcomer's own notes, the
competence mapping (kompetansekartlegging), and what comes out of a placement: the parties'
evaluations and the employer's reference letter.

The plan belongs to the newcomer: they read it in their language and write their own notes. Their
guide (with the newcomer's consent to share) and the veiledere of the newcomer's kommune read and
edit the rest. See plans.selectors for who sees what.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.crypto import EncryptedTextField
from listings.models import NorwegianLevel
from listings.validators import validate_plain_text


class GoalKind(models.TextChoices):
    WORK = "work", _("A kind of work")
    EDUCATION = "education", _("An education")


class DevelopmentPlan(models.Model):
    """One newcomer's plan. There is at most one per newcomer."""

    newcomer = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="development_plan",
        verbose_name=_("newcomer"),
    )
    goal_kind = models.CharField(
        _("goal"), max_length=10, choices=GoalKind.choices, default=GoalKind.WORK
    )
    goal_occupation = models.ForeignKey(
        "reference.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": 4},
        related_name="+",
        verbose_name=_("occupation aimed for"),
        help_text=_("The kind of work, by its STYRK-08 code."),
    )
    goal_education = models.CharField(
        _("education aimed for"),
        max_length=200,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("For example: trade certificate in health work, or a bachelor in nursing."),
    )
    norwegian_spoken_now = models.CharField(
        _("spoken Norwegian now"),
        max_length=2,
        choices=NorwegianLevel.choices,
        default=NorwegianLevel.A0,
    )
    norwegian_written_now = models.CharField(
        _("written Norwegian now"),
        max_length=2,
        choices=NorwegianLevel.choices,
        default=NorwegianLevel.A0,
    )
    norwegian_spoken_target = models.CharField(
        _("spoken Norwegian aimed for"),
        max_length=2,
        choices=NorwegianLevel.choices,
        default=NorwegianLevel.B1,
    )
    norwegian_written_target = models.CharField(
        _("written Norwegian aimed for"),
        max_length=2,
        choices=NorwegianLevel.choices,
        default=NorwegianLevel.B1,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")

    def __str__(self) -> str:
        return str(_("Plan for %(name)s") % {"name": self.newcomer})

    @property
    def goal_display(self) -> str:
        """The goal in words: the occupation's title, or the education."""
        if self.goal_kind == GoalKind.WORK and self.goal_occupation_id:
            assert self.goal_occupation is not None
            return self.goal_occupation.title_nb
        return self.goal_education


class StepKind(models.TextChoices):
    NORWEGIAN_COURSE = "norwegian_course", _("Norwegian course")
    WORK_PRACTICE = "work_practice", _("Work practice")
    INNSTEGSJOBB = "innstegsjobb", _("Entry job with Norwegian tuition (innstegsjobb)")
    EDUCATION = "education", _("Education")
    RECOGNITION = "recognition", _("Recognition of a foreign qualification")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship with an intention agreement")
    OTHER = "other", _("Other")


class StepOwner(models.TextChoices):
    """Who is to carry the step out."""

    NEWCOMER = "newcomer", _("You (the newcomer)")
    GUIDE = "guide", _("Establishment guide")
    VEILEDER = "veileder", _("Caseworker (veileder)")
    EMPLOYER = "employer", _("Employer")
    SCHOOL = "school", _("School or course provider")
    OTHER = "other", _("Someone else")


class StepStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# Steps still to be carried out: the next step and overdue steps are among these.
OPEN_STEP_STATUSES = frozenset({StepStatus.PLANNED, StepStatus.IN_PROGRESS})


class PlanStep(models.Model):
    """One step towards the plan's goal, with its dates, who owns it and where it stands.

    A step may be tied to a placement agreement; the agreement's goals then show with the step."""

    plan = models.ForeignKey(
        DevelopmentPlan, on_delete=models.CASCADE, related_name="steps", verbose_name=_("plan")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=StepKind.choices)
    title = models.CharField(_("title"), max_length=120, validators=[validate_plain_text])
    details = models.TextField(
        _("details"), max_length=1000, blank=True, validators=[validate_plain_text]
    )
    owner = models.CharField(
        _("who does it"), max_length=10, choices=StepOwner.choices, default=StepOwner.NEWCOMER
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("done by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=StepStatus.choices, default=StepStatus.PLANNED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    agreement = models.ForeignKey(
        "placements.PlacementAgreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_steps",
        verbose_name=_("placement agreement"),
        help_text=_("The placement this step is carried out in; its goals show with the step."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )

    class Meta:
        ordering = ["plan", models.F("due_date").asc(nulls_last=True), "position", "id"]
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        indexes = [models.Index(fields=["status", "due_date"], name="planstep_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(due_date__isnull=True)
                | Q(due_date__gte=models.F("start_date")),
                name="planstep_due_after_start",
                violation_error_message=_("The date it is done by must be on or after the start."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError(
                {"due_date": _("The date it is done by must be on or after the start.")}
            )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STEP_STATUSES

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < today


class PlanNote(models.Model):
    """A note the newcomer writes in their own plan. Only they write, change or delete it."""

    plan = models.ForeignKey(
        DevelopmentPlan, on_delete=models.CASCADE, related_name="notes", verbose_name=_("plan")
    )
    step = models.ForeignKey(
        PlanStep,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("step"),
    )
    text = EncryptedTextField(_("note"), max_length=2000, validators=[validate_plain_text])
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("note in the plan")
        verbose_name_plural = _("notes in the plan")

    def __str__(self) -> str:
        return str(_("Note of %(date)s") % {"date": self.created_at.date()})


# Competence mapping (kompetansekartlegging)


class CompetenceKind(models.TextChoices):
    SKILL = "skill", _("Skill")
    EXPERIENCE = "experience", _("Work experience")


class CompetenceSource(models.TextChoices):
    """How sure the mapping is: what the person says, what staff mapped, what was verified."""

    DECLARED = "declared", _("Declared by the person")
    MAPPED = "mapped", _("Mapped by staff")
    VERIFIED = "verified", _("Verified")


class Competence(models.Model):
    plan = models.ForeignKey(
        DevelopmentPlan,
        on_delete=models.CASCADE,
        related_name="competences",
        verbose_name=_("plan"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CompetenceKind.choices)
    title = models.CharField(_("title"), max_length=120, validators=[validate_plain_text])
    description = models.TextField(
        _("description"), max_length=1000, blank=True, validators=[validate_plain_text]
    )
    occupation = models.ForeignKey(
        "reference.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": 4},
        related_name="+",
        verbose_name=_("occupation"),
        help_text=_("The STYRK-08 occupation the skill or experience belongs to, if any."),
    )
    years = models.DecimalField(
        _("years"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=CompetenceSource.choices,
        default=CompetenceSource.DECLARED,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["plan", "kind", "title", "id"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        constraints = [
            models.CheckConstraint(
                condition=~Q(source=CompetenceSource.VERIFIED) | Q(verified_at__isnull=False),
                name="competence_verified_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EducationLevel(models.TextChoices):
    PRIMARY = "primary", _("Primary school")
    SECONDARY = "secondary", _("Upper secondary school")
    VOCATIONAL = "vocational", _("Vocational training or trade certificate")
    BACHELOR = "bachelor", _("Bachelor's degree or equivalent")
    MASTER = "master", _("Master's degree or equivalent")
    DOCTORATE = "doctorate", _("Doctorate")
    OTHER = "other", _("Other education")


class RecognitionStatus(models.TextChoices):
    NOT_APPLIED = "not_applied", _("Not applied for recognition")
    APPLIED = "applied", _("Applied for recognition")
    RECOGNISED = "recognised", _("Recognised")
    PARTLY = "partly", _("Partly recognised")
    REFUSED = "refused", _("Refused")


class Education(models.Model):
    """An education the person has, and where its recognition in Norway stands."""

    plan = models.ForeignKey(
        DevelopmentPlan,
        on_delete=models.CASCADE,
        related_name="educations",
        verbose_name=_("plan"),
    )
    level = models.CharField(_("level"), max_length=12, choices=EducationLevel.choices)
    title = models.CharField(
        _("education"),
        max_length=150,
        validators=[validate_plain_text],
        help_text=_("The subject or the name of the degree."),
    )
    country = models.CharField(
        _("country"), max_length=80, blank=True, validators=[validate_plain_text]
    )
    completed_year = models.PositiveSmallIntegerField(
        _("year completed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1940), MaxValueValidator(2100)],
    )
    recognition_status = models.CharField(
        _("recognition in Norway"),
        max_length=12,
        choices=RecognitionStatus.choices,
        default=RecognitionStatus.NOT_APPLIED,
    )
    recognition_note = models.CharField(
        _("note on the recognition"),
        max_length=300,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("For example: which body decided, or what is missing."),
    )
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=CompetenceSource.choices,
        default=CompetenceSource.DECLARED,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["plan", "-completed_year", "id"]
        verbose_name = _("education")
        verbose_name_plural = _("educations")

    def __str__(self) -> str:
        return self.title


# What comes out of a placement


class EvaluationParty(models.TextChoices):
    NEWCOMER = "newcomer", _("Newcomer")
    EMPLOYER = "employer", _("Employer")
    VEILEDER = "veileder", _("Caseworker (veileder)")


class EvaluationRating(models.TextChoices):
    VERY_WELL = "very_well", _("Very well")
    WELL = "well", _("Well")
    MIXED = "mixed", _("Partly well")
    POORLY = "poorly", _("Not well")


class PlacementEvaluation(models.Model):
    """A party's short evaluation at the end of a placement: one each for newcomer, employer
    and veileder, given only by the parties."""

    agreement = models.ForeignKey(
        "placements.PlacementAgreement",
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name=_("placement agreement"),
    )
    party = models.CharField(_("party"), max_length=10, choices=EvaluationParty.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    rating = models.CharField(_("how it went"), max_length=10, choices=EvaluationRating.choices)
    text = EncryptedTextField(
        _("evaluation"),
        max_length=1000,
        validators=[validate_plain_text],
        help_text=_("A few sentences: what went well, what could be better."),
    )
    created_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        ordering = ["agreement", "created_at", "id"]
        verbose_name = _("placement evaluation")
        verbose_name_plural = _("placement evaluations")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="one_evaluation_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.get_rating_display()}"


class ReferenceLetter(models.Model):
    """The employer's reference letter (attest) after a placement. The facts (who, where, when,
    what kind) come from the agreement and are written in both languages by the product; the
    employer's own words are in Norwegian, and in the person's language if the employer gives
    them. The PDF is made when it is downloaded (plans.letters)."""

    agreement = models.OneToOneField(
        "placements.PlacementAgreement",
        on_delete=models.CASCADE,
        related_name="reference_letter",
        verbose_name=_("placement agreement"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    signer_name = models.CharField(
        _("signed by (name)"), max_length=150, validators=[validate_plain_text]
    )
    signer_title = models.CharField(
        _("signer's position"), max_length=120, blank=True, validators=[validate_plain_text]
    )
    tasks = EncryptedTextField(
        _("tasks (in Norwegian)"),
        max_length=1500,
        validators=[validate_plain_text],
        help_text=_("What the person did at the work place."),
    )
    statement = EncryptedTextField(
        _("assessment (in Norwegian)"),
        max_length=2000,
        validators=[validate_plain_text],
        help_text=_("How the person did their work, in your own words."),
    )
    statement_translated = EncryptedTextField(
        _("assessment in the person's language"),
        max_length=2000,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("Optional: the same assessment in the person's own language."),
    )
    language = models.CharField(
        _("the person's language"),
        max_length=8,
        choices=settings.LANGUAGES,
        help_text=_("The second language of the letter."),
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reference letter")
        verbose_name_plural = _("reference letters")

    def __str__(self) -> str:
        return str(_("Reference letter for agreement %(id)s") % {"id": self.agreement_id})
