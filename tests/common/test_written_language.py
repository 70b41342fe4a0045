"""Screening questions show which language they are written in: recognised by script, and for
the Latin script by the small words of each language; no guess when it cannot be told."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from common.written_language import language_note, written_language
from tests.factories import ListingFactory, ScreeningQuestionFactory


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Har du førerkort?", "nb"),
        ("Kan du jobbe i helgene?", "nb"),
        ("Kan eg jobbe i helga? Har du ikkje bil?", "nn"),
        ("Do you have a driving licence?", "en"),
        ("Ma haysataa shatiga baabuurka?", "so"),
        ("هل لديك رخصة قيادة؟", "ar"),
        ("آیا گواهینامه رانندگی دارید؟", "fa"),
        ("Чи маєте ви посвідчення водія?", "uk"),
        ("መንጃ ፍቓድ ኣለካ ዶ?", "ti"),
        ("OK?", None),
        ("Bakeriarbeider", None),
    ],
)
def test_the_language_of_a_question(text: str, language: str | None) -> None:
    assert written_language(text) == language


def test_the_note_names_the_language_only_for_a_reader_of_another() -> None:
    with translation.override("ar"):
        code, note = language_note("Har du førerkort?")
        assert code == "nb"
        assert note == translation.gettext("Written in %(language)s") % {
            "language": translation.gettext("Norwegian Bokmål")
        }
        assert note and "Written" not in note  # in Arabic
    assert language_note("Har du førerkort?", reader="nn") == ("nb", "")
    assert language_note("هل لديك رخصة قيادة؟", reader="ar") == ("ar", "")


@pytest.mark.django_db
def test_the_listing_and_the_application_form_mark_each_question(client_for, newcomer) -> None:  # type: ignore[no-untyped-def]
    listing = ListingFactory()
    ScreeningQuestionFactory(listing=listing, text="Har du førerkort?")
    newcomer.language = "en"
    newcomer.save(update_fields=["language"])
    client = client_for(newcomer)
    for url in (
        reverse("listings:detail", args=[listing.pk]),
        reverse("applications:apply", args=[listing.pk]),
    ):
        html = client.get(url).content.decode()
        assert '<span dir="auto" lang="nb">Har du førerkort?</span>' in html, url
        assert "· Written in Norwegian Bokmål</span>" in html, url
