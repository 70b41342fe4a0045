"""Writes about buddies: signing up, wanting a buddy, approving volunteers, proposing, accepting,
declining, check-ins, ending, and appointing coordinators. Each tells the people concerned
through the notification outbox, in the same transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from buddies import matching, selectors
from buddies.models import (
    HORIZON_DAYS,
    OPEN_MATCH_STATUSES,
    BuddyCheckIn,
    BuddyCoordinator,
    BuddyMatch,
    BuddyRequest,
    CheckInAuthor,
    ContactWay,
    EndReason,
    MatchStatus,
    Volunteer,
    VolunteerStatus,
)
from common.errors import Conflict, NotAllowed
from notifications.models import Kind
from notifications.services import Planned, notifications_create
from reference.models import Bydel, Kommune


def _link_match(match: BuddyMatch) -> str:
    return f"/buddies/matches/{match.pk}/"


def _notify(
    recipients: Iterable[User], *, kind: str, occurrence: str, link: str, **context: Any
) -> None:
    notifications_create(
        planned=[
            Planned(
                recipient=user, kind=kind, occurrence=occurrence, link_path=link, context=context
            )
            for user in recipients
            if user.is_active
        ]
    )


def _area(kommune: Kommune, bydel: Bydel | None) -> None:
    if bydel is not None and bydel.kommune_id != kommune.pk:
        raise ValidationError({"bydel": _("Choose a bydel of the kommune you chose.")})


def _profile_fields(
    profile: Volunteer | BuddyRequest,
    *,
    languages: Sequence[str],
    interests: Sequence[str],
    kommune: Kommune,
    bydel: Bydel | None,
    availability: Sequence[str],
) -> None:
    _area(kommune, bydel)
    profile.languages = list(languages)
    profile.interests = list(interests)
    profile.kommune = kommune
    profile.bydel = bydel
    profile.availability = list(availability)
    if not profile.languages:
        raise ValidationError({"languages": _("Choose at least one language you speak.")})
    if not profile.availability:
        raise ValidationError({"availability": _("Choose at least one time you are free.")})
    profile.full_clean()


@transaction.atomic
def volunteer_save(
    *,
    user: User,
    languages: Sequence[str],
    interests: Sequence[str],
    kommune: Kommune,
    bydel: Bydel | None = None,
    availability: Sequence[str],
    available: bool = True,
) -> Volunteer:
    """A volunteer signs up as a buddy or changes what they told. A new sign-up waits for a
    coordinator of the kommune; moving to another kommune asks that kommune's coordinator again.
    `available=False` pauses them: no new proposals (a match that runs goes on)."""
    if user.role != Role.VOLUNTEER:
        raise NotAllowed(_("Only volunteers sign up as buddies."))
    volunteer = Volunteer.objects.select_for_update().filter(user=user).first()
    new = volunteer is None
    previous_kommune = None if volunteer is None else volunteer.kommune_id
    volunteer = volunteer or Volunteer(user=user)
    _profile_fields(
        volunteer,
        languages=languages,
        interests=interests,
        kommune=kommune,
        bydel=bydel,
        availability=availability,
    )
    if new or previous_kommune != kommune.pk:
        volunteer.status = VolunteerStatus.PENDING
        volunteer.decided_by, volunteer.decided_at = None, None
    elif not available and volunteer.status == VolunteerStatus.APPROVED:
        volunteer.status = VolunteerStatus.PAUSED
    elif available and volunteer.status == VolunteerStatus.PAUSED:
        volunteer.status = VolunteerStatus.APPROVED
    volunteer.save()
    return volunteer


@transaction.atomic
def buddy_request_save(
    *,
    user: User,
    active: bool,
    languages: Sequence[str],
    interests: Sequence[str],
    kommune: Kommune,
    bydel: Bydel | None = None,
    availability: Sequence[str],
) -> BuddyRequest:
    """A newcomer asks for a buddy, changes what they told, or stops asking (`active=False`:
    no new proposals; a proposal waiting for them is declined)."""
    if user.role != Role.NEWCOMER:
        raise NotAllowed(_("Only newcomers ask for a buddy."))
    request = BuddyRequest.objects.select_for_update().filter(user=user).first()
    request = request or BuddyRequest(user=user)
    _profile_fields(
        request,
        languages=languages,
        interests=interests,
        kommune=kommune,
        bydel=bydel,
        availability=availability,
    )
    request.active = active
    request.save()
    if not active:
        waiting = BuddyMatch.objects.filter(newcomer=user, status=MatchStatus.PROPOSED).first()
        if waiting is not None:
            match_decline(match=waiting, by=user)
    return request


def _check_coordinates(*, by: User, kommune_id: str) -> None:
    if kommune_id not in selectors.coordinated_kommuner(viewer=by):
        raise NotAllowed(_("You do not coordinate buddies in this kommune."))


@transaction.atomic
def volunteer_decide(*, volunteer: Volunteer, by: User, approve: bool) -> Volunteer:
    """A coordinator of the volunteer's kommune approves them as a buddy, or does not."""
    _check_coordinates(by=by, kommune_id=volunteer.kommune_id)
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    wanted = VolunteerStatus.APPROVED if approve else VolunteerStatus.REJECTED
    if volunteer.status == wanted:
        return volunteer
    if volunteer.status == VolunteerStatus.PAUSED:
        raise Conflict(_("The volunteer has paused. They must be available again first."))
    volunteer.status = wanted
    volunteer.decided_by, volunteer.decided_at = by, timezone.now()
    volunteer.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    _notify(
        [volunteer.user],
        kind=Kind.BUDDY_VOLUNTEER_DECIDED,
        occurrence=f"volunteer:{volunteer.pk}:{volunteer.decided_at.isoformat()}",
        link="/buddies/volunteer/",
        volunteer=volunteer.pk,
        approved=approve,
    )
    return volunteer


