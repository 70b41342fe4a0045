"""Reads about development plans, scoped to who is asking.

Who sees a newcomer's plan (and its competence mapping):
- the newcomer, always (it is theirs);
- their establishment guide (NewcomerProfile.guide), only while the newcomer's consent to share
  with the guide (ConsentKind.GUIDE_SHARING) is active: a withdrawn consent hides it at once;
- a veileder who serves the newcomer's kommune (NewcomerProfile.kommune).
Nobody else: employers see only what comes with an agreement (its evaluations and letter).

The functions other apps use (the guide's caseload and weekly digest among them):
- `plan_for(newcomer=, viewer=)`: the newcomer's plan if the viewer may see it, else None.
- `next_step(plan)`: the plan's next open step, or None.
- `next_steps(newcomers=)`: {newcomer id: next open step} for many newcomers in one query.
- `overdue_steps(newcomers=, today=)`: {newcomer id: [open steps due before today]}, one query.
The last two do not scope: pass only newcomers the caller may already show (a guide's caseload
filtered by consent).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import F, Prefetch, Q, QuerySet

from accounts.models import NewcomerProfile, Role, User
from accounts.selectors import guide_sharing_allowed
from plans.models import (
    OPEN_STEP_STATUSES,
    Competence,
    DevelopmentPlan,
    Education,
    PlanNote,
    PlanStep,
)

NewcomerRefs = Iterable[User] | Iterable[int] | QuerySet[User]


def newcomer_visible(viewer: User, *, prefix: str = "") -> Q:
    """A condition on newcomers (users) at `prefix` (e.g. "newcomer__"): those whose plan
    `viewer` may see and edit (the newcomer themself only sees)."""
    if viewer.role == Role.NEWCOMER:
        return Q(**{f"{prefix}pk": viewer.pk})
    if viewer.role == Role.GUIDE:
        user_ref = prefix.removesuffix("__") or "pk"
        return Q(**{f"{prefix}newcomer_profile__guide": viewer}) & Q(
            guide_sharing_allowed(user_ref)
        )
    if viewer.role == Role.VEILEDER:
        return Q(**{f"{prefix}role": Role.NEWCOMER}) & Q(
            **{f"{prefix}newcomer_profile__kommune__in": viewer.kommuner.values("pk")}
        )
    return Q(pk__in=[])


def may_see_plan_of(*, newcomer: User, viewer: User) -> bool:
    """Whether `viewer` may see `newcomer`'s plan (whether or not it exists yet)."""
    if newcomer.role != Role.NEWCOMER:
        return False
    return User.objects.filter(newcomer_visible(viewer), pk=newcomer.pk).exists()


def may_edit_plan(*, viewer: User) -> bool:
    """Staff in scope edit goal, levels, steps and the competence mapping; the newcomer writes
    only their own notes. (Scope is checked by the selectors that fetch the plan.)"""
    return viewer.role in (Role.GUIDE, Role.VEILEDER)


def _with_details(plans: QuerySet[DevelopmentPlan]) -> QuerySet[DevelopmentPlan]:
    steps = PlanStep.objects.select_related("agreement__organisation").prefetch_related("notes")
    return plans.select_related("newcomer", "goal_occupation", "updated_by").prefetch_related(
        Prefetch("steps", queryset=steps),
        Prefetch("notes", queryset=PlanNote.objects.select_related("step")),
        Prefetch("competences", queryset=Competence.objects.select_related("occupation")),
        "educations",
    )


def plan_list(*, viewer: User, kommune: str | None = None) -> QuerySet[DevelopmentPlan]:
    """The plans `viewer` may see, newest change first."""
    plans = DevelopmentPlan.objects.filter(newcomer_visible(viewer, prefix="newcomer__"))
    if kommune:
        plans = plans.filter(newcomer__newcomer_profile__kommune=kommune)
    return plans.select_related("newcomer", "goal_occupation").order_by("-updated_at", "-id")


def plan_get(*, viewer: User, pk: int) -> DevelopmentPlan:
    """One plan with its steps, notes and competence mapping; DoesNotExist outside the scope."""
    plans = DevelopmentPlan.objects.filter(newcomer_visible(viewer, prefix="newcomer__"))
    return _with_details(plans).get(pk=pk)


def plan_for(*, newcomer: User | int, viewer: User) -> DevelopmentPlan | None:
    """`newcomer`'s plan with its details, or None when there is none or `viewer` may not see
    it (a guide without the newcomer's consent, a veileder of another kommune)."""
    newcomer_id = newcomer if isinstance(newcomer, int) else newcomer.pk
    plans = DevelopmentPlan.objects.filter(
        newcomer_visible(viewer, prefix="newcomer__"), newcomer_id=newcomer_id
    )
    return _with_details(plans).first()


def own_plan(*, newcomer: User) -> DevelopmentPlan | None:
    """The newcomer's own plan, for their pages."""
    return plan_for(newcomer=newcomer, viewer=newcomer)


