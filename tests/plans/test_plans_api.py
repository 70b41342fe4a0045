"""The plan API: scoped as the pages are, bad input named, the places with their reasons."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.models import ConsentKind, User
from accounts.services import consent_withdraw
from plans.models import DevelopmentPlan, PlanStep
from tests.plans.factories import PlanFactory, StepFactory
from tests.support import english_personas

pytestmark = pytest.mark.django_db

_english = english_personas._english
newcomer = english_personas.newcomer
newcomer_b = english_personas.newcomer_b


def post(client, url: str, data: dict[str, Any]):  # type: ignore[no-untyped-def]
    return client.post(url, data, content_type="application/json")


def patch(client, url: str, data: dict[str, Any]):  # type: ignore[no-untyped-def]
    return client.patch(url, data, content_type="application/json")


def test_the_newcomer_reads_their_plan_and_writes_a_note(client_for, plan: DevelopmentPlan):
    step = StepFactory(plan=plan, title="Norskkurs")
    client = client_for(plan.newcomer)
    body = client.get(f"/api/v1/plans/{plan.pk}/").json()
    assert body["next_step"] == step.pk
    assert [s["title"] for s in body["steps"]] == ["Norskkurs"]
    note = post(client, f"/api/v1/plans/{plan.pk}/notes/", {"text": "Klar!", "step": step.pk})
    assert note.status_code == 201 and note.json()["text"] == "Klar!"
    # The newcomer does not change the plan itself.
    assert patch(client, f"/api/v1/plans/{plan.pk}/", {"goal_education": "x"}).status_code == 403
    assert post(client, f"/api/v1/plans/{plan.pk}/steps/", {}).status_code == 403


def test_staff_build_the_plan_and_bad_input_names_the_field(
    client_for, followed: User, veileder: User
):
    client = client_for(veileder)
    created = post(client, "/api/v1/plans/", {"newcomer": followed.pk, "goal_occupation": "7512"})
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    again = post(client, "/api/v1/plans/", {"newcomer": followed.pk})
    assert (again.status_code, again.json()["error"]["code"]) == (409, "plan_exists")
    step = post(
        client,
        f"/api/v1/plans/{pk}/steps/",
        {
            "kind": "norwegian_course",
            "title": "B1",
            "start_date": "2027-03-01",
            "due_date": "2027-01-01",
        },
    )
    assert step.status_code == 400
    assert "due_date" in str(step.json())
    assert not PlanStep.objects.exists()
    ok = post(client, f"/api/v1/plans/{pk}/steps/", {"kind": "driving_licence", "title": "B"})
    assert ok.status_code == 201
    done = patch(client, f"/api/v1/plan-steps/{ok.json()['id']}/", {"status": "done"})
    assert done.json()["completed_on"] is not None
    competence = post(
        client,
        f"/api/v1/plans/{pk}/competences/",
        {"kind": "experience", "title": "Baker", "occupation": "7512", "source": "verified"},
    )
    assert competence.status_code == 201 and competence.json()["verified_at"]
    bad = post(client, f"/api/v1/plans/{pk}/competences/", {"kind": "magic", "title": "x"})
    assert bad.status_code == 400
    education = post(
        client,
        f"/api/v1/plans/{pk}/educations/",
        {"level": "bachelor", "title": "Sykepleie", "recognition_status": "partly"},
    )
    assert education.status_code == 201
    assert client.delete(f"/api/v1/educations/{education.json()['id']}/").status_code == 204


def test_scope_follows_consent_and_kommune(
    client_for, plan: DevelopmentPlan, guide: User, veileder_bergen: User, newcomer_b: User
):
    url = f"/api/v1/plans/{plan.pk}/"
    assert client_for(guide).get(url).status_code == 200
    assert client_for(veileder_bergen).get(url).status_code == 404
    assert client_for(newcomer_b).get(url).status_code == 404
    assert client_for(veileder_bergen).get("/api/v1/plans/").json()["results"] == []
    consent_withdraw(user=plan.newcomer, kind=ConsentKind.GUIDE_SHARING)
    assert client_for(guide).get(url).status_code == 404
    assert (
        client_for(guide).get(f"/api/v1/places-for-you/?newcomer={plan.newcomer_id}").status_code
        == 404
    )


def test_places_for_you_come_with_reasons(client_for, plan: DevelopmentPlan, listing, guide):
    body = client_for(plan.newcomer).get("/api/v1/places-for-you/").json()
    assert body["fits"][0]["listing"] == listing.pk
    assert body["fits"][0]["reasons"][0]["code"] == "goal_occupation"
    assert body["fits"][0]["reasons"][0]["text"].startswith("This is the work your plan aims for")
    staff = client_for(guide).get(f"/api/v1/places-for-you/?newcomer={plan.newcomer_id}").json()
    assert [p["listing"] for p in staff["fits"]] == [p["listing"] for p in body["fits"]]
    other = PlanFactory()
    answer = client_for(plan.newcomer).get(f"/api/v1/places-for-you/?newcomer={other.newcomer_id}")
    assert answer.status_code == 404
