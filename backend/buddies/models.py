"""Buddy matching (kompisformidling): volunteers, newcomers who want a buddy, coordinators, and
the matches between a volunteer and a newcomer with their check-ins.

What a buddy and a newcomer see of each other is decided in buddies.selectors.person_card: first
name, languages and area until both have accepted, then also what each chose to share.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.validators import validate_language_codes, validate_plain_text

# How long a match is meant to last; it may be ended earlier, or go on after.
HORIZON_DAYS = 183
# A reminder to write a check-in when the last one (or the start) is this many days old.
CHECKIN_INTERVAL_DAYS = 30


class Interest(models.TextChoices):
    OUTDOORS = "outdoors", _("Walks and outdoor life")
    SPORTS = "sports", _("Sports and exercise")
    COOKING = "cooking", _("Cooking and food")
    MUSIC = "music", _("Music")
    CULTURE = "culture", _("Museums, art and culture")
    GAMES = "games", _("Board games and chess")
    CRAFTS = "crafts", _("Handicrafts")
    READING = "reading", _("Books and reading")
    NORWEGIAN = "norwegian", _("Practising Norwegian")
    FAMILY = "family", _("Activities with children")
    TECHNOLOGY = "technology", _("Computers and technology")
    JOBS = "jobs", _("Work life and job seeking")


class Availability(models.TextChoices):
    WEEKDAY_DAYTIME = "weekday_daytime", _("Weekdays, daytime")
    WEEKDAY_EVENINGS = "weekday_evenings", _("Weekday evenings")
    WEEKENDS = "weekends", _("Weekends")


class ContactWay(models.TextChoices):
    FULL_NAME = "full_name", _("My full name")
    PHONE = "phone", _("My phone number")
    EMAIL = "email", _("My email address")


def _validate_codes(value: object, choices: type[models.TextChoices]) -> None:
    """A list of distinct codes of `choices`."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_("Give a list of codes."), code="invalid")
    unknown = [item for item in value if item not in choices.values]
    if unknown:
        raise ValidationError(
            _("Unknown code: %(codes)s."), code="unknown", params={"codes": ", ".join(unknown)}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Name each one once."), code="duplicate")


def validate_interests(value: object) -> None:
    _validate_codes(value, Interest)


def validate_availability(value: object) -> None:
    _validate_codes(value, Availability)


def validate_contact_ways(value: object) -> None:
    _validate_codes(value, ContactWay)


class BuddyProfileBase(models.Model):
    """What matching uses: languages, interests, area and when the person is free."""

    languages = models.JSONField(
        _("languages I speak"), default=list, validators=[validate_language_codes]
    )
    interests = models.JSONField(
        _("interests"), default=list, blank=True, validators=[validate_interests]
    )
    kommune = models.ForeignKey(
        "reference.Kommune", on_delete=models.PROTECT, related_name="+", verbose_name=_("kommune")
    )
    bydel = models.ForeignKey(
        "reference.Bydel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bydel"),
    )
    availability = models.JSONField(
        _("when I am free"), default=list, validators=[validate_availability]
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class VolunteerStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a coordinator")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")
    PAUSED = "paused", _("Paused by the volunteer")


class Volunteer(BuddyProfileBase):
    """A volunteer who wants to be a buddy; a coordinator of their kommune approves them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="buddy_volunteer",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=VolunteerStatus.choices, default=VolunteerStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)

    class Meta:
        verbose_name = _("volunteer buddy")
        verbose_name_plural = _("volunteer buddies")

    def __str__(self) -> str:
        return str(self.user)


class BuddyRequest(BuddyProfileBase):
    """A newcomer who wants a buddy. `active` is their opt-in; they may withdraw it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="buddy_request",
        verbose_name=_("newcomer"),
    )
    active = models.BooleanField(_("wants a buddy"), default=True)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)

    class Meta:
        verbose_name = _("request for a buddy")
        verbose_name_plural = _("requests for a buddy")

    def __str__(self) -> str:
        return str(self.user)


