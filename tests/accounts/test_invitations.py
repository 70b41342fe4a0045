"""Members join an organisation by accepting an invitation sent to their email address."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from organisations import services
from organisations.models import Invitation, MemberRights, Membership, Organisation
from tests.factories import NewcomerFactory, UserFactory
from tests.support.auth import totp_code
from tests.support.english_personas import _english, in_english  # noqa: F401 - in English

pytestmark = pytest.mark.django_db
API = "/api/v1/organisations/"


def invite_url(organisation: Organisation) -> str:
    return reverse("employer:organisation_invite", args=[organisation.pk])


def detail_url(organisation: Organisation) -> str:
    return reverse("employer:organisation_detail", args=[organisation.pk])


def token_from(message: mail.EmailMessage) -> str:
    match = re.search(r"/employer/invitations/([A-Za-z0-9_-]+)/", str(message.body))
    assert match, message.body
    return match.group(1)


def accept_url(token: str) -> str:
    return reverse("employer:invitation_accept", args=[token])


@pytest.fixture
def employer(employer: User) -> User:
    """The inviting employer reads the pages in English here."""
    return in_english(employer)


@pytest.fixture
def colleague() -> User:
    return UserFactory(
        role=Role.EMPLOYER, email="nina@grorud.no", full_name="Nina Berg", language="en"
    )


def invite(client: Client, organisation: Organisation, email: str, rights: str = "member"):  # type: ignore[no-untyped-def]
    return client.post(invite_url(organisation), {"email": email, "rights": rights})


# Inviting tells nothing about the address


def _answer(client: Client, organisation: Organisation, email: str) -> tuple[int, str, str, int]:
    """What the inviter sees (status, message, page) and how many queries it took."""
    Invitation.objects.update(revoked_at=timezone.now())  # the page lists only this one
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            invite_url(organisation), {"email": email, "rights": "member"}, follow=True
        )
    text = [str(m) for m in response.context["messages"]]
    assert len(text) == 1
    body = response.content.decode().replace(email, "EMAIL")
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    body = re.sub(r"/invitations/\d+/revoke/", "/invitations/N/revoke/", body)
    return response.status_code, text[0].replace(email, "EMAIL"), body, len(queries)


def test_the_inviter_gets_the_same_answer_whatever_the_address_belongs_to(
    client_for, employer: User, organisation: Organisation, newcomer: User, employer_b: User
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(in_english(employer))
    guide = UserFactory(role=Role.GUIDE, email="guide@kommune.no")
    _answer(client, organisation, "warm-up@example.com")  # caches the site and the session
    answers = {
        "nobody": _answer(client, organisation, "nobody@example.com"),
        "newcomer": _answer(client, organisation, newcomer.email),
        "other employer": _answer(client, organisation, employer_b.email),
        "guide": _answer(client, organisation, guide.email),
    }
    first = answers["nobody"]
    assert first[0] == 200
    assert "We have sent an invitation to EMAIL" in first[1]
    for name, answer in answers.items():
        assert answer[:3] == first[:3], name
        assert answer[3] == first[3], name  # the same database work
    # Nobody became a member; each address got its invitation.
    assert list(
        Membership.objects.filter(organisation=organisation).values_list("user", flat=True)
    ) == [employer.pk]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["warm-up@example.com", "nobody@example.com", newcomer.email, employer_b.email, guide.email]
    )


def test_the_api_answers_the_same_whatever_the_address_belongs_to(
    client_for, employer: User, organisation: Organisation, newcomer: User, employer_b: User
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(employer)
    url = f"{API}{organisation.pk}/invitations/"
    bodies = []
    for email in ("nobody@example.com", newcomer.email, employer_b.email):
        response = client.post(
            url, {"email": email, "rights": "admin"}, content_type="application/json"
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert set(body) == {"id", "email", "rights", "created_at", "expires_at"}
        bodies.append((body["email"] == email, body["rights"]))
    assert bodies == [(True, "admin")] * 3
    listed = client.get(url).json()["results"]
    assert sorted(row["email"] for row in listed) == sorted(
        ["nobody@example.com", newcomer.email, employer_b.email]
    )
    assert Membership.objects.filter(organisation=organisation).count() == 1


def test_the_email_is_in_the_recipients_language_and_the_token_is_stored_hashed(
    client_for, employer: User, organisation: Organisation, newcomer: User
) -> None:  # type: ignore[no-untyped-def]
    # Amal (the newcomer persona) reads Arabic; someone without an account gets the inviter's.
    invite(client_for(employer), organisation, newcomer.email)
    (message,) = mail.outbox
    token = token_from(message)
    invitation = Invitation.objects.get()
    assert invitation.token_hash != token and token not in invitation.token_hash
    assert len(invitation.token_hash) == 64
    assert "Grorud Bakeri AS" in message.subject
    assert "عضو" in message.body  # "Member": Amal reads Arabic, the inviter English
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=7)


# Accepting


def test_the_invited_employer_accepts_on_a_page_that_names_the_organisation(
    client_for, employer: User, organisation: Organisation, colleague: User
) -> None:  # type: ignore[no-untyped-def]
    invite(client_for(employer), organisation, "NINA@grorud.no", rights="admin")
    token = token_from(mail.outbox[0])
    assert not Membership.objects.filter(user=colleague).exists()

    anonymous = Client().get(accept_url(token))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]

    client = client_for(in_english(colleague))
    page = client.get(accept_url(token))
    assert page.status_code == 200
    assert "Join Grorud Bakeri AS" in page.content.decode()
    assert not Membership.objects.filter(user=colleague).exists()

    accepted = client.post(accept_url(token), follow=True)
    assert accepted.redirect_chain == [(detail_url(organisation), 302)]
    assert "You are now a member of Grorud Bakeri AS." in accepted.content.decode()
    assert Membership.objects.get(user=colleague, organisation=organisation).rights == "admin"
    invitation = Invitation.objects.get()
    assert (invitation.accepted_by, invitation.accepted_at is not None) == (colleague, True)

    used = client_for(UserFactory(role=Role.EMPLOYER, language="en")).post(accept_url(token))
    assert used.status_code == 400
    assert "has been used already" in used.content.decode()


@pytest.mark.parametrize("persona", ["newcomer", "guide", "veileder"])
def test_a_non_employer_account_cannot_accept(
    client_for, request, employer: User, organisation: Organisation, persona: str
) -> None:  # type: ignore[no-untyped-def]
    person = in_english(request.getfixturevalue(persona))
    invite(client_for(employer), organisation, person.email)
    token = token_from(mail.outbox[0])
    client = client_for(person)
    page = client.get(accept_url(token))
    assert "Only employer accounts can join an organisation" in page.content.decode()
    assert "Accept the invitation" not in page.content.decode()
    response = client.post(accept_url(token))
    assert response.status_code == 400
    assert "Only employer accounts can join an organisation" in response.content.decode()
    assert not Membership.objects.filter(user=person).exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_expired_or_revoked_or_unknown_token_is_refused(
    client_for, employer: User, organisation: Organisation, colleague: User
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(employer)
    invite(client, organisation, colleague.email)
    token = token_from(mail.outbox[0])
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    expired = client_for(colleague).post(accept_url(token))
    assert expired.status_code == 400 and "has expired" in expired.content.decode()

    invite(client, organisation, colleague.email)  # a new one replaces the expired one
    token = token_from(mail.outbox[1])
    pending = Invitation.objects.get(accepted_at=None, revoked_at=None)
    revoke = reverse("employer:organisation_invitation_revoke", args=[organisation.pk, pending.pk])
    assert client.post(revoke).status_code == 302
    revoked = client_for(colleague).post(accept_url(token))
    assert revoked.status_code == 400 and "was withdrawn" in revoked.content.decode()

    unknown = client_for(colleague).post(accept_url("not-a-real-token"))
    assert unknown.status_code == 400 and "not valid" in unknown.content.decode()
    assert not Membership.objects.filter(user=colleague).exists()


def test_one_open_invitation_per_address_a_new_one_replaces_the_old(
    client_for, employer: User, organisation: Organisation, colleague: User
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(employer)
    invite(client, organisation, colleague.email)
    invite(client, organisation, colleague.email.upper(), rights="admin")
    old, new = token_from(mail.outbox[0]), token_from(mail.outbox[1])
    assert Invitation.objects.filter(accepted_at=None, revoked_at=None).count() == 1
    assert client_for(colleague).post(accept_url(old)).status_code == 400
    assert client_for(colleague).post(accept_url(new)).status_code == 302
    assert Membership.objects.get(user=colleague).rights == "admin"


def test_the_organisation_page_lists_open_invitations_to_its_administrators(
    client_for, employer: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(employer)
    invite(client, organisation, "waiting@example.com")
    invite(client, organisation, "gone@example.com")
    Invitation.objects.filter(email="gone@example.com").update(revoked_at=timezone.now())
    page = client.get(detail_url(organisation))
    assert [i.email for i in page.context["invitations"]] == ["waiting@example.com"]
    html = page.content.decode()
    assert "Invitations waiting for an answer" in html and "waiting@example.com" in html
    assert "Withdraw the invitation to waiting@example.com" in html

    member = UserFactory(role=Role.EMPLOYER)
    Membership.objects.create(organisation=organisation, user=member, rights=MemberRights.MEMBER)
    assert (
        "waiting@example.com"
        not in client_for(member).get(detail_url(organisation)).content.decode()
    )


def test_bad_input_is_named_and_nothing_is_sent(
    client_for, employer: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    response = invite(client_for(in_english(employer)), organisation, "not an email")
    assert response.status_code == 200
    assert "Enter a valid email address." in response.context["invite_form"].errors["email"][0]
    assert 'href="#id_email"' in response.content.decode()
    api = client_for(employer).post(
        f"{API}{organisation.pk}/invitations/",
        {"email": "x@example.com", "rights": "owner"},
        content_type="application/json",
    )
    assert api.status_code == 400 and "rights" in api.json()["error"]["fields"]
    assert not Invitation.objects.exists() and not mail.outbox


# Who may invite, revoke and accept through the API


def test_only_the_organisations_administrators_invite_and_revoke(
    client_for, employer: User, employer_b: User, organisation: Organisation, newcomer: User
) -> None:  # type: ignore[no-untyped-def]
    invitation = services.invitation_create(
        organisation=organisation, email="a@example.com", rights="member", by=employer
    )
    url = f"{API}{organisation.pk}/invitations/"
    member = UserFactory(role=Role.EMPLOYER)
    Membership.objects.create(organisation=organisation, user=member, rights=MemberRights.MEMBER)
    data = {"email": "b@example.com"}
    assert (
        client_for(employer_b).post(url, data, content_type="application/json").status_code == 404
    )
    assert client_for(member).post(url, data, content_type="application/json").status_code == 403
    assert client_for(member).get(url).status_code == 403
    assert client_for(newcomer).post(url, data, content_type="application/json").status_code == 403
    assert Client().post(url, data, content_type="application/json").status_code in (401, 403)
    assert client_for(employer_b).delete(f"{url}{invitation.pk}/").status_code == 404
    assert client_for(member).delete(f"{url}{invitation.pk}/").status_code == 403
    assert Invitation.objects.count() == 1 and Invitation.objects.get().revoked_at is None
    page = reverse("employer:organisation_invitation_revoke", args=[organisation.pk, invitation.pk])
    assert client_for(member).post(page).status_code == 403
    assert client_for(employer_b).post(page).status_code == 404
    assert client_for(employer).delete(f"{url}{invitation.pk}/").status_code == 204
    assert Invitation.objects.get().revoked_at is not None


def test_accept_through_the_api(
    client_for, employer: User, organisation: Organisation, colleague: User
) -> None:  # type: ignore[no-untyped-def]
    services.invitation_create(
        organisation=organisation, email=colleague.email, rights="member", by=employer
    )
    token = token_from(mail.outbox[0])
    url = "/api/v1/invitations/accept/"
    newcomer = NewcomerFactory()
    refused = client_for(newcomer).post(url, {"token": token}, content_type="application/json")
    assert refused.status_code == 400
    assert "token" in refused.json()["error"]["fields"]
    ok = client_for(colleague).post(url, {"token": token}, content_type="application/json")
    assert ok.status_code == 200, ok.json()
    assert ok.json()["organisation"]["name"] == "Grorud Bakeri AS"
    assert ok.json()["rights"] == "member"


def test_the_organisation_keeps_an_administrator(
    employer: User, organisation: Organisation
) -> None:
    """The last administrator cannot give up the rights by accepting a member's invitation."""
    services.invitation_create(
        organisation=organisation, email=employer.email, rights="member", by=employer
    )
    token = token_from(mail.outbox[0])
    with pytest.raises(ValidationError) as refused:
        services.invitation_accept(token=token, by=employer)
    assert "rights" in refused.value.message_dict
    assert Membership.objects.get(user=employer).rights == MemberRights.ADMIN
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.django_db(transaction=True)  # allauth marks the TOTP set-up on commit
def test_someone_without_an_account_signs_up_as_an_employer_and_then_accepts(
    client_for, employer: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    invite(client_for(employer), organisation, "new.colleague@grorud.no")
    token = token_from(mail.outbox[0])
    client = Client()
    to_login = client.get(accept_url(token))
    assert to_login.status_code == 302
    next_url = accept_url(token)
    signup = client.post(
        f"{reverse('account_signup')}?next={next_url}",
        {
            "email": "new.colleague@grorud.no",
            "password1": "a-long-and-unusual-pass-2026",
            "password2": "a-long-and-unusual-pass-2026",
            "full_name": "Per Hansen",
            "role": Role.EMPLOYER,
            "language": "en",
            "privacy_notice": "on",
            "next": next_url,
        },
    )
    assert signup.status_code == 302
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4}|\d{6})\b", str(mail.outbox[-1].body))
    assert code
    confirmed = client.post(signup["Location"], {"code": code.group(1)})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == next_url
    # Employers read applicants' personal data: a second factor before anything else.
    to_totp = client.get(next_url)
    assert (to_totp.status_code, to_totp["Location"]) == (302, reverse("mfa_activate_totp"))
    # allauth asks for the password again before a device is added (a confirmation by email
    # code is no proof of knowing the password).
    client.post(reverse("account_reauthenticate"), {"password": "a-long-and-unusual-pass-2026"})
    form = client.get(reverse("mfa_activate_totp"))
    assert form.status_code == 200, form.get("Location")
    secret = form.context["form"].secret
    activated = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert activated.status_code == 302
    page = client.get(next_url)
    assert "Join Grorud Bakeri AS" in page.content.decode()
    assert client.post(next_url).status_code == 302
    person = User.objects.get(email="new.colleague@grorud.no")
    assert Membership.objects.get(organisation=organisation, user=person).rights == "member"
