"""Reads about buddies, each scoped to the viewer.

- A newcomer sees their own request and matches; a volunteer their own profile and matches.
- A coordinator (a veileder of the kommune, or a person appointed for it) sees the volunteers,
  requests and matches of the kommuner they coordinate, nothing of any other kommune.
- What one buddy sees of the other is `person_card`: first name, languages and area until both
  have accepted; after that also what the other chose to share (full name, phone, email).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from accounts.models import Role, User
from buddies import matching
from buddies.explain import language_names
from buddies.models import (
    OPEN_MATCH_STATUSES,
    BuddyCheckIn,
    BuddyCoordinator,
    BuddyMatch,
    BuddyRequest,
    ContactWay,
    MatchStatus,
    Volunteer,
    VolunteerStatus,
)

# Roles that may be coordinators: veiledere of their kommuner, and appointed guides or volunteers.
COORDINATOR_ROLES = frozenset({Role.VEILEDER, Role.GUIDE, Role.VOLUNTEER})


def coordinated_kommuner(*, viewer: User) -> set[str]:
    """The numbers of the kommuner `viewer` coordinates buddies in."""
    if not viewer.is_active or viewer.role not in COORDINATOR_ROLES:
        return set()
    numbers = set(BuddyCoordinator.objects.filter(user=viewer).values_list("kommune_id", flat=True))
    if viewer.role == Role.VEILEDER:
        numbers |= set(viewer.kommuner.values_list("number", flat=True))
    return numbers


def is_coordinator(*, viewer: User) -> bool:
    return bool(coordinated_kommuner(viewer=viewer))


def may_appoint(*, viewer: User) -> set[str]:
    """The kommuner whose coordinators `viewer` may appoint: a veileder's own."""
    if viewer.role != Role.VEILEDER or not viewer.is_active:
        return set()
    return set(viewer.kommuner.values_list("number", flat=True))


def volunteer_of(*, user: User) -> Volunteer | None:
    return Volunteer.objects.select_related("kommune", "bydel").filter(user=user).first()


def request_of(*, user: User) -> BuddyRequest | None:
    return BuddyRequest.objects.select_related("kommune", "bydel").filter(user=user).first()


def _matches() -> QuerySet[BuddyMatch]:
    return BuddyMatch.objects.select_related(
        "volunteer__buddy_volunteer__kommune",
        "volunteer__buddy_volunteer__bydel",
        "newcomer__buddy_request__kommune",
        "newcomer__buddy_request__bydel",
        "kommune",
    )


def match_list(*, viewer: User, status: str | None = None) -> QuerySet[BuddyMatch]:
    """The matches `viewer` is in, and those of the kommuner they coordinate."""
    scope = Q(volunteer=viewer) | Q(newcomer=viewer)
    kommuner = coordinated_kommuner(viewer=viewer)
    if kommuner:
        scope |= Q(kommune__in=kommuner)
    matches = _matches().filter(scope)
    if status:
        matches = matches.filter(status=status)
    return matches


def match_get(*, viewer: User, pk: int) -> BuddyMatch:
    """One match in `viewer`'s scope; BuddyMatch.DoesNotExist otherwise."""
    return match_list(viewer=viewer).get(pk=pk)


def checkin_list(*, match: BuddyMatch) -> QuerySet[BuddyCheckIn]:
    return match.checkins.select_related("author")


def role_in_match(*, match: BuddyMatch, viewer: User) -> str:
    """ "volunteer", "newcomer", "coordinator", or "" for someone outside the match."""
    if viewer.pk == match.volunteer_id:
        return "volunteer"
    if viewer.pk == match.newcomer_id:
        return "newcomer"
    if match.kommune_id in coordinated_kommuner(viewer=viewer):
        return "coordinator"
    return ""


@dataclass(frozen=True)
class PersonCard:
    """What one side of a match is shown of the other."""

    first_name: str
    languages: list[str] = field(default_factory=list)  # codes
    kommune: str = ""
    bydel: str = ""
    full_name: str = ""
    phone: str = ""
    email: str = ""

    @property
    def language_names(self) -> list[str]:
        return language_names(self.languages)

    @property
    def area(self) -> str:
        return f"{self.bydel}, {self.kommune}" if self.bydel else self.kommune


def _card(user: User, profile: Volunteer | BuddyRequest | None, shares: list[str]) -> PersonCard:
    return PersonCard(
        first_name=user.get_short_name(),
        languages=list(profile.languages) if profile else [],
        kommune=profile.kommune.name if profile else "",
        bydel=profile.bydel.name if profile and profile.bydel else "",
        full_name=user.full_name if ContactWay.FULL_NAME in shares else "",
        phone=(user.phone or "") if ContactWay.PHONE in shares else "",
        email=(user.email or "") if ContactWay.EMAIL in shares else "",
    )


def _profile(user: User, attribute: str) -> Volunteer | BuddyRequest | None:
    try:
        profile: Volunteer | BuddyRequest = getattr(user, attribute)
    except (Volunteer.DoesNotExist, BuddyRequest.DoesNotExist):
        return None
    return profile


