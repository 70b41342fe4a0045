"""The buddy pages: a newcomer's, a volunteer's, one match, and the coordinator's."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import NewcomerProfile, Role, User
from accounts.request import request_user
from accounts.roles import or_404, role_required
from buddies import selectors, services
from buddies.explain import reasons
from buddies.forms import (
    AcceptForm,
    AppointForm,
    BuddyRequestForm,
    CheckInForm,
    EndForm,
    ProposeForm,
    VolunteerForm,
)
from buddies.models import BuddyCoordinator, BuddyMatch, MatchStatus, Volunteer, VolunteerStatus
from common.errors import Conflict, InnstegError
from common.forms import add_service_errors

MATCH_ROLES = (Role.NEWCOMER, Role.VOLUNTEER, Role.GUIDE, Role.VEILEDER)
COORDINATOR_ROLES = (Role.GUIDE, Role.VEILEDER, Role.VOLUNTEER)


def _match_rows(matches: QuerySet[BuddyMatch], viewer: User) -> list[dict[str, Any]]:
    return [
        {"match": match, "card": selectors.person_card(match=match, viewer=viewer)}
        for match in matches
    ]


@role_required(Role.NEWCOMER, Role.VOLUNTEER, Role.GUIDE, Role.VEILEDER)
@require_GET
def buddies_home(request: HttpRequest) -> HttpResponse:
    """Where "Buddy" in the menu leads: each role to its own page."""
    viewer = request_user(request)
    if viewer.role == Role.NEWCOMER:
        return redirect("buddies:newcomer")
    if viewer.role == Role.VOLUNTEER and not selectors.is_coordinator(viewer=viewer):
        return redirect("buddies:volunteer")
    return redirect("buddies:coordinator")


def _profile_page(
    request: HttpRequest,
    *,
    template: str,
    form: VolunteerForm | BuddyRequestForm,
    profile: Any,
    status: int = 200,
) -> HttpResponse:
    viewer = request_user(request)
    context = {
        "form": form,
        "profile": profile,
        "rows": _match_rows(
            selectors.match_list(viewer=viewer).filter(
                **{"volunteer" if viewer.role == Role.VOLUNTEER else "newcomer": viewer}
            ),
            viewer,
        ),
        "is_coordinator": selectors.is_coordinator(viewer=viewer),
    }
    return render(request, template, context, status=status)


@role_required(Role.NEWCOMER)
@require_http_methods(["GET", "POST"])
def newcomer_page(request: HttpRequest) -> HttpResponse:
    """The newcomer asks for a buddy (or stops asking) and follows their proposals and matches."""
    viewer = request_user(request)
    profile = selectors.request_of(user=viewer)
    initial: dict[str, Any] = {"active": True if profile is None else profile.active}
    initial |= BuddyRequestForm.initial_from(profile)
    if profile is None:  # start from the kommune on the newcomer's profile
        initial["kommune"] = (
            NewcomerProfile.objects.filter(user=viewer).values_list("kommune_id", flat=True).first()
        )
    form = BuddyRequestForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.buddy_request_save(user=viewer, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Saved. A coordinator will propose a buddy to you.")
                    if data["active"]
                    else _("Saved. You are no longer asking for a buddy."),
                )
                return redirect("buddies:newcomer")
        return _profile_page(
            request, template="buddies/newcomer.html", form=form, profile=profile, status=400
        )
    return _profile_page(request, template="buddies/newcomer.html", form=form, profile=profile)


@role_required(Role.VOLUNTEER)
@require_http_methods(["GET", "POST"])
def volunteer_page(request: HttpRequest) -> HttpResponse:
    """The volunteer signs up as a buddy, keeps what they told up to date, and sees matches."""
    viewer = request_user(request)
    profile = selectors.volunteer_of(user=viewer)
    initial = VolunteerForm.initial_from(profile)
    initial["available"] = profile is None or profile.status != VolunteerStatus.PAUSED
    form = VolunteerForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = services.volunteer_save(user=viewer, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Saved. A coordinator of your kommune will look at your sign-up.")
                    if saved.status == VolunteerStatus.PENDING
                    else _("Saved."),
                )
                return redirect("buddies:volunteer")
        return _profile_page(
            request, template="buddies/volunteer.html", form=form, profile=profile, status=400
        )
    return _profile_page(request, template="buddies/volunteer.html", form=form, profile=profile)


# One match.


def _match(request: HttpRequest, pk: int) -> BuddyMatch:
    return or_404(lambda: selectors.match_get(viewer=request_user(request), pk=pk))


def _render_match(
    request: HttpRequest, match: BuddyMatch, *, status: int = 200, **forms: Any
) -> HttpResponse:
    viewer = request_user(request)
    role = selectors.role_in_match(match=match, viewer=viewer)
    coordinator_cards = selectors.coordinator_cards(match=match) if role == "coordinator" else None
    context = {
        "match": match,
        "role": role,
        "card": selectors.person_card(match=match, viewer=viewer),
        "coordinator_cards": coordinator_cards,
        "my_acceptance": match.accepted_at(viewer.pk),
        "reasons": reasons(match.score_parts) if role == "coordinator" else [],
        "checkins": selectors.checkin_list(match=match)
        if match.status in (MatchStatus.ACTIVE, MatchStatus.ENDED)
        else [],
        "accept_form": AcceptForm(prefix="accept"),
        "end_form": EndForm(prefix="end"),
        "checkin_form": CheckInForm(
            prefix="checkin", initial={"happened_on": timezone.localdate()}
        ),
        **forms,
    }
    return render(request, "buddies/match.html", context, status=status)


@role_required(*MATCH_ROLES)
@require_GET
def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_match(request, _match(request, pk))


def _done(request: HttpRequest, match: BuddyMatch, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("buddies:match", pk=match.pk)


def _refused(request: HttpRequest, match: BuddyMatch, refusal: InnstegError) -> HttpResponse:
    messages.error(request, str(refusal))
    return redirect("buddies:match", pk=match.pk)


def _participant_only(request: HttpRequest, match: BuddyMatch) -> None:
    if selectors.role_in_match(match=match, viewer=request_user(request)) not in (
        "volunteer",
        "newcomer",
    ):
        raise PermissionDenied(_("Only the two people of the match can do this."))


@role_required(*MATCH_ROLES)
@require_POST
def match_accept(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    _participant_only(request, match)
    form = AcceptForm(request.POST, prefix="accept")
    if form.is_valid():
        try:
            match = services.match_accept(
                match=match, by=request_user(request), shares=form.cleaned_data["shares"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except Conflict as conflict:
            return _refused(request, match, conflict)
        else:
            if match.status == MatchStatus.ACTIVE:
                return _done(request, match, _("You both accepted: you are buddies now."))
            return _done(request, match, _("You accepted. We tell you when the other answers."))
    return _render_match(request, match, status=400, accept_form=form)


@role_required(*MATCH_ROLES)
@require_POST
def match_decline(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    _participant_only(request, match)
    try:
        services.match_decline(match=match, by=request_user(request))
    except Conflict as conflict:
        return _refused(request, match, conflict)
    messages.success(request, _("You said no to the proposal."))
    return redirect("buddies:home")


@role_required(*MATCH_ROLES)
@require_POST
def match_end(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    form = EndForm(request.POST, prefix="end")
    if form.is_valid():
        try:
            services.match_end(
                match=match, by=request_user(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except Conflict as conflict:
            return _refused(request, match, conflict)
        else:
            return _done(request, match, _("The match is ended. Both of you can be matched again."))
    return _render_match(request, match, status=400, end_form=form)


@role_required(*MATCH_ROLES)
@require_POST
def match_checkin(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    form = CheckInForm(request.POST, prefix="checkin")
    if form.is_valid():
        try:
            services.checkin_add(match=match, by=request_user(request), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except Conflict as conflict:
            return _refused(request, match, conflict)
        else:
            return _done(request, match, _("Your check-in is saved."))
    return _render_match(request, match, status=400, checkin_form=form)


# The coordinator's pages.


def _coordinator(request: HttpRequest) -> User:
    viewer = request_user(request)
    if not selectors.is_coordinator(viewer=viewer):
        raise PermissionDenied(_("You do not coordinate buddies in any kommune."))
    return viewer


@role_required(*COORDINATOR_ROLES)
@require_GET
def coordinator_page(request: HttpRequest) -> HttpResponse:
    """Volunteers to approve, the best proposals for each waiting newcomer with the reasons, and
    the matches of the coordinator's kommuner."""
    viewer = _coordinator(request)
    proposals = [
        {"row": row, "reasons": reasons(part.as_dict() for part in row.score.parts)}
        for row in selectors.proposal_list(viewer=viewer)
    ]
    context = {
        "pending": selectors.volunteer_list(viewer=viewer, status=VolunteerStatus.PENDING),
        "proposals": proposals,
        "waiting": selectors.waiting_requests(viewer=viewer),
        "matches": selectors.match_list(viewer=viewer)
        .filter(kommune__in=selectors.coordinated_kommuner(viewer=viewer))
        .filter(status__in=(MatchStatus.PROPOSED, MatchStatus.ACTIVE)),
        "may_appoint": bool(selectors.may_appoint(viewer=viewer)),
        "is_volunteer": viewer.role == Role.VOLUNTEER,
    }
    return render(request, "buddies/coordinator.html", context)


