"""Reads for the right of access: a person's own data, and an organisation's data for its
administrators. Built from privacy.registry, so a table added there is exported everywhere."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from applications.models import ApplicantProfile, Application, ApplicationEvent, ScreeningAnswer
from applications.selectors import applicant_for_employer
from common import dates
from common.validators import WORKPLACE_LANGUAGES
from listings.models import Listing, ScreeningQuestion
from organisations.models import Invitation, MemberRights, Membership, Organisation
from placements.models import PlacementAgreement
from privacy.registry import Entry, exported_entries

FORMAT = "innsteg-personal-data/1"
ORGANISATION_FORMAT = "innsteg-organisation-data/1"

# Never exported, whatever a registry entry says: secrets and numbers that must not be in a file.
SECRET_FIELDS = frozenset(
    {
        "password",
        "token",
        "token_checksum",
        "token_hash",
        "code",
        "key",
        "data",
        "client_secret",
        "device_code",
        "user_code",
        "nonce",
        "national_id",
    }
)
# Related rows the page may name by their own label; any other is shown by its id.
NAMED_RELATIONS = frozenset(
    {
        "listings.Listing",
        "organisations.Organisation",
        "reference.Kommune",
        "accounts.User",
        "contenttypes.ContentType",
        "oauth2_provider.Application",
    }
)


def _fields(entry: Entry) -> list[models.Field[Any, Any]]:
    meta = entry.model_class._meta
    if entry.fields:
        names: list[str] = [name for name in entry.fields if name not in SECRET_FIELDS]
    else:
        names = [
            field.name
            for field in meta.concrete_fields
            if field.name not in SECRET_FIELDS
            and not (field.is_relation and field.related_model is User)
        ]
    return [meta.get_field(name) for name in names]  # type: ignore[misc]


def _json_value(row: models.Model, field: models.Field[Any, Any]) -> Any:
    if field.is_relation:
        return getattr(row, field.attname)
    return getattr(row, field.name)


# Names for the fields that have none of their own (a relation's name, allauth's columns): the
# page shows every label in the reader's language.
_FIELD_LABELS = {
    "id": gettext_lazy("ID"),
    "agreement": gettext_lazy("agreement"),
    "application": gettext_lazy("application"),
    "case": gettext_lazy("case"),
    "created_at": gettext_lazy("created at"),
    "decision": gettext_lazy("decision"),
    "kommune": gettext_lazy("kommune"),
    "last_used_at": gettext_lazy("last used at"),
    "listing": gettext_lazy("listing"),
    "organisation": gettext_lazy("organisation"),
    "question": gettext_lazy("question"),
    "type": gettext_lazy("type"),
    "user": gettext_lazy("user"),
}


def _label(field: models.Field[Any, Any]) -> str:
    """The field's name in the reader's language."""
    name = field.verbose_name
    if not isinstance(name, Promise):  # made by Django from the attribute's name
        name = _FIELD_LABELS.get(field.name, name)
    return capfirst(str(name))


def _profile_in_words(snapshot: dict[str, Any]) -> str:
    """An application's profile as it was, each part named as the profile form names it."""
    parts = []
    for name, value in snapshot.items():
        try:
            label = _label(ApplicantProfile._meta.get_field(name))  # type: ignore[arg-type]
        except FieldDoesNotExist:
            label = name
        if name == "languages":
            value = ", ".join(str(WORKPLACE_LANGUAGES.get(code, code)) for code in value or ())
        parts.append(f"{label}: {value}")
    return "; ".join(parts)


# JSON the page shows in words: (model label, field name) -> the row's value in words.
_IN_WORDS: dict[tuple[str, str], Callable[[Any], str]] = {
    ("placements.PlacementAgreement", "goals"): lambda row: "; ".join(
        f"{kind}: {text}" for kind, text in row.goals_display
    ),
    ("placements.AgreementEvent", "changed_fields"): lambda row: ", ".join(
        str(label) for label in row.changed_labels
    ),
    ("applications.Application", "profile_snapshot"): lambda row: _profile_in_words(
        row.profile_snapshot
    ),
}


def _display_value(row: models.Model, field: models.Field[Any, Any]) -> str:
    in_words = _IN_WORDS.get((row._meta.label, field.name))
    if in_words is not None:
        return in_words(row)
    if field.is_relation:
        related = getattr(row, field.name)
        if related is None:
            return ""
        if related._meta.label in NAMED_RELATIONS:
            return str(related)
        return f"#{related.pk}"
    value = getattr(row, field.name)
    if field.choices and value not in (None, ""):
        return str(getattr(row, f"get_{field.name}_display")())
    if value is None or value in ("", [], {}):
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return dates.local_datetime(value)
    if isinstance(value, datetime.date):
        return dates.local_date(value)
    if isinstance(value, list) and all(
        isinstance(code, str) and code in WORKPLACE_LANGUAGES for code in value
    ):
        return ", ".join(str(WORKPLACE_LANGUAGES[code]) for code in value)  # languages by name
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    return str(value)


def _tables(person_id: int) -> Iterator[tuple[Entry, list[models.Field[Any, Any]], list[Any]]]:
    """Each exported table holding rows of the person: its entry, the fields shown, the rows."""
    for entry in exported_entries():
        fields = _fields(entry)
        relations = [
            field.name
            for field in fields
            if isinstance(field, models.ForeignKey)
            and isinstance(field.related_model, type)
            and field.related_model._meta.label in NAMED_RELATIONS
        ]
        rows = list(entry.rows(person_id).select_related(*relations).order_by("pk"))
        if rows:
            yield entry, fields, rows


