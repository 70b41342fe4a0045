"""The demo's people: employers in several kommuner with their organisations, newcomers in
several languages, a guide with a caseload and caseworkers. Idempotent: looked up before made."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.db import transaction

from accounts.models import ConsentKind, NewcomerProfile, Role, User
from accounts.services import consent_give
from organisations.models import MemberRights, Membership, Organisation
from reference.models import Bydel, Kommune

DEMO_PASSWORD = "innsteg-demo-2026"  # noqa: S105 - printed for local demo logins
# Everyone but newcomers has a TOTP device; the demo accepts this code for it (DEBUG only).
MFA_NOTE = "two-factor code: the one in MFA_TOTP_INSECURE_BYPASS_CODE"

# The natural keys the other demo modules look the organisations and newcomers up by.
GRORUD = "988077917"
HAVNEKAFE = "974760673"
TBV = "937884117"
TROMSO = "983971636"
AMAL = "amal@example.com"
YONAS = "+4791234567"
OLENA = "olena@example.com"
HODAN = "+4792345678"
FARID = "farid@example.com"
DAWIT = "dawit@example.com"
MARIAM = "mariam@example.com"
AHMED = "ahmed@example.com"
OKSANA = "oksana@example.com"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    login: str
    name: str
    language: str
    note: str = ""


def _person(
    *,
    email: str | None,
    phone: str | None,
    full_name: str,
    role: str,
    language: str,
    kommuner: tuple[str, ...] = (),
) -> User:
    user = User.objects.filter(email=email).first() if email else None
    if user is None and phone:
        user = User.objects.filter(phone=phone).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            phone=phone,
            phone_verified=bool(phone),
            full_name=full_name,
            role=role,
            language=language,
        )
    if email:
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    if kommuner:
        user.kommuner.set(Kommune.objects.filter(number__in=kommuner))
    if (
        user.requires_mfa
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        TOTP.activate(user, generate_totp_secret())
    return user


def caseworker_of(kommune_id: str, role: str) -> User:
    """The first active caseworker with `role` (veileder, beslutter) serving the kommune."""
    found = (
        User.objects.filter(role=role, kommuner=kommune_id, is_active=True).order_by("pk").first()
    )
    assert found is not None, (kommune_id, role)
    return found


def _organisation(
    *, orgnr: str, name: str, kommune: str, bydel: str | None, employees: int, admin: User
) -> Organisation:
    kommune_obj = Kommune.objects.get(number=kommune)
    organisation, _created = Organisation.objects.get_or_create(
        orgnr=orgnr,
        defaults={
            "name": name,
            "kommune": kommune_obj,
            "bydel": Bydel.objects.filter(number=bydel).first() if bydel else None,
            "aga_zone": kommune_obj.aga_zone or kommune_obj.zone_choices[0],
            "employees": employees,
            "verified": True,
        },
    )
    Membership.objects.get_or_create(
        organisation=organisation, user=admin, defaults={"rights": MemberRights.ADMIN}
    )
    return organisation


@transaction.atomic
def seed_people() -> list[DemoLogin]:
    logins: list[DemoLogin] = []

    def add(user: User, note: str = "") -> User:
        if user.requires_mfa:
            note = "; ".join(filter(None, [note, MFA_NOTE]))
        logins.append(
            DemoLogin(
                user.role, user.email or user.phone or "", user.full_name, user.language, note
            )
        )
        return user

    # Employers in Oslo (Stovner, a nystartssone district), Bergen, Trondheim and Tromsø.
    employers = [
        (GRORUD, "Grorud Bakeri AS", "0301", "030111", 20, "kari@grorudbakeri.no", "Kari Nordmann"),
        (HAVNEKAFE, "Bergen Havnekafe AS", "4601", None, 45, "ola@havnekafe.no", "Ola Hansen"),
        (TBV, "Trondheim Bygg og Vedlikehold AS", "5001", None, 120, "siri@tbv.no", "Siri Berg"),
        (TROMSO, "Tromsø Omsorg AS", "5501", None, 60, "jon@tromsoomsorg.no", "Jon Eriksen"),
    ]
    for orgnr, name, kommune, bydel, employees, email, person in employers:
        admin = add(
            _person(email=email, phone=None, full_name=person, role=Role.EMPLOYER, language="nb")
        )
        _organisation(
            orgnr=orgnr, name=name, kommune=kommune, bydel=bydel, employees=employees, admin=admin
        )

    guide = add(
        _person(
            email="guide@oslo.kommune.no",
            phone=None,
            full_name="Ingrid Lund",
            role=Role.GUIDE,
            language="nb",
            kommuner=("0301",),
        )
    )
    newcomers = [
        (AMAL, None, "Amal Haddad", "ar", "0301"),
        (None, YONAS, "Yonas Tesfay", "ti", "0301"),
        (OLENA, None, "Olena Kovalenko", "uk", "4601"),
        (None, HODAN, "Hodan Abdi", "so", "5001"),
        (FARID, None, "Farid Rahimi", "fa", "0301"),
        (DAWIT, None, "Dawit Haile", "ti", "0301"),
        (MARIAM, None, "Mariam Yusuf", "so", "0301"),
        (AHMED, None, "Ahmed Ali", "ar", "0301"),
        (OKSANA, None, "Oksana Shevchenko", "uk", "0301"),
    ]
    for newcomer_email, phone, name, language, kommune in newcomers:
        note = "log in with an SMS code" if not newcomer_email else ""
        user = add(
            _person(
                email=newcomer_email,
                phone=phone,
                full_name=name,
                role=Role.NEWCOMER,
                language=language,
            ),
            note,
        )
        NewcomerProfile.objects.update_or_create(
            user=user,
            defaults={
                "kommune": Kommune.objects.get(number=kommune),
                "guide": guide if kommune == "0301" else None,
            },
        )
        consent_give(
            user=user, kind=ConsentKind.PRIVACY_NOTICE, version=settings.PRIVACY_NOTICE_VERSION
        )
        if kommune == "0301":  # they share their applications with their guide
            consent_give(user=user, kind=ConsentKind.GUIDE_SHARING)

    for email, name, role, kommuner in [
        ("veileder@nav.no", "Veronika Vik", Role.VEILEDER, ("0301",)),
        ("beslutter@nav.no", "Bjørn Dahl", Role.BESLUTTER, ("0301",)),
        ("veileder@bergen.kommune.no", "Vetle Strand", Role.VEILEDER, ("4601",)),
        ("beslutter@bergen.kommune.no", "Berit Aas", Role.BESLUTTER, ("4601",)),
    ]:
        add(
            _person(
                email=email, phone=None, full_name=name, role=role, language="nb", kommuner=kommuner
            )
        )
    platform_admin = _person(
        email="admin@innsteg.no",
        phone=None,
        full_name="Plattform Admin",
        role=Role.ADMIN,
        language="nb",
    )
    if not platform_admin.is_superuser:
        platform_admin.is_staff = platform_admin.is_superuser = True
        platform_admin.save(update_fields=["is_staff", "is_superuser"])
    add(platform_admin)
    return logins