@transaction.atomic
def match_propose(*, by: User, volunteer: User, newcomer: User) -> BuddyMatch:
    """A coordinator of the newcomer's kommune proposes this volunteer to this newcomer. Both
    are asked to accept. Refused without a language in common, and for a pair matched before."""
    request = BuddyRequest.objects.select_related("kommune", "bydel").filter(user=newcomer).first()
    if request is None or not request.active:
        raise ValidationError({"newcomer": _("This newcomer is not asking for a buddy.")})
    _check_coordinates(by=by, kommune_id=request.kommune_id)
    profile = Volunteer.objects.select_related("kommune", "bydel").filter(user=volunteer).first()
    if profile is None or profile.status != VolunteerStatus.APPROVED or not volunteer.is_active:
        raise ValidationError({"volunteer": _("This volunteer is not an approved buddy.")})
    result = matching.score(selectors.candidate(profile), selectors.candidate(request))
    if result is None:
        raise ValidationError(
            {
                "volunteer": _(
                    "They have no language in common or live too far apart: "
                    "they cannot be proposed to each other."
                )
            }
        )
    if BuddyMatch.objects.filter(volunteer=volunteer, newcomer=newcomer).exists():
        raise Conflict(
            _("These two have been proposed to each other before."), code="matched_before"
        )
    match = BuddyMatch(
        volunteer=volunteer,
        newcomer=newcomer,
        kommune_id=request.kommune_id,
        score=result.total,
        score_parts=[part.as_dict() for part in result.parts],
        proposed_by=by,
    )
    try:
        with transaction.atomic():
            match.save()
    except IntegrityError:
        raise Conflict(
            _("One of them already has a buddy or a proposal waiting."), code="already_matched"
        ) from None
    _notify(
        [volunteer, newcomer],
        kind=Kind.BUDDY_PROPOSED,
        occurrence=f"match:{match.pk}",
        link=_link_match(match),
        match=match.pk,
    )
    return match


def _locked(match: BuddyMatch) -> BuddyMatch:
    return (
        BuddyMatch.objects.select_for_update()
        .select_related("volunteer", "newcomer")
        .get(pk=match.pk)
    )


