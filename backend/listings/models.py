"""Listings: what employers offer newcomers, and what newcomers keep for later."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.validators import (
    WORKPLACE_LANGUAGES,
    validate_language_codes,
    validate_plain_text,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ListingKind(models.TextChoices):
    PRAKSISPLASS = "praksisplass", _("Work practice (praksisplass)")
    INNSTEGSJOBB = "innstegsjobb", _("Entry job with Norwegian tuition (innstegsjobb)")
    NYSTARTSJOBB = "nystartsjobb", _("Job with the nystartsjobb relief")
    TRAINEE = "trainee", _("Trainee post")
    LAEREPLASS = "laereplass", _("Apprenticeship (læreplass)")


UNPAID_KINDS = frozenset({ListingKind.PRAKSISPLASS})


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    FILLED = "filled", _("Filled")


# Draft and published listings are open: their members still change them.
OPEN_LISTING_STATUSES = frozenset({ListingStatus.DRAFT, ListingStatus.PUBLISHED})
# Closed and filled listings take no more applications; they have closed_at set.
CLOSED_LISTING_STATUSES = frozenset({ListingStatus.CLOSED, ListingStatus.FILLED})

# The statuses a member moves a listing to (publish, close, fill), each from the ones it allows.
LISTING_MOVES: dict[str, frozenset[str]] = {
    ListingStatus.PUBLISHED: frozenset({ListingStatus.DRAFT}),
    ListingStatus.CLOSED: frozenset({ListingStatus.PUBLISHED}),
    ListingStatus.FILLED: frozenset({ListingStatus.PUBLISHED, ListingStatus.CLOSED}),
}


class NorwegianLevel(models.TextChoices):
    """CEFR levels; A0 means no Norwegian yet."""

    A0 = "A0", _("A0: no Norwegian yet")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"


NORWEGIAN_LEVEL_ORDER: list[str] = [level.value for level in NorwegianLevel]


def levels_up_to(level: str) -> list[str]:
    """The CEFR levels at or below `level`."""
    return NORWEGIAN_LEVEL_ORDER[: NORWEGIAN_LEVEL_ORDER.index(level) + 1]


class Listing(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="listings",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ListingKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    title = models.CharField(_("title"), max_length=120, validators=[validate_plain_text])
    description = models.TextField(
        _("description"),
        max_length=5000,
        validators=[validate_plain_text],
        help_text=_("In plain language: what the work is, and what a day looks like."),
    )
    occupation = models.ForeignKey(
        "reference.Occupation",
        on_delete=models.PROTECT,
        limit_choices_to={"level": 4},
        verbose_name=_("occupation"),
    )
    kommune = models.ForeignKey(
        "reference.Kommune", on_delete=models.PROTECT, verbose_name=_("kommune")
    )
    bydel = models.ForeignKey(
        "reference.Bydel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("bydel"),
    )
    address = models.CharField(
        _("work place address"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    position_percent = models.PositiveSmallIntegerField(
        _("position percent"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    schedule = models.CharField(
        _("working hours"),
        max_length=200,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("For example: weekdays 8-15."),
    )
    start_date = models.DateField(_("start date"))
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    monthly_wage = models.PositiveIntegerField(
        _("monthly wage (NOK)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
    )
    days_per_week = models.PositiveSmallIntegerField(
        _("days per week at the work place"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    work_hours_per_week = models.PositiveSmallIntegerField(
        _("hours of work per week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
    )
    tuition_hours_per_week = models.PositiveSmallIntegerField(
        _("hours of Norwegian tuition per week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
    )
    intention_agreement = models.BooleanField(
        _("intention agreement from the first day of school"), default=False
    )
    norwegian_spoken = models.CharField(
        _("spoken Norwegian required"),
        max_length=2,
        choices=NorwegianLevel.choices,
        default=NorwegianLevel.A0,
    )
    norwegian_written = models.CharField(
        _("written Norwegian required"),
        max_length=2,
        choices=NorwegianLevel.choices,
        default=NorwegianLevel.A0,
    )
    workplace_languages = models.JSONField(
        _("other languages spoken at the work place"),
        default=list,
        blank=True,
        validators=[validate_language_codes],
    )
    positions = models.PositiveSmallIntegerField(
        _("number of positions"), default=1, validators=[MinValueValidator(1)]
    )
    deadline = models.DateField(_("application deadline"))
    anonymous_review = models.BooleanField(
        _("anonymous review"),
        default=True,
        help_text=_("Hide the applicants' names until they are invited to an interview."),
    )
    search_vector = SearchVectorField(null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        indexes = [
            # Created on PostgreSQL only (see migrations 0001 and 0002). Search reads published
            # listings only: the archive of closed and filled ones stays out of the index.
            GinIndex(
                fields=["search_vector"],
                name="listing_search_published",
                condition=models.Q(status="published"),
            ),
            models.Index(fields=["status", "deadline"], name="listing_status_deadline"),
            # A search without words: the newest published listings, read in index order.
            models.Index(
                fields=["-published_at", "-id"],
                name="listing_published_newest",
                condition=models.Q(status="published"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_paid(self) -> bool:
        return self.kind not in UNPAID_KINDS

    @property
    def workplace_language_names(self) -> list[str]:
        """The languages spoken at the work place, named in the reader's language."""
        return [str(WORKPLACE_LANGUAGES[code]) for code in self.workplace_languages]

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.occupation_id is not None and self.occupation.level != 4:
            errors["occupation"] = _("Choose an occupation at the most detailed level (4 digits).")
        if self.bydel is not None and self.bydel.kommune_id != self.kommune_id:
            errors["bydel"] = _("The bydel must lie in the chosen kommune.")
        if self.is_paid and not self.monthly_wage:
            errors["monthly_wage"] = _("A paid position needs its monthly wage.")
        if not self.is_paid and self.monthly_wage:
            errors["monthly_wage"] = _("A praksisplass is unpaid: leave the wage empty.")
        if self.kind == ListingKind.PRAKSISPLASS and not self.days_per_week:
            errors["days_per_week"] = _("Give the days per week at the work place.")
        if self.kind == ListingKind.INNSTEGSJOBB:
            if not self.work_hours_per_week:
                errors["work_hours_per_week"] = _("Give the hours of work per week.")
            if not self.tuition_hours_per_week:
                errors["tuition_hours_per_week"] = _(
                    "Give the hours of Norwegian tuition per week."
                )
        if self.intention_agreement and self.kind != ListingKind.LAEREPLASS:
            errors["intention_agreement"] = _("Only an apprenticeship has an intention agreement.")
        if errors:
            raise ValidationError(errors)


