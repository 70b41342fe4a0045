"""The applicant list and the application page: moving applicants along, anonymous review."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from applications import services
from applications.models import Application, ApplicationEvent, ScreeningAnswer
from applications.transitions import TRANSITIONS, Actor
from listings.models import Listing
from tests.employer.employer_page_data import count_queries
from tests.factories import ApplicationFactory, NewcomerFactory, ScreeningQuestionFactory

pytestmark = pytest.mark.django_db


def page_url(application: Application) -> str:
    return reverse("employer:application_detail", args=[application.pk])


def list_url(listing: Listing) -> str:
    return reverse("employer:applicant_list", args=[listing.pk])


def when(days: int = 3) -> str:
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


STEP_POSTS: dict[str, tuple[str, dict[str, str]]] = {
    "in_review": ("application_review", {}),
    "interview": (
        "application_interview",
        {"interview-at": when(), "interview-place": "Grorudveien 5, 2. etasje"},
    ),
    "offered": ("application_offer", {"offer-note": "Velkommen! Start 1. mars."}),
    "rejected": ("application_reject", {"reject-reason": "language_level"}),
}
EMPLOYER_STEPS = sorted(pair for pair, actor in TRANSITIONS.items() if actor == Actor.EMPLOYER)


def step(client, application: Application, to_status: str, **data: str):  # type: ignore[no-untyped-def]
    name, defaults = STEP_POSTS[to_status]
    return client.post(reverse(f"employer:{name}", args=[application.pk]), {**defaults, **data})


# Every allowed step, and the ones that are not


@pytest.mark.parametrize(("from_status", "to_status"), EMPLOYER_STEPS)
def test_every_step_the_employer_may_take(
    client_for, employer: User, application: Application, from_status: str, to_status: str
) -> None:  # type: ignore[no-untyped-def]
    Application.objects.filter(pk=application.pk).update(status=from_status)
    client = client_for(employer)
    page = client.get(page_url(application))
    assert page.context[f"can_{STEP_POSTS[to_status][0].removeprefix('application_')}"]
    response = step(client, application, to_status)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert response["Location"] == page_url(application)
    application.refresh_from_db()
    assert application.status == to_status
    event = application.events.latest("id")
    assert (event.from_status, event.to_status, event.by) == (from_status, to_status, employer)


def test_the_whole_way_from_submitted_to_accepted(
    client_for, employer: User, newcomer: User, application: Application
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(employer)
    assert step(client, application, "in_review").status_code == 302
    assert (
        step(
            client,
            application,
            "interview",
            **{"interview-place": "", "interview-video_link": "https://meet.example.com/abc"},
        ).status_code
        == 302
    )
    assert step(client, application, "offered").status_code == 302
    application.refresh_from_db()
    services.application_accept(application=application, by=newcomer)
    page = client.get(page_url(application))
    assert page.context["application"].status == "accepted"
    assert not any(
        page.context[f"can_{name}"] for name in ("review", "interview", "offer", "reject")
    )
    timeline = [(s.from_status, s.status, s.who) for s in page.context["timeline"]]
    assert timeline == [
        ("", "Submitted", "Amal Haddad"),
        ("Submitted", "In review", "Kari Nordmann"),
        ("In review", "Invited to interview", "Kari Nordmann"),
        ("Invited to interview", "Offered", "Kari Nordmann"),
        ("Offered", "Accepted", "Amal Haddad"),
    ]
    assert "Velkommen! Start 1. mars." in page.content.decode()


@pytest.mark.parametrize(
    ("from_status", "to_status", "message"),
    [
        ("submitted", "offered", "An application cannot go from submitted to offered."),
        ("in_review", "in_review", "An application cannot go from in review to in review."),
        (
            "rejected",
            "interview",
            "An application cannot go from rejected to invited to interview.",
        ),
        ("accepted", "rejected", "An application cannot go from accepted to rejected."),
        ("withdrawn", "offered", "An application cannot go from withdrawn to offered."),
    ],
)
def test_a_step_that_is_not_allowed_is_explained_and_changes_nothing(
    client_for,
    employer: User,
    application: Application,
    from_status: str,
    to_status: str,
    message: str,
) -> None:  # type: ignore[no-untyped-def]
    Application.objects.filter(pk=application.pk).update(status=from_status)
    events = ApplicationEvent.objects.count()
    response = step(client_for(employer), application, to_status)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    application.refresh_from_db()
    assert (application.status, application.revealed_at) == (from_status, None)
    assert ApplicationEvent.objects.count() == events


def test_the_page_offers_only_the_allowed_steps(
    client_for, employer: User, application: Application
) -> None:  # type: ignore[no-untyped-def]
    html = client_for(employer).get(page_url(application)).content.decode()
    for name in ("review", "interview", "reject"):
        assert reverse(f"employer:application_{name}", args=[application.pk]) in html
    assert reverse("employer:application_offer", args=[application.pk]) not in html


# Bad input on a step: named on its field, nothing changed

BAD_STEPS = [
    ("interview", {"interview-at": when(-1)}, "interview_form", "at", "must lie in the future"),
    ("interview", {"interview-at": "tomorrow"}, "interview_form", "at", "Enter a valid date"),
    ("interview", {"interview-place": ""}, "interview_form", "place", "place or a video link"),
    (
        "interview",
        {"interview-video_link": "not a link"},
        "interview_form",
        "video_link",
        "Enter a valid URL",
    ),
    (
        "interview",
        {"interview-place": "<script>alert(1)</script>"},
        "interview_form",
        "place",
        "Write plain text",
    ),
    ("interview", {"interview-note": "<b>Hei</b>"}, "interview_form", "note", "Write plain text"),
    ("offered", {"offer-note": "x" * 501}, "offer_form", "note", "at most 500 characters"),
    ("rejected", {"reject-reason": ""}, "reject_form", "reason", "This field is required"),
    ("rejected", {"reject-reason": "too_old"}, "reject_form", "reason", "listed reasons"),
    ("rejected", {"reject-note": "<a href=x>"}, "reject_form", "note", "Write plain text"),
]


@pytest.mark.parametrize(("to_status", "data", "form", "field", "message"), BAD_STEPS)
def test_bad_input_on_a_step_is_named_on_its_field(
    client_for,
    employer: User,
    application: Application,
    to_status: str,
    data: dict[str, str],
    form: str,
    field: str,
    message: str,
) -> None:  # type: ignore[no-untyped-def]
    Application.objects.filter(pk=application.pk).update(status="in_review")
    events = ApplicationEvent.objects.count()
    response = step(client_for(employer), application, to_status, **data)
    assert response.status_code == 200
    errors = response.context[form].errors
    assert any(message in error for error in errors.get(field, [])), errors
    prefix = response.context[form].prefix
    html = response.content.decode()
    assert f'id="id_{prefix}-{field}_error' in html
    assert f'href="#id_{prefix}-{field}"' in html
    assert '<details class="more step" open>' in html  # the form with the problem is open
    application.refresh_from_db()
    assert (application.status, application.revealed_at) == ("in_review", None)
    assert ApplicationEvent.objects.count() == events


# Anonymous review


def test_the_name_stays_hidden_until_the_interview_invitation(
    client_for, employer: User, newcomer: User, listing: Listing, application: Application
) -> None:  # type: ignore[no-untyped-def]
    newcomer.phone = "+4791234567"
    newcomer.save(update_fields=["phone"])
    client = client_for(employer)
    secrets = ("Amal", "Haddad", newcomer.email, "91234567")
    for url in (page_url(application), list_url(listing), reverse("employer:dashboard")):
        html = client.get(url).content.decode()
        assert not any(secret in html for secret in secrets), url
    page = client.get(page_url(application))
    assert page.context["applicant"].hidden
    assert "Applicant 1" in page.content.decode()
    # What they wrote about their work is there, only who they are is not.
    assert "Bakte brød i Aleppo i fem år." in page.content.decode()
    assert "Jeg liker å bake." in page.content.decode()
    assert [step.who for step in page.context["timeline"]] == ["Applicant 1"]

    step(client, application, "in_review")
    assert "Amal" not in client.get(page_url(application)).content.decode()

    assert step(client, application, "interview").status_code == 302
    html = client.get(page_url(application)).content.decode()
    assert all(secret in html for secret in secrets)
    assert "Amal Haddad" in client.get(list_url(listing)).content.decode()


def test_without_anonymous_review_the_name_is_shown_at_once(
    client_for, employer: User, listing: Listing, application: Application
) -> None:  # type: ignore[no-untyped-def]
    Listing.objects.filter(pk=listing.pk).update(anonymous_review=False)
    assert "Amal Haddad" in client_for(employer).get(page_url(application)).content.decode()
    assert "Amal Haddad" in client_for(employer).get(list_url(listing)).content.decode()


def test_the_page_knows_nothing_of_national_ids_or_residence(
    client_for, employer: User, application: Application
) -> None:  # type: ignore[no-untyped-def]
    Application.objects.filter(pk=application.pk).update(revealed_at=timezone.now())
    response = client_for(employer).get(page_url(application))
    # The template gets the applicant only as these fields, never the account behind them.
    assert set(vars(response.context["applicant"])) == {
        "label",
        "hidden",
        "name",
        "email",
        "phone",
        "withheld",
    }
    html = response.content.decode().lower()
    for word in ("fødselsnummer", "d-nummer", "national id", "residence", "oppholdstillatelse"):
        assert word not in html


# The applicant list


def test_the_list_shows_answers_that_differ_and_filters_by_status(
    client_for, employer: User, listing: Listing, application: Application
) -> None:  # type: ignore[no-untyped-def]
    other = ApplicationFactory(listing=listing, status="in_review", number=2)
    question = listing.screening_questions.get()
    ScreeningAnswer.objects.create(application=other, question=question, answer=False)
    client = client_for(employer)
    rows = {row.application.pk: row for row in client.get(list_url(listing)).context["rows"]}
    assert (rows[application.pk].unmet, rows[other.pk].unmet) == (0, 1)
    assert "1 answer differs from what you need" in client.get(list_url(listing)).content.decode()
    filtered = client.get(list_url(listing) + "?status=in_review").context["rows"]
    assert [row.application.pk for row in filtered] == [other.pk]
    assert client.get(list_url(listing) + "?status=nonsense").status_code == 200


def test_a_system_note_is_shown_in_words(
    client_for, employer: User, application: Application
) -> None:  # type: ignore[no-untyped-def]
    services.application_transition(
        application=application, to_status="expired", by=None, note="listing_closed"
    )
    html = client_for(employer).get(page_url(application)).content.decode()
    assert "The listing was closed or filled." in html and "listing_closed" not in html


def _applicants(listing: Listing, count: int) -> None:
    question = ScreeningQuestionFactory(listing=listing, text="Helg?")
    start = listing.applications.count()
    for n in range(count):
        application = ApplicationFactory(
            listing=listing, applicant=NewcomerFactory(), number=start + n + 1
        )
        ScreeningAnswer.objects.create(application=application, question=question, answer=True)


def test_the_applicant_list_makes_as_many_queries_for_50_rows_as_for_1(
    client_for, employer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(employer)
    _applicants(listing, 1)
    one = count_queries(client, list_url(listing))
    Application.objects.filter(listing=listing).update(revealed_at=timezone.now())
    _applicants(listing, 49)
    assert listing.applications.count() == 50
    fifty = count_queries(client, list_url(listing))
    assert fifty == one