@role_required(*COORDINATOR_ROLES)
@require_POST
def propose(request: HttpRequest) -> HttpResponse:
    viewer = _coordinator(request)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a proposal from the list."))
        return redirect("buddies:coordinator")
    people = User.objects.in_bulk([form.cleaned_data["volunteer"], form.cleaned_data["newcomer"]])
    volunteer = people.get(form.cleaned_data["volunteer"])
    newcomer = people.get(form.cleaned_data["newcomer"])
    if volunteer is None or newcomer is None:
        messages.error(request, _("Choose a proposal from the list."))
        return redirect("buddies:coordinator")
    try:
        match = services.match_propose(by=viewer, volunteer=volunteer, newcomer=newcomer)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("buddies:coordinator")
    except InnstegError as refusal:
        messages.error(request, str(refusal))
        return redirect("buddies:coordinator")
    messages.success(request, _("The match is proposed. Both are asked to accept."))
    return redirect("buddies:match", pk=match.pk)


def _decide(request: HttpRequest, pk: int, *, approve: bool) -> HttpResponse:
    viewer = _coordinator(request)
    volunteer: Volunteer = or_404(lambda: selectors.volunteer_get(viewer=viewer, pk=pk))
    try:
        services.volunteer_decide(volunteer=volunteer, by=viewer, approve=approve)
    except Conflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(
            request,
            _("The volunteer is approved.") if approve else _("The volunteer is not approved."),
        )
    return redirect("buddies:coordinator")