def _participant(match: BuddyMatch, by: User) -> str:
    if by.pk == match.volunteer_id:
        return "volunteer"
    if by.pk == match.newcomer_id:
        return "newcomer"
    raise NotAllowed(_("Only the two people of the match can do this."))


def _shares_valid(by: User, shares: Sequence[str]) -> list[str]:
    chosen = [way for way in ContactWay.values if way in set(shares)]
    unknown = set(shares) - set(ContactWay.values)
    if unknown:
        raise ValidationError({"shares": _("Unknown contact way.")})
    if ContactWay.PHONE in chosen and not by.phone:
        raise ValidationError({"shares": _("Your account has no phone number to share.")})
    if ContactWay.EMAIL in chosen and not by.email:
        raise ValidationError({"shares": _("Your account has no email address to share.")})
    if not {ContactWay.PHONE, ContactWay.EMAIL} & set(chosen):
        raise ValidationError(
            {"shares": _("Share a phone number or an email address, so that you can meet.")}
        )
    return chosen


@transaction.atomic
def match_accept(
    *, match: BuddyMatch, by: User, shares: Sequence[str], now: datetime.datetime | None = None
) -> BuddyMatch:
    """One side accepts the proposal and chooses what the other may see once both have accepted.
    When both have, they are buddies for six months (horizon_on) and both are told."""
    match = _locked(match)
    side = _participant(match, by)
    if match.status != MatchStatus.PROPOSED:
        raise Conflict(_("This proposal is no longer waiting for an answer."), code="not_proposed")
    if match.accepted_at(by.pk) is not None:
        raise Conflict(_("You have accepted already."), code="already_accepted")
    chosen = _shares_valid(by, shares)
    now = now or timezone.now()
    setattr(match, f"{side}_accepted_at", now)
    setattr(match, f"{side}_shares", chosen)
    if match.both_accepted:
        match.status = MatchStatus.ACTIVE
        match.started_at = now
        match.horizon_on = timezone.localdate(now) + datetime.timedelta(days=HORIZON_DAYS)
    match.save()
    if match.status == MatchStatus.ACTIVE:
        _notify(
            [match.volunteer, match.newcomer],
            kind=Kind.BUDDY_MATCHED,
            occurrence=f"match:{match.pk}",
            link=_link_match(match),
            match=match.pk,
        )
    return match


@transaction.atomic
def match_decline(*, match: BuddyMatch, by: User) -> BuddyMatch:
    """One side says no to the proposal; the other is told, and both can be matched again."""
    match = _locked(match)
    _participant(match, by)
    if match.status != MatchStatus.PROPOSED:
        raise Conflict(_("This proposal is no longer waiting for an answer."), code="not_proposed")
    match.status = MatchStatus.DECLINED
    match.declined_by, match.declined_at = by, timezone.now()
    match.save(update_fields=["status", "declined_by", "declined_at"])
    other = match.newcomer if by.pk == match.volunteer_id else match.volunteer
    _notify(
        [other],
        kind=Kind.BUDDY_DECLINED,
        occurrence=f"match:{match.pk}",
        link="/buddies/",
        match=match.pk,
    )
    return match


def _check_may_follow(match: BuddyMatch, by: User) -> str:
    """The writer's role in the match: one of the two, or a coordinator of its kommune."""
    if by.pk == match.volunteer_id:
        return CheckInAuthor.VOLUNTEER
    if by.pk == match.newcomer_id:
        return CheckInAuthor.NEWCOMER
    _check_coordinates(by=by, kommune_id=match.kommune_id)
    return CheckInAuthor.COORDINATOR


