from allauth.account.internal.flows.login_by_code import LoginCodeVerificationProcess
from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from accounts import services
from accounts.forms import GuideSharingForm, PhoneSignupForm
from accounts.models import ConsentKind, Role
from accounts.request import request_user
from accounts.roles import role_required


@require_http_methods(["GET", "POST"])
def phone_signup(request: HttpRequest) -> HttpResponse:
    """Sign up with a phone number: we text a code, and the code logs the newcomer in."""
    if request.user.is_authenticated:
        return redirect("home")
    form = PhoneSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        if not ratelimit.consume(request, action="request_login_code", key=phone):
            form.add_error(
                None, _("Too many codes were asked for. Wait a few minutes and try again.")
            )
        else:
            user, _created = services.newcomer_signup_by_phone(
                phone=phone, language=form.cleaned_data["language"] or translation.get_language()
            )
            # Kept in this session only, until the code proves the number (AccountAdapter).
            request.session[services.PENDING_NAME_SESSION_KEY] = {
                "user": user.pk,
                "full_name": form.cleaned_data["full_name"],
                "privacy_notice_version": settings.PRIVACY_NOTICE_VERSION,
            }
            LoginCodeVerificationProcess.initiate(request=request, user=user, phone=user.phone)
            return redirect("account_confirm_login_code")
    return render(request, "account/signup_phone.html", {"form": form})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, and for a signed-in person the choice is kept on the account."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language and translation.check_for_language(language):
        services.user_set_language(user=request.user, language=language)
        messages.success(request, _("Language changed."))
    return response


def _safe_next(request: HttpRequest, default: str) -> str:
    next_url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return default


@require_http_methods(["GET", "POST"])
def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's login: allauth's login page (password, then the second factor, rate
    limited), never a password form of the admin's own."""
    next_url = _safe_next(request, reverse("admin:index"))
    if request.user.is_authenticated:
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied(_("Your account has no access to the admin site."))
        return HttpResponseRedirect(next_url)
    return HttpResponseRedirect(
        f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"
    )


@require_http_methods(["GET", "POST"])
def admin_logout(request: HttpRequest) -> HttpResponse:
    """The admin's logout: allauth's logout page."""
    next_url = _safe_next(request, reverse("home"))
    return HttpResponseRedirect(
        f"{reverse('account_logout')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"
    )


@role_required(Role.NEWCOMER)
@require_POST
def guide_sharing(request: HttpRequest) -> HttpResponse:
    """The newcomer lets their guide see their applications, agreements and plan, or stops it:
    at once."""
    viewer = request_user(request)
    form = GuideSharingForm(request.POST)
    form.is_valid()  # one optional checkbox: always valid
    if form.cleaned_data.get("share"):
        services.consent_give(user=viewer, kind=ConsentKind.GUIDE_SHARING)
        messages.success(
            request,
            _("Your guide can now see your applications, agreements and development plan."),
        )
    else:
        services.consent_withdraw(user=viewer, kind=ConsentKind.GUIDE_SHARING)
        messages.success(
            request,
            _("Your guide can no longer see your applications, agreements and development plan."),
        )
    return redirect("applications:profile")