@role_required(*COORDINATOR_ROLES)
@require_POST
def volunteer_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, approve=True)


@role_required(*COORDINATOR_ROLES)
@require_POST
def volunteer_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, approve=False)


@role_required(Role.VEILEDER)
@require_http_methods(["GET", "POST"])
def appoint(request: HttpRequest) -> HttpResponse:
    """A veileder appoints buddy coordinators of their kommuner, and sees who they are."""
    viewer = request_user(request)
    kommuner = selectors.may_appoint(viewer=viewer)
    form = AppointForm(request.POST if request.method == "POST" else None, kommuner=kommuner)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = User.objects.filter(email__iexact=data["email"].strip()).first()
        if person is None:
            form.add_error("email", _("No account has this email address."))
        else:
            try:
                services.coordinator_appoint(
                    by=viewer,
                    user=person,
                    kommune=data["kommune"],
                    organisation_name=data["organisation_name"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The coordinator is appointed."))
                return redirect("buddies:appoint")
    context = {"form": form, "coordinators": selectors.coordinator_list(kommuner=kommuner)}
    return render(request, "buddies/appoint.html", context, status=400 if form.errors else 200)


@role_required(Role.VEILEDER)
@require_POST
def appointment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    coordinator: BuddyCoordinator = or_404(
        lambda: selectors.coordinator_list(kommuner=selectors.may_appoint(viewer=viewer)).get(pk=pk)
    )
    services.coordinator_remove(by=viewer, coordinator=coordinator)
    messages.success(request, _("The coordinator is no longer appointed."))
    return redirect("buddies:appoint")