@transaction.atomic
def match_end(
    *, match: BuddyMatch, by: User, reason: str, now: datetime.datetime | None = None
) -> BuddyMatch:
    """Either buddy or a coordinator ends an active match, with a reason. Both are told (the one
    who ended it too, in writing), and both may be matched again, with someone else."""
    match = _locked(match)
    _check_may_follow(match, by)
    if reason not in EndReason.values:
        raise ValidationError({"reason": _("Choose why the match ends.")})
    if match.status != MatchStatus.ACTIVE:
        raise Conflict(_("Only a match that runs can be ended."), code="not_active")
    match.status = MatchStatus.ENDED
    match.ended_at, match.ended_by, match.end_reason = now or timezone.now(), by, reason
    match.save(update_fields=["status", "ended_at", "ended_by", "end_reason"])
    _notify(
        [match.volunteer, match.newcomer],
        kind=Kind.BUDDY_ENDED,
        occurrence=f"match:{match.pk}",
        link=_link_match(match),
        match=match.pk,
    )
    return match


@transaction.atomic
def checkin_add(
    *, match: BuddyMatch, by: User, happened_on: datetime.date, note: str
) -> BuddyCheckIn:
    """A dated short note on an active match, by either buddy or a coordinator."""
    author_role = _check_may_follow(match, by)
    if match.status != MatchStatus.ACTIVE:
        raise Conflict(_("Check-ins are written while the match runs."), code="not_active")
    if happened_on > timezone.localdate():
        raise ValidationError({"happened_on": _("The date cannot be in the future.")})
    if match.started_at and happened_on < timezone.localdate(match.started_at):
        raise ValidationError({"happened_on": _("The date is before the match started.")})
    checkin = BuddyCheckIn(
        match=match, author=by, author_role=author_role, happened_on=happened_on, note=note.strip()
    )
    checkin.full_clean()
    checkin.save()
    return checkin


@transaction.atomic
def coordinator_appoint(
    *, by: User, user: User, kommune: Kommune, organisation_name: str = ""
) -> BuddyCoordinator:
    """A veileder of the kommune (or a platform admin, in the admin) appoints a coordinator.
    Coordinators read other people's data, so only roles that use two-factor login qualify:
    guides, veiledere and volunteers."""
    if not (by.role == Role.ADMIN and by.is_superuser) and kommune.pk not in selectors.may_appoint(
        viewer=by
    ):
        raise NotAllowed(_("Only a veileder of the kommune appoints its buddy coordinators."))
    if user.role not in selectors.COORDINATOR_ROLES or not user.is_active:
        raise ValidationError(
            {"email": _("A coordinator must be a guide, a veileder or a volunteer buddy.")}
        )
    coordinator = BuddyCoordinator.objects.filter(user=user, kommune=kommune).first()
    if coordinator is None:
        coordinator = BuddyCoordinator(
            user=user,
            kommune=kommune,
            organisation_name=organisation_name.strip(),
            appointed_by=by,
        )
        coordinator.full_clean()
        coordinator.save()
    return coordinator


@transaction.atomic
def coordinator_remove(*, by: User, coordinator: BuddyCoordinator) -> None:
    if not (by.role == Role.ADMIN and by.is_superuser) and (
        coordinator.kommune_id not in selectors.may_appoint(viewer=by)
    ):
        raise NotAllowed(_("Only a veileder of the kommune appoints its buddy coordinators."))
    coordinator.delete()


def buddy_data_delete(*, user: User) -> None:
    """The person's account is deleted: their buddy profile, request and coordinations go; an
    open match is ended and the other side told, then their matches and check-ins go as well."""
    open_matches = BuddyMatch.objects.filter(status__in=OPEN_MATCH_STATUSES).filter(
        Q(volunteer=user) | Q(newcomer=user)
    )
    for match in open_matches.select_related("volunteer", "newcomer"):
        other = match.newcomer if match.volunteer_id == user.pk else match.volunteer
        # No id in the message: the match goes with the account.
        _notify(
            [other],
            kind=Kind.BUDDY_ENDED,
            occurrence=f"match:{match.pk}:account-deleted",
            link="/buddies/",
        )
    BuddyMatch.objects.filter(volunteer=user).delete()
    BuddyMatch.objects.filter(newcomer=user).delete()
    Volunteer.objects.filter(user=user).delete()
    BuddyRequest.objects.filter(user=user).delete()
    BuddyCoordinator.objects.filter(user=user).delete()
    BuddyCheckIn.objects.filter(author=user).update(author=None)
