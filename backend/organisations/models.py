from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.validators import validate_orgnr
from reference.models import AgaZone


class OrganisationKind(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    VOLUNTEER = "volunteer", _("Volunteer organisation")


class Organisation(models.Model):
    """An employer or a volunteer organisation, identified by its organisasjonsnummer, as
    registered by its people."""

    # Unique among verified organisations only: staff decide who holds a number claimed twice.
    orgnr = models.CharField(
        _("organisasjonsnummer"), max_length=9, db_index=True, validators=[validate_orgnr]
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind of organisation"),
        max_length=10,
        choices=OrganisationKind.choices,
        default=OrganisationKind.EMPLOYER,
    )
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
    rejected_at = models.DateTimeField(
        _("claim rejected at"),
        null=True,
        blank=True,
        help_text=_(
            "Set when another organisation with this number is verified: this claim is closed "
            "and its listings cannot be published."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["orgnr"],
                condition=models.Q(verified=True),
                name="one_verified_organisation_per_orgnr",
                violation_error_message=_(
                    "Another organisation with this number is verified already."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.orgnr})"

    @property
    def is_rejected(self) -> bool:
        return self.rejected_at is not None


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


INVITATION_VALID_DAYS = 7


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        """Neither accepted nor revoked, and not expired."""
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An invitation to join an organisation, sent to an email address.

    Only the SHA-256 of the token is kept; the token itself is in the link of the email.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("email address"))
    rights = models.CharField(
        _("rights"), max_length=10, choices=MemberRights.choices, default=MemberRights.MEMBER
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            # One open invitation per address and organisation; a new one replaces the old.
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class PartnerApprovalQuerySet(models.QuerySet["PartnerApproval"]):
    def active(self) -> PartnerApprovalQuerySet:
        return self.filter(revoked_at__isnull=True)


class PartnerApproval(models.Model):
    """A kommune lets the staff of an organisation (a volunteer organisation or an employer
    partner) with the guide role follow its newcomers as establishment guides.

    Given and revoked by a veileder of that kommune. Rows are never deleted: who approved and who
    revoked, and when, is the record of it; approving again makes a new row.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="partner_approvals",
        verbose_name=_("organisation"),
    )
    kommune = models.ForeignKey(
        "reference.Kommune",
        on_delete=models.PROTECT,
        related_name="partner_approvals",
        verbose_name=_("kommune"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), default=timezone.now)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = PartnerApprovalQuerySet.as_manager()

    class Meta:
        ordering = ["-approved_at", "-id"]
        verbose_name = _("guide partner approval")
        verbose_name_plural = _("guide partner approvals")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kommune"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_partner_approval",
                violation_error_message=_("This organisation is approved for the kommune already."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} / {self.kommune_id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
