"""Writes about applications: apply, move through the status table, expire."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from applications.models import (
    ApplicantProfile,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    RejectionReason,
    ScreeningAnswer,
)
from applications.notices import notify_application_status
from applications.selectors import applicant_profile_get
from applications.signals import offer_accepted
from applications.transitions import OPEN_STATUSES, Actor, actor_for
from common.errors import (
    AlreadyDone,
    Conflict,
    NotAllowed,
    NotOpen,
    NotParty,
    WrongRole,
    WrongStatus,
)
from listings.models import CLOSED_LISTING_STATUSES, Listing, ListingStatus
from organisations.selectors import is_member

# An offer not answered within this many days expires.
OFFER_ANSWER_DAYS = 14
# A withdrawal can be taken back this long after it was made (a mistaken tap on a phone).
WITHDRAW_UNDO_WINDOW = datetime.timedelta(minutes=10)
# The timeline note of the step that takes a withdrawal back (pages translate it).
WITHDRAWAL_UNDONE = "withdrawal_undone"


def _status_label(status: str) -> str:
    return str(ApplicationStatus(status).label).lower()


def profile_snapshot(user: User) -> dict[str, Any]:
    profile = applicant_profile_get(viewer=user)
    return {
        "languages": list(profile.languages),
        "norwegian_spoken": profile.norwegian_spoken,
        "norwegian_written": profile.norwegian_written,
        "experience": profile.experience,
        "availability": profile.availability,
    }


@transaction.atomic
def applicant_profile_update(*, by: User, **fields: Any) -> ApplicantProfile:
    if by.role != Role.NEWCOMER:
        raise WrongRole(_("Only newcomers have an applicant profile."))
    profile, _created = ApplicantProfile.objects.get_or_create(user=by)
    for name, value in fields.items():
        setattr(profile, name, value.strip() if isinstance(value, str) else value)
    profile.full_clean(exclude=["user"])
    profile.save()
    return profile


def _check_answers(*, listing: Listing, answers: dict[int, bool]) -> list[ScreeningAnswer]:
    questions = {question.pk: question for question in listing.screening_questions.all()}
    unknown = set(answers) - set(questions)
    if unknown:
        raise ValidationError({"answers": _("These are not questions of this listing.")})
    missing = set(questions) - set(answers)
    if missing:
        raise ValidationError({"answers": _("Answer every question of the listing.")})
    return [ScreeningAnswer(question=questions[pk], answer=answers[pk]) for pk in questions]


@transaction.atomic
def application_submit(
    *,
    listing: Listing,
    by: User,
    message: str = "",
    answers: dict[int, bool] | None = None,
    today: datetime.date | None = None,
) -> Application:
    """A newcomer applies with their profile and, if they like, a short message."""
    if by.role != Role.NEWCOMER:
        raise WrongRole(_("Only newcomers apply for listings."))
    today = today or timezone.localdate()
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    if listing.status != ListingStatus.PUBLISHED:
        raise NotOpen(_("This listing is not open for applications: it is not published."))
    if listing.deadline < today:
        raise NotOpen(_("This listing is not open for applications: its deadline has passed."))
    if Application.objects.filter(listing=listing, applicant=by).exists():
        raise AlreadyDone(_("You have already applied for this listing."), code="already_applied")
    number = (listing.applications.aggregate(last=Max("number"))["last"] or 0) + 1
    application = Application(
        listing=listing,
        applicant=by,
        number=number,
        message=message.strip(),
        profile_snapshot=profile_snapshot(by),
    )
    errors: dict[str, list[str]] = {}
    try:
        application.full_clean(exclude=["listing", "applicant"], validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        screening = _check_answers(listing=listing, answers=answers or {})
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise AlreadyDone(
            _("You have already applied for this listing."), code="already_applied"
        ) from None
    for answer in screening:
        answer.application = application
    ScreeningAnswer.objects.bulk_create(screening)
    ApplicationEvent.objects.create(
        application=application, from_status="", to_status=application.status, by=by
    )
    notify_application_status(application=application, status=application.status)
    return application


def _check_actor(*, application: Application, actor: Actor, by: User | None) -> None:
    if actor == Actor.SYSTEM:
        if by is not None:
            raise WrongRole(_("Only Innsteg itself makes this change."))
        return
    if by is None:
        raise WrongRole(_("This change needs a person."))
    if actor == Actor.APPLICANT and application.applicant_id == by.pk:
        return
    if (
        actor == Actor.EMPLOYER
        and by.role == Role.EMPLOYER
        and is_member(user=by, organisation=application.listing.organisation)
    ):
        return
    if actor == Actor.APPLICANT:
        raise NotParty(_("Only the applicant makes this change."))
    raise NotParty(_("Only the employer makes this change."))


@transaction.atomic
def application_transition(
    *,
    application: Application,
    to_status: str,
    by: User | None,
    note: str = "",
    **changes: Any,
) -> Application:
    """Move an application along the status table, and write the step to its timeline."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("listing__organisation")
        .get(pk=application.pk)
    )
    from_status = application.status
    actor = actor_for(from_status, to_status)
    if actor is None:
        raise WrongStatus(
            _("An application cannot go from %(from)s to %(to)s.")
            % {"from": _status_label(from_status), "to": _status_label(to_status)}
        )
    _check_actor(application=application, actor=actor, by=by)
    for name, value in changes.items():
        setattr(application, name, value)
    application.status = to_status
    application.full_clean(exclude=["listing", "applicant"], validate_constraints=False)
    application.save()
    ApplicationEvent.objects.create(
        application=application,
        from_status=from_status,
        to_status=to_status,
        by=by,
        note=note.strip()[:500],
    )
    notify_application_status(application=application, status=to_status)
    return application


