"""Words as a search compares them: folded (case, accents, letter variants) and reduced to a stem.

Plain Python with no Django import, so that the same rules run on PostgreSQL and on SQLite.
PostgreSQL stems Norwegian with its own `norwegian` Snowball dictionary (see
reference/occupation_search.py); `norwegian_stem` here is the same Snowball algorithm for SQLite,
and tests/reference/test_word_forms.py checks that the two agree on every Norwegian word in the
occupation names and synonyms.

The other languages get light, predictable rules: Arabic and Persian letter variants and the
Arabic article, Ukrainian case endings, English plural -s. Forms the rules do not reach (Arabic
broken plurals, Somali and Tigrinya plurals) are listed as synonyms in the data instead.
"""

from __future__ import annotations

import re
import unicodedata

# Languages whose stemmer is the Norwegian one.
NORWEGIAN = ("nb", "nn")

# Letters that are the same letter to a reader: Arabic and Persian variants, Norwegian vowels
# typed on a keyboard without them, and the ligatures of other Latin-script languages.
_LETTERS = str.maketrans(
    {
        "ة": "ه",  # ta marbuta: written as ha at the end of a word by many
        "ى": "ي",  # alef maksura
        "ی": "ي",  # Persian ye
        "ې": "ي",
        "ک": "ك",  # Persian kaf
        "ڪ": "ك",
        "ٱ": "ا",  # alef wasla
        "ـ": "",  # tatweel (kashida)
        "\u200c": " ",  # zero-width non-joiner: Persian plural -ha and compounds
        "\u200d": "",
        "ø": "o",
        "æ": "ae",
        "ß": "ss",
        "œ": "oe",
        "’": "'",
    }
)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def fold(text: str) -> str:
    """Lower case without accents, diacritics or letter variants.

    Decomposition takes the hamza off alef, waw and ye (أ إ آ ؤ ئ), the harakat off Arabic and the
    accents off Latin (é å ü), so `café`, `cafe`, `مُخبز`, `مخبز` and `أ`/`ا` compare equal."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if unicodedata.category(char) != "Mn")
    return unicodedata.normalize("NFC", text.translate(_LETTERS))


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return _WORD.findall(fold(text))


# --- Norwegian: the Snowball algorithm (snowballstem.org, norwegian.sbl, the 2.x version that
# PostgreSQL 13-17 ship). Works on folded words, whose vowels are these.
_NO_VOWELS = frozenset("aeiouyæåø")
_NO_S_ENDING = frozenset("bcdfghjlmnoprtvyz")
# Suffix lists as the Snowball source writes them (hence split(), not list literals).
_NO_MAIN = sorted(
    (  # noqa: SIM905
        "a e ede ande ende ane ene hetene en heten ar er heter as es edes endes enes hetenes ens "
        "hetens ers ets et het ast"
    ).split(),
    key=len,
    reverse=True,
)
_NO_STEP1 = [*_NO_MAIN, "erte", "ert", "s"]
_NO_OTHER = sorted(
    "leg eleg ig eig lig elig els lov elov slov hetslov".split(),  # noqa: SIM905
    key=len,
    reverse=True,
)


def _norwegian_r1(word: str) -> int:
    if len(word) < 3:
        return len(word)
    index = 0
    while index < len(word) and word[index] not in _NO_VOWELS:
        index += 1
    while index < len(word) and word[index] in _NO_VOWELS:
        index += 1
    if index >= len(word):
        return len(word)
    p1 = index + 1  # just past the first non-vowel after a vowel
    return max(p1, 3)


def norwegian_stem(word: str) -> str:
    """The Snowball Norwegian stem of one lower-case word."""
    r1 = _norwegian_r1(word)
    # Step 1: the longest main suffix in R1.
    suffix = _longest(word[r1:], _NO_STEP1)
    if suffix in ("erte", "ert"):
        word = word[: -len(suffix)] + "er"
    elif suffix == "s":
        before = word[-2] if len(word) >= 2 else ""
        if before in _NO_S_ENDING or (
            before == "k" and len(word) >= 3 and word[-3] not in _NO_VOWELS
        ):
            word = word[:-1]
    elif suffix:
        word = word[: -len(suffix)]
    # Step 2: a final dt or vt in R1 loses its t.
    if word[r1:].endswith(("dt", "vt")):
        word = word[:-1]
    # Step 3: other suffixes in R1.
    suffix = _longest(word[r1:], _NO_OTHER)
    if suffix:
        word = word[: -len(suffix)]
    return word


def _longest(region: str, suffixes: list[str]) -> str:
    found = ""
    for suffix in suffixes:
        if len(suffix) > len(found) and region.endswith(suffix):
            found = suffix
    return found


# --- The light rules of the other languages.
_UK_ENDINGS = sorted(
    "ями ами ові еві ого ому ими іми ій ий ою ею ом ем ів ах ях ям ам а я у ю і и о е ь".split(),  # noqa: SIM905
    key=len,
    reverse=True,
)
_AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_AR_SUFFIXES = ("ات", "ون", "ين", "ه")
_FA_SUFFIXES = ("هاي", "ها")


def _strip_suffix(word: str, suffixes: tuple[str, ...] | list[str], keep: int) -> str:
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    return word


def ukrainian_stem(word: str) -> str:
    return _strip_suffix(word, _UK_ENDINGS, 3)


def arabic_stem(word: str) -> str:
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    return _strip_suffix(word, _AR_SUFFIXES, 3)


def persian_stem(word: str) -> str:
    return _strip_suffix(word, _FA_SUFFIXES, 3)


def english_stem(word: str) -> str:
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def plain(word: str) -> str:
    return word


# The stemmer of each language other than Norwegian (whose stems may come from PostgreSQL).
STEMMERS = {
    "en": english_stem,
    "ar": arabic_stem,
    "uk": ukrainian_stem,
    "ti": plain,
    "so": plain,
    "fa": persian_stem,
}
