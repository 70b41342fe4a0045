"""The demo's subsidy cases, one in each status, all in Oslo.

- approved: Amal's nystartsjobb at Grorud Bakeri started some months ago (the agreement runs);
  the decision's first refund claim is due in a few days, the second one is reported;
- recommended: Ahmed's, waiting for a beslutter (the OAuth demo client can decide it);
- computed: Mariam's, eligible, waiting for a veileder's recommendation;
- open: Dawit's innstegsjobb, waiting for his facts;
- rejected: Oksana's, whose wage is below the collective agreement;
- computed, not eligible: Amal's second job, an innstegsjobb starting while her approved
  nystartsjobb runs: rule 7 (no double subsidy) names her approved decision;
- a what-if run by the beslutter: every undecided case under rule set v2.

The person facts carry made-up D-numbers: valid check digits, no real person.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from stdnum.no import fodselsnummer

from accounts.models import Role, User
from common.months import add_months, period_last_day
from demo.applications import hire
from demo.listings import BAKER_JOB, KITCHEN_JOB, Listings, organisation_admin
from demo.people import AHMED, AMAL, DAWIT, GRORUD, MARIAM, OKSANA, caseworker_of
from demo.placements import approve_all, complete_and_send
from listings.models import Listing
from placements.services import agreement_start
from subsidies.models import (
    PermitKind,
    RecommendationOutcome,
    RefundClaim,
    RejectionReason,
    SubsidyCase,
    WhatIfRun,
    WhatIfStatus,
)
from subsidies.rules import NYSTARTSJOBB_PILOT_V2
from subsidies.services import (
    case_approve,
    case_facts_update,
    case_recommend,
    case_reject,
    cases_compute,
    person_facts_update,
    refund_claim_report,
)
from subsidies.services.decisions import claim_due_date
from subsidies.services.whatif import whatif_compute

OSLO = "0301"


def synthetic_d_number(birth_date: datetime.date, serial: int) -> str:
    """A D-nummer for `birth_date` (day plus 40) that python-stdnum accepts: the first
    individual number from `serial` on whose two check digits are single digits."""
    for individual in range(serial, serial + 100):
        base = f"{birth_date.day + 40:02d}{birth_date:%m%y}{individual:03d}"
        first = fodselsnummer.calc_check_digit1(base)
        second = fodselsnummer.calc_check_digit2(base + first)
        number = base + first + second
        if len(number) == 11 and fodselsnummer.is_valid(number):
            return number
    raise ValueError(f"no D-nummer for {birth_date} from {serial}")


def _ready_case(
    listing: Listing,
    login: str,
    message: str,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> SubsidyCase | None:
    """Hired, the terms completed and approved by all three: the case the approval opened."""
    agreement = hire(listing, login, message)
    if agreement is None:
        return None
    agreement = approve_all(complete_and_send(agreement, start=start, end=end))
    return SubsidyCase.objects.get(agreement=agreement)


def _give_facts(
    case: SubsidyCase,
    *,
    by: User,
    serial: int,
    age: int = 31,
    wage_meets_tariff: bool = True,
) -> None:
    """What the veileder finds out: a protection permit 17 months before the application, out
    of work since 30 months before it, in Norwegian tuition, and a sound employer."""
    applied = case.application_date
    start = case.agreement.start_date
    birth_date = datetime.date(start.year - age, start.month, min(start.day, 28))
    person_facts_update(
        case=case,
        by=by,
        national_id=synthetic_d_number(birth_date, serial),
        residence_permit={"kind": PermitKind.PROTECTION, "granted_on": add_months(applied, -17)},
        in_norwegian_tuition=True,
        out_of_work_periods=[{"start": add_months(applied, -30).isoformat(), "end": None}],
    )
    case_facts_update(
        case=case,
        by=by,
        tax_arrears_nok=Decimal(0),
        family_tie=False,
        wage_meets_tariff=wage_meets_tariff,
        other_wage_subsidy=False,
    )
    cases_compute(case_ids=[case.pk])


def start_with_a_claim_due_soon(today: datetime.date) -> datetime.date:
    """A start about three months back: the first monthly period's claim falls due in three to
    six days, and the second period has ended, so its wage can be reported."""
    for days in range(15):
        start = add_months(today, -3) + datetime.timedelta(days=days)
        first_due = claim_due_date(period_last_day(start, 1))
        second_end = period_last_day(start, 2)
        if today + datetime.timedelta(days=3) <= first_due <= today + datetime.timedelta(
            days=6
        ) and second_end < today <= claim_due_date(second_end):
            return start
    raise ValueError(f"no start date for {today}")


def _approved_and_running(
    listings: Listings, today: datetime.date, *, veileder: User, beslutter: User
) -> None:
    start = start_with_a_claim_due_soon(today)
    case = _ready_case(
        listings[(GRORUD, BAKER_JOB)],
        AMAL,
        "أنا خبّازة منذ عشر سنوات، وأحب العمل في الصباح الباكر.",
        start=start,
        end=period_last_day(start, 12),
    )
    if case is None:
        return
    # Kari applied for the subsidy two weeks before the start, when the job was agreed.
    SubsidyCase.objects.filter(pk=case.pk).update(
        application_date=start - datetime.timedelta(days=14)
    )
    case.refresh_from_db()
    agreement_start(agreement=case.agreement, by=veileder, today=today)
    _give_facts(case, by=veileder, serial=120)
    case_recommend(
        case=case, by=veileder, outcome=RecommendationOutcome.APPROVE, note="Alt er i orden."
    )
    case_approve(case=case, by=beslutter, note="Innvilget etter veileders tilråding.")
    claims = list(RefundClaim.objects.filter(case=case).order_by("period__number"))
    refund_claim_report(
        claim=claims[1],
        by=organisation_admin(case.organisation),
        monthly_wage_nok=Decimal(30000),
        today=today,
    )


def _overlapping_second_job(listings: Listings, today: datetime.date, *, veileder: User) -> None:
    """Amal's innstegsjobb starting next week, inside her approved nystartsjobb: not eligible,
    the reason naming the approved decision (docs/rules/settled-readings.md, condition 7)."""
    case = _ready_case(
        listings[(GRORUD, KITCHEN_JOB)],
        AMAL,
        "أستطيع أيضاً المساعدة في المطبخ بعد الظهر.",
        start=today + datetime.timedelta(days=7),
    )
    if case is None:
        return
    case_facts_update(
        case=case,
        by=veileder,
        tax_arrears_nok=Decimal(0),
        family_tie=False,
        wage_meets_tariff=True,
        other_wage_subsidy=False,
        holiday_pay_rate=Decimal("0.12"),
        otp_rate=Decimal("0.02"),
    )
    cases_compute(case_ids=[case.pk])


def _whatif_under_v2(beslutter: User) -> None:
    """A finished what-if run: the undecided cases of Oslo under rule set v2, beside the rule
    set each is computed under."""
    version = NYSTARTSJOBB_PILOT_V2.version
    if WhatIfRun.objects.filter(created_by=beslutter, rule_set=version).exists():
        return
    WhatIfRun.objects.create(
        rule_set=version,
        parameters={},
        kommuner=[OSLO],
        created_by=beslutter,
        status=WhatIfStatus.DONE,
        result=whatif_compute(parameters={}, kommuner=[OSLO], rule_set=version),
        attempts=1,
        finished_at=timezone.now(),
    )


def seed_cases(listings: Listings) -> None:
    today = timezone.localdate()
    veileder = caseworker_of(OSLO, Role.VEILEDER)
    beslutter = caseworker_of(OSLO, Role.BESLUTTER)
    _approved_and_running(listings, today, veileder=veileder, beslutter=beslutter)

    case = _ready_case(
        listings[(GRORUD, BAKER_JOB)],
        AHMED,
        "مرحباً، عملت حلوانياً في دمشق وأستطيع البدء فوراً.",
    )
    if case is not None:
        _give_facts(case, by=veileder, serial=230, age=28)
        case_recommend(
            case=case,
            by=veileder,
            outcome=RecommendationOutcome.APPROVE,
            note="Oppfyller vilkårene.",
        )

    case = _ready_case(
        listings[(GRORUD, BAKER_JOB)],
        MARIAM,
        "Salaan, waxaan dubi jiray rootiga dukaanka qoyskayga. Subaxdii hore waan imaan karaa.",
    )
    if case is not None:
        _give_facts(case, by=veileder, serial=340, age=35)

    _ready_case(
        listings[(GRORUD, KITCHEN_JOB)],
        DAWIT,
        "ሰላም፡ ኣብ ሆቴል ኣብ ክሽነ ሰሪሐ እየ። ምስ ጉጅለ ምስራሕ ይፈቱ።",
    )

    case = _ready_case(
        listings[(GRORUD, KITCHEN_JOB)],
        OKSANA,
        "Добрий день! Я працювала в їдальні у Львові й швидко навчаюся.",
    )
    if case is not None:
        _give_facts(case, by=veileder, serial=450, age=26, wage_meets_tariff=False)
        case_recommend(
            case=case,
            by=veileder,
            outcome=RecommendationOutcome.REJECT,
            note="Lønnen er under tariff.",
        )
        case_reject(
            case=case,
            by=beslutter,
            reason=RejectionReason.OTHER,
            reason_text="Lønnen følger ikke tariffavtalen.",
        )

    _overlapping_second_job(listings, today, veileder=veileder)
    _whatif_under_v2(beslutter)
