"""One small world of people and rows, built once per test module and rolled back at its end.

Every persona of the access matrix and every object a URL needs: employer A's organisation with
a published listing (and approved by Oslo as a guide partner), newcomer A's application to it,
newcomer B in the guide's caseload with a suggestion and an introduction to employer A, an
agreement and an approved subsidy case of Oslo with its refund claims, a what-if run, a saved
listing and search, a notification, and OAuth2 tokens of a case system of Oslo with each scope and
with none.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import AccessToken, Application

from accounts.models import ConsentKind, NewcomerProfile, Role, User
from accounts.services import consent_give
from applications.models import Application as JobApplication
from buddies import services as buddies_services
from buddies.models import BuddyCoordinator
from guidance.models import Introduction, Suggestion
from listings.models import Listing, SavedListing, SavedSearch
from notifications.models import Channel, Kind, Notification, Status
from organisations.models import MemberRights, Organisation, PartnerApproval
from organisations.services import invitation_create
from placements.models import PlacementAgreement
from plans.models import (
    Competence,
    DevelopmentPlan,
    Education,
    PlanNote,
    PlanStep,
    ReferenceLetter,
)
from reference.models import Kommune
from subsidies.models import CaseSystemClient, RefundClaim, SubsidyCase, WhatIfRun
from subsidies.services.decisions import case_approve, case_recommend
from tests.conftest import _with_totp, login
from tests.factories import (
    ApplicationFactory,
    ListingFactory,
    NewcomerFactory,
    OrganisationFactory,
    UserFactory,
    make_employer,
)
from tests.placements.agreement_steps import accept_offer
from tests.subsidies.conftest import open_case

# The personas, in the order the matrix reports them.
PEOPLE = (
    "anonymous",
    "newcomer_a",
    "newcomer_b",
    "employer_a",
    "employer_b",
    "guide",
    "veileder_oslo",
    "beslutter_oslo",
    "veileder_bergen",
    "platform_admin",
    "volunteer",
    "coordinator",
)
MACHINES = ("oauth_read", "oauth_decide", "oauth_simulate", "oauth_none")
PERSONAS = PEOPLE + MACHINES
MACHINE_SCOPES = {
    "oauth_read": "subsidies:read",
    "oauth_decide": "subsidies:decide",
    "oauth_simulate": "subsidies:simulate",
    "oauth_none": "",
}


@dataclass
class World:
    users: dict[str, User] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)

    def client(self, persona: str) -> Client:
        """A fresh client of `persona`: signed in, or sending its bearer token, or neither."""
        if persona in self.tokens:
            return Client(HTTP_AUTHORIZATION=f"Bearer {self.tokens[persona]}")
        client = Client()
        if persona in self.sessions:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[persona]
        return client


def _buddies(people: dict[str, User]) -> tuple[Any, Any, Any]:
    oslo = Kommune.objects.get(number="0301")
    coordination = buddies_services.coordinator_appoint(
        by=people["veileder_oslo"], user=people["coordinator"], kommune=oslo
    )
    area = {"kommune": oslo, "bydel": None, "interests": [], "availability": ["weekends"]}
    volunteer = buddies_services.volunteer_save(user=people["volunteer"], languages=["ar"], **area)
    buddies_services.volunteer_decide(volunteer=volunteer, by=people["coordinator"], approve=True)
    pending = buddies_services.volunteer_save(
        user=_with_totp(UserFactory(role=Role.VOLUNTEER, full_name="Mona Said")),
        languages=["so"],
        **area,
    )
    buddies_services.buddy_request_save(
        user=people["newcomer_a"], active=True, languages=["ar"], **area
    )
    match = buddies_services.match_propose(
        by=people["coordinator"], volunteer=people["volunteer"], newcomer=people["newcomer_a"]
    )
    assert isinstance(coordination, BuddyCoordinator)
    return match, pending, coordination


def _build() -> World:
    world = World()
    people = world.users
    people["newcomer_a"] = NewcomerFactory(full_name="Amal Haddad", language="nb")
    people["newcomer_b"] = NewcomerFactory(full_name="Yonas Tesfay", language="nb")
    organisation = OrganisationFactory(
        orgnr="988077917", name="Grorud Bakeri AS", bydel_id="030111"
    )
    organisation_b = OrganisationFactory(
        orgnr="974760673", name="Bergen Havnekafe AS", kommune_id="4601"
    )
    people["employer_a"] = _with_totp(make_employer(organisation, full_name="Kari Nordmann"))
    people["employer_b"] = _with_totp(make_employer(organisation_b, full_name="Ola Hansen"))
    people["guide"] = _with_totp(UserFactory(role=Role.GUIDE, serves=("0301",)))
    people["veileder_oslo"] = _with_totp(UserFactory(role=Role.VEILEDER, serves=("0301",)))
    people["beslutter_oslo"] = _with_totp(UserFactory(role=Role.BESLUTTER, serves=("0301",)))
    people["veileder_bergen"] = _with_totp(UserFactory(role=Role.VEILEDER, serves=("4601",)))
    people["platform_admin"] = _with_totp(
        UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
    )

    # Buddies: Oslo's coordinator (a guide appointed by Oslo's veileder), an approved volunteer
    # proposed to newcomer A, and a volunteer waiting for approval.
    people["coordinator"] = _with_totp(UserFactory(role=Role.GUIDE, full_name="Sara Moe"))
    people["volunteer"] = _with_totp(UserFactory(role=Role.VOLUNTEER, full_name="Tone Bakke"))
    buddy_match, buddy_volunteer, buddy_coordination = _buddies(people)

    listing = ListingFactory(organisation=organisation, title="Bakeriarbeider på Grorud")
    ListingFactory(organisation=organisation_b, title="Kafémedarbeider", kommune_id="4601")
    application = ApplicationFactory(listing=listing, applicant=people["newcomer_a"])
    # A draft agreement of newcomer B with employer A, whose terms may still change.
    draft_agreement = accept_offer(
        ListingFactory(organisation=organisation, title="Lagermedarbeider"), people["newcomer_b"]
    )
    case = open_case(organisation, newcomer=people["newcomer_a"])
    case = case_recommend(case=case, by=people["veileder_oslo"], outcome="approve")
    case = case_approve(case=case, by=people["beslutter_oslo"])
    agreement = PlacementAgreement.objects.get(pk=case.agreement_id)
    whatif = WhatIfRun.objects.create(
        parameters={}, kommuner=["0301"], created_by=people["veileder_oslo"]
    )
    saved_search = SavedSearch.objects.create(
        user=people["newcomer_a"], name="Bakeri", query="baker"
    )
    saved_listing = SavedListing.objects.create(user=people["newcomer_a"], listing=listing)
    notification = Notification.objects.create(
        recipient=people["newcomer_a"],
        channel=Channel.IN_APP,
        kind=Kind.APPLICATION_STATUS,
        idempotency_key="security-world-1",
        link_path="/me/applications/",
        status=Status.SENT,
    )
    # Newcomer B is in the guide's caseload (and shares with the guide, below).
    NewcomerProfile.objects.filter(user=people["newcomer_b"]).update(guide=people["guide"])
    suggestion = Suggestion.objects.create(
        newcomer=people["newcomer_b"], listing=listing, by=people["guide"]
    )
    introduction = Introduction.objects.create(
        newcomer=people["newcomer_b"],
        organisation=organisation,
        by=people["guide"],
        note="Erfaren fra bakeri i Asmara.",
    )
    partner_approval = PartnerApproval.objects.create(
        organisation=organisation, kommune_id="0301", approved_by=people["veileder_oslo"]
    )
    invitation = invitation_create(
        organisation=organisation,
        email="nina.berg@example.org",
        rights=MemberRights.MEMBER,
        by=people["employer_a"],
    )
    world.objects.update(
        invitation=invitation,
        draft_agreement=draft_agreement,
        organisation=organisation,
        organisation_b=organisation_b,
        listing=listing,
        application=application,
        agreement=agreement,
        case=case,
        refund_claim=RefundClaim.objects.filter(period__decision__case=case).first(),
        whatif=whatif,
        saved_search=saved_search,
        saved_listing=saved_listing,
        notification=notification,
        buddy_match=buddy_match,
        buddy_volunteer=buddy_volunteer,
        buddy_coordination=buddy_coordination,
        caseload_newcomer=people["newcomer_b"],
        suggestion=suggestion,
        introduction=introduction,
        partner_approval=partner_approval,
    )

    # Development plans: newcomer A's in Oslo (no guide); newcomer B's in Bergen, followed by
    # the guide, with B's consent to share.
    NewcomerProfile.objects.filter(user=people["newcomer_a"]).update(kommune_id="0301")
    NewcomerProfile.objects.filter(user=people["newcomer_b"]).update(
        kommune_id="4601", guide=people["guide"]
    )
    consent_give(user=people["newcomer_b"], kind=ConsentKind.GUIDE_SHARING)
    plan = DevelopmentPlan.objects.create(newcomer=people["newcomer_a"], goal_occupation_id="7512")
    plan_b = DevelopmentPlan.objects.create(newcomer=people["newcomer_b"])
    world.objects.update(
        plan=plan,
        plan_b=plan_b,
        plan_newcomer=people["newcomer_a"],
        plan_b_newcomer=people["newcomer_b"],
        plan_step=PlanStep.objects.create(plan=plan, kind="norwegian_course", title="Norskkurs"),
        competence=Competence.objects.create(plan=plan, kind="experience", title="Baker"),
        education=Education.objects.create(plan=plan, level="secondary", title="Skole"),
        plan_note=PlanNote.objects.create(plan=plan, text="Mitt notat"),
        reference_letter=ReferenceLetter.objects.create(
            agreement=agreement,
            signer_name="Kari Nordmann",
            tasks="Baking",
            statement="Flink",
            language="nb",
        ),
    )

    oauth_app = Application.objects.create(
        name="Saksbehandling Oslo",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret="case-system-secret-0123456789",
    )
    case_system = CaseSystemClient.objects.create(
        application=oauth_app, may_decide=True, may_simulate=True
    )
    case_system.kommuner.set(["0301"])
    world.objects["oauth_application"] = oauth_app
    for persona, scope in MACHINE_SCOPES.items():
        token = AccessToken.objects.create(
            application=oauth_app,
            token=secrets.token_urlsafe(24),
            expires=timezone.now() + datetime.timedelta(days=1),
            scope=scope,
        )
        world.tokens[persona] = token.token
    for persona, user in people.items():
        world.sessions[persona] = login(Client(), user).session.session_key or ""
    return world


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """The world, in a transaction of the module's own that is rolled back when it ends (each
    test then runs in a savepoint inside it)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


__all__ = [
    "PERSONAS",
    "JobApplication",
    "Listing",
    "Organisation",
    "SubsidyCase",
    "World",
    "world",
]
