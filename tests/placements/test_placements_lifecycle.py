"""An agreement's life through its services: draft, approvals, changes, start, end, cancel."""

from __future__ import annotations

import contextlib
import datetime
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from accounts.models import NewcomerProfile, User
from applications.models import Application, ApplicationStatus
from common.errors import Conflict
from listings.models import Listing, ListingKind
from organisations.models import Organisation
from placements import parties, services
from placements.models import AgreementEvent, AgreementStatus, PlacementAgreement
from tests.factories import ListingFactory
from tests.placements.agreement_steps import (
    TODAY,
    accept_offer,
    complete,
    submitted,
)

pytestmark = pytest.mark.django_db


def actions(agreement: PlacementAgreement) -> list[str]:
    return list(
        AgreementEvent.objects.filter(agreement=agreement)
        .order_by("at", "id")
        .values_list("action", flat=True)
    )


def fresh(agreement: PlacementAgreement) -> PlacementAgreement:
    return PlacementAgreement.objects.get(pk=agreement.pk)


# Created when an offer is accepted


def test_accepting_an_offer_drafts_exactly_one_agreement_with_the_listings_terms(
    listing: Listing, newcomer: User
) -> None:
    agreement = accept_offer(listing, newcomer)
    assert PlacementAgreement.objects.count() == 1
    assert agreement.status == AgreementStatus.DRAFT
    assert agreement.version == 1
    assert (agreement.newcomer, agreement.organisation_id) == (newcomer, listing.organisation_id)
    assert agreement.kommune_id == "0301"  # no kommune on the profile: the work place's
    assert agreement.kind == ListingKind.NYSTARTSJOBB
    assert agreement.start_date == listing.start_date
    assert agreement.monthly_wage_nok == Decimal("32000")
    assert agreement.position_percent == 100
    assert agreement.hours_per_week == Decimal("37.5")
    assert actions(agreement) == ["created"]
    assert AgreementEvent.objects.get().by == newcomer

    with pytest.raises(Conflict, match="already has a placement agreement"):
        services.agreement_create_from_application(application=agreement.application, by=None)
    assert PlacementAgreement.objects.count() == 1


def test_the_newcomers_own_kommune_approves_and_an_innstegsjobb_brings_its_tuition(
    organisation: Organisation, newcomer: User
) -> None:
    NewcomerProfile.objects.filter(user=newcomer).update(kommune_id="3201")
    listing = ListingFactory(
        organisation=organisation,
        kind=ListingKind.INNSTEGSJOBB,
        position_percent=60,
        work_hours_per_week=22,
        tuition_hours_per_week=8,
        duration_months=6,
        start_date=datetime.date(2031, 1, 31),
    )
    agreement = accept_offer(listing, newcomer)
    assert agreement.kommune_id == "3201"
    assert agreement.hours_per_week == Decimal("22")
    assert agreement.tuition_hours_per_week == Decimal("8")
    assert agreement.end_date == datetime.date(2031, 7, 30)


def test_an_agreement_that_cannot_be_drafted_leaves_the_offer_unaccepted(
    organisation: Organisation, newcomer: User
) -> None:
    # An innstegsjobb saved without its tuition hours (the listing's own check was skipped).
    listing = ListingFactory(organisation=organisation, kind=ListingKind.INNSTEGSJOBB)
    with pytest.raises(ValidationError) as error:
        accept_offer(listing, newcomer)
    assert "tuition_hours_per_week" in error.value.message_dict
    assert Application.objects.get().status == ApplicationStatus.OFFERED
    assert not PlacementAgreement.objects.exists()


# Approvals


