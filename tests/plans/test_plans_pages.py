"""The plan pages as each persona uses them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from accounts.models import ConsentKind, User
from accounts.services import consent_withdraw
from placements.models import PlacementAgreement
from plans.models import (
    DevelopmentPlan,
    PlacementEvaluation,
    PlanNote,
    PlanStep,
    ReferenceLetter,
    StepKind,
    StepStatus,
)
from tests.plans.factories import CompetenceFactory, EducationFactory, PlanFactory, StepFactory
from tests.support import english_personas

pytestmark = pytest.mark.django_db

_english = english_personas._english
newcomer = english_personas.newcomer
newcomer_b = english_personas.newcomer_b
employer = english_personas.employer

YESTERDAY = datetime.date.today() - datetime.timedelta(days=1)


def test_the_newcomer_reads_their_plan_and_writes_notes(client_for, plan: DevelopmentPlan):
    overdue = StepFactory(plan=plan, title="Meld deg på norskprøve", due_date=YESTERDAY)
    StepFactory(plan=plan, title="Førerkort klasse B", kind=StepKind.DRIVING_LICENCE)
    CompetenceFactory(plan=plan, title="Baker i Aleppo")
    EducationFactory(plan=plan, title="Videregående skole")
    client = client_for(plan.newcomer)
    page = client.get(reverse("plans:mine"))
    assert page.status_code == 200
    html = page.content.decode()
    for text in ("Meld deg på norskprøve", "Førerkort klasse B", "Baker i Aleppo", "Overdue"):
        assert text in html
    assert f'href="#step-{overdue.pk}"' in html  # the next step is linked at the top
    assert "Change the step" not in html  # the newcomer does not edit the plan itself

    answer = client.post(reverse("plans:note_add"), {"text": "Jeg vil bli baker.", "step": ""})
    assert answer.status_code == 302
    note = PlanNote.objects.get(plan=plan)
    assert note.text == "Jeg vil bli baker."
    assert client.post(reverse("plans:note_add"), {"text": "  "}).status_code == 400
    assert client.post(reverse("plans:note_add"), {"text": "<script>x</script>"}).status_code == 400
    assert PlanNote.objects.count() == 1
    assert client.post(reverse("plans:note_delete", args=[note.pk])).status_code == 302
    assert not PlanNote.objects.exists()


def test_no_one_else_deletes_the_newcomers_note(client_for, plan: DevelopmentPlan, newcomer_b):
    note = PlanNote.objects.create(plan=plan, text="Mitt notat")
    answer = client_for(newcomer_b).post(reverse("plans:note_delete", args=[note.pk]))
    assert answer.status_code == 404
    assert PlanNote.objects.filter(pk=note.pk).exists()


def test_a_newcomer_without_a_plan_is_told_who_makes_it(client_for, newcomer: User):
    page = client_for(newcomer).get(reverse("plans:mine"))
    assert page.status_code == 200
    assert "You have no plan yet" in page.content.decode()


def test_the_guide_edits_the_plan_while_the_newcomer_consents(
    client_for, plan: DevelopmentPlan, guide: User
):
    client = client_for(guide)
    people = client.get(reverse("plans:people"))
    assert plan.newcomer.full_name in people.content.decode()
    assert client.get(reverse("plans:person", args=[plan.newcomer_id])).status_code == 200
    answer = client.post(
        reverse("plans:step_new", args=[plan.newcomer_id]),
        {
            "kind": StepKind.NORWEGIAN_COURSE,
            "title": "Norskkurs B1",
            "owner": "newcomer",
            "status": StepStatus.PLANNED,
            "start_date": "2027-01-10",
            "due_date": "2027-06-20",
        },
    )
    assert answer.status_code == 302
    step = PlanStep.objects.get(plan=plan)
    assert (step.title, step.updated_by) == ("Norskkurs B1", guide)

    # A step cannot be done before it starts: said next to the field, nothing saved.
    refused = client.post(
        reverse("plans:step_edit", args=[step.pk]),
        {
            "kind": StepKind.NORWEGIAN_COURSE,
            "title": "Norskkurs B1",
            "owner": "newcomer",
            "status": StepStatus.DONE,
            "start_date": "2027-06-20",
            "due_date": "2027-01-10",
        },
    )
    assert refused.status_code == 400
    assert "on or after the start" in refused.content.decode()
    step.refresh_from_db()
    assert step.status == StepStatus.PLANNED

    consent_withdraw(user=plan.newcomer, kind=ConsentKind.GUIDE_SHARING)
    assert client.get(reverse("plans:person", args=[plan.newcomer_id])).status_code == 404
    assert client.get(reverse("plans:step_edit", args=[step.pk])).status_code == 404
    assert plan.newcomer.full_name not in client.get(reverse("plans:people")).content.decode()


def test_a_veileder_starts_a_plan_and_maps_competences(client_for, followed: User, veileder):
    client = client_for(veileder)
    assert client.post(reverse("plans:start", args=[followed.pk])).status_code == 302
    plan = DevelopmentPlan.objects.get(newcomer=followed)
    answer = client.post(
        reverse("plans:competence_new", args=[followed.pk]),
        {"kind": "experience", "title": "Baker", "occupation": "7512", "source": "verified"},
    )
    assert answer.status_code == 302
    competence = plan.competences.get()
    assert competence.verified_by == veileder and competence.verified_at is not None
    answer = client.post(
        reverse("plans:education_new", args=[followed.pk]),
        {
            "level": "vocational",
            "title": "Baker",
            "recognition_status": "applied",
            "source": "declared",
        },
    )
    assert answer.status_code == 302
    answer = client.post(
        reverse("plans:edit", args=[followed.pk]),
        {
            "goal_kind": "work",
            "goal_occupation": "7512",
            "norwegian_spoken_now": "A2",
            "norwegian_written_now": "A1",
            "norwegian_spoken_target": "B1",
            "norwegian_written_target": "B1",
        },
    )
    assert answer.status_code == 302
    plan.refresh_from_db()
    assert plan.goal_occupation_id == "7512"
    # A group code is not an occupation one can aim for.
    answer = client.post(
        reverse("plans:edit", args=[followed.pk]),
        {"goal_kind": "work", "goal_occupation": "751", "norwegian_spoken_now": "A2"},
    )
    assert answer.status_code == 400


def test_outsiders_see_no_plan(
    client_for, plan: DevelopmentPlan, veileder_bergen: User, employer: User, newcomer_b: User
):
    person = reverse("plans:person", args=[plan.newcomer_id])
    assert client_for(veileder_bergen).get(person).status_code == 404
    assert client_for(employer).get(person).status_code == 403
    assert client_for(newcomer_b).get(person).status_code == 403
    assert client_for(employer).get(reverse("plans:mine")).status_code == 403
    assert client_for(None).get(reverse("plans:mine")).status_code == 302


def test_the_people_list_counts_its_queries(
    client_for, guide: User, followed: User, django_assert_max_num_queries
):
    from tests.factories import NewcomerFactory

    for index in range(5):
        other = NewcomerFactory(full_name=f"Person {index}")
        other.newcomer_profile.guide = guide
        other.newcomer_profile.save()
        from accounts.services import consent_give

        consent_give(user=other, kind=ConsentKind.GUIDE_SHARING)
        StepFactory(plan=PlanFactory(newcomer=other), due_date=YESTERDAY)
    client = client_for(guide)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("plans:people"))
    assert page.content.decode().count("1 step overdue") == 5


def test_placements_come_into_the_plan(
    client_for, plan: DevelopmentPlan, ended_agreement: PlacementAgreement, veileder: User
):
    client = client_for(veileder)
    page = client.get(reverse("plans:person", args=[plan.newcomer_id]))
    assert "Placements not in the plan" in page.content.decode()
    attach = reverse("plans:agreement_attach", args=[plan.newcomer_id, ended_agreement.pk])
    assert client.post(attach).status_code == 302
    step = PlanStep.objects.get(plan=plan, agreement=ended_agreement)
    assert (step.kind, step.status) == ("other", "done")  # a nystartsjobb, ended
    page = client.get(reverse("plans:person", args=[plan.newcomer_id])).content.decode()
    assert "Norsk B1 muntlig" in page  # the agreement's goals, under its step
    assert client.post(attach).status_code == 302
    assert PlanStep.objects.filter(agreement=ended_agreement).count() == 1


def test_each_party_evaluates_once_and_the_newcomer_downloads_the_letter(
    client_for,
    ended_agreement: PlacementAgreement,
    employer: User,
    veileder: User,
    newcomer_b: User,
    guide: User,
):
    outcome = reverse("plans:outcome", args=[ended_agreement.pk])
    evaluate = reverse("plans:evaluate", args=[ended_agreement.pk])
    for person in (ended_agreement.newcomer, employer, veileder):
        client = client_for(person)
        assert client.get(outcome).status_code == 200
        answer = client.post(evaluate, {"rating": "well", "text": "Det gikk bra."})
        assert answer.status_code == 302
        again = client.post(evaluate, {"rating": "poorly", "text": "Endret mening."})
        assert again.status_code == 400
    assert sorted(PlacementEvaluation.objects.values_list("party", flat=True)) == [
        "employer",
        "newcomer",
        "veileder",
    ]
    assert client_for(newcomer_b).get(outcome).status_code == 404
    assert client_for(guide).get(outcome).status_code == 403

    letter = reverse("plans:letter", args=[ended_agreement.pk])
    pdf = reverse("plans:letter_pdf", args=[ended_agreement.pk])
    assert client_for(ended_agreement.newcomer).get(pdf).status_code == 404  # not issued yet
    answer = client_for(employer).post(
        letter,
        {
            "signer_name": "Kari Nordmann",
            "signer_title": "Daglig leder",
            "tasks": "Baking og kundeservice.",
            "statement": "Punktlig og lærevillig.",
        },
    )
    assert answer.status_code == 302
    assert ReferenceLetter.objects.get().language == ended_agreement.newcomer.language
    download = client_for(ended_agreement.newcomer).get(pdf)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    assert client_for(newcomer_b).get(pdf).status_code == 404
    assert client_for(veileder).get(letter).status_code == 403
