"""Deleting an account: what goes, what stays with the name replaced, who may do it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from accounts.models import User
from applications.models import Application, ApplicationStatus
from audit.models import AuditEntry
from placements.models import AgreementStatus, PlacementAgreement
from privacy.models import AccountDeletion
from privacy.registry import OnDelete, entries
from privacy.services import account_delete
from subsidies.models import PersonFacts, SubsidyCase
from tests.conftest import login
from tests.factories import TEST_PASSWORD
from tests.placements.agreement_steps import accept_offer

pytestmark = pytest.mark.django_db


def test_a_newcomer_with_a_running_agreement_deletes_and_the_agreement_stays(
    rich_newcomer: User, running: PlacementAgreement, open_application: Application
) -> None:
    account_delete(user=rich_newcomer, by=rich_newcomer)

    person = User.objects.get(pk=rich_newcomer.pk)
    assert "Amal" not in person.full_name and str(person.pk) in person.full_name
    assert person.phone is None and person.email.endswith("@deleted.invalid")
    assert not person.is_active and not person.has_usable_password()

    agreement = PlacementAgreement.objects.get(pk=running.pk)
    assert agreement.status == AgreementStatus.RUNNING
    assert agreement.newcomer_id == person.pk and agreement.events.exists()

    # The nystartsjobb's subsidy case is undecided: it stays, and the facts it needs with it.
    case = SubsidyCase.objects.get(agreement=agreement)
    assert case.newcomer_id == person.pk
    assert PersonFacts.objects.filter(person=person).exists()
    for entry in entries():
        removed = entry.about_person and entry.on_delete == OnDelete.REMOVE
        if removed and entry.model != "subsidies.PersonFacts":
            assert not entry.rows(person.pk).exists(), entry.model

    withdrawn = Application.objects.get(pk=open_application.pk)
    assert withdrawn.status == ApplicationStatus.WITHDRAWN
    assert (withdrawn.message, withdrawn.profile_snapshot) == ("", {})
    assert not withdrawn.answers.exists()
    assert Application.objects.get(pk=running.application_id).status == ApplicationStatus.ACCEPTED


def test_the_deletion_is_audited_by_id_without_a_name(rich_newcomer: User) -> None:
    account_delete(user=rich_newcomer, by=rich_newcomer)
    entry = AuditEntry.objects.get(action="account.delete", object_id=str(rich_newcomer.pk))
    assert entry.user_id == rich_newcomer.pk
    assert entry.user_label == ""
    assert "Amal" not in str(entry.details) and "@" not in str(entry.details)


def test_deleting_twice_is_safe(rich_newcomer: User) -> None:
    first = account_delete(user=rich_newcomer, by=rich_newcomer)
    second = account_delete(user=rich_newcomer, by=rich_newcomer)
    assert first.pk == second.pk
    assert AccountDeletion.objects.count() == 1
    assert AuditEntry.objects.filter(action="account.delete").count() == 1


def test_agreements_not_running_go_with_the_account_and_so_do_the_facts(
    listing, newcomer: User
) -> None:  # type: ignore[no-untyped-def]
    draft = accept_offer(listing, newcomer)
    PersonFacts.objects.create(person=newcomer, birth_date=datetime.date(1990, 5, 1))
    account_delete(user=newcomer, by=newcomer)
    assert not PlacementAgreement.objects.filter(pk=draft.pk).exists()
    assert not PersonFacts.objects.filter(person=newcomer).exists()
    application = Application.objects.get(pk=draft.application_id)
    assert application.applicant_id == newcomer.pk and application.message == ""


def test_the_employer_no_longer_sees_the_deleted_applicant(
    rich_newcomer: User, running: PlacementAgreement, employer: User, client: Client
) -> None:
    Application.objects.filter(pk=running.application_id).update(revealed_at=running.created_at)
    page = login(client, employer).get(f"/employer/applications/{running.application_id}/")
    assert "Amal Haddad" in page.content.decode()

    account_delete(user=rich_newcomer, by=rich_newcomer)

    page = client.get(f"/employer/applications/{running.application_id}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Amal Haddad" not in body and "deleted account" in body
    api = client.get(f"/api/v1/applications/{running.application_id}/").json()
    assert api["applicant_name"] is None and api["applicant_email"] is None
    assert api["message"] == "" and api["profile"] == {} and api["answers"] == []


def test_the_employer_no_longer_sees_a_withdrawn_applicants_profile(
    open_application: Application, employer_b: User, client: Client
) -> None:
    Application.objects.filter(pk=open_application.pk).update(status=ApplicationStatus.WITHDRAWN)
    login(client, employer_b)
    body = client.get(f"/employer/applications/{open_application.pk}/").content.decode()
    assert "Jeg heter Amal" not in body and "Baker i Aleppo" not in body
    assert "withdrawn" in body
    api = client.get(f"/api/v1/applications/{open_application.pk}/").json()
    assert api["message"] == "" and api["answers"] == [] and api["anonymous"] is True


def test_the_page_asks_for_the_word_and_the_password(rich_newcomer: User, client: Client) -> None:
    login(client, rich_newcomer)
    assert client.get("/me/delete/").status_code == 200
    wrong = client.post("/me/delete/", {"confirm": "no", "password": TEST_PASSWORD})
    assert wrong.status_code == 200 and "Type DELETE to confirm" in wrong.content.decode()
    bad_password = client.post("/me/delete/", {"confirm": "DELETE", "password": "nope"})
    assert "The password is not right." in bad_password.content.decode()
    assert not AccountDeletion.objects.exists()

    done = client.post("/me/delete/", {"confirm": "delete", "password": TEST_PASSWORD})
    assert done.status_code == 302
    assert AccountDeletion.objects.filter(user=rich_newcomer).exists()
    assert client.get("/me/data/").status_code == 302  # logged out


def test_staff_cannot_delete_themselves_on_the_page(veileder: User, client: Client) -> None:
    assert login(client, veileder).get("/me/delete/").status_code == 403
    with pytest.raises(PermissionDenied):
        account_delete(user=veileder, by=veileder)


def test_people_cannot_delete_each_other(newcomer: User, newcomer_b: User, employer) -> None:  # type: ignore[no-untyped-def]
    for by in (newcomer_b, employer):
        with pytest.raises(PermissionDenied):
            account_delete(user=newcomer, by=by)
    assert not AccountDeletion.objects.exists()


def test_a_platform_admin_deletes_from_the_admin(
    rich_newcomer: User, veileder: User, platform_admin: User, client: Client
) -> None:
    login(client, platform_admin)
    url = "/admin/accounts/user/"
    form = {"action": "delete_accounts", "_selected_action": [rich_newcomer.pk, veileder.pk]}
    confirm = client.post(url, form)
    assert confirm.status_code == 200 and not AccountDeletion.objects.exists()
    done = client.post(url, {**form, "confirmed": "yes"})
    assert done.status_code == 302
    assert set(AccountDeletion.objects.values_list("user_id", flat=True)) == {
        rich_newcomer.pk,
        veileder.pk,
    }
    staff = User.objects.get(pk=veileder.pk)
    assert not staff.is_active and not staff.kommuner.exists()
    entry = AuditEntry.objects.get(action="account.delete", object_id=str(veileder.pk))
    assert entry.user_id == platform_admin.pk


def test_a_platform_admin_cannot_delete_their_own_account(platform_admin: User) -> None:
    with pytest.raises(PermissionDenied):
        account_delete(user=platform_admin, by=platform_admin)
