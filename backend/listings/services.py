"""Writes about listings: create, edit, the life cycle, and what newcomers save."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any, TypedDict

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Value
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from common.errors import Conflict, NotOpen, NotParty, WrongRole, WrongStatus
from common.text import clean_name
from listings.models import (
    LISTING_MOVES,
    OPEN_LISTING_STATUSES,
    Listing,
    ListingStatus,
    SavedListing,
    SavedSearch,
    ScreeningQuestion,
)
from organisations.models import Organisation
from organisations.selectors import is_member

MAX_SCREENING_QUESTIONS = 10
SEARCH_CONFIG = "norwegian"

# The fields an employer sets on a listing (everything else is kept by the services).
EDITABLE_FIELDS = (
    "kind",
    "title",
    "description",
    "occupation",
    "kommune",
    "bydel",
    "address",
    "position_percent",
    "schedule",
    "start_date",
    "duration_months",
    "monthly_wage",
    "days_per_week",
    "work_hours_per_week",
    "tuition_hours_per_week",
    "intention_agreement",
    "norwegian_spoken",
    "norwegian_written",
    "workplace_languages",
    "positions",
    "deadline",
    "anonymous_review",
)
_TRIMMED = ("title", "description", "address", "schedule")


def _tidy(name: str, value: str) -> str:
    """Trimmed; the title also loses bidi controls (it stands in page titles and messages)."""
    return clean_name(value) if name == "title" else value.strip()


class ScreeningQuestionData(TypedDict, total=False):
    text: str
    required_answer: bool | None


def _require_member(*, organisation: Organisation, by: User) -> None:
    if by.role != Role.EMPLOYER or not is_member(user=by, organisation=organisation):
        raise NotParty(_("Only the organisation's members manage its listings."))


def _check_deadline(listing: Listing, *, today: datetime.date) -> None:
    if listing.deadline < today:
        raise ValidationError({"deadline": _("The application deadline has passed.")})


def listing_update_search_vector(*, listing: Listing) -> None:
    """Title weighs most, then the description, then the occupation's title."""
    if not settings.USES_POSTGRES:
        return
    vector = (
        SearchVector(Value(listing.title), weight="A", config=SEARCH_CONFIG)
        + SearchVector(Value(listing.description), weight="B", config=SEARCH_CONFIG)
        + SearchVector(Value(listing.occupation.title_nb), weight="C", config=SEARCH_CONFIG)
    )
    Listing.objects.filter(pk=listing.pk).update(search_vector=vector)


def _replace_questions(*, listing: Listing, questions: Sequence[ScreeningQuestionData]) -> None:
    if len(questions) > MAX_SCREENING_QUESTIONS:
        raise ValidationError(
            {
                "screening_questions": _("Ask at most %(count)d questions.")
                % {"count": MAX_SCREENING_QUESTIONS}
            }
        )
    listing.screening_questions.all().delete()
    for position, data in enumerate(questions):
        question = ScreeningQuestion(
            listing=listing,
            position=position,
            text=str(data.get("text", "")).strip(),
            required_answer=data.get("required_answer"),
        )
        try:
            question.full_clean(exclude=["listing"])
        except ValidationError as error:
            raise ValidationError({"screening_questions": error.messages}) from None
        question.save()


def _save(listing: Listing) -> Listing:
    listing.full_clean(exclude=["organisation", "created_by"])
    listing.save()
    listing_update_search_vector(listing=listing)
    return listing


@transaction.atomic
def listing_create(
    *,
    organisation: Organisation,
    by: User,
    screening_questions: Sequence[ScreeningQuestionData] = (),
    **fields: Any,
) -> Listing:
    """A new draft listing of `organisation`."""
    _require_member(organisation=organisation, by=by)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"listing_create() got unexpected fields: {sorted(unknown)}")
    for name in _TRIMMED:
        if name in fields and isinstance(fields[name], str):
            fields[name] = _tidy(name, fields[name])
    listing = _save(Listing(organisation=organisation, created_by=by, **fields))
    _replace_questions(listing=listing, questions=screening_questions)
    return listing


