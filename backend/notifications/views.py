"""The person's notifications in Innsteg, and which channels they want for what."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.request import request_user
from accounts.roles import or_404
from common.forms import add_service_errors
from notifications import selectors, services
from notifications.forms import NotificationSettingsForm
from notifications.messages import About, Gone
from notifications.messages import render as render_message
from notifications.models import Notification
from notifications.quiet import quiet_hours

PAGE_SIZE = 20


@dataclass(frozen=True)
class Item:
    notification: Notification
    title: str
    text: str
    link: str


def _item(notification: Notification, language: str, about: About) -> Item:
    try:
        message = render_message(notification, language=language, about=about)
    except Gone:
        return Item(notification, _("No longer available"), _("This is no longer in Innsteg."), "")
    return Item(notification, message.title, message.text, notification.link_path)


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    viewer = request_user(request)
    page = Paginator(selectors.notification_list(viewer=viewer), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    language = translation.get_language()
    about = About.load(page.object_list)
    # The unread count comes from the context processor, as `notifications_unread`.
    items = [_item(n, language, about) for n in page.object_list]
    return render(request, "notifications/list.html", {"page": page, "items": items})


def _back_to_list(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    notification = or_404(lambda: selectors.notification_get(viewer=viewer, pk=pk))
    services.notification_mark_read(notification=notification, by=viewer)
    return _back_to_list(request)


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(by=request_user(request))
    flash.success(request, _("All notifications are marked as read."))
    return _back_to_list(request)


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    viewer = request_user(request)
    current = selectors.notification_preferences(viewer=viewer)
    data = request.POST if request.method == "POST" else None
    form = NotificationSettingsForm(data, user=viewer, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.notification_preferences_update(by=viewer, choices=form.choices())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, _("Your choices are saved."))
            return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {
            "form": form,
            "has_email": bool(viewer.email),
            "has_phone": bool(viewer.phone and viewer.phone_verified),
            "quiet_hours": quiet_hours(),
        },
    )
