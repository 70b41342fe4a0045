"""Which occupations a person means by the words they typed, in any of the eight languages.

Every occupation's names (the STYRK-08 title and its translations) and its search words are
folded and stemmed once into an index kept in the process for a few minutes. A search folds and
stems its own words the same way and finds the entries whose words it contains. Norwegian is
stemmed by PostgreSQL's `norwegian_stem` (the dictionary of the `norwegian` text search
configuration the listing search uses) when the database is PostgreSQL, and by the same Snowball
algorithm in Python on SQLite; a Norwegian search word also matches a compound that begins with it
(`lager` finds `lagermedarbeider`).
"""

from __future__ import annotations

import difflib
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models.signals import post_delete, post_save

from reference.models import Occupation
from reference.word_forms import NORWEGIAN, STEMMERS, norwegian_stem, words

INDEX_SECONDS = 600  # an edit in another process shows after at most this long
MAX_WORDS = 30  # of one search
COMPOUND_PREFIX_MIN = 5  # letters of a Norwegian word that may begin a compound
MAX_KNOWN_STEMS = 50_000  # words searched for whose stems are kept, past the index's own
# Words that join the parts of a name ("Bakere, konditorer og ..."), each part then a name.
_JOINERS = re.compile(r",|\(|\)|\b(?:og|mv|and|etc|та|і|iyo)\b|\s[و]\s", re.IGNORECASE)
_NORWEGIAN_STEMS_SQL = """
    SELECT word, s3 FROM unnest(%s::text[]) AS word,
    LATERAL (SELECT COALESCE((ts_lexize('norwegian_stem', word))[1], word) AS s1) AS one,
    LATERAL (SELECT COALESCE((ts_lexize('norwegian_stem', s1))[1], s1) AS s2) AS two,
    LATERAL (SELECT COALESCE((ts_lexize('norwegian_stem', s2))[1], s2) AS s3) AS three
"""


def _family(language: str) -> str:
    return "no" if language in NORWEGIAN else language


@dataclass(frozen=True)
class _Entry:
    stems: tuple[str, ...]
    codes: frozenset[str]


@dataclass(frozen=True)
class Word:
    """A name or search word as a person would type it, with the occupations it stands for."""

    text: str
    folded: str
    codes: frozenset[str]


@dataclass
class _Index:
    vendor: str
    built: float
    entries: dict[str, dict[str, list[_Entry]]] = field(default_factory=dict)
    compounds: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    vocabulary: dict[str, list[Word]] = field(default_factory=dict)
    # Norwegian stems already known: every word of the index, and words searched for since.
    stems: dict[str, str] = field(default_factory=dict)

    def norwegian_stems(self, tokens: list[str]) -> dict[str, str]:
        missing = [token for token in tokens if token not in self.stems]
        if missing:
            if len(self.stems) > MAX_KNOWN_STEMS:
                self.stems = {}
            self.stems.update(norwegian_stems(missing))
        return {token: self.stems[token] for token in tokens}


_index: _Index | None = None


def forget_index(**kwargs: object) -> None:
    """Build the index anew at the next search (after an edit or an import)."""
    global _index
    _index = None


post_save.connect(forget_index, sender=Occupation, dispatch_uid="occupation_search_save")
post_delete.connect(forget_index, sender=Occupation, dispatch_uid="occupation_search_delete")


def norwegian_stems(folded_words: Iterable[str]) -> dict[str, str]:
    """Each folded word's Norwegian stem: PostgreSQL's on PostgreSQL, Snowball's in Python else.

    The stemmer runs three times over, so that `bakere`, `baker` and `bakeren` meet."""
    unique = sorted(set(folded_words))
    if not unique:
        return {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_NORWEGIAN_STEMS_SQL, [unique])
            return dict(cursor.fetchall())
    return {word: _three_times(norwegian_stem, word) for word in unique}


def _three_times(stem: Callable[[str], str], word: str) -> str:
    return stem(stem(stem(word)))


def _stemmed(family: str, tokens: list[str], norwegian: dict[str, str]) -> tuple[str, ...]:
    if family == "no":
        return tuple(norwegian.get(token, token) for token in tokens)
    stem = STEMMERS[family]
    return tuple(stem(token) for token in tokens)


def name_parts(name: str) -> list[str]:
    """The parts of an occupation's name that each name the work ("Bakere, konditorer mv.")."""
    return [part.strip() for part in _JOINERS.split(name) if part and part.strip(" .")]