@pytest.mark.parametrize("first", ["newcomer", "employer"])
def test_newcomer_and_employer_approve_in_any_order_and_the_veileder_last(
    request: pytest.FixtureRequest,
    awaiting: PlacementAgreement,
    veileder: User,
    first: str,
) -> None:
    second = "employer" if first == "newcomer" else "newcomer"
    services.agreement_approve(agreement=awaiting, by=request.getfixturevalue(first))
    assert fresh(awaiting).status == AgreementStatus.AWAITING_APPROVALS
    with pytest.raises((ValidationError, Conflict)):  # one of the two has not approved
        services.agreement_approve(agreement=awaiting, by=veileder)
    services.agreement_approve(agreement=awaiting, by=request.getfixturevalue(second))
    agreement = services.agreement_approve(agreement=awaiting, by=veileder)
    assert agreement.status == AgreementStatus.READY
    assert agreement.veileder_approved_by == veileder
    assert agreement.on_behalf_reason == ""
    assert actions(agreement)[-3:] == [
        f"{first}_approved",
        f"{second}_approved",
        "veileder_approved",
    ]


def test_the_veileder_waits_for_the_employer(
    awaiting: PlacementAgreement, newcomer: User, veileder: User
) -> None:
    services.agreement_approve(agreement=awaiting, by=newcomer)
    with pytest.raises(Conflict, match="The employer approves before the veileder"):
        services.agreement_approve(agreement=awaiting, by=veileder)
    assert fresh(awaiting).veileder_approved_at is None


def test_approving_for_the_newcomer_needs_a_reason_which_is_recorded(
    awaiting: PlacementAgreement, employer: User, veileder: User
) -> None:
    with pytest.raises(ValidationError) as error:
        services.agreement_approve(agreement=awaiting, by=veileder)
    assert "reason" in error.value.message_dict["on_behalf_reason"][0]
    with pytest.raises(ValidationError):
        services.agreement_approve(agreement=awaiting, by=veileder, on_behalf_reason="   ")
    assert fresh(awaiting).newcomer_approved_at is None

    agreement = services.agreement_approve(
        agreement=awaiting, by=veileder, on_behalf_reason="Har ikke BankID ennå."
    )
    assert agreement.newcomer_approved_by == veileder
    assert agreement.on_behalf_reason == "Har ikke BankID ennå."
    assert agreement.status == AgreementStatus.AWAITING_APPROVALS  # the employer has not approved
    event = AgreementEvent.objects.filter(agreement=agreement).latest("id")
    assert (event.action, event.by, event.note) == (
        "approved_on_behalf",
        veileder,
        "Har ikke BankID ennå.",
    )

    services.agreement_approve(agreement=awaiting, by=employer)
    agreement = services.agreement_approve(agreement=awaiting, by=veileder)
    assert agreement.status == AgreementStatus.READY


def test_on_behalf_after_the_employer_is_also_the_veileders_own_approval(
    awaiting: PlacementAgreement, employer: User, veileder: User
) -> None:
    services.agreement_approve(agreement=awaiting, by=employer)
    agreement = services.agreement_approve(
        agreement=awaiting, by=veileder, on_behalf_reason="Ingen digital tilgang."
    )
    assert agreement.status == AgreementStatus.READY
    assert actions(agreement)[-2:] == ["approved_on_behalf", "veileder_approved"]


def test_only_a_veileder_approves_for_the_newcomer(
    awaiting: PlacementAgreement, employer: User
) -> None:
    with pytest.raises(PermissionDenied):
        services.agreement_approve(agreement=awaiting, by=employer, on_behalf_reason="Glemte")
    assert fresh(awaiting).employer_approved_at is None


@pytest.mark.parametrize("party", ["newcomer", "employer"])
def test_approving_twice_is_a_clear_error(
    request: pytest.FixtureRequest, awaiting: PlacementAgreement, party: str
) -> None:
    user = request.getfixturevalue(party)
    services.agreement_approve(agreement=awaiting, by=user)
    with pytest.raises(Conflict, match="You have already approved version 2"):
        services.agreement_approve(agreement=awaiting, by=user)
    assert actions(awaiting).count(f"{party}_approved") == 1


def test_a_veileder_approving_for_the_newcomer_twice_is_a_clear_error(
    awaiting: PlacementAgreement, veileder: User
) -> None:
    services.agreement_approve(agreement=awaiting, by=veileder, on_behalf_reason="Uten BankID")
    with pytest.raises(Conflict, match="already approved"):
        services.agreement_approve(agreement=awaiting, by=veileder, on_behalf_reason="Igjen")


