"""The agreement pages: who reaches which page, what each party may do there, forms with their
errors tied to the fields, and the list's query count."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from listings.models import Listing, ListingKind
from placements.models import AgreementEvent, AgreementStatus, PlacementAgreement
from tests.factories import ListingFactory
from tests.placements.agreement_steps import accept_offer, another_awaiting, submitted

pytestmark = pytest.mark.django_db


def url(name: str, agreement: PlacementAgreement | None = None) -> str:
    args = [agreement.pk] if agreement is not None else []
    return reverse(f"placements:{name}", args=args)


class Page(HTMLParser):
    """What the accessibility checks need from a page: headings, landmarks, form controls,
    labels and the ids that aria-describedby points at."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: set[str] = set()
        self.label_for: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "label" and "for" in values:
            self.label_for.add(values["for"])

    def count(self, tag: str) -> int:
        return sum(1 for name, _attrs in self.tags if name == tag)

    def controls(self) -> list[dict[str, str]]:
        return [
            attrs
            for tag, attrs in self.tags
            if tag in ("input", "select", "textarea")
            and attrs.get("type") not in ("hidden", "submit")
        ]

    def control(self, name: str) -> dict[str, str]:
        return next(attrs for attrs in self.controls() if attrs.get("name") == name)


def assert_accessible(html: str) -> Page:
    """One h1, the main landmark, every control labelled, every aria-describedby resolved."""
    page = Page(html)
    assert page.count("h1") == 1
    assert page.count("main") == 1
    for control in page.controls():
        assert control.get("id") in page.label_for, f"unlabelled control {control}"
    for _tag, attrs in page.tags:
        for target in attrs.get("aria-describedby", "").split():
            assert target in page.ids, f"aria-describedby points at a missing #{target}"
    return page


# Who reaches which page


def test_anonymous_visitors_are_sent_to_log_in(client_for, awaiting: PlacementAgreement) -> None:  # type: ignore[no-untyped-def]
    client = client_for(None)
    login = reverse("account_login")
    for target in (url("list"), url("detail", awaiting), url("edit", awaiting)):
        response = client.get(target)
        assert response.status_code == 302
        assert response["Location"].startswith(login)
    for name in ("submit", "approve", "cancel", "start", "end"):
        response = client.post(url(name, awaiting), {"cancel-reason": "x"})
        assert response.status_code == 302
        assert response["Location"].startswith(login)
    assert AgreementEvent.objects.filter(agreement=awaiting).count() == 3