def application_review(*, application: Application, by: User) -> Application:
    return application_transition(
        application=application, to_status=ApplicationStatus.IN_REVIEW, by=by
    )


def application_invite_to_interview(
    *,
    application: Application,
    by: User,
    at: datetime.datetime,
    place: str = "",
    video_link: str = "",
    note: str = "",
) -> Application:
    """Invite to an interview at a time, at a place or by video. The name is shown from now on."""
    if not place.strip() and not video_link.strip():
        raise ValidationError({"place": _("Give the interview's place or a video link.")})
    if at <= timezone.now():
        raise ValidationError({"at": _("The interview must lie in the future.")})
    return application_transition(
        application=application,
        to_status=ApplicationStatus.INTERVIEW,
        by=by,
        note=note,
        interview_at=at,
        interview_place=place.strip(),
        interview_link=video_link.strip(),
        revealed_at=application.revealed_at or timezone.now(),
    )


def application_offer(*, application: Application, by: User, note: str = "") -> Application:
    return application_transition(
        application=application,
        to_status=ApplicationStatus.OFFERED,
        by=by,
        note=note,
        offered_at=timezone.now(),
    )


def application_reject(
    *, application: Application, by: User, reason: str, note: str = ""
) -> Application:
    if reason not in RejectionReason.values:
        raise ValidationError({"reason": _("Choose one of the listed reasons.")})
    return application_transition(
        application=application,
        to_status=ApplicationStatus.REJECTED,
        by=by,
        note=note,
        rejection_reason=reason,
    )


def application_withdraw(*, application: Application, by: User, note: str = "") -> Application:
    return application_transition(
        application=application, to_status=ApplicationStatus.WITHDRAWN, by=by, note=note
    )


def withdrawal_undo_until(
    application: Application, *, now: datetime.datetime | None = None
) -> datetime.datetime | None:
    """Until when the applicant can still take back their withdrawal; None if they cannot.

    Read from the timeline (its events must be loaded or are queried): the last step must be
    the applicant's own withdrawal, made less than WITHDRAW_UNDO_WINDOW ago.
    """
    if application.status != ApplicationStatus.WITHDRAWN:
        return None
    events = list(application.events.all())
    if not events:
        return None
    last = max(events, key=lambda event: (event.at, event.pk))
    if last.to_status != ApplicationStatus.WITHDRAWN or last.by_id != application.applicant_id:
        return None
    until = last.at + WITHDRAW_UNDO_WINDOW
    return until if until > (now or timezone.now()) else None


class UndoTooLate(Conflict):
    code = "undo_too_late"


@transaction.atomic
def application_withdraw_undo(
    *, application: Application, by: User, now: datetime.datetime | None = None
) -> Application:
    """Take back a withdrawal made in the last WITHDRAW_UNDO_WINDOW: the application returns
    to the status it had, and the timeline keeps both steps.

    The employer is sent nothing either way: a withdrawal reaches them only as the status on
    their list of applicants, which shows the application as it was again.
    """
    now = now or timezone.now()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("listing")
        .get(pk=application.pk)
    )
    if application.applicant_id != by.pk:
        raise NotAllowed(_("Only the applicant makes this change."))
    if application.status != ApplicationStatus.WITHDRAWN:
        raise Conflict(
            _("This application is not withdrawn, so there is nothing to undo."),
            code="not_withdrawn",
        )
    if withdrawal_undo_until(application, now=now) is None:
        minutes = int(WITHDRAW_UNDO_WINDOW.total_seconds() // 60)
        raise UndoTooLate(
            _(
                "It is too late to undo: a withdrawal can be taken back only in the first "
                "%(minutes)d minutes. Apply again if the listing is still open."
            )
            % {"minutes": minutes}
        )
    last = application.events.order_by("-at", "-id").first()
    assert last is not None  # withdrawal_undo_until found the withdrawal
    previous = last.from_status
    application.status = previous
    application.save(update_fields=["status", "updated_at"])
    ApplicationEvent.objects.create(
        application=application,
        from_status=ApplicationStatus.WITHDRAWN,
        to_status=previous,
        by=by,
        at=now,
        note=WITHDRAWAL_UNDONE,
    )
    return application


@transaction.atomic
def application_accept(*, application: Application, by: User) -> Application:
    """The newcomer accepts the offer; the placement agreement is drafted in the same step."""
    application = application_transition(
        application=application, to_status=ApplicationStatus.ACCEPTED, by=by
    )
    offer_accepted.send(sender=Application, application=application, by=by)
    return application


def applications_expire(*, today: datetime.date, offer_days: int = OFFER_ANSWER_DAYS) -> int:
    """Expire offers not answered in `offer_days` and open applications on closed listings.

    Idempotent: an expired application is final, so a second run finds nothing to do. The
    timeline note is a code ("offer_not_answered", "listing_closed") that pages translate.
    """
    offer_cutoff = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=offer_days), datetime.time())
    )
    stale_offers = Application.objects.filter(
        status=ApplicationStatus.OFFERED, offered_at__lt=offer_cutoff
    )
    on_closed_listings = Application.objects.filter(
        status__in=OPEN_STATUSES - {ApplicationStatus.OFFERED},
        listing__status__in=CLOSED_LISTING_STATUSES,
    )
    notes = {pk: "offer_not_answered" for pk in stale_offers.values_list("pk", flat=True)}
    notes.update({pk: "listing_closed" for pk in on_closed_listings.values_list("pk", flat=True)})
    for pk, note in sorted(notes.items()):
        application_transition(
            application=Application(pk=pk),
            to_status=ApplicationStatus.EXPIRED,
            by=None,
            note=note,
        )
    return len(notes)
