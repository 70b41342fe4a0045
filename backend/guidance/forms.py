"""The forms of guides, veiledere, newcomers and employers; the services check again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import NewcomerProfile, User
from guidance.models import MESSAGE_MAX_LENGTH, NOTE_MAX_LENGTH, ContactKind
from listings.models import Listing
from organisations.models import Organisation
from reference.models import Kommune


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class _ListingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} · {obj.organisation.name} · {obj.kommune.name}"


class ContactForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    note = forms.CharField(
        label=_("Short note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only what you need to follow up. The newcomer can ask to see it."),
    )


class SuggestionForm(forms.Form):
    listing = _ListingChoice(label=_("Listing"), queryset=Listing.objects.none())
    note = forms.CharField(
        label=_("Why it fits (the newcomer sees this)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, listings: QuerySet[Listing], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["listing"].queryset = listings  # type: ignore[attr-defined]


class IntroductionForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Employer"), queryset=Organisation.objects.none())
    listing = _ListingChoice(
        label=_("For the listing (optional)"), queryset=Listing.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("Your note to the employer"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who the person is and why they fit. The employer sees it with their name."),
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        listings: QuerySet[Listing],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["listing"].queryset = listings  # type: ignore[attr-defined]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    welcome = forms.TypedChoiceField(
        choices=[("yes", _("We want to meet")), ("no", _("No, thanks"))],
        coerce=lambda value: value == "yes",
    )


class AssignForm(forms.Form):
    newcomers = forms.ModelMultipleChoiceField(
        label=_("Newcomers"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    guide = _PersonChoice(label=_("Guide"), queryset=User.objects.none())

    def __init__(
        self,
        *args: Any,
        profiles: QuerySet[NewcomerProfile],
        guides: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["newcomers"]
        field.queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=profiles.values("user")
        ).order_by("full_name", "pk")
        field.label_from_instance = lambda user: user.full_name  # type: ignore[attr-defined]
        self.fields["guide"].queryset = guides  # type: ignore[attr-defined]


class HandOverForm(forms.Form):
    from_guide = _PersonChoice(label=_("From guide"), queryset=User.objects.none())
    to_guide = _PersonChoice(label=_("To guide"), queryset=User.objects.none())
    newcomer = _PersonChoice(
        label=_("Only this newcomer (leave empty for the whole caseload)"),
        queryset=User.objects.none(),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        profiles: QuerySet[NewcomerProfile],
        guides: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        current = User.objects.filter(pk__in=profiles.values("guide")).order_by("full_name", "pk")
        self.fields["from_guide"].queryset = current  # type: ignore[attr-defined]
        self.fields["to_guide"].queryset = guides  # type: ignore[attr-defined]
        self.fields["newcomer"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=profiles.filter(guide__isnull=False).values("user")
        ).order_by("full_name", "pk")


class PartnerForm(forms.Form):
    orgnr = forms.CharField(label=_("Organisasjonsnummer"), max_length=11)
    kommune = forms.ModelChoiceField(label=_("Kommune"), queryset=Kommune.objects.none())

    def __init__(self, *args: Any, kommuner: QuerySet[Kommune], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kommune"].queryset = kommuner  # type: ignore[attr-defined]
        if kommuner.count() == 1:
            self.fields["kommune"].initial = kommuner.first()