def person_card(*, match: BuddyMatch, viewer: User) -> PersonCard | None:
    """What `viewer` (one side of the match) sees of the other side; None for anyone else.

    Until both have accepted: first name, languages and area, nothing more. Once both have
    accepted (and only while the match is active) also what the other chose to share.
    """
    sharing = match.status == MatchStatus.ACTIVE and match.both_accepted
    if viewer.pk == match.volunteer_id:
        shares = list(match.newcomer_shares) if sharing else []
        return _card(match.newcomer, _profile(match.newcomer, "buddy_request"), shares)
    if viewer.pk == match.newcomer_id:
        shares = list(match.volunteer_shares) if sharing else []
        return _card(match.volunteer, _profile(match.volunteer, "buddy_volunteer"), shares)
    return None


def coordinator_cards(*, match: BuddyMatch) -> tuple[PersonCard, PersonCard]:
    """The volunteer and the newcomer as their coordinator sees them: full names, languages and
    area; contact details only what each chose to share with the other."""
    volunteer = _card(
        match.volunteer,
        _profile(match.volunteer, "buddy_volunteer"),
        [ContactWay.FULL_NAME, *match.volunteer_shares],
    )
    newcomer = _card(
        match.newcomer,
        _profile(match.newcomer, "buddy_request"),
        [ContactWay.FULL_NAME, *match.newcomer_shares],
    )
    return volunteer, newcomer


# The coordinator's lists.


def volunteer_list(*, viewer: User, status: str | None = None) -> QuerySet[Volunteer]:
    """The volunteers of the kommuner `viewer` coordinates."""
    volunteers = Volunteer.objects.select_related("user", "kommune", "bydel").filter(
        kommune__in=coordinated_kommuner(viewer=viewer)
    )
    if status:
        volunteers = volunteers.filter(status=status)
    return volunteers.order_by("created_at", "user_id")


def volunteer_get(*, viewer: User, pk: int) -> Volunteer:
    return volunteer_list(viewer=viewer).get(pk=pk)


def waiting_requests(*, viewer: User) -> QuerySet[BuddyRequest]:
    """Newcomers of `viewer`'s kommuner who want a buddy and have no open match."""
    return (
        BuddyRequest.objects.select_related("user", "kommune", "bydel")
        .filter(active=True, kommune__in=coordinated_kommuner(viewer=viewer))
        .exclude(user__buddy_matches_as_newcomer__status__in=OPEN_MATCH_STATUSES)
        .order_by("created_at", "user_id")
    )


def candidate(profile: Volunteer | BuddyRequest) -> matching.Candidate:
    return matching.Candidate(
        person_id=profile.user_id,
        languages=frozenset(profile.languages),
        interests=frozenset(profile.interests),
        availability=frozenset(profile.availability),
        kommune=profile.kommune_id,
        fylke=profile.kommune.fylke_number,
        bydel=profile.bydel_id,
    )


def free_volunteers(*, fylker: set[str]) -> QuerySet[Volunteer]:
    """Approved volunteers of these fylker, active accounts, with no open match."""
    return (
        Volunteer.objects.select_related("user", "kommune", "bydel")
        .filter(status=VolunteerStatus.APPROVED, user__is_active=True)
        .filter(kommune__fylke_number__in=fylker)
        .exclude(user__buddy_matches_as_volunteer__status__in=OPEN_MATCH_STATUSES)
    )


def earlier_pairs(*, newcomer_ids: set[int]) -> frozenset[tuple[int, int]]:
    """(volunteer, newcomer) pairs matched before: never proposed again."""
    return frozenset(
        BuddyMatch.objects.filter(newcomer__in=newcomer_ids).values_list(
            "volunteer_id", "newcomer_id"
        )
    )


@dataclass(frozen=True)
class ProposalRow:
    request: BuddyRequest
    volunteer: Volunteer
    score: matching.Score


def proposal_list(*, viewer: User, per_newcomer: int = 3) -> list[ProposalRow]:
    """For each waiting newcomer of `viewer`'s kommuner, the best free volunteers (never one
    without a language in common), best first; in three queries whatever the number of rows."""
    requests = list(waiting_requests(viewer=viewer))
    if not requests:
        return []
    volunteers = {
        volunteer.user_id: volunteer
        for volunteer in free_volunteers(fylker={r.kommune.fylke_number for r in requests})
    }
    by_id = {request.user_id: request for request in requests}
    proposals = matching.propose(
        [candidate(volunteer) for volunteer in volunteers.values()],
        [candidate(request) for request in requests],
        excluded_pairs=earlier_pairs(newcomer_ids=set(by_id)),
        per_newcomer=per_newcomer,
    )
    return [
        ProposalRow(by_id[p.newcomer_id], volunteers[p.volunteer_id], p.score) for p in proposals
    ]


def proposal_cards(*, row: ProposalRow) -> tuple[PersonCard, PersonCard]:
    """The volunteer and the newcomer of a proposal as the coordinator sees them: full names,
    languages and area, no contact details."""
    return (
        _card(row.volunteer.user, row.volunteer, [ContactWay.FULL_NAME]),
        _card(row.request.user, row.request, [ContactWay.FULL_NAME]),
    )


def coordinator_list(*, kommuner: set[str]) -> QuerySet[BuddyCoordinator]:
    return BuddyCoordinator.objects.select_related("user", "kommune", "appointed_by").filter(
        kommune__in=kommuner
    )