def _jsonable(data: Any) -> Any:
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def person_export(*, viewer: User) -> dict[str, Any]:
    """All the data Innsteg holds about the viewer, one section per table (see the registry)."""
    sections: dict[str, list[dict[str, Any]]] = {}
    for entry, fields, rows in _tables(viewer.pk):
        sections.setdefault(entry.section, []).extend(
            {field.name: _json_value(row, field) for field in fields} for row in rows
        )
    return _jsonable(
        {
            "format": FORMAT,
            "generated_at": timezone.now(),
            "person_id": viewer.pk,
            "sections": sections,
        }
    )


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: list[list[tuple[str, str]]]  # each row: (label, value) pairs in the reader's language


def person_export_sections(*, viewer: User) -> list[Section]:
    """The same data as person_export, as labelled values for the page, empty tables left out."""
    sections = []
    for entry, fields, rows in _tables(viewer.pk):
        labelled = [
            [(_label(field), _display_value(row, field)) for field in fields] for row in rows
        ]
        sections.append(Section(key=entry.section, title=str(entry.title), rows=labelled))
    return sections


# An organisation's data, for its administrators.


def organisation_for_export(*, viewer: User, pk: int) -> Organisation:
    """The organisation, if the viewer administers it.

    Organisation.DoesNotExist for one the viewer is not a member of (they learn nothing about
    it); PermissionDenied for a member without the administrator's rights.
    """
    membership = (
        Membership.objects.select_related("organisation").filter(organisation_id=pk, user=viewer)
    ).first()
    if membership is None:
        raise Organisation.DoesNotExist
    if membership.rights != MemberRights.ADMIN:
        raise PermissionDenied(_("Only the organisation's administrators can export its data."))
    return membership.organisation


def _values(row: models.Model, names: tuple[str, ...]) -> dict[str, Any]:
    meta = row._meta
    return {name: _json_value(row, meta.get_field(name)) for name in names}  # type: ignore[arg-type]


def _application(application: Application) -> dict[str, Any]:
    """An application as the employer sees it now (anonymous review, withdrawn, deleted)."""
    applicant = applicant_for_employer(application)
    data: dict[str, Any] = {
        **_values(
            application,
            ("id", "listing", "number", "status", "submitted_at", "offered_at", "revealed_at"),
        ),
        "applicant": {
            "label": applicant.label,
            "anonymous": applicant.hidden,
            "withheld": applicant.withheld,
            "name": applicant.name,
            "email": applicant.email,
            "phone": applicant.phone,
        },
        "interview_at": application.interview_at,
        "interview_place": application.interview_place,
        "interview_link": application.interview_link,
        "rejection_reason": application.rejection_reason,
        "message": "" if applicant.withheld else application.message,
        "profile": {} if applicant.withheld else application.profile_snapshot,
        "answers": []
        if applicant.withheld
        else [
            {"question": answer.question_id, "answer": answer.answer}
            for answer in application.answers.all()
        ],
        "events": [
            _values(event, ("from_status", "to_status", "at", "note"))
            for event in application.events.all()
        ],
    }
    return data


def organisation_export(*, viewer: User, pk: int) -> dict[str, Any]:
    """An organisation's data for its administrator: profile, members, invitations, listings,
    the applications to them as its people see them, and its placement agreements."""
    organisation = organisation_for_export(viewer=viewer, pk=pk)
    members = Membership.objects.filter(organisation=organisation).select_related("user")
    listings = Listing.objects.filter(organisation=organisation).prefetch_related(
        models.Prefetch("screening_questions", ScreeningQuestion.objects.order_by("position"))
    )
    applications = (
        Application.objects.filter(listing__organisation=organisation)
        .select_related("applicant__account_deletion", "listing")
        .prefetch_related(
            models.Prefetch("answers", ScreeningAnswer.objects.order_by("question_id")),
            models.Prefetch("events", ApplicationEvent.objects.order_by("at", "id")),
        )
        .order_by("listing_id", "number")
    )
    agreements = PlacementAgreement.objects.filter(organisation=organisation).select_related(
        "newcomer"
    )
    data = {
        "format": ORGANISATION_FORMAT,
        "generated_at": timezone.now(),
        "organisation": _values(
            organisation,
            (
                "id",
                "orgnr",
                "name",
                "kommune",
                "bydel",
                "address",
                "aga_zone",
                "employees",
                "verified",
                "verified_at",
                "created_at",
            ),
        ),
        "members": [
            {
                "user_id": member.user_id,
                "name": member.user.full_name,
                "email": member.user.email,
                "rights": member.rights,
                "since": member.created_at,
            }
            for member in members.order_by("pk")
        ],
        "invitations": [
            _values(
                invitation,
                ("email", "rights", "created_at", "expires_at", "accepted_at", "revoked_at"),
            )
            for invitation in Invitation.objects.filter(organisation=organisation).order_by("pk")
        ],
        "listings": [
            {
                **_values(
                    listing,
                    (
                        "id",
                        "title",
                        "kind",
                        "status",
                        "description",
                        "kommune",
                        "bydel",
                        "deadline",
                        "anonymous_review",
                        "created_at",
                        "published_at",
                        "closed_at",
                    ),
                ),
                "screening_questions": [
                    _values(question, ("id", "text", "required_answer"))
                    for question in listing.screening_questions.all()
                ],
            }
            for listing in listings.order_by("pk")
        ],
        "applications": [_application(application) for application in applications],
        "agreements": [
            {
                **_values(
                    agreement,
                    (
                        "id",
                        "application",
                        "kind",
                        "status",
                        "start_date",
                        "end_date",
                        "hours_per_week",
                        "monthly_wage_nok",
                        "position_percent",
                        "version",
                        "created_at",
                    ),
                ),
                "newcomer": agreement.newcomer.full_name,
            }
            for agreement in agreements.order_by("pk")
        ],
    }
    return _jsonable(data)
