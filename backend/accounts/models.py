from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    NEWCOMER = "newcomer", _("Newcomer")
    EMPLOYER = "employer", _("Employer")
    GUIDE = "guide", _("Establishment guide")
    VEILEDER = "veileder", _("Caseworker (veileder)")
    BESLUTTER = "beslutter", _("Decision maker (beslutter)")
    ADMIN = "admin", _("Platform admin")
    VOLUNTEER = "volunteer", _("Volunteer buddy")


# People who may sign themselves up; the others are created by platform admins.
SELF_SIGNUP_ROLES = (Role.NEWCOMER, Role.EMPLOYER, Role.VOLUNTEER)
# Everyone who reads other people's personal data must use MFA: guides (their newcomers),
# employers (applicants' names, contacts and applications), caseworkers, platform admins, and
# volunteer buddies (their newcomer's first name, languages and area, and once both have
# accepted the contact details the newcomer chose to share; see backend/buddies/README.md).
# Only newcomers, who read nothing but their own data, are exempt.
MFA_REQUIRED_ROLES = frozenset(
    {Role.GUIDE, Role.EMPLOYER, Role.VEILEDER, Role.BESLUTTER, Role.ADMIN, Role.VOLUNTEER}
)
CASEWORKER_ROLES = frozenset({Role.VEILEDER, Role.BESLUTTER})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(
        self, email: str | None = None, password: str | None = None, **extra: Any
    ) -> User:
        user = self.model(email=self.normalize_email(email) or None, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(role=Role.ADMIN, is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        return (email or "").strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Newcomers may have only a phone number; everyone else has an email address."""

    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    phone = models.CharField(
        _("phone number"),
        max_length=16,
        unique=True,
        null=True,
        blank=True,
        help_text=_("In international form, e.g. +4791234567."),
    )
    phone_verified = models.BooleanField(_("phone number verified"), default=False)
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Pages, emails and SMS to this person are in this language."),
    )
    kommuner = models.ManyToManyField(
        "reference.Kommune",
        blank=True,
        related_name="caseworkers",
        verbose_name=_("kommuner served"),
        help_text=_("For caseworkers and guides: the kommuner whose cases they handle."),
    )
    is_staff = models.BooleanField(_("admin site access"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email__isnull=False) | models.Q(phone__isnull=False),
                name="user_has_email_or_phone",
                violation_error_message=_("A person needs an email address or a phone number."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email or self.phone or f"#{self.pk}"

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else ""

    @property
    def requires_mfa(self) -> bool:
        return self.role in MFA_REQUIRED_ROLES

    @property
    def is_caseworker(self) -> bool:
        return self.role in CASEWORKER_ROLES

    @property
    def is_newcomer(self) -> bool:
        return self.role == Role.NEWCOMER

    @property
    def is_employer(self) -> bool:
        return self.role == Role.EMPLOYER


class NewcomerProfile(models.Model):
    """What a newcomer tells employers about themselves, and who follows them."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="newcomer_profile", primary_key=True
    )
    kommune = models.ForeignKey(
        "reference.Kommune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("kommune"),
    )
    guide = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_newcomers",
        limit_choices_to={"role": Role.GUIDE},
        verbose_name=_("establishment guide"),
    )

    class Meta:
        verbose_name = _("newcomer profile")
        verbose_name_plural = _("newcomer profiles")

    def __str__(self) -> str:
        return str(self.user)


class ConsentKind(models.TextChoices):
    PRIVACY_NOTICE = "privacy_notice", _("Read the privacy notice")
    GUIDE_SHARING = (
        "guide_sharing",
        _("Share my applications, agreements and development plan with my guide"),
    )


class Consent(models.Model):
    """One consent a person gave, of one kind and version, until they withdraw it.

    Withdrawn consents are kept (with the time) so that it can be shown what held when.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="consents", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ConsentKind.choices)
    version = models.CharField(
        _("version"),
        max_length=20,
        blank=True,
        help_text=_("The version of the text the person agreed to."),
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.version}".strip()

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
