"""The employer's steps on an application: invite to interview, offer, reject.

Field names follow the services' keyword arguments, so the cleaned data goes straight to the
service and its refusal lands on the field. Each form has its own prefix: all three are on one page.
The notes go on the application's timeline, which the applicant reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import RejectionReason
from common.forms import Textarea
from common.validators import validate_plain_text

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _note_field(label: StrOrPromise | None = None, help_text: StrOrPromise = "") -> forms.CharField:
    return forms.CharField(
        label=label or _("Message to the applicant"),
        max_length=500,
        required=False,
        validators=[validate_plain_text],
        widget=Textarea(attrs={"rows": 3}),
        help_text=help_text or _("Optional. The applicant sees it on their timeline."),
    )


class InterviewForm(forms.Form):
    prefix = "interview"

    at = forms.DateTimeField(
        label=_("Interview time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        validators=[validate_plain_text],
        help_text=_("The address, and where to go in the building. Or give a video link."),
    )
    video_link = forms.URLField(
        label=_("Video link"), max_length=500, required=False, assume_scheme="https"
    )
    note = _note_field()


class OfferForm(forms.Form):
    prefix = "offer"

    note = _note_field(
        help_text=_("Optional: start date, what to bring, whom to ask for. On their timeline.")
    )


class RejectForm(forms.Form):
    prefix = "reject"

    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=RejectionReason.choices,
        widget=forms.RadioSelect,
        help_text=_("The applicant sees the reason."),
        error_messages={"invalid_choice": _("Choose one of the listed reasons.")},
    )
    note = _note_field()