class SearchEntry(models.Model):
    """A published listing's searchable columns, in a table the size of the open market.

    Search reads this table rather than listings_listing: a national market keeps years of
    closed and filled listings, and a broad word would otherwise read a block of that archive
    for every open listing it matches. PostgreSQL keeps it: a trigger on listings_listing
    (migration 0003) writes a listing's entry whenever it is published or changes while
    published, and deletes it when the listing leaves that state or is deleted, whatever wrote
    the listing (a service, the admin, a bulk update); emptying the listings (TRUNCATE) empties
    it too. It is not a Django-managed table and has
    no SQLite counterpart: the embedded mode searches listings_listing itself. The fields carry
    the listing's names, so a filter written for Listing reads the same here.
    """

    listing = models.OneToOneField(
        Listing,
        primary_key=True,
        on_delete=models.DO_NOTHING,  # the trigger deletes it with its listing
        db_constraint=False,
        related_name="+",
    )
    search_vector = SearchVectorField(null=True)
    published_at = models.DateTimeField(null=True)
    deadline = models.DateField()
    kind = models.CharField(max_length=20, choices=ListingKind.choices)
    kommune = models.ForeignKey(
        "reference.Kommune", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    bydel = models.ForeignKey(
        "reference.Bydel",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    occupation = models.ForeignKey(
        "reference.Occupation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    position_percent = models.PositiveSmallIntegerField()
    start_date = models.DateField()
    norwegian_spoken = models.CharField(max_length=2)
    norwegian_written = models.CharField(max_length=2)
    workplace_languages = models.JSONField(default=list)
    # What the facet counts group by, made by the trigger rather than on every search.
    start_month = models.DateField()  # the first day of the start date's month
    workplace_languages_text = models.TextField()  # the list as text, hashed faster than jsonb

    class Meta:
        managed = False
        db_table = "listings_searchentry"

    def __str__(self) -> str:
        return f"search entry of listing {self.listing_id}"


class ScreeningQuestion(models.Model):
    """A yes/no question every applicant answers; a required answer screens applicants."""

    listing = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="screening_questions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=300, validators=[validate_plain_text])
    required_answer = models.BooleanField(_("required answer"), null=True, blank=True)

    class Meta:
        ordering = ["listing", "position", "id"]
        verbose_name = _("screening question")
        verbose_name_plural = _("screening questions")

    def __str__(self) -> str:
        return self.text


class SavedListing(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_listings"
    )
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="saved_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("saved listing")
        verbose_name_plural = _("saved listings")
        constraints = [
            models.UniqueConstraint(fields=["user", "listing"], name="save_a_listing_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.listing_id}"


class SavedSearch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=80, validators=[validate_plain_text])
    query = models.CharField(
        _("search words"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name
