"""The selector behind "Places for you": the open listings that fit a newcomer, ranked by
plans.ranking, for the newcomer themself and for the staff who may see their plan."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from accounts.models import NewcomerProfile, User
from applications.models import ApplicantProfile, Application, ApplicationStatus
from common.errors import NotFound
from listings.models import Listing, ListingKind, ListingStatus
from plans.models import OPEN_STEP_STATUSES, CompetenceKind, DevelopmentPlan, StepKind
from plans.ranking import Person, Place, Ranked, rank
from plans.selectors import may_see_plan_of
from reference.models import Occupation

# The listing kind each kind of step is carried out in.
LISTING_KIND_OF_STEP_KIND = {
    StepKind.WORK_PRACTICE: ListingKind.PRAKSISPLASS,
    StepKind.INNSTEGSJOBB: ListingKind.INNSTEGSJOBB,
    StepKind.APPRENTICESHIP: ListingKind.LAEREPLASS,
}
# At most this many places are shown in each group.
SHOWN = 30


@dataclass(frozen=True)
class RankedListing:
    listing: Listing
    ranked: Ranked

    @property
    def reasons(self) -> tuple[object, ...]:
        return self.ranked.reasons

    @property
    def blockers(self) -> tuple[object, ...]:
        return self.ranked.blockers


@dataclass(frozen=True)
class PlacesForYou:
    newcomer: User
    plan: DevelopmentPlan | None
    fits: list[RankedListing]
    out_of_reach: list[RankedListing]
    not_matching: int  # open places that fit nothing in the plan or profile
    already_applied: int  # open places the person has applied for: not listed again
    more_fits: int  # fitting places beyond the SHOWN best


def person_of(*, newcomer: User) -> tuple[Person, DevelopmentPlan | None]:
    """The ranking's record of `newcomer`: the plan's goal, levels and steps, the competence
    mapping's occupations, and the profile's languages and kommune."""
    plan = (
        DevelopmentPlan.objects.filter(newcomer=newcomer)
        .prefetch_related("steps", "competences")
        .first()
    )
    profile = ApplicantProfile.objects.filter(user=newcomer).first()
    newcomer_profile = (
        NewcomerProfile.objects.select_related("kommune").filter(user=newcomer).first()
    )
    kommune = newcomer_profile.kommune if newcomer_profile else None
    spoken = profile.norwegian_spoken if profile else "A0"
    written = profile.norwegian_written if profile else "A0"
    step_kinds: dict[str, str] = {}
    experience: tuple[str, ...] = ()
    goal = None
    if plan is not None:
        spoken, written = plan.norwegian_spoken_now, plan.norwegian_written_now
        goal = plan.goal_occupation_id
        for step in plan.steps.all():
            kind = LISTING_KIND_OF_STEP_KIND.get(StepKind(step.kind))
            if kind is not None and step.status in OPEN_STEP_STATUSES:
                step_kinds.setdefault(kind, step.title)
        experience = tuple(
            competence.occupation_id
            for competence in plan.competences.all()
            if competence.occupation_id
            and competence.kind in (CompetenceKind.EXPERIENCE, CompetenceKind.SKILL)
        )
    person = Person(
        goal_occupation=goal,
        experience_occupations=experience,
        step_kinds=step_kinds,
        norwegian_spoken=spoken,
        norwegian_written=written,
        languages=tuple(profile.languages) if profile else (),
        kommune=kommune.number if kommune else None,
        kommune_name=kommune.name if kommune else "",
        fylke=kommune.fylke_number if kommune else None,
        fylke_name=kommune.fylke_name if kommune else "",
    )
    return person, plan


def _candidates(person: Person) -> Q:
    """Listings that may match at all, so the ranking reads only those."""
    groups = {code[:3] for code in (person.goal_occupation, *person.experience_occupations) if code}
    q = Q(pk__in=[])
    for group in sorted(groups):
        q |= Q(occupation__code__startswith=group)
    if person.step_kinds:
        q |= Q(kind__in=sorted(person.step_kinds))
    if person.fylke:
        q |= Q(kommune__fylke_number=person.fylke)
    if person.languages:
        q |= Q(workplace_languages__has_any_keys=list(person.languages))
    return q


def places_for(*, newcomer: User, viewer: User, today: datetime.date) -> PlacesForYou:
    """The open listings that fit `newcomer`, best first, with those out of reach for now
    apart; for the newcomer, their guide (with consent) and the veiledere of their kommune.
    NotFound for anyone else."""
    if viewer.pk != newcomer.pk and not may_see_plan_of(newcomer=newcomer, viewer=viewer):
        raise NotFound()
    person, plan = person_of(newcomer=newcomer)
    open_listings = Listing.objects.filter(status=ListingStatus.PUBLISHED, deadline__gte=today)
    applied = Application.objects.filter(applicant=newcomer).exclude(
        status=ApplicationStatus.WITHDRAWN
    )
    applied_ids = set(applied.values_list("listing_id", flat=True))
    listings = list(
        open_listings.filter(_candidates(person))
        .exclude(pk__in=applied_ids)
        .select_related("organisation", "kommune", "occupation__parent", "bydel")
        .order_by("deadline", "id")
    )
    by_id = {listing.pk: listing for listing in listings}
    places = [
        Place(
            id=listing.pk,
            occupation=listing.occupation_id,
            occupation_title=listing.occupation.title_nb,
            group_title=_group_title(listing.occupation),
            kind=listing.kind,
            norwegian_spoken=listing.norwegian_spoken,
            norwegian_written=listing.norwegian_written,
            workplace_languages=tuple(listing.workplace_languages),
            kommune=listing.kommune_id,
            fylke=listing.kommune.fylke_number,
        )
        for listing in listings
    ]
    ranking = rank(person, places)
    open_count = open_listings.exclude(pk__in=applied_ids).count()
    matched = len(ranking.fits) + len(ranking.out_of_reach)
    return PlacesForYou(
        newcomer=newcomer,
        plan=plan,
        fits=[RankedListing(by_id[r.place.id], r) for r in ranking.fits[:SHOWN]],
        out_of_reach=[RankedListing(by_id[r.place.id], r) for r in ranking.out_of_reach[:SHOWN]],
        not_matching=open_count - matched,
        already_applied=open_listings.filter(pk__in=applied_ids).count(),
        more_fits=max(0, len(ranking.fits) - SHOWN),
    )


def _group_title(occupation: Occupation) -> str:
    parent = occupation.parent
    return parent.title_nb if parent is not None else occupation.title_nb
