"""Who may use which route: one row per route (or per method, where they differ).

Each row: the route's name (or, for a route without one, its pattern; `*` matches many), the
methods it takes, the world object whose pk goes into <pk> (tests/security/world.py), and the
outcome per persona: allow, input (let through, refused on the body or state), login, deny or
hidden; personas not named get `rest`. `only` limits the check to a few personas, for a route
that is the same for everyone and costly to answer. Outcome classes: tests/security/access.py.
A kwarg written `@name` takes the pk of the world's object `name`.

A new route needs a row here before the suite passes.
"""

from __future__ import annotations

from tests.security.access import ALLOW, DENY, HIDDEN, INPUT, LOGIN, NOT_SIGNED_IN, Row, row
from tests.security.world import MACHINES

DEVICE = {"client_id": "no-such-client", "user_code": "no-such-code"}
ADMIN = {"allow": "platform_admin", "rest": LOGIN}
READ_ONLY = {"deny": "platform_admin", "rest": LOGIN}
ADMIN_LOGIN = {"allow": "platform_admin", "login": NOT_SIGNED_IN, "rest": DENY}
INVITATION = {"invitation_pk": "@invitation"}
# A row of one owner's that its counterpart is not shown (404), asking whoever is not signed in
# to log in: on the API the anonymous persona (a token gets its own answer), on a page everyone
# without a session.
NOT_EMPLOYER_B = {"hidden": "employer_b", "login": "anonymous"}
NOT_EMPLOYER_B_PAGE = {"hidden": "employer_b", "login": NOT_SIGNED_IN}
NOT_NEWCOMER_B = {"hidden": "newcomer_b", "login": "anonymous"}
NOT_NEWCOMER_B_PAGE = {"hidden": "newcomer_b", "login": NOT_SIGNED_IN}
NOT_BERGEN = {"hidden": "veileder_bergen", "login": "anonymous"}
# Buddies: who is shown the proposed match of the volunteer persona with newcomer A (Oslo): the
# two of them and Oslo's coordinators (the appointed one and the veileder); others of the roles
# that have buddy pages get a 404, the rest a 403.
BUDDY_MATCH_SEEN = "newcomer_a volunteer veileder_oslo coordinator"
BUDDY_MATCH_HIDDEN = "newcomer_b guide veileder_bergen"
BUDDY_PAIR = "newcomer_a volunteer"
BUDDY_OSLO = "veileder_oslo coordinator"
BUDDY_COORDINATORS = "veileder_oslo veileder_bergen coordinator"
BUDDY_ROLES = "newcomer_a newcomer_b guide veileder_oslo veileder_bergen volunteer coordinator"
# Who is not shown the Oslo agreement of newcomer A with employer A.
AGREEMENT_OUTSIDERS = "newcomer_b employer_b guide veileder_bergen volunteer coordinator"
# Agreements are not part of a volunteer buddy's account: the API refuses the role.
NOT_VOLUNTEER = (*MACHINES, "volunteer")
VEILEDERE = "veileder_oslo veileder_bergen"
# The guide's lists about one newcomer of their caseload (GET lists, POST adds).
GUIDE_LISTS = (
    "api-guide-contact-list",
    "api-guide-suggestion-list",
    "api-guide-introduction-list",
    "api-guide-message-list",
)
# Who reads and edits development plans (each within their scope).
PLAN_STAFF = "guide veileder_oslo veileder_bergen"
PLAN_READERS = "newcomer_a newcomer_b " + PLAN_STAFF
# Who is not shown newcomer A's plan (Oslo, no guide), on the API.
NOT_PLAN_A = {"hidden": "newcomer_b guide veileder_bergen", "login": "anonymous"}
NOT_PLAN_A_STAFF = {"hidden": "guide veileder_bergen", "login": "anonymous"}

