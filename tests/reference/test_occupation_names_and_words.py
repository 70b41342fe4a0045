"""Occupation names in the reader's language, the search words behind them, and the Norwegian
stemmer that must give on SQLite what PostgreSQL gives."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from reference import csv_import
from reference.models import Occupation
from reference.names import occupation_name
from reference.occupation_search import (
    closest_words,
    forget_index,
    name_parts,
    norwegian_stems,
    occupations_matching,
)
from reference.word_forms import fold, norwegian_stem, words

pytestmark = pytest.mark.django_db

LANGUAGES = ("nb", "nn", "en", "ar", "uk", "ti", "so", "fa")


def test_a_translated_unit_group_has_a_name_in_every_language() -> None:
    baker = Occupation.objects.get(code="7512")
    names = {language: occupation_name(baker, language) for language in LANGUAGES}
    assert names["nb"] == "Bakere, konditorer mv."
    assert names["ar"] == "الخبازون وصانعو الحلويات"
    assert names["uk"] == "Пекарі та кондитери"
    assert len(set(names.values())) == len(LANGUAGES)  # none of them the Norwegian fallback


def test_an_untranslated_group_falls_back_to_norwegian() -> None:
    untranslated = Occupation.objects.get(code="2221")  # the ISCO title means another group
    assert not untranslated.names.get("ar")
    assert occupation_name(untranslated, "ar") == "Spesialsykepleiere"
    assert occupation_name(untranslated, "en") == "Spesialsykepleiere"


def test_the_name_follows_the_active_language() -> None:
    kitchen = Occupation.objects.get(code="9412")
    with translation.override("so"):
        assert occupation_name(kitchen) == "Kaaliyayaasha jikada"
    with translation.override("nb"):
        assert occupation_name(kitchen) == "Kjøkkenassistenter"


def test_the_data_files_name_only_existing_codes_and_every_language() -> None:
    codes = set(Occupation.objects.values_list("code", flat=True))
    with csv_import.OCCUPATION_NAMES_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["kode"] for row in rows} <= codes
    assert {row["en_kilde"] for row in rows} == {"isco08", "innsteg"}
    with csv_import.OCCUPATION_SYNONYMS_CSV.open(encoding="utf-8") as handle:
        synonyms = list(csv.DictReader(handle))
    assert {row["spraak"] for row in synonyms} == set(LANGUAGES)
    for row in synonyms:
        assert set(row["koder"].split("|")) <= codes, row


def test_every_search_word_finds_its_own_occupations() -> None:
    missed = []
    for occupation in Occupation.objects.exclude(synonyms={}):
        for language, listed in occupation.synonyms.items():
            for word in listed:
                if occupation.code not in occupations_matching(word):
                    missed.append((language, word, occupation.code))
    assert not missed


def test_names_split_into_the_kinds_of_work_they_list() -> None:
    assert name_parts("Bakere, konditorer mv.") == ["Bakere", "konditorer"]
    assert name_parts("Tømrere og snekkere") == ["Tømrere", "snekkere"]
    assert name_parts("Пекарі та кондитери") == ["Пекарі", "кондитери"]
    assert name_parts("Resepsjonister (ekskl. hotell)") == ["Resepsjonister", "ekskl. hotell"]


def test_a_wide_group_name_does_not_stand_for_a_word() -> None:
    # "Sykepleiere og jordmødre" (222) must not give every midwife to "sykepleier",
    # nor "Renholdere, hjelpearbeidere mv." (9) every elementary occupation to "renholder".
    assert occupations_matching("sykepleier") == {"2223", "5321"}
    assert occupations_matching("renholdere") <= {"9111", "9112", "9122", "9123", "9129"}


def test_a_norwegian_word_finds_the_compounds_it_begins() -> None:
    assert "4321" in occupations_matching("lagermedarbeidere")
    assert "9412" in occupations_matching("kjøkkenhjelpen")
    assert occupations_matching("kokkelimonke") == frozenset()  # "kokk" is too short to begin one


def test_folding_takes_away_what_a_keyboard_may_not_have() -> None:
    assert fold("Kjøkken") == fold("kjokken")
    assert fold("Kafé") == "kafe"
    assert fold("أإآ") == "ااا"
    assert fold("مَدْرَسَة") == "مدرسه"
    assert fold("نانوایی") == fold("نانوايي")
    assert fold("کار") == fold("كار")
    assert words("پاک‌کاری") == ["پاك", "كاري"]


def test_the_python_norwegian_stemmer_gives_what_postgresql_gives() -> None:
    """Every Norwegian word of the names and search words, and the inflected forms searched for:
    the SQLite search must stem them as PostgreSQL's `norwegian_stem` does."""
    if connection.vendor != "postgresql":
        pytest.skip("compares with PostgreSQL")
    vocabulary: set[str] = set()
    for occupation in Occupation.objects.all():
        texts = [occupation.title_nb, occupation.names.get("nn", "")]
        texts += occupation.synonyms.get("nb", []) + occupation.synonyms.get("nn", [])
        for text in texts:
            vocabulary.update(words(text))
    vocabulary.update(
        words("bakeriet bakerier bakeriene bakerne kokken kokkene renholderen renholdere lageret")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, (ts_lexize('norwegian_stem', w))[1] FROM unnest(%s::text[]) AS w",
            [sorted(vocabulary)],
        )
        postgres = {word: stem for word, stem in cursor.fetchall() if stem is not None}
    assert len(postgres) > 900
    differ = {w: (norwegian_stem(w), s) for w, s in postgres.items() if norwegian_stem(w) != s}
    assert not differ
    assert norwegian_stems(["bakeriet", "bakere"]) == {"bakeriet": "bakeri", "bakere": "bak"}


