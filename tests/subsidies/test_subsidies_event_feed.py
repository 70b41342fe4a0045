"""GET /api/v1/events/?after=CURSOR: every change, in order, page by page, per kommune."""

from __future__ import annotations

import pytest

from subsidies.models import CaseEvent
from subsidies.services import case_approve, case_recommend
from tests.subsidies.conftest import machine, open_case

pytestmark = pytest.mark.django_db


def _follow(client, limit: int) -> tuple[list[dict[str, object]], int]:  # type: ignore[no-untyped-def]
    """Read the feed to its end, `limit` at a time: the events and the number of pages."""
    events: list[dict[str, object]] = []
    after, pages = 0, 0
    while True:
        page = client.get(f"/api/v1/events/?after={after}&limit={limit}").json()
        pages += 1
        events.extend(page["events"])
        assert page["next_after"] >= after
        after = page["next_after"]
        if not page["has_more"]:
            return events, pages


def test_a_case_system_follows_every_change_page_by_page(  # type: ignore[no-untyped-def]
    organisation, veileder, beslutter, case_system
) -> None:
    first = open_case(organisation)
    second = open_case(organisation)
    case_recommend(case=first, by=veileder, outcome="approve")
    case_approve(case=first, by=beslutter)

    api = machine(case_system(("0301",)))
    events, pages = _follow(api, limit=2)
    assert pages == 3
    assert [(e["case"], e["kind"]) for e in events] == [
        (first.pk, "case_opened"),
        (first.pk, "eligibility_computed"),
        (second.pk, "case_opened"),
        (second.pk, "eligibility_computed"),
        (first.pk, "case_recommended"),
        (first.pk, "case_approved"),
    ]
    ids = [e["id"] for e in events]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    approved = events[-1]
    assert approved["kommune"] == "0301"
    assert approved["payload"]["status"] == "approved"
    assert approved["payload"]["periods"] == 12

    # Nothing new: an empty page that keeps the cursor.
    last = ids[-1]
    page = api.get(f"/api/v1/events/?after={last}").json()
    assert page == {"events": [], "next_after": last, "has_more": False}
    # A new change shows up after the cursor.
    case_recommend(case=second, by=veileder, outcome="approve")
    page = api.get(f"/api/v1/events/?after={last}").json()
    assert [e["kind"] for e in page["events"]] == ["case_recommended"]


def test_the_feed_holds_only_the_callers_kommuner(  # type: ignore[no-untyped-def]
    client_for, organisation, organisation_b, veileder, veileder_bergen
) -> None:
    oslo = open_case(organisation)
    bergen = open_case(organisation_b, kommune_id="4601")
    oslo_events = client_for(veileder).get("/api/v1/events/").json()["events"]
    bergen_events = client_for(veileder_bergen).get("/api/v1/events/").json()["events"]
    assert {e["case"] for e in oslo_events} == {oslo.pk}
    assert {e["case"] for e in bergen_events} == {bergen.pk}


def test_events_carry_no_personal_data(case) -> None:  # type: ignore[no-untyped-def]
    for event in CaseEvent.objects.all():
        text = str(event.payload)
        assert "1994" not in text and "protection" not in text


@pytest.mark.parametrize(
    ("query", "field"),
    [("after=abc", "after"), ("after=-1", "after"), ("limit=0", "limit"), ("limit=501", "limit")],
)
def test_a_bad_cursor_names_the_parameter(client_for, veileder, query, field) -> None:  # type: ignore[no-untyped-def]
    response = client_for(veileder).get(f"/api/v1/events/?{query}")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
