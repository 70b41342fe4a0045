"""Which of Innsteg's languages a short text (an employer's screening question) is written in.

Screening questions are stored without their language, so the pages recognise it: by the
script (Ethiopic: Tigrinya; Cyrillic: Ukrainian; Arabic script: Persian when it has letters
Arabic lacks, else Arabic) and, for the Latin script, by the small words every sentence has
(Norwegian, Nynorsk, English, Somali). A text too short or too mixed to tell gets None, and
the page then says nothing rather than guess.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

ETHIOPIC = re.compile("[\u1200-\u137f]")
CYRILLIC = re.compile("[\u0400-\u04ff]")
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
PERSIAN_LETTERS = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc]")  # پ چ ژ گ ک ی
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Words frequent in short questions and rare in the other Latin-script languages here.
LATIN_MARKERS: dict[str, frozenset[str]] = {
    "nb": frozenset(
        [
            "jeg",
            "du",
            "har",
            "kan",
            "er",
            "ikke",
            "og",
            "å",
            "på",
            "til",
            "med",
            "for",
            "deg",
            "det",
            "en",
            "et",
            "som",
            "eller",
            "hvor",
            "hva",
            "hvordan",
            "når",
            "noen",
            "norsk",
            "jobbe",
            "arbeide",
            "førerkort",
            "kveld",
            "helg",
        ]
    ),
    "nn": frozenset(
        [
            "eg",
            "ikkje",
            "kva",
            "korleis",
            "kven",
            "kvar",
            "noko",
            "nokon",
            "dykk",
            "me",
            "kjem",
            "vere",
        ]
    ),
    "en": frozenset(
        [
            "you",
            "your",
            "do",
            "have",
            "can",
            "are",
            "is",
            "the",
            "a",
            "an",
            "and",
            "or",
            "to",
            "with",
            "of",
            "in",
            "on",
            "work",
            "driving",
            "weekends",
            "evenings",
            "speak",
            "english",
        ]
    ),
    "so": frozenset(
        [
            "ma",
            "waxaad",
            "ku",
            "iyo",
            "tahay",
            "kartaa",
            "haysataa",
            "shaqo",
            "ah",
            "aad",
            "miyaad",
            "oo",
            "ka",
            "shaqeyn",
            "karaa",
            "leedahay",
        ]
    ),
}
# Words Bokmål and Nynorsk share count for both; Nynorsk wins only on its own words.
SHARED_NORWEGIAN = LATIN_MARKERS["nb"] - {"jeg", "ikke", "hva", "hvordan", "hvor", "noen"}


def written_language(text: str) -> str | None:
    """The language code of `text` if it can be told with confidence, else None."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 4:
        return None
    if ETHIOPIC.search(text):
        return "ti"
    if CYRILLIC.search(text):
        return "uk"
    if ARABIC_SCRIPT.search(text):
        return "fa" if PERSIAN_LETTERS.search(text) else "ar"
    words = [word.lower() for word in WORD.findall(text)]
    scores = {
        code: sum(word in markers for word in words) for code, markers in LATIN_MARKERS.items()
    }
    scores["nn"] += sum(word in SHARED_NORWEGIAN for word in words)
    if any(ch in "æøåÆØÅ" for ch in text):
        scores["nb"] += 1
        scores["nn"] += 1
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_second, runner_up) = ranked[0], ranked[1]
    if top == 0 or top == runner_up:
        # Bokmål and Nynorsk tie on shared words: it is Norwegian, written as Bokmål.
        if top > 0 and {best, _second} == {"nb", "nn"}:
            return "nb"
        return None
    return best


NORWEGIAN = frozenset({"nb", "nn"})


def language_note(text: str, *, reader: str | None = None) -> tuple[str | None, str]:
    """The language code of `text` (for its `lang` attribute) and, when it differs from the
    reader's language, a note for the reader: "Written in Norwegian Bokmål"."""
    code = written_language(text)
    reader = reader or translation.get_language() or settings.LANGUAGE_CODE
    if code is None or code == reader or {code, reader} <= NORWEGIAN:
        return code, ""
    name = dict(settings.LANGUAGES).get(code)
    if name is None:
        return code, ""
    return code, _("Written in %(language)s") % {"language": name}


def labelled_text(text: str) -> SafeString:
    """`text` as a label of a form field: marked with its language, and its note if any."""
    code, note = language_note(text)
    if not note:
        return format_html(
            '<span dir="auto"{}>{}</span>', format_html(' lang="{}"', code) if code else "", text
        )
    return format_html(
        '<span dir="auto" lang="{}">{}</span> <span class="meta written-in">· {}</span>',
        code,
        text,
        note,
    )
