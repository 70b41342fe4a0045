"""The establishment guide's workspace: who follows whom, the log of meetings and contacts,
listings a guide suggests, introductions to employers, and the messages between a newcomer and
their guide.

Everything here belongs to the newcomer's record, not to one guide: when a veileder hands the
newcomer to another guide, the new guide sees the log, the suggestions, the introductions and the
thread, and the old guide no longer does. Free text people type is encrypted at rest.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.crypto import EncryptedTextField
from common.validators import validate_plain_text

NOTE_MAX_LENGTH = 500
MESSAGE_MAX_LENGTH = 2000


class GuideAssignment(models.Model):
    """One step in who follows a newcomer: a veileder gave them to `guide` (None: to nobody)."""

    newcomer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="guide_assignments",
        verbose_name=_("newcomer"),
    )
    guide = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("establishment guide"),
    )
    previous_guide = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous guide"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("guide assignment")
        verbose_name_plural = _("guide assignments")

    def __str__(self) -> str:
        return f"{self.newcomer_id} → {self.guide_id}"


class ContactKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    PHONE = "phone", _("Phone call")
    MESSAGE = "message", _("Message or email")
    WORKPLACE = "workplace", _("Visit at a work place")
    OTHER = "other", _("Other contact")


class Contact(models.Model):
    """One meeting or contact with the newcomer, in the guide's log."""

    newcomer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="guide_contacts",
        verbose_name=_("newcomer"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("logged by"),
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=ContactKind.choices)
    note = EncryptedTextField(
        _("short note"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        validators=[validate_plain_text],
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.date} {self.kind}"


class Suggestion(models.Model):
    """A listing a guide suggests to the newcomer; shown to them as "suggested by your guide"."""

    newcomer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="guide_suggestions",
        verbose_name=_("newcomer"),
    )
    listing = models.ForeignKey(
        "listings.Listing",
        on_delete=models.CASCADE,
        related_name="guide_suggestions",
        verbose_name=_("listing"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("suggested by"),
    )
    note = EncryptedTextField(
        _("why it fits"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        validators=[validate_plain_text],
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["newcomer", "listing"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_open_suggestion_per_listing",
                violation_error_message=_("This listing is suggested to the person already."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.newcomer_id}: {self.listing_id}"


class IntroductionStatus(models.TextChoices):
    SENT = "sent", _("Waiting for the employer")
    WELCOMED = "welcomed", _("The employer wants to meet")
    DECLINED = "declined", _("The employer said no, thanks")


class Introduction(models.Model):
    """A guide introduces the newcomer to an employer, with a note; the employer answers."""

    newcomer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="guide_introductions",
        verbose_name=_("newcomer"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="guide_introductions",
        verbose_name=_("employer"),
    )
    listing = models.ForeignKey(
        "listings.Listing",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("listing"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("introduced by"),
    )
    note = EncryptedTextField(
        _("the guide's note to the employer"),
        max_length=1000,
        validators=[validate_plain_text],
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.SENT,
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        constraints = [
            models.UniqueConstraint(
                fields=["newcomer", "organisation"],
                condition=models.Q(status="sent"),
                name="one_open_introduction_per_employer",
                violation_error_message=_(
                    "The person is introduced to this employer already and waits for an answer."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.newcomer_id} → {self.organisation_id}"


class GuideMessage(models.Model):
    """One message in the thread between a newcomer and their guide.

    The thread is the newcomer's: after a handover the new guide reads it and writes in it. The
    text is encrypted at rest and never put in a notification, a URL or a log line.
    """

    newcomer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="guide_thread",
        verbose_name=_("newcomer"),
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sender"),
    )
    body = EncryptedTextField(
        _("message"), max_length=MESSAGE_MAX_LENGTH, validators=[validate_plain_text]
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("message to or from a guide")
        verbose_name_plural = _("messages between newcomers and guides")
        indexes = [models.Index(fields=["newcomer", "sent_at"], name="guide_thread_order")]

    def __str__(self) -> str:
        return f"{self.newcomer_id} #{self.pk}"

    @property
    def from_newcomer(self) -> bool:
        return self.sender_id == self.newcomer_id
