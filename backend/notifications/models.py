"""The notification outbox, and what each person wants to hear about and how.

One row is one message to one person on one channel. Domain events and the periodic scans write the
rows in the same transaction as the change that causes them; workers send the due ones. The row is
the truth: Redis only tells a worker that there may be something to do.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    IN_APP = "in_app", _("In Innsteg")


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not sent")


class Category(models.TextChoices):
    """What a person chooses channels for. Kinds are grouped into these."""

    APPLICATIONS = "applications", _("My applications")
    INTERVIEWS = "interviews", _("Interviews")
    OFFERS = "offers", _("Offers and agreements")
    DEADLINES = "deadlines", _("Deadlines of saved listings")
    SEARCHES = "searches", _("New listings for my saved searches")
    APPLICANTS = "applicants", _("Applicants waiting for an answer")
    PERIODS = "periods", _("Placements and subsidy periods ending")
    CASES = "cases", _("Subsidy cases and refund claims")
    BUDDIES = "buddies", _("Buddy matches")
    GUIDANCE = "guidance", _("Messages and news between newcomers and guides")


class Kind(models.TextChoices):
    APPLICATION_STATUS = "application_status", _("Application status changed")
    APPLICATION_UNANSWERED = "application_unanswered", _("Application not answered")
    INTERVIEW_TOMORROW = "interview_tomorrow", _("Interview tomorrow")
    INTERVIEW_SOON = "interview_soon", _("Interview in two hours")
    SAVED_LISTING_DEADLINE = "saved_listing_deadline", _("Deadline of a saved listing")
    OFFER_WAITING = "offer_waiting", _("Offer waiting for an answer")
    AGREEMENT_WAITING = "agreement_waiting", _("Agreement waiting for approval")
    PERIOD_ENDING = "period_ending", _("Period ending")
    CASE_WAITING = "case_waiting", _("Subsidy case waiting for a decision")
    REFUND_CLAIM_DUE = "refund_claim_due", _("Refund claim due")
    SEARCH_DIGEST = "search_digest", _("New listings for saved searches")
    BUDDY_VOLUNTEER_DECIDED = "buddy_volunteer_decided", _("Buddy sign-up decided")
    BUDDY_PROPOSED = "buddy_proposed", _("A buddy is proposed")
    BUDDY_MATCHED = "buddy_matched", _("Both accepted the buddy match")
    BUDDY_DECLINED = "buddy_declined", _("A buddy proposal was declined")
    BUDDY_ENDED = "buddy_ended", _("A buddy match ended")
    BUDDY_CHECKIN_DUE = "buddy_checkin_due", _("Time for a buddy check-in")
    BUDDY_HORIZON = "buddy_horizon", _("Six months as buddies")
    GUIDE_ASSIGNED = "guide_assigned", _("A new establishment guide")
    GUIDE_MESSAGE = "guide_message", _("New message between a newcomer and their guide")
    GUIDE_SUGGESTION = "guide_suggestion", _("A listing suggested by the guide")
    GUIDE_INTRODUCTION = "guide_introduction", _("A guide introduces a newcomer")
    GUIDE_DIGEST = "guide_digest", _("The guide's weekly overview")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    idempotency_key = models.CharField(
        _("idempotency key"),
        max_length=200,
        unique=True,
        help_text=_("What, to whom, which occurrence and on which channel: never sent twice."),
    )
    context = models.JSONField(
        _("context"), default=dict, blank=True, help_text=_("The ids the message is about.")
    )
    link_path = models.CharField(_("link"), max_length=300)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    due_at = models.DateTimeField(_("due at"), default=timezone.now)
    expires_at = models.DateTimeField(
        _("pointless after"),
        null=True,
        blank=True,
        help_text=_("A reminder still waiting at this time is not sent (the interview is over)."),
    )
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(
        _("last error"),
        max_length=200,
        blank=True,
        help_text=_("The kind of failure only; never personal data."),
    )
    claimed_by = models.CharField(_("claimed by"), max_length=100, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    provider_id = models.CharField(_("provider's message id"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The workers' claim query reads only rows that still wait for a worker.
            models.Index(
                fields=["next_attempt_at", "id"],
                name="notification_due",
                condition=models.Q(status__in=["pending", "sending"]),
            ),
            # The header's unread count and the in-app list.
            models.Index(
                fields=["recipient", "-created_at"],
                name="notification_in_app",
                condition=models.Q(channel="in_app", status="sent"),
            ),
        ]

    def __str__(self) -> str:
        return self.idempotency_key


class NotificationPreference(models.Model):
    """The channels one person wants for one category. No row: the category's defaults."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    email = models.BooleanField(_("email"), default=True)
    sms = models.BooleanField(_("SMS"), default=False)
    in_app = models.BooleanField(_("in Innsteg"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="one_preference_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.category}"

    @property
    def channels(self) -> frozenset[str]:
        """The channels switched on."""
        on = {Channel.EMAIL: self.email, Channel.SMS: self.sms, Channel.IN_APP: self.in_app}
        return frozenset(channel for channel, enabled in on.items() if enabled)