def test_a_veileder_approves_twice_is_refused(ready: PlacementAgreement, veileder: User) -> None:
    with pytest.raises(Conflict, match="already approved"):
        services.agreement_approve(agreement=ready, by=veileder)


def test_a_draft_is_not_approved(draft: PlacementAgreement, newcomer: User) -> None:
    with pytest.raises(Conflict, match="cannot be approved now: it is “Draft”"):
        services.agreement_approve(agreement=draft, by=newcomer)


@pytest.mark.parametrize(
    "persona", ["employer_b", "newcomer_b", "veileder_bergen", "guide", "beslutter"]
)
def test_outsiders_neither_approve_nor_change_nor_cancel(
    request: pytest.FixtureRequest, awaiting: PlacementAgreement, persona: str
) -> None:
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.agreement_approve(agreement=awaiting, by=user)
    with pytest.raises(PermissionDenied):
        services.agreement_update_terms(agreement=awaiting, by=user, supervisor_name="X")
    with pytest.raises(PermissionDenied):
        services.agreement_cancel(agreement=awaiting, by=user, reason="Nei")
    after = fresh(awaiting)
    assert (after.version, after.status, after.supervisor_name) == (
        2,
        "awaiting_approvals",
        "Per Bakke",
    )


def test_approving_a_version_that_has_changed_is_refused(
    awaiting: PlacementAgreement, newcomer: User, employer: User
) -> None:
    services.agreement_update_terms(agreement=awaiting, by=employer, supervisor_name="Liv Berg")
    with pytest.raises(Conflict, match="now version 3"):
        services.agreement_approve(agreement=awaiting, by=newcomer, expected_version=2)
    assert fresh(awaiting).newcomer_approved_at is None


# Changing terms


def test_a_change_after_approval_resets_every_approval_and_bumps_the_version(
    ready: PlacementAgreement, employer: User
) -> None:
    version = ready.version
    agreement = services.agreement_update_terms(
        agreement=ready, by=employer, monthly_wage_nok=Decimal("33500")
    )
    assert agreement.version == version + 1
    assert agreement.status == AgreementStatus.AWAITING_APPROVALS
    assert agreement.newcomer_approved_at is None
    assert agreement.employer_approved_at is None
    assert agreement.veileder_approved_at is None
    assert agreement.newcomer_approved_by is None
    changed, reset = list(AgreementEvent.objects.filter(agreement=agreement).order_by("-id")[:2])[
        ::-1
    ]
    assert (changed.action, changed.changed_fields, changed.by) == (
        "terms_changed",
        ["monthly_wage_nok"],
        employer,
    )
    assert (reset.action, reset.by, reset.version) == ("approvals_reset", None, version + 1)


def test_one_approval_is_enough_to_be_reset(
    awaiting: PlacementAgreement, newcomer: User, veileder: User
) -> None:
    services.agreement_approve(agreement=awaiting, by=newcomer)
    agreement = services.agreement_update_terms(
        agreement=awaiting, by=veileder, end_date=awaiting.end_date + datetime.timedelta(days=30)
    )
    assert agreement.newcomer_approved_at is None
    assert actions(agreement)[-2:] == ["terms_changed", "approvals_reset"]


def test_a_running_placement_that_changes_is_approved_again(
    in_state: Callable[[str], PlacementAgreement], employer: User
) -> None:
    running = in_state("running")
    agreement = services.agreement_update_terms(
        agreement=running, by=employer, hours_per_week=Decimal("30")
    )
    assert agreement.status == AgreementStatus.AWAITING_APPROVALS


def test_a_draft_changes_without_asking_anyone(draft: PlacementAgreement, employer: User) -> None:
    agreement = services.agreement_update_terms(
        agreement=draft, by=employer, supervisor_name="  Per Bakke "
    )
    assert (agreement.status, agreement.version, agreement.supervisor_name) == (
        "draft",
        2,
        "Per Bakke",
    )
    assert actions(agreement) == ["created", "terms_changed"]


def test_saving_the_same_terms_changes_nothing(
    awaiting: PlacementAgreement, employer: User
) -> None:
    services.agreement_approve(agreement=awaiting, by=employer)
    agreement = services.agreement_update_terms(
        agreement=awaiting, by=employer, supervisor_name=awaiting.supervisor_name
    )
    assert agreement.version == 2
    assert agreement.employer_approved_at is not None


