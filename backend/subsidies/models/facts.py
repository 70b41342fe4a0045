"""The personal facts a subsidy case needs and the marketplace does not have.

Entered by a veileder through the caseworker API, read only there (every read audited), never
logged, never in a repr, never shown to an employer. The national id and the residence permit are
encrypted at rest (common.crypto): no query can filter on them; a national id is found through
its keyed hash (`PersonFacts.objects.with_national_id`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.crypto import EncryptedDateField, EncryptedTextField, LookupHashField, lookup_hashes
from subsidies.rules.vocabulary import PERMIT_KINDS
from subsidies.validators import (
    clean_national_id,
    validate_national_id,
    validate_out_of_work_periods,
)


class PermitKind(models.TextChoices):
    PROTECTION = "protection", _("Protection (asylum, resettlement)")
    FAMILY = "family", _("Family reunification")
    WORK = "work", _("Work")
    STUDY = "study", _("Study")
    OTHER = "other", _("Other")


assert set(PermitKind.values) == set(PERMIT_KINDS), "the engine's permit kinds"


class PersonFactsQuerySet(models.QuerySet["PersonFacts"]):
    def with_national_id(self, national_id: str) -> PersonFactsQuerySet:
        """The facts with this national id (at most one), by its keyed hash under every
        look-up key; none when it is not a valid number."""
        try:
            number = clean_national_id(national_id)
        except ValidationError:
            return self.none()
        return self.filter(national_id_hash__in=lookup_hashes(number))


class PersonFacts(models.Model):
    """What the subsidy rules need to know about a newcomer: minimal, and kept out of sight."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="subsidy_facts",
        verbose_name=_("person"),
    )
    national_id = EncryptedTextField(
        _("national identity number"),
        max_length=11,
        blank=True,
        validators=[validate_national_id],
        help_text=_("Fødselsnummer or D-nummer. Shown masked; every read is audited."),
    )
    # One person per number: the keyed hash finds it without decrypting anything.
    national_id_hash = LookupHashField(source="national_id", unique=True)
    birth_date = models.DateField(_("birth date"))
    permit_kind = EncryptedTextField(
        _("residence permit"), max_length=12, choices=PermitKind.choices, blank=True
    )
    permit_granted_on = EncryptedDateField(_("residence permit granted on"), null=True, blank=True)
    in_introduction_programme = models.BooleanField(
        _("in the introduction programme"), default=False
    )
    in_norwegian_tuition = models.BooleanField(_("in Norwegian tuition"), default=False)
    out_of_work_periods = models.JSONField(
        _("periods out of work"),
        default=list,
        blank=True,
        validators=[validate_out_of_work_periods],
        help_text=_('[{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD" or null}, ...]'),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    objects = PersonFactsQuerySet.as_manager()

    class Meta:
        verbose_name = _("person facts")
        verbose_name_plural = _("person facts")

    def __str__(self) -> str:
        # Never the number or the permit: this string ends up in logs and admin pages.
        return f"facts #{self.pk}"

    def __repr__(self) -> str:
        return f"<PersonFacts person={self.pk}>"

    def clean(self) -> None:
        # Checked here, not by the database: the database sees only ciphertext.
        if bool(self.permit_kind) != (self.permit_granted_on is not None):
            raise ValidationError(
                {
                    "permit_granted_on": _(
                        "Give both the kind of residence permit and the date it was granted, "
                        "or neither."
                    )
                }
            )
