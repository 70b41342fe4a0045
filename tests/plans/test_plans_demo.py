"""The demo shows the plans: goals, steps (one overdue), competence mapping, the newcomers' own
notes, and an ended placement with its three evaluations and a reference letter."""

from __future__ import annotations

import datetime

import pytest

from accounts.models import User
from common.demo import seed_demo
from plans import selectors
from plans.letters import render_letter
from plans.models import DevelopmentPlan, PlacementEvaluation, PlanNote, ReferenceLetter

pytestmark = pytest.mark.django_db


def test_the_demo_has_plans_evaluations_and_a_letter() -> None:
    seed_demo()
    plans = DevelopmentPlan.objects.all()
    assert plans.count() == 4
    assert {plan.newcomer.language for plan in plans} >= {"ar", "ti", "fa"}
    amal = User.objects.get(email="amal@example.com")
    overdue = selectors.overdue_steps(newcomers=[amal], today=datetime.date.today())
    assert len(overdue[amal.pk]) == 1
    assert PlanNote.objects.filter(plan__newcomer=amal).exists()
    letter = ReferenceLetter.objects.get()
    assert letter.language == "ti"
    assert PlacementEvaluation.objects.filter(agreement=letter.agreement).count() == 3
    assert letter.agreement.plan_steps.get().status == "done"
    assert render_letter(letter).languages == ("nb", "ti")

    seed_demo()  # a second load changes nothing
    assert DevelopmentPlan.objects.count() == 4
    assert PlacementEvaluation.objects.count() == 3