@pytest.mark.parametrize(
    ("terms", "field"),
    [
        ({"end_date": TODAY - datetime.timedelta(days=400)}, "end_date"),
        ({"end_date": None}, "end_date"),
        ({"hours_per_week": Decimal("0")}, "hours_per_week"),
        ({"position_percent": 101}, "position_percent"),
        ({"monthly_wage_nok": None}, "monthly_wage_nok"),
        ({"monthly_wage_nok": Decimal("-1")}, "monthly_wage_nok"),
        ({"supervisor_name": ""}, "supervisor_name"),
        ({"supervisor_name": "<b>Per</b>"}, "supervisor_name"),
        ({"supervisor_phone": "12"}, "supervisor_phone"),
        ({"goals": [{"kind": "fun", "text": "Ha det gøy"}]}, "goals"),
        ({"goals": [{"kind": "language", "text": " "}]}, "goals"),
        ({"goals": "Norsk"}, "goals"),
    ],
)
def test_bad_terms_are_refused_naming_the_field_and_nothing_is_saved(
    awaiting: PlacementAgreement, employer: User, terms: dict[str, object], field: str
) -> None:
    services.agreement_approve(agreement=awaiting, by=employer)
    before = fresh(awaiting)
    with pytest.raises(ValidationError) as error:
        services.agreement_update_terms(agreement=awaiting, by=employer, **terms)
    assert field in error.value.message_dict
    after = fresh(awaiting)
    assert (after.version, after.employer_approved_at, after.end_date) == (
        before.version,
        before.employer_approved_at,
        before.end_date,
    )
    assert actions(after).count("terms_changed") == 1  # completing the terms, before sending