ROWS: list[Row] = [
    # The admin site lets platform admins in and sends everyone else to its login page.
    row("admin:password_change", "GET POST", **ADMIN),
    row("admin:password_change_done", "GET", **ADMIN),
    row("admin:autocomplete", "GET", deny="platform_admin", rest=LOGIN),
    row("admin:jsi18n", "GET", **ADMIN),
    row(
        "admin:view_on_site",
        "GET",
        kwargs={"content_type_id": "0", "object_id": "0"},
        hidden="platform_admin",
        rest=LOGIN,
    ),
    row("admin:app_list", "GET", kwargs={"app_label": "listings"}, **ADMIN),
    row("admin:auth_user_password_change", "GET POST", **ADMIN),
    row("admin:*_changelist", "GET", **ADMIN),
    row("admin:*_history", "GET", **ADMIN),
    row("admin:*_add", "GET POST", **ADMIN),
    row("admin:*_change", "GET POST", **ADMIN),
    row("admin:*_delete", "GET POST", **ADMIN),
    # Read-only in the admin: platform admins may look, not add, change or delete.
    # Accounts are deleted through the admin action calling privacy.services.account_delete,
    # not through the admin's own delete view.
    row("admin:accounts_user_delete", "GET POST", **READ_ONLY),
    row("admin:applications_application_add", "GET POST", **READ_ONLY),
    row("admin:applications_application_change", "POST", **READ_ONLY),
    row("admin:applications_application_change", "GET", **ADMIN),
    row("admin:notifications_notification_add", "GET POST", **READ_ONLY),
    row("admin:notifications_notification_change", "POST", **READ_ONLY),
    row("admin:notifications_notification_change", "GET", **ADMIN),
    row("admin:mfa_authenticator_add", "GET POST", **READ_ONLY),
    row("admin:oauth2_provider_accesstoken_add", "GET POST", **READ_ONLY),
    row("admin:oauth2_provider_accesstoken_delete", "GET POST", **READ_ONLY),
    row("admin:oauth2_provider_grant_add", "GET POST", **READ_ONLY),
    row("admin:oauth2_provider_idtoken_add", "GET POST", **READ_ONLY),
    row("admin:oauth2_provider_refreshtoken_add", "GET POST", **READ_ONLY),
    row("admin:oauth2_provider_refreshtoken_delete", "GET POST", **READ_ONLY),
    row("admin:placements_placementagreement_add", "GET POST", **READ_ONLY),
    row("admin:placements_placementagreement_change", "POST", **READ_ONLY),
    row("admin:placements_placementagreement_change", "GET", **ADMIN),
    row("admin:placements_placementagreement_delete", "GET POST", **READ_ONLY),
    row("admin:subsidies_decision_add", "GET POST", **READ_ONLY),
    row("admin:subsidies_decision_change", "POST", **READ_ONLY),
    row("admin:subsidies_decision_change", "GET", **ADMIN),
    row("admin:subsidies_decision_delete", "GET POST", **READ_ONLY),
    row("admin:subsidies_refundclaim_add", "GET POST", **READ_ONLY),
    row("admin:subsidies_refundclaim_change", "POST", **READ_ONLY),
    row("admin:subsidies_refundclaim_change", "GET", **ADMIN),
    row("admin:subsidies_refundclaim_delete", "GET POST", **READ_ONLY),
    row("admin:subsidies_subsidycase_add", "GET POST", **READ_ONLY),
    row("admin:subsidies_subsidycase_change", "POST", **READ_ONLY),
    row("admin:subsidies_subsidycase_change", "GET", **ADMIN),
    row("admin:subsidies_subsidycase_delete", "GET POST", **READ_ONLY),
    row("admin:subsidies_whatifrun_add", "GET POST", **READ_ONLY),
    row("admin:subsidies_whatifrun_change", "POST", **READ_ONLY),
    row("admin:subsidies_whatifrun_change", "GET", **ADMIN),
    row("admin:subsidies_whatifrun_delete", "GET POST", **READ_ONLY),
    row("admin:audit_auditentry_add", "GET POST", **READ_ONLY),
    row("admin:audit_auditentry_change", "POST", **READ_ONLY),
    row("admin:audit_auditentry_change", "GET", **ADMIN),
    row("admin:audit_auditentry_delete", "GET POST", **READ_ONLY),
    row("admin/*/<path:object_id>/", "GET", path="/admin/listings/listing/0/", **ADMIN),
    row(
        "admin/(?P<url>.*)$",
        "GET",
        path="/admin/no-such-page/",
        hidden="platform_admin",
        rest=LOGIN,
    ),
    row("healthz", "GET", rest=ALLOW),
    row("healthz-live", "GET", rest=ALLOW),
    # Only the operators' scraper, with the METRICS_TOKEN bearer no persona has.
    row("metrics", "GET", rest=HIDDEN),
    row("admin:index", "GET POST", allow="platform_admin", rest=LOGIN),
    # The admin's login and logout are allauth's: its login page, the second factor included.
    row("admin_login", "GET POST", **ADMIN_LOGIN),
    row("admin:login", "GET POST", **ADMIN_LOGIN),
    row("admin_logout", "GET POST", rest=ALLOW),
    row("admin:logout", "GET POST", rest=ALLOW),
    row("account_signup_phone", "GET POST", rest=ALLOW),
    row("account_login", "GET POST", rest=ALLOW),
    row("account_logout", "GET POST", rest=ALLOW),
    row("account_inactive", "GET", rest=ALLOW),
    row("account_signup", "GET POST", rest=ALLOW),
    row("account_reauthenticate", "GET POST", login=NOT_SIGNED_IN, rest=ALLOW),
    row("account_email", "GET POST", login=NOT_SIGNED_IN, rest=ALLOW),
    row("account_email_verification_sent", "GET POST", login=NOT_SIGNED_IN, rest=ALLOW),
    row("account_change_password", "GET POST", login=NOT_SIGNED_IN, rest=ALLOW),
    row("account_set_password", "GET POST", login=NOT_SIGNED_IN, rest=ALLOW),
    row("account_reset_password", "GET POST", rest=ALLOW),
    row("account_confirm_login_code", "GET POST", login=NOT_SIGNED_IN, rest=ALLOW),
    row("account_reset_password_from_key_done", "GET", rest=ALLOW),
    row(
        "account_reset_password_from_key",
        "GET POST",
        kwargs={"uidb36": "0", "key": "no-such-key"},
        rest=ALLOW,
    ),
    row("account_reset_password_done", "GET", rest=ALLOW),
    row("account_request_login_code", "GET POST", rest=ALLOW),
    row("mfa_index", "GET", login=NOT_SIGNED_IN, rest=ALLOW),
    row("mfa_authenticate", "GET POST", login=NOT_SIGNED_IN, rest=ALLOW),
    row("mfa_reauthenticate", "GET POST", login=NOT_SIGNED_IN, rest=ALLOW),
    row("mfa_activate_totp", "GET POST", login=NOT_SIGNED_IN, rest=ALLOW),
    row(
        "mfa_deactivate_totp",
        "GET POST",
        allow="employer_a employer_b guide veileder_oslo beslutter_oslo veileder_bergen "
        "platform_admin volunteer coordinator",
        login=NOT_SIGNED_IN,
        rest=HIDDEN,
    ),
    row("mfa_view_recovery_codes", "GET", login=NOT_SIGNED_IN, rest=HIDDEN),
    row("mfa_generate_recovery_codes", "GET POST", login=NOT_SIGNED_IN, rest=ALLOW),
    row("mfa_download_recovery_codes", "GET POST", login=NOT_SIGNED_IN, rest=HIDDEN),
    row("set_language", "POST", rest=ALLOW),
    row("oauth2_provider:token", "POST", rest=INPUT),
    row("oauth2_provider:revoke-token", "POST", rest=INPUT),
    row("oauth2_provider:introspect", "GET POST"),
    row(
        "api-organisation-list",
        "GET",
        allow="employer_a employer_b platform_admin",
        login="anonymous",
    ),
    row(
        "api-organisation-list",
        "POST",
        input="employer_a employer_b platform_admin",
        login="anonymous",
    ),
    row(
        "api-organisation-detail",
        "GET",
        "organisation",
        allow="employer_a platform_admin",
        **NOT_EMPLOYER_B,
    ),
    row("api-invitation-list", "GET", "organisation", allow="employer_a", **NOT_EMPLOYER_B),
    row("api-invitation-list", "POST", "organisation", input="employer_a", **NOT_EMPLOYER_B),
    row(
        "api-invitation-detail",
        "DELETE",
        "organisation",
        kwargs=INVITATION,
        allow="employer_a",
        **NOT_EMPLOYER_B,
    ),
    row("api-invitation-accept", "POST", login="anonymous", deny=MACHINES, rest=INPUT),
    # Eligibility pre-checks: one record for caseworkers (and employers for their own
    # organisation: refused for the world's other orgnr); a list of up to 1000 for beslutters,
    # platform admins and case systems with `subsidies:simulate` (veiledere get 403 on a list).
    row(
        "api-eligibility-simulate",
        "POST",
        input="veileder_oslo beslutter_oslo veileder_bergen platform_admin oauth_simulate",
        login="anonymous",
    ),
    row(
        "api-subsidy-case-list",
        "GET",
        allow="veileder_oslo beslutter_oslo veileder_bergen oauth_read",
        login="anonymous",
    ),
    row(
        "api-subsidy-case-detail",
        "GET",
        "case",
        allow="veileder_oslo beslutter_oslo oauth_read",
        **NOT_BERGEN,
    ),
    row(
        "api-subsidy-case-facts",
        "PATCH",
        "case",
        input="veileder_oslo beslutter_oslo oauth_decide",
        **NOT_BERGEN,
    ),
    row(
        "api-subsidy-case-person-facts",
        "GET",
        "case",
        allow="veileder_oslo beslutter_oslo oauth_read",
        **NOT_BERGEN,
    ),
    row(
        "api-subsidy-case-person-facts",
        "PUT",
        "case",
        input="veileder_oslo beslutter_oslo oauth_decide",
        **NOT_BERGEN,
    ),
    row(
        "api-subsidy-case-recommend",
        "POST",
        "case",
        input="veileder_oslo beslutter_oslo oauth_decide",
        **NOT_BERGEN,
    ),
    row(
        "api-subsidy-case-approve",
        "POST",
        "case",
        input="beslutter_oslo oauth_decide",
        **NOT_BERGEN,
    ),
    row(
        "api-subsidy-case-reject",
        "POST",
        "case",
        input="veileder_oslo beslutter_oslo oauth_decide",
        **NOT_BERGEN,
    ),
    row(
        "api-casework-agreement-list",
        "GET",
        allow="veileder_oslo beslutter_oslo veileder_bergen oauth_read",
        login="anonymous",
    ),
    row(
        "api-casework-agreement-detail",
        "GET",
        "agreement",
        allow="veileder_oslo beslutter_oslo oauth_read",
        **NOT_BERGEN,
    ),
    row(
        "api-refund-claim-list",
        "GET",
        allow="employer_a employer_b veileder_oslo beslutter_oslo veileder_bergen oauth_read",
        login="anonymous",
    ),
    row(
        "api-refund-claim-detail",
        "GET",
        "refund_claim",
        allow="employer_a veileder_oslo beslutter_oslo oauth_read",
        login="anonymous",
        hidden="employer_b veileder_bergen",
    ),
    row("api-refund-claim-report", "POST", "refund_claim", input="employer_a", **NOT_EMPLOYER_B),
    row(
        "api-case-events",
        "GET",
        allow="veileder_oslo beslutter_oslo veileder_bergen oauth_read",
        login="anonymous",
    ),
    # What-if runs: beslutters, platform admins and case systems with `subsidies:simulate` (no
    # persona's token has that scope); veiledere and the other tokens are refused.
    row(
        "api-whatif-create",
        "POST",
        input="beslutter_oslo platform_admin oauth_simulate",
        login="anonymous",
    ),
    row(
        "api-whatif-detail",
        "GET",
        "whatif",
        allow="platform_admin",
        login="anonymous",
        hidden="beslutter_oslo oauth_simulate",
    ),
    row("api-listing-list", "GET", rest=ALLOW),
    row("api-listing-list", "POST", input="employer_a employer_b", login="anonymous"),
    row("api-listing-detail", "GET", "listing", rest=ALLOW),
    row("api-listing-detail", "PATCH", "listing", allow="employer_a", **NOT_EMPLOYER_B),
    row("api-listing-publish", "POST", "listing", input="employer_a", **NOT_EMPLOYER_B),
    row("api-listing-close", "POST", "listing", allow="employer_a", **NOT_EMPLOYER_B),
    row("api-listing-fill", "POST", "listing", allow="employer_a", **NOT_EMPLOYER_B),
    row("api-organisation-listings", "GET", "organisation", allow="employer_a", **NOT_EMPLOYER_B),
    row("api-saved-listing-list", "GET", allow="newcomer_a newcomer_b", login="anonymous"),
    row("api-saved-listing-list", "POST", input="newcomer_a newcomer_b", login="anonymous"),
    row(
        "api-saved-listing-detail", "DELETE", "saved_listing", allow="newcomer_a", **NOT_NEWCOMER_B
    ),
    row("api-saved-search-list", "GET", allow="newcomer_a newcomer_b", login="anonymous"),
    row("api-saved-search-list", "POST", input="newcomer_a newcomer_b", login="anonymous"),
    row("api-saved-search-detail", "DELETE", "saved_search", allow="newcomer_a", **NOT_NEWCOMER_B),
    row(
        "api-listing-applications",
        "POST",
        "listing",
        allow="newcomer_b",
        input="newcomer_a",
        login="anonymous",
    ),
    row("api-listing-applications", "GET", "listing", allow="employer_a", **NOT_EMPLOYER_B),
    row("api-application-list", "GET", allow="newcomer_a newcomer_b", login="anonymous"),
    row("api-applicant-profile", "GET PATCH PUT", allow="newcomer_a newcomer_b", login="anonymous"),
    row(
        "api-application-detail",
        "GET",
        "application",
        allow="newcomer_a employer_a",
        login="anonymous",
        hidden="newcomer_b employer_b guide coordinator",
    ),
    row("api-application-review", "POST", "application", allow="employer_a", **NOT_EMPLOYER_B),
    row("api-application-interview", "POST", "application", input="employer_a", **NOT_EMPLOYER_B),
    row("api-application-offer", "POST", "application", input="employer_a", **NOT_EMPLOYER_B),
    row("api-application-reject", "POST", "application", input="employer_a", **NOT_EMPLOYER_B),
    row("api-application-withdraw", "POST", "application", allow="newcomer_a", **NOT_NEWCOMER_B),
    row("api-application-accept", "POST", "application", input="newcomer_a", **NOT_NEWCOMER_B),
    row("api-agreement-list", "GET", login="anonymous", deny=NOT_VOLUNTEER, rest=ALLOW),
    row(
        "api-agreement-detail",
        "GET",
        "agreement",
        login="anonymous",
        deny=NOT_VOLUNTEER,
        hidden=AGREEMENT_OUTSIDERS,
        rest=ALLOW,
    ),
    row(
        "api-agreement-detail",
        "PATCH",
        "agreement",
        allow="employer_a veileder_oslo",
        login="anonymous",
        hidden="employer_b veileder_bergen",
    ),
    row(
        "api-agreement-events",
        "GET",
        "agreement",
        login="anonymous",
        deny=NOT_VOLUNTEER,
        hidden=AGREEMENT_OUTSIDERS,
        rest=ALLOW,
    ),
    row(
        "api-agreement-submit",
        "POST",
        "agreement",
        input="employer_a veileder_oslo",
        login="anonymous",
        hidden="employer_b veileder_bergen",
    ),
    row(
        "api-agreement-approve",
        "POST",
        "agreement",
        input="newcomer_a employer_a veileder_oslo",
        login="anonymous",
        hidden="newcomer_b employer_b veileder_bergen",
    ),
    row(
        "api-agreement-cancel",
        "POST",
        "agreement",
        input="newcomer_a employer_a veileder_oslo",
        login="anonymous",
        hidden="newcomer_b employer_b veileder_bergen",
    ),
    row("api-agreement-start", "POST", "agreement", allow="veileder_oslo", **NOT_BERGEN),
    row("api-agreement-end", "POST", "agreement", input="veileder_oslo", **NOT_BERGEN),
    # Establishment guides: the guide's caseload pages, the newcomer's "my guide", the
    # veileder's assignments and partners, the employer's introductions.
    row("guidance:caseload", "GET", allow="guide", login=NOT_SIGNED_IN),
    row("guidance:newcomer", "GET", "caseload_newcomer", allow="guide", login=NOT_SIGNED_IN),
    row("guidance:thread", "GET", "caseload_newcomer", allow="guide", login=NOT_SIGNED_IN),
    row("guidance:thread", "POST", "caseload_newcomer", input="guide", login=NOT_SIGNED_IN),
    *(
        row(name, "POST", "caseload_newcomer", input="guide", login=NOT_SIGNED_IN)
        for name in ("guidance:contact_add", "guidance:suggest", "guidance:introduce")
    ),
    row(
        "guidance:suggestion_withdraw",
        "POST",
        "caseload_newcomer",
        kwargs={"suggestion_pk": "@suggestion"},
        allow="guide",
        login=NOT_SIGNED_IN,
    ),
    row("guidance:mine", "GET", allow="newcomer_a newcomer_b", login=NOT_SIGNED_IN),
    row("guidance:mine", "POST", input="newcomer_a newcomer_b", login=NOT_SIGNED_IN),
    row("guidance:assignments", "GET", allow=VEILEDERE, login=NOT_SIGNED_IN),
    row("guidance:assign", "POST", input=VEILEDERE, login=NOT_SIGNED_IN),
    row("guidance:hand_over", "POST", input=VEILEDERE, login=NOT_SIGNED_IN),
    row("guidance:partners", "GET", allow=VEILEDERE, login=NOT_SIGNED_IN),
    row("guidance:partners", "POST", input=VEILEDERE, login=NOT_SIGNED_IN),
    row(
        "guidance:partner_revoke",
        "POST",
        "partner_approval",
        allow="veileder_oslo",
        hidden="veileder_bergen",
        login=NOT_SIGNED_IN,
    ),
    row("employer:introductions", "GET", allow="employer_a employer_b", login=NOT_SIGNED_IN),
    row(
        "employer:introduction_answer",
        "POST",
        "introduction",
        allow="employer_a",
        **NOT_EMPLOYER_B_PAGE,
    ),
    row("api-caseload-list", "GET", allow="guide", login="anonymous"),
    row("api-caseload-detail", "GET", "caseload_newcomer", allow="guide", login="anonymous"),
    *(
        row(name, "GET", "caseload_newcomer", allow="guide", login="anonymous")
        for name in GUIDE_LISTS
    ),
    *(
        row(name, "POST", "caseload_newcomer", input="guide", login="anonymous")
        for name in GUIDE_LISTS
    ),
    row("api-my-guide-messages", "GET", allow="newcomer_a newcomer_b", login="anonymous"),
    row("api-my-guide-messages", "POST", input="newcomer_a newcomer_b", login="anonymous"),
    row("api-my-guide-suggestions", "GET", allow="newcomer_a newcomer_b", login="anonymous"),
    row("api-introduction-list", "GET", allow="employer_a employer_b", login="anonymous"),
    row("api-introduction-answer", "POST", "introduction", input="employer_a", **NOT_EMPLOYER_B),
    row("api-guide-assignments", "GET", allow=VEILEDERE, login="anonymous"),
    row("api-guide-assignments", "POST", input=VEILEDERE, login="anonymous"),
    row("api-guide-hand-over", "POST", input=VEILEDERE, login="anonymous"),
    # The same public document for everyone: checked as one persona of each kind (building
    # the schema takes over a second).
    row("api-root", "GET", rest=ALLOW),
    row("api-schema", "GET", rest=ALLOW, only="anonymous newcomer_a oauth_none"),
    row("api-docs", "GET", rest=ALLOW),
    row("employer:dashboard", "GET", allow="employer_a employer_b", login=NOT_SIGNED_IN),
    row(
        "employer:organisation_listings",
        "GET",
        "organisation",
        allow="employer_a",
        **NOT_EMPLOYER_B_PAGE,
    ),
    row(
        "employer:listing_create",
        "GET POST",
        "organisation",
        allow="employer_a",
        **NOT_EMPLOYER_B_PAGE,
    ),
    row("employer:listing_edit", "GET POST", "listing", allow="employer_a", **NOT_EMPLOYER_B_PAGE),
    row("employer:listing_publish", "POST", "listing", allow="employer_a", **NOT_EMPLOYER_B_PAGE),
    row("employer:listing_close", "POST", "listing", allow="employer_a", **NOT_EMPLOYER_B_PAGE),
    row("employer:listing_fill", "POST", "listing", allow="employer_a", **NOT_EMPLOYER_B_PAGE),
    row(
        "employer:organisation_register",
        "GET POST",
        allow="employer_a employer_b",
        login=NOT_SIGNED_IN,
    ),
    row(
        "employer:organisation_detail",
        "GET",
        "organisation",
        allow="employer_a",
        **NOT_EMPLOYER_B_PAGE,
    ),
    row(
        "employer:organisation_edit",
        "GET POST",
        "organisation",
        allow="employer_a",
        **NOT_EMPLOYER_B_PAGE,
    ),
    row(
        "employer:organisation_invite",
        "POST",
        "organisation",
        allow="employer_a",
        **NOT_EMPLOYER_B_PAGE,
    ),
    row(
        "employer:organisation_invitation_revoke",
        "POST",
        "organisation",
        kwargs=INVITATION,
        allow="employer_a",
        **NOT_EMPLOYER_B_PAGE,
    ),
    row(
        "employer:invitation_accept",
        "GET",
        kwargs={"token": "no-such-token"},
        login=NOT_SIGNED_IN,
        rest=ALLOW,
    ),
    row(
        "employer:invitation_accept",
        "POST",
        kwargs={"token": "no-such-token"},
        login=NOT_SIGNED_IN,
        rest=INPUT,
    ),
    row("employer:applicant_list", "GET", "listing", allow="employer_a", **NOT_EMPLOYER_B_PAGE),
    row(
        "employer:application_detail",
        "GET",
        "application",
        allow="employer_a",
        **NOT_EMPLOYER_B_PAGE,
    ),
    row(
        "employer:application_review",
        "POST",
        "application",
        allow="employer_a",
        **NOT_EMPLOYER_B_PAGE,
    ),
    row(
        "employer:application_interview",
        "POST",
        "application",
        allow="employer_a",
        **NOT_EMPLOYER_B_PAGE,
    ),
    row(
        "employer:application_offer",
        "POST",
        "application",
        allow="employer_a",
        **NOT_EMPLOYER_B_PAGE,
    ),
    row(
        "employer:application_reject",
        "POST",
        "application",
        allow="employer_a",
        **NOT_EMPLOYER_B_PAGE,
    ),
    row("listings:search", "GET", rest=ALLOW),
    row("listings:detail", "GET", "listing", rest=ALLOW),
    row("listings:save", "POST", "listing", allow="newcomer_a newcomer_b", login=NOT_SIGNED_IN),
    row("listings:saved", "GET", allow="newcomer_a newcomer_b", login=NOT_SIGNED_IN),
    row("listings:saved-search-create", "POST", allow="newcomer_a newcomer_b", login=NOT_SIGNED_IN),
    row(
        "listings:saved-search-delete",
        "POST",
        "saved_search",
        allow="newcomer_a",
        **NOT_NEWCOMER_B_PAGE,
    ),
    row("applications:profile", "GET POST", allow="newcomer_a newcomer_b", login=NOT_SIGNED_IN),
    row(
        "applications:apply",
        "GET POST",
        "listing",
        allow="newcomer_a newcomer_b",
        login=NOT_SIGNED_IN,
    ),
    row("applications:mine", "GET", allow="newcomer_a newcomer_b", login=NOT_SIGNED_IN),
    row("applications:detail", "GET", "application", allow="newcomer_a", **NOT_NEWCOMER_B_PAGE),
    row(
        "applications:withdraw",
        "GET POST",
        "application",
        allow="newcomer_a",
        **NOT_NEWCOMER_B_PAGE,
    ),
    row(
        "applications:withdraw_undo",
        "POST",
        "application",
        allow="newcomer_a",
        **NOT_NEWCOMER_B_PAGE,
    ),
    row("applications:accept", "POST", "application", allow="newcomer_a", **NOT_NEWCOMER_B_PAGE),
    row("placements:list", "GET", login=NOT_SIGNED_IN, rest=ALLOW),
    row(
        "placements:detail",
        "GET",
        "agreement",
        login=NOT_SIGNED_IN,
        hidden=AGREEMENT_OUTSIDERS,
        rest=ALLOW,
    ),
    row(
        "placements:edit",
        "GET POST",
        "agreement",
        allow="employer_a veileder_oslo",
        deny="newcomer_a beslutter_oslo platform_admin",
        hidden=AGREEMENT_OUTSIDERS,
        rest=LOGIN,
    ),
    row(
        "placements:submit",
        "POST",
        "agreement",
        allow="employer_a veileder_oslo",
        deny="newcomer_a beslutter_oslo platform_admin",
        hidden=AGREEMENT_OUTSIDERS,
        rest=LOGIN,
    ),
    row(
        "placements:approve",
        "POST",
        "agreement",
        login=NOT_SIGNED_IN,
        hidden=AGREEMENT_OUTSIDERS,
        rest=INPUT,
    ),
    row(
        "placements:cancel",
        "POST",
        "agreement",
        login=NOT_SIGNED_IN,
        hidden=AGREEMENT_OUTSIDERS,
        rest=INPUT,
    ),
    row(
        "placements:start",
        "POST",
        "agreement",
        allow="veileder_oslo",
        deny="newcomer_a employer_a beslutter_oslo platform_admin",
        hidden=AGREEMENT_OUTSIDERS,
        rest=LOGIN,
    ),
    row(
        "placements:end",
        "POST",
        "agreement",
        allow="veileder_oslo",
        deny="newcomer_a employer_a beslutter_oslo platform_admin",
        hidden=AGREEMENT_OUTSIDERS,
        rest=LOGIN,
    ),
    row("notifications:list", "GET", login=NOT_SIGNED_IN, rest=ALLOW),
    row("notifications:settings", "GET POST", login=NOT_SIGNED_IN, rest=ALLOW),
    row(
        "notifications:read",
        "POST",
        "notification",
        allow="newcomer_a",
        login=NOT_SIGNED_IN,
        rest=HIDDEN,
    ),
    row("notifications:read-all", "POST", login=NOT_SIGNED_IN, rest=ALLOW),
    row("manifest", "GET", rest=ALLOW),
    row("service_worker", "GET", rest=ALLOW),
    row("offline", "GET", rest=ALLOW),
    row("home", "GET", rest=ALLOW),
    # A person's own data: every signed-in person reads and downloads theirs; deleting an account
    # on the page is for newcomers and employers (staff accounts are closed by a platform admin).
    row("privacy:my_data", "GET", login=NOT_SIGNED_IN, rest=ALLOW),
    row("privacy:my_data_download", "GET", login=NOT_SIGNED_IN, rest=ALLOW),
    row("api-my-data", "GET", login="anonymous", deny=MACHINES, rest=ALLOW),
    row(
        "privacy:account_delete",
        "GET POST",
        allow="newcomer_a newcomer_b employer_a employer_b volunteer",
        login=NOT_SIGNED_IN,
    ),
    row(
        "privacy:organisation_data_download",
        "GET",
        "organisation",
        allow="employer_a",
        **NOT_EMPLOYER_B_PAGE,
    ),
    row("api-organisation-data", "GET", "organisation", allow="employer_a", **NOT_EMPLOYER_B),
    # Development plans. Newcomer A's plan is in Oslo without a guide; newcomer B's is in Bergen,
    # followed by the guide with B's consent. The newcomer reads their own and writes notes; the
    # guide (with consent) and the veiledere of the newcomer's kommune read and edit.
    row("plans:mine", "GET", allow="newcomer_a newcomer_b", login=NOT_SIGNED_IN),
    row("plans:places", "GET", allow="newcomer_a newcomer_b", login=NOT_SIGNED_IN),
    row("plans:note_add", "POST", input="newcomer_a newcomer_b", login=NOT_SIGNED_IN),
    row("plans:note_delete", "POST", "plan_note", allow="newcomer_a", **NOT_NEWCOMER_B_PAGE),
    row("plans:people", "GET", allow=PLAN_STAFF, login=NOT_SIGNED_IN),
    *(
        row(
            name,
            "GET",
            kwargs={"pk": "@plan_newcomer"},
            allow="veileder_oslo",
            hidden="guide veileder_bergen",
            login=NOT_SIGNED_IN,
        )
        for name in (
            "plans:person",
            "plans:edit",
            "plans:step_new",
            "plans:competence_new",
            "plans:education_new",
            "plans:person_places",
        )
    ),
    *(
        row(
            name,
            "POST",
            kwargs={"pk": "@plan_newcomer"},
            input="veileder_oslo",
            hidden="guide veileder_bergen",
            login=NOT_SIGNED_IN,
        )
        for name in (
            "plans:edit",
            "plans:step_new",
            "plans:competence_new",
            "plans:education_new",
        )
    ),
    row(
        "plans:person",
        "GET",
        kwargs={"pk": "@plan_b_newcomer"},
        allow="guide veileder_bergen",
        hidden="veileder_oslo",
        login=NOT_SIGNED_IN,
    ),
    row(
        "plans:start",
        "POST",
        kwargs={"pk": "@plan_newcomer"},
        allow="veileder_oslo",  # the plan is there: told so on the plan's page
        hidden="guide veileder_bergen",
        login=NOT_SIGNED_IN,
    ),
    row(
        "plans:agreement_attach",
        "POST",
        kwargs={"pk": "@plan_newcomer", "agreement_pk": "@agreement"},
        allow="veileder_oslo",
        hidden="guide veileder_bergen",
        login=NOT_SIGNED_IN,
    ),
    *(
        row(f"plans:{kind}_{action}", method, kind_obj, login=NOT_SIGNED_IN, **outcome)
        for kind, kind_obj in (
            ("step", "plan_step"),
            ("competence", "competence"),
            ("education", "education"),
        )
        for action, method, outcome in (
            ("edit", "GET", {"allow": "veileder_oslo", "hidden": "guide veileder_bergen"}),
            ("edit", "POST", {"input": "veileder_oslo", "hidden": "guide veileder_bergen"}),
            ("delete", "POST", {"allow": "veileder_oslo", "hidden": "guide veileder_bergen"}),
        )
    ),
    # After a placement: the parties only (newcomer, employer, the kommune's veileder).
    row(
        "plans:outcome",
        "GET",
        "agreement",
        allow="newcomer_a employer_a veileder_oslo",
        hidden="newcomer_b employer_b veileder_bergen",
        login=NOT_SIGNED_IN,
    ),
    row(
        "plans:evaluate",
        "POST",
        "agreement",
        input="newcomer_a employer_a veileder_oslo",
        hidden="newcomer_b employer_b veileder_bergen",
        login=NOT_SIGNED_IN,
    ),
    row("plans:letter", "GET", "agreement", allow="employer_a", **NOT_EMPLOYER_B_PAGE),
    row("plans:letter", "POST", "agreement", input="employer_a", **NOT_EMPLOYER_B_PAGE),
    row(
        "plans:letter_pdf",
        "GET",
        "agreement",
        allow="newcomer_a employer_a",
        hidden="newcomer_b employer_b",
        login=NOT_SIGNED_IN,
    ),
    # The plan API, scoped as the pages.
    row("api-plan-list", "GET", allow=PLAN_READERS, login="anonymous"),
    row("api-plan-list", "POST", input=PLAN_STAFF, login="anonymous"),
    *(
        row(name, "GET", obj, allow="newcomer_a veileder_oslo", **NOT_PLAN_A)
        for name, obj in (
            ("api-plan-detail", "plan"),
            ("api-plan-steps", "plan"),
            ("api-plan-competences", "plan"),
            ("api-plan-educations", "plan"),
            ("api-plan-step-detail", "plan_step"),
            ("api-competence-detail", "competence"),
            ("api-education-detail", "education"),
        )
    ),
    *(
        row(name, method, obj, allow="veileder_oslo", **NOT_PLAN_A_STAFF)
        for name, method, obj in (
            ("api-plan-detail", "PATCH", "plan"),
            ("api-plan-step-detail", "PATCH DELETE", "plan_step"),
            ("api-competence-detail", "PATCH DELETE", "competence"),
            ("api-education-detail", "PATCH DELETE", "education"),
        )
    ),
    *(
        row(name, "POST", "plan", input="veileder_oslo", **NOT_PLAN_A_STAFF)
        for name in ("api-plan-steps", "api-plan-competences", "api-plan-educations")
    ),
    row(
        "api-plan-notes",
        "POST",
        "plan",
        input="newcomer_a",
        hidden="newcomer_b",
        login="anonymous",
    ),
    # Without `newcomer=`, a newcomer gets their own places; staff name the newcomer.
    row(
        "api-places-for-you",
        "GET",
        allow="newcomer_a newcomer_b",
        hidden=PLAN_STAFF,
        login="anonymous",
    ),
    # The pages a public service must have, open to everyone.
    row("privacy:notice", "GET", rest=ALLOW),
    row("privacy:accessibility", "GET", rest=ALLOW),
    row("privacy:about", "GET", rest=ALLOW),
    row("account_guide_sharing", "POST", allow="newcomer_a newcomer_b", login=NOT_SIGNED_IN),
    # Buddy matching: the pages.
    row("buddies:home", "GET", allow=BUDDY_ROLES, login=NOT_SIGNED_IN),
    row("buddies:newcomer", "GET", allow="newcomer_a newcomer_b", login=NOT_SIGNED_IN),
    row("buddies:newcomer", "POST", input="newcomer_a newcomer_b", login=NOT_SIGNED_IN),
    row("buddies:volunteer", "GET", allow="volunteer", login=NOT_SIGNED_IN),
    row("buddies:volunteer", "POST", input="volunteer", login=NOT_SIGNED_IN),
    row(
        "buddies:match",
        "GET",
        "buddy_match",
        allow=BUDDY_MATCH_SEEN,
        hidden=BUDDY_MATCH_HIDDEN,
        login=NOT_SIGNED_IN,
    ),
    *(
        row(
            f"buddies:match_{step}",
            "POST",
            "buddy_match",
            input=BUDDY_PAIR,
            deny=BUDDY_OSLO,
            hidden=BUDDY_MATCH_HIDDEN,
            login=NOT_SIGNED_IN,
        )
        for step in ("accept",)
    ),
    row(
        "buddies:match_decline",
        "POST",
        "buddy_match",
        allow=BUDDY_PAIR,
        deny=BUDDY_OSLO,
        hidden=BUDDY_MATCH_HIDDEN,
        login=NOT_SIGNED_IN,
    ),
    *(
        row(
            f"buddies:match_{step}",
            "POST",
            "buddy_match",
            input=BUDDY_MATCH_SEEN,
            hidden=BUDDY_MATCH_HIDDEN,
            login=NOT_SIGNED_IN,
        )
        for step in ("end", "checkin")
    ),
    row("buddies:coordinator", "GET", allow=BUDDY_COORDINATORS, login=NOT_SIGNED_IN),
    # An empty proposal goes back to the coordinator's page with a message.
    row("buddies:propose", "POST", allow=BUDDY_COORDINATORS, login=NOT_SIGNED_IN),
    *(
        row(
            f"buddies:volunteer_{step}",
            "POST",
            "buddy_volunteer",
            allow=BUDDY_OSLO,
            hidden="veileder_bergen",
            login=NOT_SIGNED_IN,
        )
        for step in ("approve", "reject")
    ),
    row("buddies:appoint", "GET", allow="veileder_oslo veileder_bergen", login=NOT_SIGNED_IN),
    row("buddies:appoint", "POST", input="veileder_oslo veileder_bergen", login=NOT_SIGNED_IN),
    row(
        "buddies:appointment_remove",
        "POST",
        "buddy_coordination",
        allow="veileder_oslo",
        hidden="veileder_bergen",
        login=NOT_SIGNED_IN,
    ),
    # Buddy matching: the API, scoped as the pages are.
    row("api-buddy-volunteer-profile", "GET", allow="volunteer", login="anonymous"),
    row("api-buddy-volunteer-profile", "PUT", input="volunteer", login="anonymous"),
    row("api-buddy-request", "GET", allow="newcomer_a", hidden="newcomer_b", login="anonymous"),
    row("api-buddy-request", "PUT", input="newcomer_a newcomer_b", login="anonymous"),
    row("api-buddy-match-list", "GET", allow=BUDDY_ROLES, login="anonymous"),
    row(
        "api-buddy-match-detail",
        "GET",
        "buddy_match",
        allow=BUDDY_MATCH_SEEN,
        hidden=BUDDY_MATCH_HIDDEN,
        login="anonymous",
    ),
    row(
        "api-buddy-match-accept",
        "POST",
        "buddy_match",
        input=BUDDY_PAIR,
        deny=BUDDY_OSLO,
        hidden=BUDDY_MATCH_HIDDEN,
        login="anonymous",
    ),
    row(
        "api-buddy-match-decline",
        "POST",
        "buddy_match",
        allow=BUDDY_PAIR,
        deny=BUDDY_OSLO,
        hidden=BUDDY_MATCH_HIDDEN,
        login="anonymous",
    ),
    *(
        row(
            f"api-buddy-match-{step}",
            "POST",
            "buddy_match",
            input=BUDDY_MATCH_SEEN,
            hidden=BUDDY_MATCH_HIDDEN,
            login="anonymous",
        )
        for step in ("end", "checkin")
    ),
    row("api-buddy-volunteer-list", "GET", allow=BUDDY_COORDINATORS, login="anonymous"),
    *(
        row(
            f"api-buddy-volunteer-{step}",
            "POST",
            "buddy_volunteer",
            allow=BUDDY_OSLO,
            hidden="veileder_bergen",
            login="anonymous",
        )
        for step in ("approve", "reject")
    ),
    row("api-buddy-proposal-list", "GET", allow=BUDDY_COORDINATORS, login="anonymous"),
    row("api-buddy-proposal-approve", "POST", input=BUDDY_COORDINATORS, login="anonymous"),
    # Matches change through their people and coordinators: the admin only looks.
    row("admin:buddies_buddymatch_add", "GET POST", **READ_ONLY),
    row("admin:buddies_buddymatch_change", "POST", **READ_ONLY),
    row("admin:buddies_buddymatch_change", "GET", **ADMIN),
    row("admin:buddies_buddymatch_delete", "GET POST", **READ_ONLY),
]
