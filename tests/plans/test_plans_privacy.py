"""A person's plan is theirs: the export holds it, deleting the account removes it with the
evaluations and the letter; the notes and evaluations are encrypted at rest; hostile text in
a note or a step is refused or stored and shown escaped, never a 500."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from placements.models import PlacementAgreement
from plans import services
from plans.models import (
    DevelopmentPlan,
    PlacementEvaluation,
    PlanNote,
    PlanStep,
    ReferenceLetter,
)
from privacy.exports import person_export
from privacy.services import account_delete
from tests.plans.factories import CompetenceFactory, EducationFactory, StepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_plan(
    plan: DevelopmentPlan, ended_agreement: PlacementAgreement, employer: User, veileder: User
) -> DevelopmentPlan:
    StepFactory(plan=plan, agreement=ended_agreement)
    CompetenceFactory(plan=plan)
    EducationFactory(plan=plan)
    services.note_add(plan=plan, by=plan.newcomer, text="Mitt eget notat")
    services.evaluation_give(
        agreement=ended_agreement, by=plan.newcomer, rating="well", text="Bra praksis"
    )
    services.evaluation_give(
        agreement=ended_agreement, by=employer, rating="very_well", text="Flink og presis"
    )
    services.reference_letter_issue(
        agreement=ended_agreement,
        by=employer,
        signer_name="Kari",
        tasks="Baking",
        statement="Anbefales",
    )
    return plan


def test_the_export_holds_the_plan(full_plan: DevelopmentPlan) -> None:
    sections = person_export(viewer=full_plan.newcomer)["sections"]
    for section in (
        "development_plan",
        "plan_steps",
        "plan_notes",
        "competences",
        "educations",
        "placement_evaluations",
        "reference_letters",
    ):
        assert sections.get(section), section
    assert sections["plan_notes"][0]["text"] == "Mitt eget notat"
    assert len(sections["placement_evaluations"]) == 2


def test_deleting_the_account_removes_the_plan_and_what_is_about_the_person(
    full_plan: DevelopmentPlan, employer: User
) -> None:
    newcomer = full_plan.newcomer
    account_delete(user=newcomer, by=newcomer)
    assert not DevelopmentPlan.objects.filter(newcomer=newcomer).exists()
    assert not PlanStep.objects.exists() and not PlanNote.objects.exists()
    assert not PlacementEvaluation.objects.exists()
    assert not ReferenceLetter.objects.exists()
    assert User.objects.filter(pk=employer.pk).exists()


def test_notes_and_evaluations_are_encrypted_at_rest(full_plan: DevelopmentPlan) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM plans_plannote")
        (stored,) = cursor.fetchone()
        cursor.execute("SELECT text FROM plans_placementevaluation")
        evaluations = [row[0] for row in cursor.fetchall()]
    assert "notat" not in stored
    assert all("praksis" not in text and "Flink" not in text for text in evaluations)


hostile = st.one_of(
    st.text(min_size=1, max_size=40),
    st.text(st.sampled_from("\u202e\u2066\u2069\u200fabc"), min_size=1, max_size=20),
    st.builds(lambda s: s[:3] + "\x00" + s[3:], st.text(max_size=10)),
    st.just("x" * 10_000),
    st.just("<script>alert(1)</script>"),
    st.just('"><img src=x onerror=alert(1)>'),
)


@given(text=hostile)
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_hostile_text_in_a_note_and_a_step(
    client_for, plan: DevelopmentPlan, veileder: User, text: str
) -> None:
    notes_before = PlanNote.objects.count()
    answer = client_for(plan.newcomer).post(reverse("plans:note_add"), {"text": text})
    assert answer.status_code in (302, 400)
    if answer.status_code == 400:
        assert PlanNote.objects.count() == notes_before
    page = client_for(plan.newcomer).get(reverse("plans:mine")).content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page

    steps_before = PlanStep.objects.count()
    api = client_for(veileder).post(
        f"/api/v1/plans/{plan.pk}/steps/",
        {"kind": "other", "title": text},
        content_type="application/json",
    )
    assert api.status_code in (201, 400), api.content
    if api.status_code == 400:
        assert PlanStep.objects.count() == steps_before
        assert "title" in api.json()["error"]["fields"]