@pytest.mark.parametrize("persona", ["employer_b", "newcomer_b", "veileder_bergen", "guide"])
def test_outsiders_get_404_on_every_page(
    request: pytest.FixtureRequest,
    client_for,
    awaiting: PlacementAgreement,
    persona: str,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(request.getfixturevalue(persona))  # this guide follows nobody
    assert url("detail", awaiting) not in client.get(url("list")).content.decode()
    assert client.get(url("detail", awaiting)).status_code == 404
    assert client.get(url("edit", awaiting)).status_code == 404
    for name in ("submit", "approve", "cancel", "start", "end"):
        assert client.post(url(name, awaiting), {"cancel-reason": "x"}).status_code == 404
    assert AgreementEvent.objects.filter(agreement=awaiting).count() == 3


@pytest.mark.parametrize("persona", ["guide", "beslutter", "platform_admin"])
def test_followers_and_other_caseworkers_read_but_do_nothing(
    request: pytest.FixtureRequest,
    client_for,  # type: ignore[no-untyped-def]
    awaiting: PlacementAgreement,
    guided: User,
    persona: str,
) -> None:
    client = client_for(request.getfixturevalue(persona))
    response = client.get(url("detail", awaiting))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Per Bakke" in html
    assert 'id="actions-heading"' not in html
    assert '<form method="post" action="/agreements/' not in html
    assert client.get(url("edit", awaiting)).status_code == 403
    assert client.post(url("approve", awaiting), {"approve-version": 2}).status_code == 403
    assert client.post(url("cancel", awaiting), {"cancel-reason": "Nei"}).status_code == 403
    assert AgreementEvent.objects.filter(agreement=awaiting).count() == 3


def test_a_newcomer_does_not_reach_the_terms_form(
    client_for, awaiting: PlacementAgreement, newcomer: User
) -> None:  # type: ignore[no-untyped-def]
    assert client_for(newcomer).get(url("edit", awaiting)).status_code == 403


# The agreement page


def test_the_page_shows_terms_approvals_timeline_and_the_newcomers_buttons(
    client_for,
    awaiting: PlacementAgreement,
    newcomer: User,  # type: ignore[no-untyped-def]
) -> None:
    response = client_for(newcomer).get(url("detail", awaiting))
    assert response.status_code == 200
    html = response.content.decode()
    page = assert_accessible(html)
    for fact in (
        "Nystartsjobb",
        "Per Bakke",
        "+4791234567",
        "Norsk B1 muntlig",
        "37.5 hours a week",
    ):
        assert fact.lower() in html.lower(), fact
    assert "32,000 kroner a month" in html or "32 000 kroner a month" in html
    assert "not approved yet" in html
    assert "Sent for approval" in html  # the timeline
    assert "Approve version 2 of the terms" in html
    assert "Cancel the agreement" in html
    assert "Change the terms" not in html
    assert "Approve on the newcomer's behalf" not in html
    assert page.count("h2") >= 4


def test_the_newcomer_approves_from_the_page(
    client_for, awaiting: PlacementAgreement, newcomer: User
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(newcomer)
    response = client.post(url("approve", awaiting), {"approve-version": 2})
    assert response.status_code == 302
    assert PlacementAgreement.objects.get(pk=awaiting.pk).newcomer_approved_by == newcomer
    page = client.get(url("detail", awaiting)).content.decode()
    assert "Your approval is recorded." in page
    assert "Approve version 2 of the terms" not in page
    # An old page approving a version that has since changed is refused.
    again = client.post(url("approve", awaiting), {"approve-version": 1})
    assert again.status_code == 302
    assert "already approved" in client.get(url("detail", awaiting)).content.decode()


def test_the_veileder_approves_for_the_newcomer_only_with_a_reason(
    client_for,
    awaiting: PlacementAgreement,
    veileder: User,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(veileder)
    html = client.get(url("detail", awaiting)).content.decode()
    assert "Approve on the newcomer's behalf" in html
    assert "Approve version 2 of the terms" not in html  # the newcomer and employer first

    response = client.post(url("approve", awaiting), {"behalf-version": 2, "behalf-reason": " "})
    assert response.status_code == 400
    page = assert_accessible(response.content.decode())
    reason = page.control("behalf-reason")
    assert reason["aria-invalid"] == "true"
    assert "id_behalf-reason_error" in reason["aria-describedby"].split()
    assert PlacementAgreement.objects.get(pk=awaiting.pk).newcomer_approved_at is None

    response = client.post(
        url("approve", awaiting), {"behalf-version": 2, "behalf-reason": "Har ikke BankID."}
    )
    assert response.status_code == 302
    saved = PlacementAgreement.objects.get(pk=awaiting.pk)
    assert (saved.newcomer_approved_by, saved.on_behalf_reason) == (veileder, "Har ikke BankID.")
    html = client.get(url("detail", awaiting)).content.decode()
    assert "Har ikke BankID." in html


def test_the_employer_does_not_see_why_the_veileder_approved_for_the_newcomer(
    client_for,
    awaiting: PlacementAgreement,
    employer: User,
    veileder: User,  # type: ignore[no-untyped-def]
) -> None:
    client_for(veileder).post(
        url("approve", awaiting), {"behalf-version": 2, "behalf-reason": "Har ikke BankID."}
    )
    html = client_for(employer).get(url("detail", awaiting)).content.decode()
    assert "A veileder approved on the newcomer" in html
    assert "Har ikke BankID." not in html


def test_the_veileder_approves_last_from_the_page(
    client_for,
    ready: PlacementAgreement,
    veileder: User,  # type: ignore[no-untyped-def]
) -> None:
    html = client_for(veileder).get(url("detail", ready)).content.decode()
    assert "Ready to start" in html
    assert html.count("approved ") >= 3


# Changing the terms


def test_the_employer_changes_the_terms_and_everyone_approves_again(
    client_for,
    awaiting: PlacementAgreement,
    employer: User,
    newcomer: User,  # type: ignore[no-untyped-def]
) -> None:
    client_for(newcomer).post(url("approve", awaiting), {"approve-version": 2})
    client = client_for(employer)
    form = client.get(url("edit", awaiting))
    assert form.status_code == 200
    page = assert_accessible(form.content.decode())
    assert page.control("supervisor_name")["value"] == "Per Bakke"
    assert "tuition_hours_per_week" not in {c.get("name") for c in page.controls()}
    data = {
        "version": 2,
        "start_date": awaiting.start_date.isoformat(),
        "end_date": (awaiting.start_date + datetime.timedelta(days=200)).isoformat(),
        "hours_per_week": "30",
        "position_percent": 80,
        "monthly_wage_nok": "30000",
        "supervisor_name": "Per Bakke",
        "supervisor_phone": "912 34 567",
        "goals_language": "Norsk B1 muntlig\n\nNorsk A2 skriftlig",
        "goals_work_skills": "Bake brød alene",
        "goals_trade_certificate": "",
    }
    response = client.post(url("edit", awaiting), data)
    assert response.status_code == 302, response.content.decode()
    saved = PlacementAgreement.objects.get(pk=awaiting.pk)
    assert saved.version == 3
    assert saved.status == AgreementStatus.AWAITING_APPROVALS
    assert saved.newcomer_approved_at is None
    assert saved.goals == [
        {"kind": "language", "text": "Norsk B1 muntlig"},
        {"kind": "language", "text": "Norsk A2 skriftlig"},
        {"kind": "work_skills", "text": "Bake brød alene"},
    ]
    changed = AgreementEvent.objects.filter(agreement=awaiting, action="terms_changed").latest("id")
    assert changed.changed_fields == [
        "end_date",
        "hours_per_week",
        "monthly_wage_nok",
        "position_percent",
        "goals",
    ]
    html = client.get(url("detail", awaiting)).content.decode()
    assert "Approvals reset after a change" in html


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end_date": "2001-01-01"}, "end_date"),
        ({"end_date": ""}, "end_date"),
        ({"hours_per_week": "0"}, "hours_per_week"),
        ({"monthly_wage_nok": ""}, "monthly_wage_nok"),
        ({"supervisor_phone": "123"}, "supervisor_phone"),
        ({"goals_language": "<script>alert(1)</script>"}, "goals_language"),
        ({"goals_work_skills": "x" * 301}, "goals_work_skills"),
    ],
)
def test_bad_terms_are_shown_next_to_their_field_and_nothing_is_saved(
    client_for,
    awaiting: PlacementAgreement,
    employer: User,
    change: dict[str, str],
    field: str,  # type: ignore[no-untyped-def]
) -> None:
    data = {
        "version": 2,
        "start_date": awaiting.start_date.isoformat(),
        "end_date": awaiting.end_date.isoformat(),
        "hours_per_week": "37.5",
        "position_percent": 100,
        "monthly_wage_nok": "32000",
        "supervisor_name": "Per Bakke",
        "supervisor_phone": "",
        "goals_language": "Norsk B1 muntlig",
        **change,
    }
    response = client_for(employer).post(url("edit", awaiting), data)
    assert response.status_code == 400
    page = assert_accessible(response.content.decode())
    control = page.control(field)
    assert control["aria-invalid"] == "true"
    assert f"id_{field}_error" in control["aria-describedby"].split()
    saved = PlacementAgreement.objects.get(pk=awaiting.pk)
    assert (saved.version, saved.supervisor_phone) == (2, "+4791234567")


def test_an_innstegsjobb_form_asks_for_tuition_and_a_praksisplass_form_for_no_wage(
    client_for,
    organisation,
    newcomer: User,
    newcomer_b: User,
    employer: User,  # type: ignore[no-untyped-def]
) -> None:
    innstegsjobb = accept_offer(
        ListingFactory(
            organisation=organisation,
            kind=ListingKind.INNSTEGSJOBB,
            work_hours_per_week=20,
            tuition_hours_per_week=10,
        ),
        newcomer,
    )
    praksisplass = accept_offer(
        ListingFactory(
            organisation=organisation,
            kind=ListingKind.PRAKSISPLASS,
            monthly_wage=None,
            days_per_week=3,
        ),
        newcomer_b,
    )
    client = client_for(employer)
    names = {
        c.get("name")
        for c in Page(client.get(url("edit", innstegsjobb)).content.decode()).controls()
    }
    assert {"tuition_hours_per_week", "monthly_wage_nok"} <= names
    names = {
        c.get("name")
        for c in Page(client.get(url("edit", praksisplass)).content.decode()).controls()
    }
    assert not {"tuition_hours_per_week", "monthly_wage_nok"} & names
    assert "No wage: work practice" in client.get(url("detail", praksisplass)).content.decode()


def test_the_employer_sends_a_completed_draft_for_approval(
    client_for,
    draft: PlacementAgreement,
    employer: User,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(employer)
    response = client.post(url("submit", draft))
    assert response.status_code == 400  # the end date and the supervisor are missing
    page = assert_accessible(response.content.decode())
    for field in ("end_date", "supervisor_name"):
        assert f"id_{field}_error" in page.control(field)["aria-describedby"].split()
    assert page.control("position_percent")["value"] == "100"
    assert PlacementAgreement.objects.get(pk=draft.pk).status == AgreementStatus.DRAFT
    submitted(draft, employer)
    assert PlacementAgreement.objects.get(pk=draft.pk).status == AgreementStatus.AWAITING_APPROVALS


# Cancel, start, end


def test_cancel_needs_a_reason_tied_to_its_field(
    client_for,
    awaiting: PlacementAgreement,
    employer: User,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(employer)
    response = client.post(url("cancel", awaiting), {"cancel-reason": ""})
    assert response.status_code == 400
    html = response.content.decode()
    page = assert_accessible(html)
    assert "id_cancel-reason_error" in page.control("cancel-reason")["aria-describedby"]
    assert '<details class="more" open>' in html
    assert PlacementAgreement.objects.get(pk=awaiting.pk).status == "awaiting_approvals"

    response = client.post(url("cancel", awaiting), {"cancel-reason": "Bakeriet stenger."})
    assert response.status_code == 302
    saved = PlacementAgreement.objects.get(pk=awaiting.pk)
    assert (saved.status, saved.cancelled_reason) == ("cancelled", "Bakeriet stenger.")
    html = client.get(url("detail", awaiting)).content.decode()
    assert "Bakeriet stenger." in html
    assert 'id="actions-heading"' not in html  # nothing left to do


def test_the_veileder_starts_and_ends_from_the_page(
    client_for,
    in_state: Callable[[str], PlacementAgreement],
    veileder: User,  # type: ignore[no-untyped-def]
) -> None:
    agreement = in_state("ready")
    client = client_for(veileder)
    assert "Start the placement" in client.get(url("detail", agreement)).content.decode()
    assert client.post(url("start", agreement)).status_code == 302
    assert PlacementAgreement.objects.get(pk=agreement.pk).status == "running"
    assert client.post(url("end", agreement)).status_code == 302
    assert PlacementAgreement.objects.get(pk=agreement.pk).status == "ended"
    refused = client.post(url("end", agreement), follow=True)
    assert "Only a running placement is ended: this one is “Ended”." in refused.content.decode()


# The list


def test_the_list_shows_my_agreements_and_filters_by_status(
    client_for,
    awaiting: PlacementAgreement,
    listing_b: Listing,
    newcomer: User,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(newcomer)
    response = client.get(url("list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert_accessible(html)
    assert url("detail", awaiting) in html
    assert "1 agreement" in html
    assert url("detail", awaiting) not in client.get(url("list") + "?status=ready").content.decode()
    bad = client.get(url("list") + "?status=signed")
    assert bad.status_code == 200
    assert_accessible(bad.content.decode())


def test_the_list_page_makes_the_same_queries_for_1_and_20_rows(
    client_for,
    django_assert_num_queries,
    organisation,
    employer: User,
    veileder: User,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(veileder)
    another_awaiting(organisation, employer)
    client.get(url("list"))  # warm the caches
    with CaptureQueriesContext(connection) as one:
        assert "1 agreement" in client.get(url("list")).content.decode()
    queries = len(one)
    for _ in range(19):
        another_awaiting(organisation, employer)
    with django_assert_num_queries(queries):
        html = client.get(url("list")).content.decode()
    assert "20 agreements" in html
    assert html.count('<article class="card"') == 20


# The admin


def test_the_admin_shows_agreements_read_only(
    client_for,
    awaiting: PlacementAgreement,
    platform_admin: User,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(platform_admin)
    changelist = client.get(reverse("admin:placements_placementagreement_changelist"))
    assert changelist.status_code == 200
    assert reverse("admin:placements_placementagreement_add") not in changelist.content.decode()
    page = client.get(reverse("admin:placements_placementagreement_change", args=[awaiting.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kari Nordmann" in html  # the timeline inline: who sent it for approval
    assert 'name="_save"' not in html
    response = client.post(
        reverse("admin:placements_placementagreement_change", args=[awaiting.pk]),
        {"supervisor_name": "Endret"},
    )
    assert response.status_code == 403
    assert PlacementAgreement.objects.get(pk=awaiting.pk).supervisor_name == "Per Bakke"
