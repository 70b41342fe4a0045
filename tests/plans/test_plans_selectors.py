"""Who sees a plan, and the next and overdue steps other pages build on."""

from __future__ import annotations

import datetime

import pytest

from accounts.models import ConsentKind, NewcomerProfile, User
from accounts.services import consent_give, consent_withdraw
from plans import selectors
from plans.models import StepStatus
from tests.plans.factories import PlanFactory, StepFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 4)


def _follow(newcomer: User, *, guide: User | None = None, kommune: str | None = "0301") -> None:
    NewcomerProfile.objects.filter(user=newcomer).update(guide=guide, kommune_id=kommune)


def test_the_newcomer_sees_their_own_plan_and_no_one_elses(newcomer: User, newcomer_b: User):
    plan = PlanFactory(newcomer=newcomer)
    PlanFactory(newcomer=newcomer_b)
    assert selectors.plan_for(newcomer=newcomer, viewer=newcomer) == plan
    assert selectors.plan_for(newcomer=newcomer_b, viewer=newcomer) is None
    assert list(selectors.plan_list(viewer=newcomer)) == [plan]


def test_a_guide_sees_the_plan_only_while_the_newcomer_consents(newcomer: User, guide: User):
    plan = PlanFactory(newcomer=newcomer)
    _follow(newcomer, guide=guide)
    assert selectors.plan_for(newcomer=newcomer, viewer=guide) is None
    consent_give(user=newcomer, kind=ConsentKind.GUIDE_SHARING)
    assert selectors.plan_for(newcomer=newcomer, viewer=guide) == plan
    assert selectors.may_see_plan_of(newcomer=newcomer, viewer=guide)
    consent_withdraw(user=newcomer, kind=ConsentKind.GUIDE_SHARING)
    assert selectors.plan_for(newcomer=newcomer, viewer=guide) is None
    assert not selectors.may_see_plan_of(newcomer=newcomer, viewer=guide)
    assert list(selectors.step_list(viewer=guide)) == []


def test_another_guide_sees_nothing_even_with_consent(newcomer: User, guide: User):
    from tests.factories import UserFactory

    other = UserFactory(role="guide")
    PlanFactory(newcomer=newcomer)
    _follow(newcomer, guide=guide)
    consent_give(user=newcomer, kind=ConsentKind.GUIDE_SHARING)
    assert selectors.plan_for(newcomer=newcomer, viewer=other) is None


def test_a_veileder_sees_the_plans_of_their_kommune_only(
    newcomer: User, newcomer_b: User, veileder: User, veileder_bergen: User, employer: User
):
    plan = PlanFactory(newcomer=newcomer)
    PlanFactory(newcomer=newcomer_b)
    _follow(newcomer, kommune="0301")
    _follow(newcomer_b, kommune="4601")
    assert list(selectors.plan_list(viewer=veileder)) == [plan]
    assert selectors.plan_for(newcomer=newcomer, viewer=veileder_bergen) is None
    assert selectors.plan_for(newcomer=newcomer, viewer=employer) is None


def test_the_next_step_is_the_open_one_due_first(newcomer: User, newcomer_b: User):
    plan = PlanFactory(newcomer=newcomer)
    StepFactory(plan=plan, due_date=TODAY, status=StepStatus.DONE)
    undated = StepFactory(plan=plan, due_date=None)
    later = StepFactory(plan=plan, due_date=TODAY + datetime.timedelta(days=30))
    sooner = StepFactory(
        plan=plan, due_date=TODAY + datetime.timedelta(days=3), status=StepStatus.IN_PROGRESS
    )
    assert selectors.next_step(plan) == sooner
    # The same answer from the prefetched steps of plan_for.
    loaded = selectors.plan_for(newcomer=newcomer, viewer=newcomer)
    assert loaded is not None
    assert selectors.next_step(loaded) == sooner
    sooner.status = StepStatus.DONE
    sooner.save()
    later.status = StepStatus.CANCELLED
    later.save()
    assert selectors.next_step(plan) == undated

    empty = PlanFactory(newcomer=newcomer_b)
    assert selectors.next_step(empty) is None
    assert selectors.next_steps(newcomers=[newcomer, newcomer_b]) == {newcomer.pk: undated}


def test_next_steps_for_many_newcomers_in_one_query(
    newcomer: User, newcomer_b: User, django_assert_num_queries
):
    first = StepFactory(plan=PlanFactory(newcomer=newcomer), due_date=TODAY)
    second = StepFactory(plan=PlanFactory(newcomer=newcomer_b), due_date=TODAY)
    StepFactory(plan=second.plan, due_date=TODAY + datetime.timedelta(days=1))
    with django_assert_num_queries(1):
        steps = selectors.next_steps(newcomers=User.objects.filter(role="newcomer"))
        assert steps == {newcomer.pk: first, newcomer_b.pk: second}


def test_overdue_steps_are_open_steps_due_before_today(
    newcomer: User, newcomer_b: User, django_assert_num_queries
):
    plan = PlanFactory(newcomer=newcomer)
    overdue_a = StepFactory(plan=plan, due_date=TODAY - datetime.timedelta(days=10))
    overdue_b = StepFactory(
        plan=plan, due_date=TODAY - datetime.timedelta(days=1), status=StepStatus.IN_PROGRESS
    )
    StepFactory(plan=plan, due_date=TODAY)  # due today: not overdue yet
    StepFactory(plan=plan, due_date=TODAY - datetime.timedelta(days=5), status=StepStatus.DONE)
    StepFactory(plan=plan, due_date=None)
    StepFactory(plan=PlanFactory(newcomer=newcomer_b), due_date=TODAY - datetime.timedelta(days=3))
    with django_assert_num_queries(1):
        overdue = selectors.overdue_steps(newcomers=[newcomer], today=TODAY)
        assert overdue == {newcomer.pk: [overdue_a, overdue_b]}
    assert overdue_a.is_overdue(TODAY) and not overdue_a.is_overdue(overdue_a.due_date)
