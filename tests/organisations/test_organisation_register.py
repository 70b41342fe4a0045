import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from accounts.models import Role, User
from organisations import services
from organisations.models import Membership, Organisation
from reference.models import Bydel, Kommune
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/organisations/"


@pytest.fixture
def new_employer() -> User:
    return UserFactory(role=Role.EMPLOYER)


def test_register_makes_the_person_its_administrator(client_for, new_employer: User) -> None:  # type: ignore[no-untyped-def]
    response = client_for(new_employer).post(
        URL,
        {
            "orgnr": "988 077 917",
            "name": "Grorud Bakeri AS",
            "kommune": "0301",
            "bydel": "030111",
            "employees": 20,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["orgnr"], body["aga_zone"], body["bydel"], body["verified"]) == (
        "988077917",
        "I",
        "030111",
        False,
    )
    membership = Membership.objects.get(user=new_employer)
    assert membership.rights == "admin"


def test_an_invalid_orgnr_is_refused_with_a_message_naming_the_field(
    client_for, new_employer: User
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(new_employer).post(
        URL,
        {"orgnr": "988077918", "name": "Feil AS", "kommune": "0301", "employees": 3},
        content_type="application/json",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    # The message names the number and the field, in the person's language (bokmål here).
    assert error["fields"]["orgnr"] == [
        "988077918 er ikke et gyldig organisasjonsnummer: "
        "det må ha 9 sifre og riktig kontrollsiffer."
    ]
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()


def test_a_split_kommune_needs_the_zone_of_the_address(new_employer: User) -> None:
    voss = Kommune.objects.get(number="4621")
    with pytest.raises(ValidationError) as error:
        services.organisation_register(
            by=new_employer, orgnr="988077917", name="Voss AS", kommune=voss, employees=4
        )
    assert "aga_zone" in error.value.message_dict
    organisation = services.organisation_register(
        by=new_employer, orgnr="988077917", name="Voss AS", kommune=voss, employees=4, aga_zone="II"
    )
    assert organisation.aga_zone == "II"


def test_a_bydel_must_lie_in_the_kommune(new_employer: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.organisation_register(
            by=new_employer,
            orgnr="988077917",
            name="Bergen AS",
            kommune=Kommune.objects.get(number="4601"),
            bydel=Bydel.objects.get(number="030111"),
            employees=4,
        )
    assert "bydel" in error.value.message_dict
    assert not Organisation.objects.exists()


def test_the_orgnr_of_a_verified_organisation_is_refused(
    client_for, employer: User, new_employer: User
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(new_employer).post(
        URL,
        {
            "orgnr": employer.memberships.get().organisation.orgnr,
            "name": "Copy",
            "kommune": "0301",
            "employees": 3,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "orgnr" in response.json()["error"]["fields"]


def test_only_employers_register(newcomer: User) -> None:
    with pytest.raises(PermissionDenied):
        services.organisation_register(
            by=newcomer,
            orgnr="988077917",
            name="X",
            kommune=Kommune.objects.get(number="0301"),
            employees=1,
        )


@pytest.mark.parametrize("persona", ["anonymous", "newcomer", "guide", "veileder", "beslutter"])
def test_the_wrong_persona_is_refused(request, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = client_for(user)
    assert client.get(URL).status_code in (401, 403)
    response = client.post(
        URL,
        {"orgnr": "988077917", "name": "X", "kommune": "0301", "employees": 1},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    assert "error" in response.json()
    assert not Organisation.objects.exists()


def test_an_employer_sees_only_their_own_organisation(  # type: ignore[no-untyped-def]
    client_for, employer: User, employer_b: User
) -> None:
    own = employer.memberships.get().organisation
    other = employer_b.memberships.get().organisation
    client = client_for(employer)
    listed = client.get(URL).json()["results"]
    assert [row["orgnr"] for row in listed] == [own.orgnr]
    assert client.get(f"{URL}{own.pk}/").status_code == 200
    assert client.get(f"{URL}{other.pk}/").status_code == 404


def test_anonymous_api_errors_have_the_common_shape() -> None:
    body = Client().get(URL).json()
    assert set(body) == {"error"}
    assert set(body["error"]) >= {"code", "message"}