def test_an_innstegsjobb_needs_its_tuition_hours_and_a_praksisplass_no_wage(
    organisation: Organisation, newcomer: User, newcomer_b: User, employer: User
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
    with pytest.raises(ValidationError) as error:
        services.agreement_update_terms(
            agreement=innstegsjobb, by=employer, tuition_hours_per_week=None
        )
    assert error.value.message_dict["tuition_hours_per_week"] == [
        "An innstegsjobb needs its hours of Norwegian tuition per week."
    ]
    praksisplass = accept_offer(
        ListingFactory(
            organisation=organisation,
            kind=ListingKind.PRAKSISPLASS,
            monthly_wage=None,
            days_per_week=3,
            position_percent=50,
        ),
        newcomer_b,
    )
    assert praksisplass.monthly_wage_nok is None
    with pytest.raises(ValidationError) as error:
        services.agreement_update_terms(
            agreement=praksisplass, by=employer, monthly_wage_nok=Decimal("1000")
        )
    assert "unpaid" in error.value.message_dict["monthly_wage_nok"][0]
    # Complete without a wage: a praksisplass is sent for approval as it is.
    submitted(praksisplass, employer)
    assert fresh(praksisplass).status == AgreementStatus.AWAITING_APPROVALS


def test_a_draft_is_sent_only_when_complete(draft: PlacementAgreement, employer: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.agreement_submit_for_approval(agreement=draft, by=employer)
    assert set(error.value.message_dict) == {"end_date", "supervisor_name"}
    assert fresh(draft).status == AgreementStatus.DRAFT
    complete(draft, employer)
    assert services.agreement_submit_for_approval(agreement=draft, by=employer).status == (
        AgreementStatus.AWAITING_APPROVALS
    )


def test_a_newcomer_does_not_change_the_terms(draft: PlacementAgreement, newcomer: User) -> None:
    with pytest.raises(PermissionDenied):
        services.agreement_update_terms(agreement=draft, by=newcomer, supervisor_name="Meg")


# Start, end, cancel


@pytest.mark.parametrize("status", ["draft", "awaiting_approvals", "ready", "running"])
def test_cancel_from_every_state_that_has_not_ended(
    in_state: Callable[[str], PlacementAgreement], newcomer: User, status: str
) -> None:
    agreement = in_state(status)
    with pytest.raises(ValidationError) as error:
        services.agreement_cancel(agreement=agreement, by=newcomer, reason="  ")
    assert "reason" in error.value.message_dict
    assert fresh(agreement).status == status
    cancelled = services.agreement_cancel(
        agreement=agreement, by=newcomer, reason="Fikk fast jobb et annet sted."
    )
    assert cancelled.status == AgreementStatus.CANCELLED
    assert cancelled.cancelled_reason == "Fikk fast jobb et annet sted."
    event = AgreementEvent.objects.filter(agreement=agreement).latest("id")
    assert (event.action, event.by, event.note) == (
        "cancelled",
        newcomer,
        "Fikk fast jobb et annet sted.",
    )


@pytest.mark.parametrize("status", ["ended", "cancelled"])
def test_a_final_agreement_is_not_cancelled_nor_changed(
    in_state: Callable[[str], PlacementAgreement], veileder: User, status: str
) -> None:
    agreement = in_state(status)
    label = {"ended": "Ended", "cancelled": "Cancelled"}[status]
    with pytest.raises(Conflict, match=f"cannot be cancelled: it is “{label}”"):
        services.agreement_cancel(agreement=agreement, by=veileder, reason="For sent")
    with pytest.raises(Conflict, match="The terms cannot change now"):
        services.agreement_update_terms(agreement=agreement, by=veileder, supervisor_name="Ny")
    assert fresh(agreement).status == status


def test_a_veileder_starts_on_the_start_date_and_ends(
    ready: PlacementAgreement, veileder: User, employer: User
) -> None:
    with pytest.raises(Conflict, match="not before"):
        services.agreement_start(agreement=ready, by=veileder)
    with pytest.raises(PermissionDenied):
        services.agreement_start(agreement=ready, by=employer, today=ready.start_date)
    running = services.agreement_start(agreement=ready, by=veileder, today=ready.start_date)
    assert running.status == AgreementStatus.RUNNING
    ended = services.agreement_end(agreement=running, by=veileder, note="Avsluttet tidlig")
    assert ended.status == AgreementStatus.ENDED
    assert actions(ended)[-2:] == ["started", "ended"]


def test_the_events_are_append_only(draft: PlacementAgreement) -> None:
    event = AgreementEvent.objects.get(agreement=draft)
    event.note = "endret"
    with pytest.raises(ValueError, match="append-only"):
        event.save()


# Two people approving at the same moment


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_are_both_kept(
    monkeypatch: pytest.MonkeyPatch, listing: Listing, newcomer: User, employer: User
) -> None:
    """The newcomer and the employer approve at the same moment. Each request pauses right
    after reading the agreement until the other has read it too, or for a second: without the
    row lock both read "nobody has approved" and the later save drops the earlier approval;
    with it the second request waits for the first to commit and reads its approval."""
    agreement = submitted(accept_offer(listing, newcomer), employer)
    after_read = threading.Barrier(2)
    is_newcomer_party = parties.is_newcomer_party

    def pausing(**kwargs: Any) -> bool:
        with contextlib.suppress(threading.BrokenBarrierError):  # the other waits for the lock
            after_read.wait(timeout=1)
        return is_newcomer_party(**kwargs)

    monkeypatch.setattr(services, "is_newcomer_party", pausing)
    errors: list[BaseException] = []

    def approve(user: User) -> None:
        try:
            services.agreement_approve(agreement=PlacementAgreement(pk=agreement.pk), by=user)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(user,)) for user in (newcomer, employer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    after = fresh(agreement)
    assert after.newcomer_approved_at is not None
    assert after.employer_approved_at is not None
    assert actions(after)[-2:] in (
        ["newcomer_approved", "employer_approved"],
        ["employer_approved", "newcomer_approved"],
    )


def test_a_second_application_gets_its_own_agreement(
    listing: Listing, newcomer: User, newcomer_b: User
) -> None:
    accept_offer(listing, newcomer)
    accept_offer(listing, newcomer_b)
    assert PlacementAgreement.objects.count() == 2
    assert Application.objects.filter(status=ApplicationStatus.ACCEPTED).count() == 2
