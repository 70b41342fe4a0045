"""The demo's development plans: Amal (Arabic), Yonas and Dawit (Tigrinya) and Farid (Persian)
each have a plan with a goal, steps (one of Amal's overdue), a competence mapping and notes of
their own. Dawit's summer practice in Trondheim has ended: it is a step of his plan, the three
parties have evaluated it, and the employer has issued the reference letter he can download.
Idempotent: a newcomer who has a plan is left as they are."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.models import Role, User
from common.demo.applications import hire, person
from common.demo.listings import SHOP_PRACTICE, Listings, organisation_admin
from common.demo.people import AMAL, DAWIT, FARID, TBV, YONAS, caseworker_of
from common.demo.placements import approve_all, complete_and_send
from placements.models import PlacementAgreement
from placements.services import agreement_end, agreement_start
from plans import services
from plans.models import DevelopmentPlan
from reference.models import Occupation

OSLO = "0301"


def _occupation(code: str) -> Occupation:
    return Occupation.objects.get(code=code)


def _guide() -> User:
    return User.objects.get(email="guide@oslo.kommune.no")


def _plan(login: str, *, by: User, **fields: object) -> DevelopmentPlan | None:
    """A new plan for the newcomer, or None when they have one already."""
    newcomer = person(login)
    if DevelopmentPlan.objects.filter(newcomer=newcomer).exists():
        return None
    return services.plan_create(newcomer=newcomer, by=by, **fields)


def _amal(today: datetime.date, guide: User, veileder: User) -> None:
    plan = _plan(
        AMAL,
        by=guide,
        goal_occupation=_occupation("7512"),
        norwegian_spoken_now="A2",
        norwegian_written_now="A1",
        norwegian_spoken_target="B1",
        norwegian_written_target="A2",
    )
    if plan is None:
        return
    day = datetime.timedelta(days=1)
    services.step_create(
        plan=plan,
        by=guide,
        kind="norwegian_course",
        title="Norskkurs A2–B1 på Voksenopplæringen",
        owner="newcomer",
        start_date=today - 60 * day,
        due_date=today + 120 * day,
        status="in_progress",
    )
    services.step_create(
        plan=plan,
        by=veileder,
        kind="recognition",
        title="Søke om godkjenning av fagbrev som baker",
        details="Send vitnemål og attester fra Aleppo med oversettelse.",
        owner="veileder",
        due_date=today - 7 * day,
        status="planned",
    )
    services.step_create(
        plan=plan,
        by=guide,
        kind="work_practice",
        title="Praksis i bakeri",
        owner="guide",
        start_date=today + 30 * day,
        due_date=today + 120 * day,
    )
    services.step_create(
        plan=plan,
        by=guide,
        kind="driving_licence",
        title="Teoriprøve for førerkort klasse B",
        owner="newcomer",
        due_date=today + 200 * day,
    )
    services.competence_add(
        plan=plan,
        by=veileder,
        kind="experience",
        title="Baker",
        description="Ti år i eget bakeri i Aleppo: brød, kaker, bestilling av varer.",
        occupation=_occupation("7512"),
        years=Decimal(10),
        source="verified",
    )
    services.competence_add(
        plan=plan,
        by=guide,
        kind="skill",
        title="Kasse og kundeservice",
        occupation=_occupation("5223"),
        source="declared",
    )
    services.education_add(
        plan=plan,
        by=veileder,
        level="vocational",
        title="Bakerfag",
        country="Syria",
        completed_year=2009,
        recognition_status="applied",
        recognition_note="Sendt til vurdering; svar ventes om tre måneder.",
    )
    services.note_add(
        plan=plan,
        by=plan.newcomer,
        text="أريد أن أعمل في مخبز في الصباح الباكر. أحتاج إلى مساعدة في ترجمة شهاداتي.",
    )


def _yonas(today: datetime.date, guide: User) -> None:
    plan = _plan(
        YONAS,
        by=guide,
        goal_occupation=_occupation("5223"),
        norwegian_spoken_now="A1",
        norwegian_written_now="A1",
    )
    if plan is None:
        return
    services.step_create(
        plan=plan,
        by=guide,
        kind="norwegian_course",
        title="Norskkurs A1–A2",
        owner="newcomer",
        due_date=today + datetime.timedelta(days=90),
        status="in_progress",
    )
    services.step_create(
        plan=plan,
        by=guide,
        kind="work_practice",
        title="Praksis i butikk på Grorud",
        owner="employer",
        due_date=today + datetime.timedelta(days=180),
    )
    services.competence_add(
        plan=plan,
        by=guide,
        kind="experience",
        title="Butikkmedarbeider i Asmara",
        occupation=_occupation("5223"),
        years=Decimal(3),
        source="mapped",
    )
    services.note_add(plan=plan, by=plan.newcomer, text="ኣብ ድኳን ክሰርሕ ይደሊ እየ።")


def _farid(today: datetime.date, guide: User) -> None:
    plan = _plan(
        FARID,
        by=guide,
        goal_occupation=_occupation("5120"),
        norwegian_spoken_now="A1",
        norwegian_written_now="A0",
        norwegian_spoken_target="A2",
        norwegian_written_target="A2",
    )
    if plan is None:
        return
    services.step_create(
        plan=plan,
        by=guide,
        kind="innstegsjobb",
        title="Innstegsjobb på kjøkken",
        owner="guide",
        due_date=today + datetime.timedelta(days=150),
    )
    services.competence_add(
        plan=plan,
        by=guide,
        kind="experience",
        title="Kokk i Kabul",
        occupation=_occupation("5120"),
        years=Decimal(6),
        source="declared",
    )
    services.education_add(
        plan=plan,
        by=guide,
        level="secondary",
        title="Videregående skole",
        country="Afghanistan",
        recognition_status="not_applied",
    )


def _ended_practice(listings: Listings, today: datetime.date) -> PlacementAgreement | None:
    """Dawit's summer practice at TBV: from four months ago to ten days ago, ended."""
    agreement = hire(listings[(TBV, SHOP_PRACTICE)], DAWIT, "ሰላም! ክሰርሕን ክመሃርን ይደሊ እየ።")
    if agreement is None:
        return None
    start = today - datetime.timedelta(days=120)
    end = today - datetime.timedelta(days=10)
    agreement = approve_all(complete_and_send(agreement, start=start, end=end))
    veileder = caseworker_of(agreement.kommune_id, Role.VEILEDER)
    agreement_start(agreement=agreement, by=veileder, today=start)
    return agreement_end(agreement=agreement, by=veileder, note="Praksisen er fullført.")


