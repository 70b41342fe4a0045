"""The reference letter's PDF: Norwegian and the person's language, shaped right to left for
Arabic and Persian, in an Ethiopic font for Tigrinya; a language no font can draw is left out
and the letter says so."""

from __future__ import annotations

import pytest

from accounts.models import User
from placements.models import PlacementAgreement
from plans import letters, services
from plans.models import ReferenceLetter

pytestmark = pytest.mark.django_db


def _issue(agreement: PlacementAgreement, employer: User, language: str) -> ReferenceLetter:
    User.objects.filter(pk=agreement.newcomer_id).update(language=language)
    agreement.newcomer.refresh_from_db()
    return services.reference_letter_issue(
        agreement=agreement,
        by=employer,
        signer_name="Kari Nordmann",
        signer_title="Daglig leder",
        tasks="Baking av brød og boller, kundeservice.",
        statement="Punktlig, lærevillig og god med kunder.",
        statement_translated="",
    )


@pytest.mark.parametrize(
    ("language", "font"),
    [("ar", "DejaVu"), ("fa", "DejaVu"), ("ti", "Abyssinica"), ("uk", "DejaVu"), ("so", "DejaVu")],
)
def test_the_letter_is_in_norwegian_and_the_persons_language(
    ended_agreement: PlacementAgreement, employer: User, language: str, font: str
):
    pdf = letters.render_letter(_issue(ended_agreement, employer, language))
    assert pdf.languages == ("nb", language)
    assert pdf.left_out == ()
    assert pdf.content.startswith(b"%PDF-") and pdf.content.rstrip().endswith(b"%%EOF")
    assert pdf.content.count(b"/Type /Page\n") + pdf.content.count(b"/Type /Page ") >= 2
    assert font.encode() in pdf.content  # the script's font is embedded


def test_a_norwegian_reader_gets_one_part(ended_agreement: PlacementAgreement, employer: User):
    pdf = letters.render_letter(_issue(ended_agreement, employer, "nb"))
    assert pdf.languages == ("nb",)


def test_a_script_without_a_font_is_left_out_and_said(
    ended_agreement: PlacementAgreement, employer: User, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setitem(letters.FONT_CANDIDATES, "ethiopic", ())
    pdf = letters.render_letter(_issue(ended_agreement, employer, "ti"))
    assert pdf.languages == ("nb",)
    assert pdf.left_out == ("ti",)
    assert pdf.content.startswith(b"%PDF-")
