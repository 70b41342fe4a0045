"""A newcomer reads their development plan on a 360×740 phone, in Arabic and in Tigrinya:
the page is in their language and direction, the next step and the overdue step stand out,
they write a note of their own, and they look at the places that fit them. No serious axe
violation, and no sideways scrolling at 320 CSS pixels.

Screenshots go to $INNSTEG_SCREENSHOT_DIR when it is set (to look at them), else to tmp_path.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import NewcomerProfile, User
from applications.models import ApplicantProfile
from plans.models import DevelopmentPlan, PlanNote, StepKind, StepStatus
from tests.factories import ListingFactory, NewcomerFactory, OrganisationFactory
from tests.plans.factories import CompetenceFactory, EducationFactory, PlanFactory, StepFactory
from tests.support.browser import PHONE, axe_violations, phone_context, session_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TODAY = datetime.date.today()
NAMES = {"ar": "Amal Haddad", "ti": "Yonas Tesfay"}
NOTES = {"ar": "أريد أن أبدأ العمل في مخبز.", "ti": "ኣብ ድኳን ክሰርሕ ይደሊ እየ።"}


def _t(language: str, text: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


def _plan_of(language: str) -> DevelopmentPlan:
    newcomer: User = NewcomerFactory(full_name=NAMES[language], language=language)
    NewcomerProfile.objects.filter(user=newcomer).update(kommune_id="0301")
    ApplicantProfile.objects.create(
        user=newcomer, languages=[language], norwegian_spoken="A2", norwegian_written="A1"
    )
    plan = PlanFactory(newcomer=newcomer, goal_occupation_id="7512")
    StepFactory(
        plan=plan,
        kind=StepKind.RECOGNITION,
        title="Søke om godkjenning av fagbrev",
        due_date=TODAY - datetime.timedelta(days=7),
    )
    StepFactory(
        plan=plan,
        kind=StepKind.NORWEGIAN_COURSE,
        title="Norskkurs A2–B1",
        status=StepStatus.IN_PROGRESS,
        due_date=TODAY + datetime.timedelta(days=90),
    )
    StepFactory(plan=plan, kind=StepKind.WORK_PRACTICE, title="Praksis i bakeri")
    CompetenceFactory(plan=plan, title="Baker", occupation_id="7512")
    EducationFactory(plan=plan, title="Bakerfag", recognition_status="applied")
    organisation = OrganisationFactory(name="Grorud Bakeri AS")
    ListingFactory(
        organisation=organisation, title="Bakeriarbeider på Grorud", workplace_languages=[language]
    )
    ListingFactory(organisation=organisation, title="Baker med kundeansvar", norwegian_spoken="C1")
    return plan


@pytest.mark.parametrize("language", ["ar", "ti"])
def test_the_newcomer_reads_their_plan_on_a_phone(
    browser: Browser, live_server: LiveServer, language: str, tmp_path: Path
) -> None:
    plan = _plan_of(language)
    shots = Path(os.environ.get("INNSTEG_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    context = phone_context(browser)
    context.add_cookies(
        [
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
            session_cookie(plan.newcomer, live_server.url),
        ]
    )
    page = context.new_page()
    page.goto(live_server.url + reverse("plans:mine"))

    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    expect(page.locator("h1")).to_have_text(_t(language, "My plan"))
    overdue = page.locator(".step.overdue")
    expect(overdue).to_have_count(1)
    expect(overdue.locator(".tag.next")).to_have_text(_t(language, "Next step"))
    expect(overdue.locator(".tag.overdue")).to_have_text(_t(language, "Overdue"))
    expect(page.locator(".callout a")).to_have_text("Søke om godkjenning av fagbrev")
    assert int(page.evaluate("document.documentElement.scrollWidth")) <= PHONE["width"]
    page.screenshot(path=str(shots / f"plan-{language}.png"), full_page=True)

    # A note of their own, in their own script.
    page.fill("#id_text", NOTES[language])
    page.locator("#notes-heading ~ form button[type=submit]").click()
    expect(page.locator(".notes .free-text")).to_have_text(NOTES[language])
    assert PlanNote.objects.get(plan=plan).text == NOTES[language]
    expect(page.locator(".messages")).to_contain_text(_t(language, "Your note is saved."))

    assert not axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert int(page.evaluate("document.documentElement.scrollWidth")) <= 320
    page.set_viewport_size(PHONE)

    # The places that fit: the bakery first with its reasons; the one asking C1 apart, with why.
    page.locator("main a.button.primary").first.click()
    expect(page.locator("h1")).to_have_text(_t(language, "Places for you"))
    fits = page.locator("#fits-heading ~ article")
    expect(fits.first.locator("h3")).to_have_text("Bakeriarbeider på Grorud")
    expect(fits.first.locator(".reasons").first).to_contain_text(
        _t(language, "You speak %(language)s, which is spoken at this workplace.").split("%")[0]
    )
    expect(page.locator("#reach-heading ~ article h3")).to_have_text("Baker med kundeansvar")
    assert not axe_violations(page)
    page.screenshot(path=str(shots / f"places-{language}.png"), full_page=True)
    context.close()


def test_the_staff_plan_pages_have_no_serious_axe_violations(
    browser: Browser, live_server: LiveServer
) -> None:
    from accounts.models import ConsentKind, Role
    from accounts.services import consent_give
    from tests.factories import UserFactory

    plan = _plan_of("ar")
    guide = UserFactory(role=Role.GUIDE)
    NewcomerProfile.objects.filter(user=plan.newcomer).update(guide=guide)
    consent_give(user=plan.newcomer, kind=ConsentKind.GUIDE_SHARING)
    step = plan.steps.first()
    assert step is not None
    pages = [
        reverse("plans:people"),
        reverse("plans:person", args=[plan.newcomer_id]),
        reverse("plans:edit", args=[plan.newcomer_id]),
        reverse("plans:step_new", args=[plan.newcomer_id]),
        reverse("plans:step_edit", args=[step.pk]),
        reverse("plans:competence_new", args=[plan.newcomer_id]),
        reverse("plans:education_new", args=[plan.newcomer_id]),
        reverse("plans:person_places", args=[plan.newcomer_id]),
    ]
    context = phone_context(browser)
    context.add_cookies([session_cookie(guide, live_server.url)])
    page = context.new_page()
    found: dict[str, object] = {}
    for path in pages:
        page.goto(live_server.url + path)
        assert page.url.endswith(path), page.url
        if violations := axe_violations(page):
            found[path] = violations
        if (width := int(page.evaluate("document.documentElement.scrollWidth"))) > PHONE["width"]:
            found[f"{path} width"] = width
    context.close()
    assert not found, found
