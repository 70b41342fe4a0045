"""Every table that holds data about a person or names a person, with what an export shows of
it and what deleting the account does to it.

tests/privacy/test_registry_covers_every_model.py walks every installed model (allauth's and
oauth-toolkit's included) and fails when one that links to the user model, directly or through
one of the person's rows listed here, is missing: add it here before its data can ship.

Two kinds of link:
- `about_person=True`: the row is the person's data (their application, their notification). The
  export shows it; deleting removes it, anonymises it, or keeps it for the reason given.
- `about_person=False`: the person is only named as the one who did something (who decided, who
  created a listing). Those rows belong to someone else's record and stay attributed by id; the
  export lists them as the person's actions.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class OnDelete(enum.StrEnum):
    REMOVE = "remove"
    ANONYMISE = "anonymise"
    KEEP = "keep"


@dataclass(frozen=True)
class Entry:
    model: str  # "app_label.ModelName"
    person: str  # lookup from a row to the person's id: "user", "application__applicant"
    about_person: bool
    on_delete: OnDelete
    reason: str  # why this is what delete does (for the people who maintain this list)
    section: str = ""  # key of the export; "" when the export leaves the table out (see reason)
    title: StrOrPromise = ""
    fields: tuple[str, ...] = ()  # what the export holds of each row: never secrets
    optional: bool = False  # skipped while the model is not installed

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    @property
    def installed(self) -> bool:
        try:
            apps.get_model(self.model)
        except LookupError:
            return False
        return True

    def rows(self, person_id: int) -> models.QuerySet[Any]:
        """The rows of this table that link to the person."""
        return self.model_class._default_manager.filter(**{self.person: person_id})


_ATTRIBUTION = "Another person's or organisation's record; the person stays named by id only."
_LAW = (
    "Kept until its own retention period ends: subsidy decisions and refund claims must be "
    "kept by law; the name on the account is replaced."
)

ENTRIES: tuple[Entry, ...] = (
    # The account and its login methods.
    Entry(
        "accounts.User",
        "pk",
        True,
        OnDelete.ANONYMISE,
        "Kept with the name replaced, email and phone cleared, the password unusable and the "
        "account inactive: kept records refer to the person by id.",
        "account",
        _("Account"),
        (
            "id",
            "full_name",
            "email",
            "phone",
            "phone_verified",
            "role",
            "language",
            "date_joined",
            "last_login",
            "is_active",
        ),
    ),
    Entry(
        "accounts.User_groups", "user", True, OnDelete.REMOVE, "Admin permission groups.", "", ""
    ),
    Entry(
        "accounts.User_user_permissions",
        "user",
        True,
        OnDelete.REMOVE,
        "Admin permissions.",
    ),
    Entry(
        "accounts.User_kommuner",
        "user",
        True,
        OnDelete.REMOVE,
        "The kommuner a caseworker serves.",
        "kommuner_served",
        _("Kommuner you serve"),
        ("kommune",),
    ),
    Entry(
        "account.EmailAddress",
        "user",
        True,
        OnDelete.REMOVE,
        "A login method.",
        "email_addresses",
        _("Email addresses"),
        ("email", "verified", "primary"),
    ),
    Entry(
        "account.EmailConfirmation",
        "email_address__user",
        True,
        OnDelete.REMOVE,
        "Goes with the email address.",
        "email_confirmations",
        _("Email confirmations sent"),
        ("created", "sent"),
    ),
    Entry(
        "mfa.Authenticator",
        "user",
        True,
        OnDelete.REMOVE,
        "A login method. The export names its type and dates, never its secret.",
        "authenticators",
        _("Two-factor authentication"),
        ("type", "created_at", "last_used_at"),
    ),
    Entry(
        "oauth2_provider.AccessToken",
        "user",
        True,
        OnDelete.REMOVE,
        "Access given to an application. Never the token.",
        "oauth_access_tokens",
        _("Access given to applications"),
        ("application", "scope", "expires", "created"),
    ),
    Entry(
        "oauth2_provider.RefreshToken",
        "user",
        True,
        OnDelete.REMOVE,
        "Goes with the access. Never the token.",
        "oauth_refresh_tokens",
        _("Renewable access given to applications"),
        ("application", "created", "revoked"),
    ),
    Entry(
        "oauth2_provider.Grant",
        "user",
        True,
        OnDelete.REMOVE,
        "Goes with the access. Never the code.",
        "oauth_grants",
        _("Authorisations given to applications"),
        ("application", "scope", "expires", "created"),
    ),
    Entry(
        "oauth2_provider.IDToken",
        "user",
        True,
        OnDelete.REMOVE,
        "Goes with the access.",
        "oauth_id_tokens",
        _("Identity tokens given to applications"),
        ("application", "scope", "expires", "created"),
    ),
    Entry(
        "oauth2_provider.DeviceGrant",
        "user",
        True,
        OnDelete.REMOVE,
        "Goes with the access. Never the codes.",
        "oauth_device_grants",
        _("Devices given access"),
        ("scope", "expires", "status"),
    ),
    Entry(
        "oauth2_provider.Application",
        "user",
        False,
        OnDelete.ANONYMISE,
        "A case system's OAuth2 client an admin registered: it stays, without its owner.",
        "oauth_applications",
        _("Case systems you registered"),
        ("id", "name", "created"),
    ),
    Entry(
        "admin.LogEntry",
        "user",
        False,
        OnDelete.KEEP,
        "The admin's history of changes. " + _ATTRIBUTION,
        "admin_log",
        _("Your changes in the admin"),
        ("action_time", "content_type", "object_id", "action_flag"),
    ),
    Entry(
        "audit.AuditEntry",
        "user_id",
        False,
        OnDelete.KEEP,
        "Append-only by law and by a database trigger; it refers to people by id.",
        "audit_log",
        _("Your actions in the audit log"),
        ("at", "action", "object_type", "object_id", "kommune_id"),
    ),
    # The privacy-notice and guide-sharing consents: the export lists every consent given or
    # withdrawn; deleting removes them (the deletion itself is in the audit log).
    Entry(
        "accounts.Consent",
        "user",
        True,
        OnDelete.REMOVE,
        "What the person agreed to; worthless once the account is gone.",
        "consents",
        _("Consents"),
        (),
        optional=True,
    ),
    # Profiles.
    Entry(
        "accounts.NewcomerProfile",
        "user",
        True,
        OnDelete.REMOVE,
        "The newcomer's kommune and guide.",
        "newcomer_profile",
        _("Newcomer profile"),
        ("kommune", "guide"),
    ),
    Entry(
        "accounts.NewcomerProfile",
        "guide",
        False,
        OnDelete.ANONYMISE,
        "The newcomers a guide follows: the link is cleared, the newcomer's profile stays.",
        "followed_newcomers",
        _("Newcomers you follow"),
        ("user",),
    ),
    Entry(
        "applications.ApplicantProfile",
        "user",
        True,
        OnDelete.REMOVE,
        "What the person tells employers.",
        "applicant_profile",
        _("Applicant profile"),
        ("languages", "norwegian_spoken", "norwegian_written", "experience", "availability"),
    ),
    Entry(
        "subsidies.PersonFacts",
        "person",
        True,
        OnDelete.REMOVE,
        "Removed unless an undecided subsidy case still needs them. The export leaves the "
        "national identity number out: it is never written to a file.",
        "person_facts",
        _("Facts for subsidy cases"),
        (
            "birth_date",
            "permit_kind",
            "permit_granted_on",
            "in_introduction_programme",
            "in_norwegian_tuition",
            "out_of_work_periods",
            "updated_at",
        ),
    ),
    Entry(
        "subsidies.PersonFacts",
        "updated_by",
        False,
        OnDelete.KEEP,
        _ATTRIBUTION,
        "person_facts_updated",
        _("Facts you changed for others"),
        ("updated_at",),
    ),
    # Searching and applying.
    Entry(
        "listings.SavedListing",
        "user",
        True,
        OnDelete.REMOVE,
        "The person's own list.",
        "saved_listings",
        _("Saved listings"),
        ("listing", "created_at"),
    ),
    Entry(
        "listings.SavedSearch",
        "user",
        True,
        OnDelete.REMOVE,
        "The person's own searches.",
        "saved_searches",
        _("Saved searches"),
        ("name", "query", "filters", "created_at"),
    ),
    Entry(
        "listings.Listing",
        "created_by",
        False,
        OnDelete.KEEP,
        "The organisation's listing. " + _ATTRIBUTION,
        "listings_created",
        _("Listings you created"),
        ("id", "organisation", "title", "created_at"),
    ),
    Entry(
        "applications.Application",
        "applicant",
        True,
        OnDelete.ANONYMISE,
        "The employer keeps the row (its number on the listing, 'deleted account') without the "
        "message, profile, answers or interview details.",
        "applications",
        _("Applications"),
        (
            "id",
            "listing",
            "number",
            "status",
            "message",
            "profile_snapshot",
            "interview_at",
            "interview_place",
            "interview_link",
            "rejection_reason",
            "revealed_at",
            "offered_at",
            "submitted_at",
        ),
    ),
    Entry(
        "applications.ScreeningAnswer",
        "application__applicant",
        True,
        OnDelete.REMOVE,
        "The person's answers.",
        "screening_answers",
        _("Answers to screening questions"),
        ("application", "question", "answer"),
    ),
    Entry(
        "applications.ApplicationEvent",
        "application__applicant",
        True,
        OnDelete.ANONYMISE,
        "The steps stay (statuses and times), their notes are cleared.",
        "application_events",
        _("Application timelines"),
        ("application", "from_status", "to_status", "at", "note"),
    ),
    Entry(
        "applications.ApplicationEvent",
        "by",
        False,
        OnDelete.KEEP,
        "Another person's application. " + _ATTRIBUTION,
        "application_steps_taken",
        _("Steps you took on applications"),
        ("application", "to_status", "at"),
    ),
    # Agreements and subsidies.
    Entry(
        "placements.PlacementAgreement",
        "newcomer",
        True,
        OnDelete.KEEP,
        "Kept while running or tied to a subsidy decision (name replaced); removed otherwise.",
        "agreements",
        _("Placement agreements"),
        (
            "id",
            "organisation",
            "kommune",
            "kind",
            "start_date",
            "end_date",
            "hours_per_week",
            "tuition_hours_per_week",
            "monthly_wage_nok",
            "position_percent",
            "supervisor_name",
            "supervisor_phone",
            "goals",
            "status",
            "version",
            "newcomer_approved_at",
            "employer_approved_at",
            "veileder_approved_at",
            "on_behalf_reason",
            "cancelled_reason",
            "created_at",
        ),
    ),
    *(
        Entry(
            "placements.PlacementAgreement",
            field,
            False,
            OnDelete.KEEP,
            "The agreement's approvals. " + _ATTRIBUTION,
            f"agreements_{field}",
            title,
            ("id", "status"),
        )
        for field, title in (
            ("newcomer_approved_by", _("Agreements you approved for a newcomer")),
            ("employer_approved_by", _("Agreements you approved for an employer")),
            ("veileder_approved_by", _("Agreements you approved as veileder")),
        )
    ),
    Entry(
        "placements.AgreementEvent",
        "agreement__newcomer",
        True,
        OnDelete.KEEP,
        "Goes with its agreement: kept or removed with it.",
        "agreement_events",
        _("Agreement timelines"),
        ("agreement", "at", "action", "note", "changed_fields", "version"),
    ),
    Entry(
        "placements.AgreementEvent",
        "by",
        False,
        OnDelete.KEEP,
        "Another person's agreement. " + _ATTRIBUTION,
        "agreement_steps_taken",
        _("Steps you took on agreements"),
        ("agreement", "action", "at"),
    ),
    # The development plan and the competence mapping: the newcomer's own, removed with them.
    Entry(
        "plans.DevelopmentPlan",
        "newcomer",
        True,
        OnDelete.REMOVE,
        "The person's own plan; removed with its steps, notes and competence mapping.",
        "development_plan",
        _("Development plan"),
        (
            "id",
            "goal_kind",
            "goal_occupation",
            "goal_education",
            "norwegian_spoken_now",
            "norwegian_written_now",
            "norwegian_spoken_target",
            "norwegian_written_target",
            "created_at",
            "updated_at",
        ),
    ),
    Entry(
        "plans.PlanStep",
        "plan__newcomer",
        True,
        OnDelete.REMOVE,
        "Goes with the plan.",
        "plan_steps",
        _("Steps in your plan"),
        (
            "plan",
            "kind",
            "title",
            "details",
            "owner",
            "start_date",
            "due_date",
            "status",
            "completed_on",
            "agreement",
        ),
    ),
    Entry(
        "plans.PlanNote",
        "plan__newcomer",
        True,
        OnDelete.REMOVE,
        "The person's own notes; go with the plan.",
        "plan_notes",
        _("Your notes in the plan"),
        ("plan", "step", "text", "created_at", "updated_at"),
    ),
    Entry(
        "plans.Competence",
        "plan__newcomer",
        True,
        OnDelete.REMOVE,
        "Goes with the plan.",
        "competences",
        _("Skills and experience"),
        ("plan", "kind", "title", "description", "occupation", "years", "source", "verified_at"),
    ),
    Entry(
        "plans.Education",
        "plan__newcomer",
        True,
        OnDelete.REMOVE,
        "Goes with the plan.",
        "educations",
        _("Education"),
        (
            "plan",
            "level",
            "title",
            "country",
            "completed_year",
            "recognition_status",
            "recognition_note",
            "source",
        ),
    ),
    Entry(
        "plans.PlacementEvaluation",
        "agreement__newcomer",
        True,
        OnDelete.REMOVE,
        "Evaluations of the person's placement, by every party: removed with the person.",
        "placement_evaluations",
        _("Evaluations of your placements"),
        ("agreement", "party", "rating", "text", "created_at"),
    ),
    Entry(
        "plans.ReferenceLetter",
        "agreement__newcomer",
        True,
        OnDelete.REMOVE,
        "The person's reference letter: removed with the person (they download it first).",
        "reference_letters",
        _("Reference letters"),
        (
            "agreement",
            "signer_name",
            "signer_title",
            "tasks",
            "statement",
            "statement_translated",
            "language",
            "issued_at",
        ),
    ),
    *(
        Entry(
            model,
            field,
            False,
            OnDelete.KEEP,
            "Another person's plan or placement. " + _ATTRIBUTION,
            section,
            title,
            ("id",),
        )
        for model, field, section, title in (
            ("plans.DevelopmentPlan", "updated_by", "plans_changed", _("Plans you changed")),
            ("plans.PlanStep", "updated_by", "plan_steps_changed", _("Plan steps you changed")),
            (
                "plans.Competence",
                "recorded_by",
                "competences_recorded",
                _("Competences you recorded"),
            ),
            (
                "plans.Competence",
                "verified_by",
                "competences_verified",
                _("Competences you verified"),
            ),
            (
                "plans.Education",
                "recorded_by",
                "educations_recorded",
                _("Educations you recorded"),
            ),
            (
                "plans.PlacementEvaluation",
                "author",
                "evaluations_written",
                _("Evaluations you wrote"),
            ),
            (
                "plans.ReferenceLetter",
                "issued_by",
                "reference_letters_issued",
                _("Reference letters you issued"),
            ),
        )
    ),
    Entry(
        "subsidies.SubsidyCase",
        "newcomer",
        True,
        OnDelete.KEEP,
        _LAW + " An undecided case of an agreement that is removed goes with it.",
        "subsidy_cases",
        _("Subsidy cases"),
        ("id", "agreement", "scheme", "status", "application_date", "opened_at"),
    ),
    Entry(
        "subsidies.EligibilityResult",
        "case__newcomer",
        True,
        OnDelete.KEEP,
        _LAW,
        "eligibility_results",
        _("Eligibility results"),
        ("case", "rule_set", "eligible", "manual_review", "monthly_amount_nok", "computed_at"),
    ),
    Entry(
        "subsidies.ComputeRequest",
        "case__newcomer",
        True,
        OnDelete.KEEP,
        "A pending eligibility computation of the case, with no data of the person's own, so the "
        "export leaves it out. Goes with its case, and is removed when the computation has run.",
    ),
    Entry(
        "subsidies.Recommendation",
        "case__newcomer",
        True,
        OnDelete.KEEP,
        _LAW,
        "recommendations",
        _("Recommendations in your subsidy cases"),
        ("case", "outcome", "note", "at"),
    ),
    Entry(
        "subsidies.Recommendation",
        "by",
        False,
        OnDelete.KEEP,
        _LAW + " " + _ATTRIBUTION,
        "recommendations_made",
        _("Recommendations you made"),
        ("case", "outcome", "at"),
    ),
    Entry(
        "subsidies.Decision",
        "case__newcomer",
        True,
        OnDelete.KEEP,
        _LAW,
        "decisions",
        _("Decisions in your subsidy cases"),
        ("case", "outcome", "reason", "reason_text", "at"),
    ),
    Entry(
        "subsidies.Decision",
        "by",
        False,
        OnDelete.KEEP,
        _LAW + " " + _ATTRIBUTION,
        "decisions_made",
        _("Decisions you made"),
        ("case", "outcome", "at"),
    ),
    Entry(
        "subsidies.DecisionPeriod",
        "decision__case__newcomer",
        True,
        OnDelete.KEEP,
        _LAW,
        "decision_periods",
        _("Subsidy periods"),
        ("decision", "number", "start", "end", "monthly_amount_nok", "max_amount_nok"),
    ),
    Entry(
        "subsidies.RefundClaim",
        "case__newcomer",
        True,
        OnDelete.KEEP,
        _LAW,
        "refund_claims",
        _("Refund claims"),
        ("case", "status", "due_date", "reported_wage_nok", "amount_nok", "reported_at"),
    ),
    Entry(
        "subsidies.RefundClaim",
        "reported_by",
        False,
        OnDelete.KEEP,
        _LAW + " " + _ATTRIBUTION,
        "refund_claims_reported",
        _("Refund claims you reported"),
        ("case", "reported_at"),
    ),
    Entry(
        "subsidies.CaseEvent",
        "case__newcomer",
        True,
        OnDelete.KEEP,
        "The case systems' feed of a kept case: ids and kinds, no names.",
        "subsidy_case_events",
        _("Subsidy case events"),
        ("case", "kind", "at"),
    ),
    Entry(
        "subsidies.WhatIfRun",
        "created_by",
        False,
        OnDelete.KEEP,
        "A simulation over many cases. " + _ATTRIBUTION,
        "what_if_runs",
        _("Simulations you ran"),
        ("id", "status", "created_at"),
    ),
    # Organisations.
    Entry(
        "organisations.Membership",
        "user",
        True,
        OnDelete.REMOVE,
        "The person leaves their organisations.",
        "memberships",
        _("Organisations you belong to"),
        ("organisation", "rights", "created_at"),
    ),
    Entry(
        "organisations.Organisation",
        "verified_by",
        False,
        OnDelete.KEEP,
        "The organisation's record. " + _ATTRIBUTION,
        "organisations_verified",
        _("Organisations you verified"),
        ("id", "verified_at"),
    ),
    Entry(
        "organisations.Invitation",
        "invited_by",
        False,
        OnDelete.KEEP,
        "The organisation's record. " + _ATTRIBUTION,
        "invitations_sent",
        _("Invitations you sent"),
        ("organisation", "rights", "created_at"),
    ),
    Entry(
        "organisations.Invitation",
        "accepted_by",
        False,
        OnDelete.KEEP,
        "The organisation's record. " + _ATTRIBUTION,
        "invitations_accepted",
        _("Invitations you accepted"),
        ("organisation", "accepted_at"),
    ),
    # Notifications.
    Entry(
        "notifications.Notification",
        "recipient",
        True,
        OnDelete.REMOVE,
        "Messages to the person.",
        "notifications",
        _("Notifications"),
        ("channel", "kind", "status", "link_path", "due_at", "sent_at", "read_at", "created_at"),
    ),
    Entry(
        "notifications.NotificationPreference",
        "user",
        True,
        OnDelete.REMOVE,
        "The person's choices.",
        "notification_preferences",
        _("Notification preferences"),
        ("category", "email", "sms", "in_app", "updated_at"),
    ),
    # Buddy matching (buddies.services.buddy_data_delete does what these say).
    Entry(
        "buddies.Volunteer",
        "user",
        True,
        OnDelete.REMOVE,
        "The person's sign-up as a buddy.",
        "buddy_volunteer",
        _("Your sign-up as a buddy"),
        ("languages", "interests", "kommune", "bydel", "availability", "status", "created_at"),
    ),
    Entry(
        "buddies.Volunteer",
        "decided_by",
        False,
        OnDelete.KEEP,
        "Another person's sign-up. " + _ATTRIBUTION,
        "buddy_volunteers_decided",
        _("Volunteers you approved or did not approve"),
        ("user", "status", "decided_at"),
    ),
    Entry(
        "buddies.BuddyRequest",
        "user",
        True,
        OnDelete.REMOVE,
        "The newcomer's own request for a buddy.",
        "buddy_request",
        _("Your request for a buddy"),
        ("languages", "interests", "kommune", "bydel", "availability", "active", "created_at"),
    ),
    Entry(
        "buddies.BuddyCoordinator",
        "user",
        True,
        OnDelete.REMOVE,
        "The person's appointments as a coordinator.",
        "buddy_coordinations",
        _("Kommuner where you coordinate buddies"),
        ("kommune", "organisation_name", "appointed_at"),
    ),
    Entry(
        "buddies.BuddyCoordinator",
        "appointed_by",
        False,
        OnDelete.KEEP,
        "Another person's appointment. " + _ATTRIBUTION,
        "buddy_coordinators_appointed",
        _("Coordinators you appointed"),
        ("user", "kommune", "appointed_at"),
    ),
    *(
        Entry(
            "buddies.BuddyMatch",
            side,
            True,
            OnDelete.REMOVE,
            "A match the person was in; the other side is told when an open one ends this way.",
            f"buddy_matches_as_{side}",
            title,
            (
                "id",
                side,
                "status",
                "kommune",
                "proposed_at",
                f"{side}_accepted_at",
                f"{side}_shares",
                "started_at",
                "horizon_on",
                "ended_at",
                "end_reason",
            ),
        )
        for side, title in (
            ("volunteer", _("Your buddy matches as a volunteer")),
            ("newcomer", _("Your buddy matches")),
        )
    ),
    *(
        Entry(
            "buddies.BuddyMatch",
            step,
            False,
            OnDelete.KEEP,
            "Another pair's match. " + _ATTRIBUTION,
        )
        for step in ("proposed_by", "declined_by", "ended_by")
    ),
    *(
        Entry(
            "buddies.BuddyCheckIn",
            f"match__{side}",
            True,
            OnDelete.REMOVE,
            "The check-ins of the person's match go with the match.",
            f"buddy_checkins_as_{side}",
            _("Check-ins of your buddy matches"),
            ("match", "author_role", "happened_on", "note"),
        )
        for side in ("volunteer", "newcomer")
    ),
    Entry(
        "buddies.BuddyCheckIn",
        "author",
        True,
        OnDelete.ANONYMISE,
        "Check-ins the person wrote on other pairs' matches (as their coordinator) stay with "
        "the author cleared; those on their own matches go with the match.",
        "buddy_checkins_written",
        _("Check-ins you wrote"),
        ("match", "author_role", "happened_on", "note"),
    ),
    # Establishment guides.
    Entry(
        "organisations.PartnerApproval",
        "approved_by",
        False,
        OnDelete.KEEP,
        "The kommune's record of its guide partners. " + _ATTRIBUTION,
        "partner_approvals_given",
        _("Guide partners you approved"),
        ("organisation", "kommune", "approved_at"),
    ),
    Entry(
        "organisations.PartnerApproval",
        "revoked_by",
        False,
        OnDelete.KEEP,
        "The kommune's record of its guide partners. " + _ATTRIBUTION,
        "partner_approvals_revoked",
        _("Guide partner approvals you ended"),
        ("organisation", "kommune", "revoked_at"),
    ),
    Entry(
        "guidance.GuideAssignment",
        "newcomer",
        True,
        OnDelete.REMOVE,
        "Who followed the person when; worthless once the account is gone.",
        "guide_assignments",
        _("Your establishment guides"),
        ("guide", "previous_guide", "at"),
    ),
    *(
        Entry(
            "guidance.GuideAssignment",
            person,
            False,
            OnDelete.KEEP,
            "Another person's record. " + _ATTRIBUTION,
            section,
            title,
            ("newcomer", "at"),
        )
        for person, section, title in (
            ("guide", "guide_assignments_received", _("Newcomers given to you")),
            ("previous_guide", "guide_assignments_handed_on", _("Newcomers handed on from you")),
            ("by", "guide_assignments_made", _("Guide assignments you made")),
        )
    ),
    Entry(
        "guidance.Contact",
        "newcomer",
        True,
        OnDelete.REMOVE,
        "The guide's log of meetings and contacts with the person.",
        "guide_contacts",
        _("Meetings and contacts with your guide"),
        ("date", "kind", "note", "created_at"),
    ),
    Entry(
        "guidance.Contact",
        "by",
        False,
        OnDelete.KEEP,
        "Another person's record. " + _ATTRIBUTION,
        "guide_contacts_logged",
        _("Contacts you logged as a guide"),
        ("newcomer", "date", "kind"),
    ),
    Entry(
        "guidance.Suggestion",
        "newcomer",
        True,
        OnDelete.REMOVE,
        "Listings suggested to the person.",
        "guide_suggestions",
        _("Places your guide suggested"),
        ("listing", "note", "created_at", "withdrawn_at"),
    ),
    Entry(
        "guidance.Suggestion",
        "by",
        False,
        OnDelete.KEEP,
        "Another person's record. " + _ATTRIBUTION,
        "guide_suggestions_made",
        _("Places you suggested as a guide"),
        ("newcomer", "listing", "created_at"),
    ),
    Entry(
        "guidance.Introduction",
        "newcomer",
        True,
        OnDelete.REMOVE,
        "Introductions of the person to employers; the employer no longer sees them.",
        "guide_introductions",
        _("Introductions to employers"),
        ("organisation", "listing", "note", "status", "created_at", "answered_at"),
    ),
    *(
        Entry(
            "guidance.Introduction",
            person,
            False,
            OnDelete.KEEP,
            "Another person's record. " + _ATTRIBUTION,
            section,
            title,
            ("newcomer", "organisation", "created_at"),
        )
        for person, section, title in (
            ("by", "guide_introductions_made", _("Introductions you made as a guide")),
            ("answered_by", "guide_introductions_answered", _("Introductions you answered")),
        )
    ),
    Entry(
        "guidance.GuideMessage",
        "newcomer",
        True,
        OnDelete.REMOVE,
        "The person's thread with their guide, both sides of it.",
        "guide_messages",
        _("Messages with your guide"),
        ("sender", "body", "sent_at", "read_at"),
    ),
    Entry(
        "guidance.GuideMessage",
        "sender",
        False,
        OnDelete.KEEP,
        "A message in a newcomer's thread, which is theirs. " + _ATTRIBUTION,
        "guide_messages_sent",
        _("Messages you sent as a guide"),
        ("newcomer", "sent_at"),
    ),
    # This app.
    Entry(
        "privacy.AccountDeletion",
        "user",
        True,
        OnDelete.KEEP,
        "Says that the account was deleted: written by the deletion itself.",
    ),
)


def entries() -> list[Entry]:
    """The entries of the installed models."""
    return [entry for entry in ENTRIES if not entry.optional or entry.installed]


def exported_entries() -> list[Entry]:
    return [entry for entry in entries() if entry.section]
