"""Every string we show is translated, keeps its placeholders, and the compiled catalog is fresh."""

import re
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "backend" / "locale"
TRANSLATED = ["nb", "nn", "ar", "uk", "ti", "so", "fa"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{\s*\w+\s*\}\}|</?a\b[^>]*>")


def _catalog(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_string_is_left_untranslated(language: str) -> None:
    catalog = _catalog(language)
    missing = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:3]}"
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:3]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_their_placeholders(language: str) -> None:
    for entry in _catalog(language).translated_entries():
        if not entry.msgid_plural:
            expected = sorted(PLACEHOLDER.findall(entry.msgid))
            assert sorted(PLACEHOLDER.findall(entry.msgstr)) == expected, (language, entry.msgid)
            continue
        # A plural form may name the count or not ("There is a problem" / "There are 3
        # problems"; Ukrainian's "one" form also covers 21), but never a placeholder the
        # English lacks, and the other placeholders are all there.
        allowed = set(PLACEHOLDER.findall(entry.msgid)) | set(
            PLACEHOLDER.findall(entry.msgid_plural)
        )
        required = set(PLACEHOLDER.findall(entry.msgid))
        for form in entry.msgstr_plural.values():
            found = set(PLACEHOLDER.findall(form))
            assert required <= found <= allowed, (language, entry.msgid)


@pytest.mark.parametrize("language", [*TRANSLATED, "en"])
def test_the_compiled_catalog_matches_the_source(language: str) -> None:
    catalog = _catalog(language)
    compiled = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))

    def key(entry: polib._BaseEntry) -> tuple[str | None, str]:
        return (entry.msgctxt, entry.msgid)

    source = {key(e): e.msgstr for e in catalog.translated_entries() if not e.msgid_plural}
    built = {key(e): e.msgstr for e in compiled if e.msgid and not e.msgid_plural}
    assert source == built, f"{language}: run `make messages` to compile the catalog"