class BuddyCoordinator(models.Model):
    """A person appointed to coordinate buddies in a kommune (for the kommune itself or for a
    volunteer organisation). Veiledere coordinate the kommuner they serve without one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="buddy_coordinations",
        verbose_name=_("coordinator"),
    )
    kommune = models.ForeignKey(
        "reference.Kommune", on_delete=models.PROTECT, related_name="+", verbose_name=_("kommune")
    )
    organisation_name = models.CharField(
        _("volunteer organisation"),
        max_length=150,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("Empty when the coordinator works for the kommune itself."),
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appointed by"),
    )
    appointed_at = models.DateTimeField(_("appointed at"), default=timezone.now)

    class Meta:
        ordering = ["kommune_id", "appointed_at"]
        verbose_name = _("buddy coordinator")
        verbose_name_plural = _("buddy coordinators")
        constraints = [
            models.UniqueConstraint(fields=["user", "kommune"], name="one_coordination_per_kommune")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.kommune.name})"


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for both to accept")
    ACTIVE = "active", _("Buddies")
    DECLINED = "declined", _("Declined")
    ENDED = "ended", _("Ended")


OPEN_MATCH_STATUSES = (MatchStatus.PROPOSED, MatchStatus.ACTIVE)


class EndReason(models.TextChoices):
    COMPLETED = "completed", _("The six months are over")
    NOT_A_FIT = "not_a_fit", _("We were not a good match")
    NO_TIME = "no_time", _("No time for it any more")
    MOVED = "moved", _("One of us moved")
    OTHER = "other", _("Another reason")


class BuddyMatch(models.Model):
    """A volunteer and a newcomer, proposed by a coordinator; buddies once both accept."""

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="buddy_matches_as_volunteer",
        verbose_name=_("volunteer"),
    )
    newcomer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="buddy_matches_as_newcomer",
        verbose_name=_("newcomer"),
    )
    kommune = models.ForeignKey(
        "reference.Kommune",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kommune"),
        help_text=_("The newcomer's kommune: its coordinators follow the match."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    score = models.PositiveSmallIntegerField(_("score"))
    score_parts = models.JSONField(
        _("how the score was made"), default=list, help_text=_("Each part's code and points.")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    volunteer_accepted_at = models.DateTimeField(_("volunteer accepted at"), null=True, blank=True)
    newcomer_accepted_at = models.DateTimeField(_("newcomer accepted at"), null=True, blank=True)
    volunteer_shares = models.JSONField(
        _("what the volunteer shares"), default=list, blank=True, validators=[validate_contact_ways]
    )
    newcomer_shares = models.JSONField(
        _("what the newcomer shares"), default=list, blank=True, validators=[validate_contact_ways]
    )
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("declined by"),
    )
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    started_at = models.DateTimeField(_("buddies since"), null=True, blank=True)
    horizon_on = models.DateField(_("planned until"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )
    end_reason = models.CharField(
        _("why it ended"), max_length=12, choices=EndReason.choices, blank=True
    )

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("buddy match")
        verbose_name_plural = _("buddy matches")
        constraints = [
            models.UniqueConstraint(
                fields=["newcomer"],
                condition=models.Q(status__in=["proposed", "active"]),
                name="one_open_buddy_match_per_newcomer",
            ),
            models.UniqueConstraint(
                fields=["volunteer"],
                condition=models.Q(status__in=["proposed", "active"]),
                name="one_open_buddy_match_per_volunteer",
            ),
        ]
        indexes = [models.Index(fields=["kommune", "status"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_status_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_MATCH_STATUSES

    @property
    def both_accepted(self) -> bool:
        return self.volunteer_accepted_at is not None and self.newcomer_accepted_at is not None

    def accepted_at(self, user_id: int) -> datetime.datetime | None:
        if user_id == self.volunteer_id:
            return self.volunteer_accepted_at
        if user_id == self.newcomer_id:
            return self.newcomer_accepted_at
        return None


class CheckInAuthor(models.TextChoices):
    VOLUNTEER = "volunteer", _("The buddy")
    NEWCOMER = "newcomer", _("The newcomer")
    COORDINATOR = "coordinator", _("The coordinator")


class BuddyCheckIn(models.Model):
    """A dated short note on how the match goes, by either buddy or a coordinator."""

    match = models.ForeignKey(
        BuddyMatch, on_delete=models.CASCADE, related_name="checkins", verbose_name=_("match")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    author_role = models.CharField(_("written as"), max_length=12, choices=CheckInAuthor.choices)
    happened_on = models.DateField(_("date"))
    note = models.TextField(_("note"), max_length=500, validators=[validate_plain_text])
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.match_id} {self.happened_on}"