def newcomers_in_scope(*, viewer: User) -> QuerySet[User]:
    """The newcomers whose plans `viewer` may see (with or without a plan yet)."""
    return (
        User.objects.filter(newcomer_visible(viewer), role=Role.NEWCOMER, is_active=True)
        .select_related("newcomer_profile__kommune", "development_plan")
        .order_by("full_name", "pk")
    )


def newcomer_in_scope(*, viewer: User, pk: int) -> User:
    """One newcomer whose plan `viewer` may see; User.DoesNotExist otherwise."""
    return newcomers_in_scope(viewer=viewer).get(pk=pk)


def _open_steps() -> QuerySet[PlanStep]:
    return PlanStep.objects.filter(status__in=sorted(OPEN_STEP_STATUSES))


_NEXT_ORDER = (F("due_date").asc(nulls_last=True), "position", "id")


def next_step(plan: DevelopmentPlan) -> PlanStep | None:
    """The step to do next: the open (planned or in progress) step due first; steps without a
    date come after dated ones, in their order. Uses prefetched steps when there are."""
    cache = getattr(plan, "_prefetched_objects_cache", {})
    if "steps" in cache:
        open_steps = [step for step in cache["steps"] if step.is_open]
        open_steps.sort(
            key=lambda s: (s.due_date is None, s.due_date or datetime.date.min, s.position, s.pk)
        )
        return open_steps[0] if open_steps else None
    return _open_steps().filter(plan=plan).order_by(*_NEXT_ORDER).first()


def _ids(newcomers: NewcomerRefs) -> list[int] | QuerySet[User, int]:
    if isinstance(newcomers, QuerySet):
        return newcomers.values_list("pk", flat=True)
    return [n if isinstance(n, int) else n.pk for n in newcomers]


def next_steps(*, newcomers: NewcomerRefs) -> dict[int, PlanStep]:
    """Each newcomer's next step (as `next_step`), by newcomer id, in one query. Newcomers
    without a plan or without an open step are left out. Not scoped: see the module's note."""
    steps = (
        _open_steps()
        .filter(plan__newcomer__in=_ids(newcomers))
        .select_related("plan")
        .order_by("plan__newcomer_id", *_NEXT_ORDER)
    )
    # The first open step of each newcomer (a person has a handful): the same on PostgreSQL and
    # in the embedded SQLite mode, which has no DISTINCT ON.
    first: dict[int, PlanStep] = {}
    for step in steps:
        first.setdefault(step.plan.newcomer_id, step)
    return first


def overdue_steps(*, newcomers: NewcomerRefs, today: datetime.date) -> dict[int, list[PlanStep]]:
    """The open steps due before `today`, by newcomer id, earliest first, in one query.
    Newcomers with none are left out. Not scoped: see the module's note."""
    steps = (
        _open_steps()
        .filter(plan__newcomer__in=_ids(newcomers), due_date__lt=today)
        .select_related("plan")
        .order_by("plan__newcomer_id", "due_date", "position", "id")
    )
    overdue: dict[int, list[PlanStep]] = defaultdict(list)
    for step in steps:
        overdue[step.plan.newcomer_id].append(step)
    return dict(overdue)


def step_get(*, viewer: User, pk: int) -> PlanStep:
    """One step of a plan the viewer may see; DoesNotExist otherwise."""
    return PlanStep.objects.select_related("plan__newcomer", "agreement").get(
        newcomer_visible(viewer, prefix="plan__newcomer__"), pk=pk
    )


def step_list(*, viewer: User, plan: int | None = None) -> QuerySet[PlanStep]:
    steps = PlanStep.objects.filter(
        newcomer_visible(viewer, prefix="plan__newcomer__")
    ).select_related("plan", "agreement")
    if plan is not None:
        steps = steps.filter(plan=plan)
    return steps.order_by("plan", *_NEXT_ORDER)


def competence_list(*, viewer: User, plan: int | None = None) -> QuerySet[Competence]:
    competences = Competence.objects.filter(
        newcomer_visible(viewer, prefix="plan__newcomer__")
    ).select_related("plan", "occupation")
    if plan is not None:
        competences = competences.filter(plan=plan)
    return competences.order_by("plan", "kind", "title", "id")


def competence_get(*, viewer: User, pk: int) -> Competence:
    return competence_list(viewer=viewer).get(pk=pk)


def education_list(*, viewer: User, plan: int | None = None) -> QuerySet[Education]:
    educations = Education.objects.filter(
        newcomer_visible(viewer, prefix="plan__newcomer__")
    ).select_related("plan")
    if plan is not None:
        educations = educations.filter(plan=plan)
    return educations.order_by("plan", "-completed_year", "id")


def education_get(*, viewer: User, pk: int) -> Education:
    return education_list(viewer=viewer).get(pk=pk)


def note_get(*, newcomer: User, pk: int) -> PlanNote:
    """One of the newcomer's own notes; DoesNotExist for anyone else's."""
    return PlanNote.objects.select_related("plan").get(plan__newcomer=newcomer, pk=pk)


def newcomer_kommune(newcomer: User) -> str | None:
    profile = NewcomerProfile.objects.filter(user=newcomer).only("kommune").first()
    return profile.kommune_id if profile else None
