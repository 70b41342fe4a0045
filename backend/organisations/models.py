from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.validators import validate_orgnr
from reference.models import AgaZone


class Organisation(models.Model):
    """An employer, identified by its organisasjonsnummer, as registered by its people."""

    orgnr = models.CharField(
        _("organisasjonsnummer"), max_length=9, unique=True, validators=[validate_orgnr]
    )
    name = models.CharField(_("name"), max_length=200)
    kommune = models.ForeignKey(
        "reference.Kommune", on_delete=models.PROTECT, verbose_name=_("kommune")
    )
    bydel = models.ForeignKey(
        "reference.Bydel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("bydel"),
    )
    address = models.CharField(_("business address"), max_length=200, blank=True)
    aga_zone = models.CharField(
        _("arbeidsgiveravgift zone"),
        max_length=3,
        choices=AgaZone.choices,
        help_text=_("The zone of the business unit's address."),
    )
    employees = models.PositiveIntegerField(
        _("number of employees"), validators=[MinValueValidator(1)]
    )
    verified = models.BooleanField(_("verified by Innsteg"), default=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.orgnr})"


class MemberRights(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    MEMBER = "member", _("Member")


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    rights = models.CharField(
        _("rights"), max_length=10, choices=MemberRights.choices, default=MemberRights.MEMBER
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_each")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"