@transaction.atomic
def listing_update(
    *,
    listing: Listing,
    by: User,
    screening_questions: Sequence[ScreeningQuestionData] | None = None,
    **fields: Any,
) -> Listing:
    """Change a draft or published listing; its questions can change only while it is a draft."""
    _require_member(organisation=listing.organisation, by=by)
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    if listing.status not in OPEN_LISTING_STATUSES:
        raise WrongStatus(
            _("A %(status)s listing cannot be changed.")
            % {"status": listing.get_status_display().lower()}
        )
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"listing_update() got unexpected fields: {sorted(unknown)}")
    _check_anonymous_review_kept(listing, fields)
    for name, value in fields.items():
        setattr(listing, name, _tidy(name, value) if name in _TRIMMED and value else value)
    if listing.status == ListingStatus.PUBLISHED and "deadline" in fields:
        _check_deadline(listing, today=timezone.localdate())
    _save(listing)
    if screening_questions is not None:
        if listing.status != ListingStatus.DRAFT:
            raise WrongStatus(
                _("Screening questions can be changed only while the listing is a draft.")
            )
        _replace_questions(listing=listing, questions=screening_questions)
    return listing


def anonymous_review_is_fixed(listing: Listing) -> bool:
    """Once someone has applied, the review stays as it was announced to them."""
    return listing.pk is not None and listing.applications.exists()


def _check_anonymous_review_kept(listing: Listing, fields: dict[str, Any]) -> None:
    """Refuse to lift (or impose) anonymous review on applications that already came in.

    `listing` is locked by the caller, as application_submit locks it: no application can
    arrive between this check and the save.
    """
    wanted = fields.get("anonymous_review", listing.anonymous_review)
    if wanted != listing.anonymous_review and anonymous_review_is_fixed(listing):
        raise ValidationError(
            {
                "anonymous_review": _(
                    "Anonymous review cannot be changed once someone has applied: the "
                    "applicants sent their applications on this condition. A name is shown "
                    "when you invite that person to an interview."
                )
            }
        )


def _move(*, listing: Listing, by: User, to: str) -> Listing:
    _require_member(organisation=listing.organisation, by=by)
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    if listing.status not in LISTING_MOVES[to]:
        raise WrongStatus(
            _("A listing cannot go from %(from)s to %(to)s.") % {"from": listing.status, "to": to}
        )
    listing.status = to
    now = timezone.now()
    if to == ListingStatus.PUBLISHED:
        listing.published_at = now
    else:
        listing.closed_at = now
    listing.save(update_fields=["status", "published_at", "closed_at", "updated_at"])
    return listing


@transaction.atomic
def listing_publish(*, listing: Listing, by: User) -> Listing:
    _require_member(organisation=listing.organisation, by=by)
    rejected = Organisation.objects.filter(pk=listing.organisation_id, rejected_at__isnull=False)
    if rejected.exists():
        raise Conflict(
            _(
                "Another organisation with this organisation number was verified by Innsteg: "
                "this registration's listings cannot be published."
            ),
            code="organisation_superseded",
        )
    _check_deadline(listing, today=timezone.localdate())
    listing.full_clean(exclude=["organisation", "created_by"])
    return _move(listing=listing, by=by, to=ListingStatus.PUBLISHED)


@transaction.atomic
def listing_close(*, listing: Listing, by: User) -> Listing:
    return _move(listing=listing, by=by, to=ListingStatus.CLOSED)


@transaction.atomic
def listing_mark_filled(*, listing: Listing, by: User) -> Listing:
    return _move(listing=listing, by=by, to=ListingStatus.FILLED)


@transaction.atomic
def listings_close_expired(*, today: datetime.date) -> int:
    """Close every published listing whose deadline lies before `today`. Idempotent."""
    return Listing.objects.filter(status=ListingStatus.PUBLISHED, deadline__lt=today).update(
        status=ListingStatus.CLOSED, closed_at=timezone.now()
    )


def _require_newcomer(by: User) -> None:
    if by.role != Role.NEWCOMER:
        raise WrongRole(_("Only newcomers save listings and searches."))


@transaction.atomic
def saved_listing_add(*, listing: Listing, by: User) -> SavedListing:
    _require_newcomer(by)
    if listing.status != ListingStatus.PUBLISHED:
        raise NotOpen(_("Only published listings can be saved."))
    saved, _created = SavedListing.objects.get_or_create(user=by, listing=listing)
    return saved


@transaction.atomic
def saved_listing_remove(*, saved: SavedListing, by: User) -> None:
    if saved.user_id != by.pk:
        raise NotParty(_("This is not your saved listing."))
    saved.delete()


@transaction.atomic
def saved_search_create(
    *, by: User, name: str, query: str = "", filters: dict[str, Any] | None = None
) -> SavedSearch:
    _require_newcomer(by)
    saved = SavedSearch(user=by, name=name.strip(), query=query.strip(), filters=filters or {})
    saved.full_clean(exclude=["user"])
    saved.save()
    return saved


@transaction.atomic
def saved_search_delete(*, saved: SavedSearch, by: User) -> None:
    if saved.user_id != by.pk:
        raise NotParty(_("This is not your saved search."))
    saved.delete()