def _dawit(listings: Listings, today: datetime.date, guide: User, veileder: User) -> None:
    plan = _plan(
        DAWIT,
        by=guide,
        goal_occupation=_occupation("5223"),
        norwegian_spoken_now="A2",
        norwegian_written_now="A1",
    )
    if plan is None:
        return
    agreement = _ended_practice(listings, today)
    services.step_create(
        plan=plan,
        by=guide,
        kind="norwegian_course",
        title="Norskprøve muntlig A2",
        owner="newcomer",
        due_date=today - datetime.timedelta(days=20),
        status="done",
    )
    services.education_add(
        plan=plan,
        by=guide,
        level="secondary",
        title="Videregående skole",
        country="Eritrea",
        completed_year=2015,
        recognition_status="recognised",
    )
    services.note_add(plan=plan, by=plan.newcomer, text="ልምምድ ብጣዕሚ ጽቡቕ ነይሩ። ብዙሕ ተማሂረ።")
    if agreement is None:
        return
    services.plan_attach_agreement(plan=plan, agreement=agreement, by=veileder)
    employer = organisation_admin(agreement.organisation)
    services.evaluation_give(
        agreement=agreement,
        by=agreement.newcomer,
        rating="very_well",
        text="ጽቡቕ ልምዲ ነይሩ። ምስ ዓማዊል ምዝራብ ተማሂረ።",
    )
    services.evaluation_give(
        agreement=agreement,
        by=employer,
        rating="well",
        text="Dawit møtte presist og lærte rutinene raskt. Norsken ble bedre hver uke.",
    )
    services.evaluation_give(
        agreement=agreement,
        by=caseworker_of(agreement.kommune_id, Role.VEILEDER),
        rating="well",
        text="Målene for praksisen er nådd. Neste steg: innstegsjobb i butikk.",
    )
    services.reference_letter_issue(
        agreement=agreement,
        by=employer,
        signer_name=employer.full_name,
        signer_title="Daglig leder",
        tasks="Varemottak, påfylling av hyller, kasse og kundeservice.",
        statement=(
            "Dawit har vært en pålitelig og blid medarbeider. Han tok ansvar for varemottaket "
            "og lærte seg kassen på kort tid. Vi anbefaler ham varmt."
        ),
    )


def seed_plans(listings: Listings) -> None:
    today = timezone.localdate()
    guide = _guide()
    veileder = caseworker_of(OSLO, Role.VEILEDER)
    _amal(today, guide, veileder)
    _yonas(today, guide)
    _farid(today, guide)
    _dawit(listings, today, guide, veileder)