def test_close_spellings_are_offered_in_the_readers_language_and_norwegian() -> None:
    assert [word.text for word in closest_words("bakar", ["en", "nb"])][:1] == ["baker"]
    assert "renhold" in [word.text for word in closest_words("renhlod", ["nb"])]
    assert closest_words("xyzzy", ["nb"]) == []


def test_the_coverage_command_says_what_is_not_translated(organisation: object) -> None:
    from tests.factories import ListingFactory

    ListingFactory(organisation=organisation, occupation_id="2221")
    out = StringIO()
    call_command("occupation_name_coverage", stdout=out)
    report = out.getvalue()
    assert "ar: 66 of 407 unit groups, 39 of 39 two-digit groups translated" in report
    assert "2221 Spesialsykepleiere (1 listings) shows in Norwegian" in report


def test_the_import_command_loads_changed_names(tmp_path: Path) -> None:
    rows = list(csv.DictReader(StringIO(csv_import.OCCUPATION_NAMES_CSV.read_text("utf-8"))))
    for row in rows:
        if row["kode"] == "7512":
            row["so"] = "Rootiyeyaal"
    newer = tmp_path / "names.csv"
    with newer.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    call_command("import_reference_data", occupation_names=newer, stdout=StringIO())
    assert Occupation.objects.get(code="7512").names["so"] == "Rootiyeyaal"
    try:
        assert occupations_matching("rootiyeyaal") == {"7512"}  # the search sees the change
    finally:
        forget_index()  # the change goes with the test's transaction


@pytest.mark.parametrize("language", csv_import.NAME_LANGUAGES)
def test_the_major_groups_are_named_in_every_language(language: str) -> None:
    """The headings of the fields of work and the first level of the search page's counts."""
    majors = list(Occupation.objects.filter(level=1).order_by("code"))
    assert [occupation.code for occupation in majors] == [str(digit) for digit in range(10)]
    with translation.override(language):
        named = {occupation.code: occupation_name(occupation) for occupation in majors}
    assert all(named[o.code] and named[o.code] != o.title_nb for o in majors), named
