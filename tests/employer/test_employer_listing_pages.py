"""The listing editor, the listing list and the dashboard, driven through their forms."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from accounts.models import User
from listings.models import Listing, ListingStatus, ScreeningQuestion
from organisations.models import Organisation
from tests.employer.employer_page_data import KIND_FIELDS, count_queries, days, listing_data
from tests.factories import ApplicationFactory, ListingFactory, ScreeningQuestionFactory

pytestmark = pytest.mark.django_db


def create_url(organisation: Organisation) -> str:
    return reverse("employer:listing_create", args=[organisation.pk])


def edit_url(listing: Listing) -> str:
    return reverse("employer:listing_edit", args=[listing.pk])


def assert_refused_on(response, field: str, message: str) -> None:  # type: ignore[no-untyped-def]
    """A 200 re-render with the message on the field, in the summary and tied to the field."""
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in error for error in errors.get(field, [])), errors
    html = response.content.decode()
    assert f'id="id_{field}_error' in html  # the error list, tied to the field
    assert f'href="#id_{field}"' in html  # the error summary links to the field
    assert 'role="alert"' in html


# Creating, editing and publishing each kind


@pytest.mark.parametrize("kind", sorted(KIND_FIELDS))
def test_a_listing_of_each_kind_is_created_edited_and_published_through_the_form(
    client_for, employer: User, organisation: Organisation, kind: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(employer)
    form_page = client.get(create_url(organisation))
    assert form_page.status_code == 200
    assert 'name="questions-TOTAL_FORMS"' in form_page.content.decode()

    data = listing_data(kind, questions=[("Har du førerkort?", "yes"), ("", ""), ("Helg?", "")])
    response = client.post(create_url(organisation), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    listing = Listing.objects.get()
    assert response["Location"] == edit_url(listing)
    assert (listing.kind, listing.status, listing.created_by) == (kind, "draft", employer)
    assert (listing.title, listing.kommune_id, listing.bydel_id) == (
        "Kokkelærling",
        "0301",
        "030111",
    )
    assert listing.workplace_languages == ["ar", "en"]
    assert listing.anonymous_review is True
    expected = {name: value for name, value in KIND_FIELDS[kind].items()}
    for name, value in expected.items():
        assert getattr(listing, name) == (True if value == "on" else int(value)), name
    assert listing.is_paid == (kind != "praksisplass")
    questions = list(listing.screening_questions.values_list("text", "required_answer"))
    assert questions == [("Har du førerkort?", True), ("Helg?", None)]

    edited = client.post(
        edit_url(listing),
        listing_data(kind, title="Kokk", questions=[("Helg?", "no")], anonymous_review=None),
    )
    assert edited.status_code == 302
    listing.refresh_from_db()
    assert (listing.title, listing.anonymous_review) == ("Kokk", False)
    assert list(listing.screening_questions.values_list("text", "required_answer")) == [
        ("Helg?", False)
    ]

    published = client.post(reverse("employer:listing_publish", args=[listing.pk]), follow=True)
    assert published.status_code == 200
    listing.refresh_from_db()
    assert listing.status == ListingStatus.PUBLISHED and listing.published_at
    assert "The listing is published" in published.content.decode()


def test_the_new_listing_form_starts_from_the_organisations_place(
    client_for, employer: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    form = client_for(employer).get(create_url(organisation)).context["form"]
    assert form["kommune"].value() == "0301"
    assert form["bydel"].value() == "030111"
    assert form["anonymous_review"].value() is True


# Bad input: a 200 with the message on the field, and nothing saved

BAD_INPUT = [
    ({"deadline": days(-1)}, "deadline", "The application deadline has passed."),
    ({"monthly_wage": "-1"}, "monthly_wage", "greater than or equal to 0"),
    ({"position_percent": "101"}, "position_percent", "less than or equal to 100"),
    ({"position_percent": "0"}, "position_percent", "greater than or equal to 1"),
    ({"kommune": "9999"}, "kommune", "Unknown kommune"),
    ({"title": "x" * 20_000}, "title", "at most 120 characters"),
    ({"title": "Kokk <b>nå</b>"}, "title", "Write plain text"),
    ({"description": "Hei <script>alert(1)</script>"}, "description", "Write plain text"),
    ({"address": "<img src=x onerror=alert(1)>"}, "address", "Write plain text"),
    ({"schedule": "</div> 8-15"}, "schedule", "Write plain text"),
    ({"occupation": "512"}, "occupation", "Unknown occupation"),
    ({"workplace_languages": ["xx"]}, "workplace_languages", "Select a valid choice"),
    ({"start_date": "31.02.2030"}, "start_date", "Enter a valid date"),
    # Rules between fields come from the model and the services.
    ({"kind": "praksisplass", "days_per_week": "3"}, "monthly_wage", "unpaid"),
    ({"kind": "praksisplass", "monthly_wage": ""}, "days_per_week", "days per week"),
    ({"monthly_wage": ""}, "monthly_wage", "needs its monthly wage"),
    ({"tuition_hours_per_week": ""}, "tuition_hours_per_week", "Norwegian tuition"),
    ({"intention_agreement": "on"}, "intention_agreement", "Only an apprenticeship"),
    ({"kommune": "4601"}, "bydel", "must lie in the chosen kommune"),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_INPUT)
def test_bad_input_on_a_new_listing_is_named_and_nothing_is_saved(
    client_for,
    employer: User,
    organisation: Organisation,
    changes: dict[str, Any],
    field: str,
    message: str,
) -> None:  # type: ignore[no-untyped-def]
    data = listing_data("innstegsjobb", questions=[("Helg?", "yes")], **changes)
    response = client_for(employer).post(create_url(organisation), data)
    assert_refused_on(response, field, message)
    assert not Listing.objects.exists()
    assert not ScreeningQuestion.objects.exists()


@pytest.mark.parametrize(("changes", "field", "message"), BAD_INPUT)
def test_bad_input_on_an_existing_listing_changes_nothing(
    client_for,
    employer: User,
    organisation: Organisation,
    changes: dict[str, Any],
    field: str,
    message: str,
) -> None:  # type: ignore[no-untyped-def]
    listing = ListingFactory(
        organisation=organisation,
        kind="innstegsjobb",
        status=ListingStatus.DRAFT,
        published_at=None,
        work_hours_per_week=20,
        tuition_hours_per_week=10,
        title="Uendret",
    )
    ScreeningQuestionFactory(listing=listing, text="Uendret spørsmål?")
    before = Listing.objects.filter(pk=listing.pk).values().get()
    data = listing_data("innstegsjobb", questions=[("Nytt spørsmål?", "")], **changes)
    response = client_for(employer).post(edit_url(listing), data)
    assert_refused_on(response, field, message)
    assert Listing.objects.filter(pk=listing.pk).values().get() == before
    assert list(listing.screening_questions.values_list("text", flat=True)) == ["Uendret spørsmål?"]


def test_markup_in_a_screening_question_is_named_on_that_question(
    client_for, employer: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    data = listing_data(questions=[("Ok?", ""), ("<script>alert(1)</script>", "yes")])
    response = client_for(employer).post(create_url(organisation), data)
    assert response.status_code == 200
    assert "Write plain text" in response.context["questions"].forms[1].errors["text"][0]
    assert 'href="#id_questions-1-text"' in response.content.decode()
    assert not Listing.objects.exists()


def test_at_most_ten_screening_questions(
    client_for, employer: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    data = listing_data(questions=[(f"Spørsmål {n}?", "") for n in range(11)])
    response = client_for(employer).post(create_url(organisation), data)
    assert response.status_code == 200
    assert response.context["questions"].non_form_errors()
    assert not Listing.objects.exists()


def test_a_form_without_its_question_rows_is_refused_not_a_500(
    client_for, employer: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    data = {k: v for k, v in listing_data().items() if not k.startswith("questions-")}
    response = client_for(employer).post(create_url(organisation), data)
    assert response.status_code == 200
    assert response.context["questions"].non_form_errors()
    assert not Listing.objects.exists()


# The life cycle: allowed and refused moves


def test_publish_refuses_a_passed_deadline_and_names_the_field(
    client_for, employer: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    listing = ListingFactory(
        organisation=organisation,
        status=ListingStatus.DRAFT,
        published_at=None,
        deadline=datetime.date.today() - datetime.timedelta(days=1),
    )
    response = client_for(employer).post(reverse("employer:listing_publish", args=[listing.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_deadline"' in html
    assert "Application deadline: The application deadline has passed." in html
    listing.refresh_from_db()
    assert listing.status == ListingStatus.DRAFT


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        ("published", "listing_publish", "A listing cannot go from published to published."),
        ("draft", "listing_close", "A listing cannot go from draft to closed."),
        ("draft", "listing_fill", "A listing cannot go from draft to filled."),
        ("filled", "listing_close", "A listing cannot go from filled to closed."),
    ],
)
def test_a_move_that_is_not_allowed_is_explained(
    client_for, employer: User, organisation: Organisation, status: str, action: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    listing = ListingFactory(organisation=organisation, status=status)
    response = client_for(employer).post(reverse(f"employer:{action}", args=[listing.pk]))
    assert response.status_code == 200
    assert message in response.content.decode()
    listing.refresh_from_db()
    assert listing.status == status


def test_close_then_fill_and_then_nothing_changes_it(
    client_for, employer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(employer)
    assert client.post(reverse("employer:listing_close", args=[listing.pk])).status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.CLOSED and listing.closed_at
    assert client.post(reverse("employer:listing_fill", args=[listing.pk])).status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.FILLED

    page = client.get(edit_url(listing)).content.decode()
    assert "This listing is filled: it can no longer be changed." in page
    assert "listing-form" not in page
    response = client.post(edit_url(listing), listing_data("nystartsjobb", title="Ny"))
    assert response.status_code == 200
    assert "A filled listing cannot be changed." in response.content.decode()
    listing.refresh_from_db()
    assert listing.title == "Bakeriarbeider på Grorud"


def test_a_published_listing_keeps_its_questions(
    client_for, employer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    ScreeningQuestionFactory(listing=listing, text="Kan du starte kl. 6?")
    client = client_for(employer)
    page = client.get(edit_url(listing))
    assert page.context["questions"] is None
    assert "Kan du starte kl. 6?" in page.content.decode()
    data = {
        k: v
        for k, v in listing_data("nystartsjobb", title="Baker").items()
        if not k.startswith("questions-")
    }
    assert client.post(edit_url(listing), data).status_code == 302
    listing.refresh_from_db()
    assert listing.title == "Baker"
    assert list(listing.screening_questions.values_list("text", flat=True)) == [
        "Kan du starte kl. 6?"
    ]


# Unverified organisations


def test_an_unverified_organisations_listings_are_marked(
    client_for, employer: User, organisation: Organisation, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(employer)
    assert "Not yet verified" not in client.get(edit_url(listing)).content.decode()
    Organisation.objects.filter(pk=organisation.pk).update(verified=False)
    for url in (
        edit_url(listing),
        reverse("employer:dashboard"),
        reverse("employer:organisation_listings", args=[organisation.pk]),
        create_url(organisation),
    ):
        assert "Not yet verified by Innsteg" in client.get(url).content.decode(), url


# Lists: what they show, and as many queries for 50 rows as for 1


def test_the_dashboard_counts_new_applicants_per_open_listing(
    client_for, employer: User, organisation: Organisation, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    ApplicationFactory(listing=listing)
    ApplicationFactory(listing=listing)
    ApplicationFactory(listing=listing, status="in_review")
    closed = ListingFactory(organisation=organisation, status=ListingStatus.CLOSED, title="Stengt")
    organisation_row = (
        client_for(employer).get(reverse("employer:dashboard")).context["organisations"][0]
    )
    (row,) = organisation_row.open_listings
    assert (row.pk, row.applicant_count, row.new_applicant_count) == (listing.pk, 3, 2)
    html = client_for(employer).get(reverse("employer:dashboard")).content.decode()
    assert "2 new applicants" in html and "Stengt" not in html
    listed = client_for(employer).get(
        reverse("employer:organisation_listings", args=[organisation.pk])
    )
    assert {row.pk for row in listed.context["page"]} == {listing.pk, closed.pk}
    only_closed = client_for(employer).get(
        reverse("employer:organisation_listings", args=[organisation.pk]) + "?status=closed"
    )
    assert [row.pk for row in only_closed.context["page"]] == [closed.pk]


def _listings_with_applicants(organisation: Organisation, count: int) -> None:
    for _ in range(count):
        listing = ListingFactory(organisation=organisation)
        ScreeningQuestionFactory(listing=listing)
        ApplicationFactory(listing=listing)


@pytest.mark.parametrize("page", ["dashboard", "organisation_listings"])
def test_list_pages_make_as_many_queries_for_50_listings_as_for_1(
    client_for, employer: User, organisation: Organisation, page: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(employer)
    url = reverse(
        f"employer:{page}", args=[organisation.pk] if page == "organisation_listings" else []
    )
    _listings_with_applicants(organisation, 1)
    one = count_queries(client, url)
    _listings_with_applicants(organisation, 49)
    fifty = count_queries(client, url)
    assert Listing.objects.filter(organisation=organisation).count() == 50
    assert fifty == one


# Anonymous review


def test_anonymous_review_is_shown_fixed_once_someone_applied_and_a_forged_post_changes_nothing(
    client_for, employer: User, newcomer: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    listing = ListingFactory(
        organisation=organisation,
        kind="innstegsjobb",
        title="Kokk",
        monthly_wage=28000,
        work_hours_per_week=22,
        tuition_hours_per_week=8,
    )
    client = client_for(employer)
    before = client.get(edit_url(listing))
    assert not before.context["form"].fields["anonymous_review"].disabled

    ApplicationFactory(listing=listing, applicant=newcomer)
    page = client.get(edit_url(listing))
    field = page.context["form"]["anonymous_review"]
    assert field.field.disabled
    assert "disabled" in str(field)
    assert "people have applied on this condition" in page.content.decode()

    # The browser sends no value for a disabled checkbox; a forged form leaves it out too.
    data = listing_data("innstegsjobb", title="Kokk i kantina", anonymous_review=None)
    response = client.post(edit_url(listing), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    listing.refresh_from_db()
    assert (listing.title, listing.anonymous_review) == ("Kokk i kantina", True)