def _phrases(occupation: Occupation) -> Iterable[tuple[str, str, bool]]:
    """(language, phrase, is a search word) of an occupation: its names' parts and its words.

    A unit group's name counts part by part. A wider group's name counts only when it names one
    kind of work: "Sykepleiere og jordmødre" must not give every midwife to "sykepleier", and
    the major groups ("Renholdere, hjelpearbeidere mv.") are too wide to stand for a word."""
    names = [("nb", occupation.title_nb), *(occupation.names or {}).items()]
    for language, name in names:
        parts = name_parts(name)
        if occupation.level == 4 or (occupation.level in (2, 3) and len(parts) == 1):
            for part in parts:
                yield language, part, False
    for language, listed in (occupation.synonyms or {}).items():
        for word in listed:
            yield language, word, True


def _build() -> _Index:
    occupations = list(Occupation.objects.only("code", "level", "title_nb", "names", "synonyms"))
    units = sorted(occupation.code for occupation in occupations if occupation.level == 4)

    def unit_codes(code: str) -> frozenset[str]:
        return frozenset(unit for unit in units if unit.startswith(code))

    collected: list[tuple[str, str, list[str], frozenset[str], bool]] = []
    for occupation in occupations:
        codes = unit_codes(occupation.code)
        if not codes:
            continue
        for language, phrase, is_word in _phrases(occupation):
            tokens = words(phrase)
            if tokens and language in (*NORWEGIAN, *STEMMERS):
                collected.append((language, phrase, tokens, codes, is_word))
    norwegian = norwegian_stems(
        token
        for language, _, tokens, _, _ in collected
        if language in NORWEGIAN
        for token in tokens
    )
    index = _Index(vendor=connection.vendor, built=time.monotonic(), stems=dict(norwegian))
    merged: dict[tuple[str, tuple[str, ...]], set[str]] = {}
    compounds: dict[str, set[str]] = {}
    vocabulary: dict[tuple[str, str], tuple[str, set[str]]] = {}
    for language, phrase, tokens, unit_set, is_word in collected:
        family = _family(language)
        merged.setdefault((family, _stemmed(family, tokens, norwegian)), set()).update(unit_set)
        if (
            family == "no"
            and is_word
            and len(tokens) == 1
            and len(tokens[0]) >= COMPOUND_PREFIX_MIN
        ):
            compounds.setdefault(tokens[0], set()).update(unit_set)
        folded = " ".join(tokens)
        vocabulary.setdefault((language, folded), (phrase, set()))[1].update(unit_set)
    for (family, stems), merged_codes in merged.items():
        entry = _Entry(stems=stems, codes=frozenset(merged_codes))
        index.entries.setdefault(family, {}).setdefault(stems[0], []).append(entry)
    index.compounds = [(prefix, frozenset(found)) for prefix, found in sorted(compounds.items())]
    for (language, folded), (text, found) in sorted(vocabulary.items()):
        index.vocabulary.setdefault(language, []).append(
            Word(text=text, folded=folded, codes=frozenset(found))
        )
    return index


def _current_index() -> _Index:
    global _index
    index = _index
    if (
        index is None
        or index.vendor != connection.vendor
        or time.monotonic() - index.built > INDEX_SECONDS
    ):
        index = _index = _build()
    return index


def occupations_matching(text: str) -> frozenset[str]:
    """The STYRK-08 unit groups (4-digit codes) that the words of `text` name, in any language.

    Matches the occupations' names in every language and their search words, ignoring case,
    accents and letter variants, with Norwegian, Ukrainian, Arabic, Persian and English endings
    taken off; a name or search word of several words matches when they all appear in order."""
    tokens = words(text)[:MAX_WORDS]
    if not tokens:
        return frozenset()
    index = _current_index()
    norwegian = index.norwegian_stems(tokens)
    found: set[str] = set()
    for family, by_first in index.entries.items():
        stems = _stemmed(family, tokens, norwegian)
        for position, stem in enumerate(stems):
            for entry in by_first.get(stem, ()):
                if stems[position : position + len(entry.stems)] == entry.stems:
                    found |= entry.codes
    for token in tokens:
        for prefix, codes in index.compounds:
            if len(token) > len(prefix) and token.startswith(prefix):
                found |= codes
    return frozenset(found)


def closest_words(text: str, languages: Iterable[str], limit: int = 3) -> list[Word]:
    """The names and search words in `languages` spelled most like `text`, closest first: the
    "did you mean" of a search that found nothing."""
    folded = " ".join(words(text)[:MAX_WORDS])
    if not folded:
        return []
    index = _current_index()
    candidates: dict[str, Word] = {}
    for language in dict.fromkeys(languages):
        for word in index.vocabulary.get(language, ()):
            if word.folded != folded:
                candidates.setdefault(word.folded, word)
    close = difflib.get_close_matches(folded, list(candidates), n=limit, cutoff=0.75)
    return [candidates[match] for match in close]
