"""Registering an organisation, its profile and its members, through the employer's pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from accounts.models import Role, User
from organisations.models import Membership, Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
REGISTER = "/employer/organisations/new/"


@pytest.fixture
def new_employer() -> User:
    return UserFactory(role=Role.EMPLOYER, language="en", full_name="Nina Berg")


def registration(**changes: Any) -> dict[str, Any]:
    data = {
        "orgnr": "937 884 117",
        "name": "Tøyen Sykkelverksted AS",
        "kommune": "0301",
        "bydel": "030104",
        "address": "Hagegata 10",
        "aga_zone": "",
        "employees": "6",
    }
    data.update(changes)
    return data


def test_an_employer_registers_and_becomes_its_administrator(
    client_for, new_employer: User
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(new_employer)
    assert reverse("employer:organisation_register") == REGISTER
    dashboard = client.get(reverse("employer:dashboard")).content.decode()
    assert "Register your organisation" in dashboard and REGISTER in dashboard
    response = client.post(REGISTER, registration(), follow=True)
    organisation = Organisation.objects.get()
    assert response.redirect_chain == [
        (reverse("employer:organisation_detail", args=[organisation.pk]), 302)
    ]
    assert (organisation.orgnr, organisation.aga_zone, organisation.verified) == (
        "937884117",
        "I",
        False,
    )
    assert Membership.objects.get(organisation=organisation).user == new_employer
    html = response.content.decode()
    assert "Tøyen Sykkelverksted AS is registered." in html
    assert "Not yet verified by Innsteg" in html
    assert "Nina Berg" in html  # the members


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"orgnr": "937884118"}, "orgnr", "is not a valid organisasjonsnummer"),
        ({"orgnr": "12345"}, "orgnr", "is not a valid organisasjonsnummer"),
        ({"orgnr": "988077917"}, "orgnr", "registered and verified already"),
        ({"name": "<script>alert(1)</script>"}, "name", "Write plain text"),
        ({"name": "x" * 20_000}, "name", "at most 200 characters"),
        ({"address": "<b>Hagegata</b>"}, "address", "Write plain text"),
        ({"kommune": "9999"}, "kommune", "Unknown kommune"),
        ({"kommune": "4601"}, "bydel", "must lie in the chosen kommune"),
        ({"kommune": "4621", "bydel": ""}, "aga_zone", "split between the zones"),
        ({"kommune": "0301", "aga_zone": "V"}, "aga_zone", "lies in zone I"),
        ({"employees": "0"}, "employees", "greater than or equal to 1"),
        ({"employees": "-3"}, "employees", "greater than or equal to 1"),
    ],
)
def test_bad_registrations_are_named_on_their_field_and_nothing_is_saved(
    client_for,
    new_employer: User,
    organisation: Organisation,
    changes: dict[str, str],
    field: str,
    message: str,
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(new_employer).post(REGISTER, registration(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in error for error in errors.get(field, [])), errors
    assert f'href="#id_{field}"' in response.content.decode()
    assert list(Organisation.objects.all()) == [organisation]
    assert not Membership.objects.filter(user=new_employer).exists()


def test_a_kommune_split_between_zones_takes_the_chosen_zone(
    client_for, new_employer: User
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(new_employer).post(
        REGISTER, registration(kommune="4621", bydel="", aga_zone="II")
    )
    assert response.status_code == 302
    assert Organisation.objects.get().aga_zone == "II"


def test_the_administrator_edits_the_profile_but_not_the_number_or_the_verification(
    client_for, employer: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    url = reverse("employer:organisation_edit", args=[organisation.pk])
    client = client_for(employer)
    form = client.get(url).context["form"]
    assert (form["name"].value(), form["kommune"].value()) == ("Grorud Bakeri AS", "0301")
    response = client.post(
        url,
        {"name": "Grorud Bakeri og Kafé AS", "kommune": "0301", "bydel": "", "employees": "25"},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.employees, organisation.bydel_id) == (
        "Grorud Bakeri og Kafé AS",
        25,
        None,
    )
    assert (organisation.orgnr, organisation.verified) == ("988077917", True)


def test_a_bad_profile_edit_changes_nothing(
    client_for, employer: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    url = reverse("employer:organisation_edit", args=[organisation.pk])
    before = Organisation.objects.filter(pk=organisation.pk).values().get()
    for data, field in (
        ({"name": "Ny <i>AS</i>", "kommune": "0301", "employees": "5"}, "name"),
        ({"name": "Ny AS", "kommune": "4601", "bydel": "030111", "employees": "5"}, "bydel"),
        ({"name": "Ny AS", "kommune": "0301", "employees": "-1"}, "employees"),
    ):
        response = client_for(employer).post(url, data)
        assert response.status_code == 200
        assert field in response.context["form"].errors
    assert Organisation.objects.filter(pk=organisation.pk).values().get() == before
