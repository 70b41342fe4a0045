"""Applications: a newcomer's application to a listing, its answers and its timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.validators import (
    WORKPLACE_LANGUAGES,
    validate_language_codes,
    validate_plain_text,
)
from listings.models import NorwegianLevel


class ApplicantProfile(models.Model):
    """What a newcomer tells employers when applying. Copied into each application."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="applicant_profile",
    )
    languages = models.JSONField(
        _("languages I speak"), default=list, blank=True, validators=[validate_language_codes]
    )
    norwegian_spoken = models.CharField(
        _("spoken Norwegian"), max_length=2, choices=NorwegianLevel.choices, default="A0"
    )
    norwegian_written = models.CharField(
        _("written Norwegian"), max_length=2, choices=NorwegianLevel.choices, default="A0"
    )
    experience = models.TextField(
        _("work experience"), max_length=2000, blank=True, validators=[validate_plain_text]
    )
    availability = models.CharField(
        _("when I can work"), max_length=200, blank=True, validators=[validate_plain_text]
    )

    class Meta:
        verbose_name = _("applicant profile")
        verbose_name_plural = _("applicant profiles")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_empty(self) -> bool:
        return not (
            self.languages
            or self.experience
            or self.availability
            or self.norwegian_spoken != NorwegianLevel.A0
            or self.norwegian_written != NorwegianLevel.A0
        )

    @property
    def language_names(self) -> list[str]:
        """The languages, named in the reader's language."""
        return [str(WORKPLACE_LANGUAGES[code]) for code in self.languages]


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    INTERVIEW = "interview", _("Invited to interview")
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class RejectionReason(models.TextChoices):
    POSITION_FILLED = "position_filled", _("The position has been filled")
    QUALIFICATIONS = "qualifications", _("Other applicants matched the qualifications better")
    LANGUAGE_LEVEL = "language_level", _("The Norwegian level needed is higher")
    OTHER = "other", _("Other reason")


class Application(models.Model):
    listing = models.ForeignKey(
        "listings.Listing",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("listing"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    number = models.PositiveIntegerField(
        _("number"), help_text=_("Counts the listing's applications: 'Applicant 3'.")
    )
    message = models.TextField(
        _("message"), max_length=1000, blank=True, validators=[validate_plain_text]
    )
    profile_snapshot = models.JSONField(
        _("profile when applying"),
        default=dict,
        blank=True,
        help_text=_("Languages, Norwegian level, experience and availability when applying."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    interview_at = models.DateTimeField(_("interview time"), null=True, blank=True)
    interview_place = models.CharField(
        _("interview place"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    interview_link = models.URLField(_("video link"), max_length=500, blank=True)
    rejection_reason = models.CharField(
        _("reason for rejection"), max_length=20, choices=RejectionReason.choices, blank=True
    )
    revealed_at = models.DateTimeField(
        _("identity shown to the employer at"),
        null=True,
        blank=True,
        help_text=_("Under anonymous review the name is hidden until the interview invitation."),
    )
    offered_at = models.DateTimeField(_("offered at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "applicant"],
                name="one_application_per_listing",
                violation_error_message=_("You have already applied for this listing."),
            ),
            models.UniqueConstraint(fields=["listing", "number"], name="application_number"),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} → {self.listing}"


class ScreeningAnswer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        "listings.ScreeningQuestion", on_delete=models.CASCADE, related_name="answers"
    )
    answer = models.BooleanField(_("answer"))

    class Meta:
        ordering = ["question__position", "question_id"]
        verbose_name = _("screening answer")
        verbose_name_plural = _("screening answers")
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.answer}"

    @property
    def differs(self) -> bool:
        """The applicant answered otherwise than the listing needs."""
        required = self.question.required_answer
        return required is not None and self.answer != required


class ApplicationEvent(models.Model):
    """One step of an application's timeline: who moved it from which status to which, when."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        _("from"), max_length=12, choices=ApplicationStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=12, choices=ApplicationStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"
