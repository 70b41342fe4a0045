"""Eligibility in bulk: records in, one answer a line out (docs/rules/formats.md, "In bulk").

Pure Python like the rest of the engine, so ``manage.py eligibility`` can run it without setting
Django up (see ``manage.py``): a file of 10 000 records is answered in about a second.

Input is either JSON lines (one record a line; blank lines are skipped) or one JSON array of
records; the first character that is not white space decides. Output is one JSON line per record,
in input order: the answer of POLICY.md, or ``{"errors": [{"field", "message"}, ...]}`` for a
record that is not valid (or a line that is not JSON), so the run never stops at a bad record.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, Protocol

from . import messages as m
from .engine import evaluate
from .errors import ErrorCollector, InputError
from .translation import Translate, identity

FLUSH_EVERY = 500
"""Answers written to the output in one go."""


class Output(Protocol):
    def write(self, text: str, /) -> Any: ...

    def flush(self) -> Any: ...


@dataclass
class Counts:
    records: int = 0
    invalid: int = 0


def answer_one(record: Any, *, translate: Translate = identity) -> dict[str, Any]:
    """The answer for one parsed JSON value, or ``{"errors": [...]}`` naming the fields."""
    try:
        return evaluate(record, translate=translate)
    except InputError as error:
        return {"errors": error.errors}


def answer_many(records: Iterable[Any], *, translate: Translate = identity) -> list[dict[str, Any]]:
    """An answer (or the errors) for each record, in order."""
    return [answer_one(record, translate=translate) for record in records]


def _not_json(error: json.JSONDecodeError, translate: Translate) -> dict[str, Any]:
    errors = ErrorCollector(translate)
    errors.add("", m.ERROR_NOT_JSON, detail=f"{error.msg} (column {error.colno})")
    return {"errors": errors.errors}


def read_records(source: IO[str]) -> Iterator[Any | json.JSONDecodeError]:
    """Each record of ``source`` (JSON lines or a JSON array); a line that is not JSON comes
    as its JSONDecodeError. A JSON array that does not parse raises JSONDecodeError."""
    first = ""
    while True:
        first = source.read(1)
        if not first or not first.isspace():
            break
    if not first:
        return
    if first == "[":
        items = json.loads(first + source.read())
        if not isinstance(items, list):  # pragma: no cover - "[" always starts a list
            items = [items]
        yield from items
        return
    yield from _lines(itertools.chain([first + source.readline()], source))


def _lines(lines: Iterable[str]) -> Iterator[Any | json.JSONDecodeError]:
    loads = json.loads
    for line in lines:
        if line.strip():
            try:
                yield loads(line)
            except json.JSONDecodeError as error:
                yield error


def run(source: IO[str], out: Output, *, translate: Translate = identity) -> Counts:
    """Answer every record of ``source`` on ``out``, one JSON line each."""
    counts = Counts()
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    pending: list[str] = []
    for item in read_records(source):
        if isinstance(item, json.JSONDecodeError):
            answer = _not_json(item, translate)
        else:
            answer = answer_one(item, translate=translate)
        counts.records += 1
        if "errors" in answer:
            counts.invalid += 1
        pending.append(dumps(answer))
        if len(pending) >= FLUSH_EVERY:
            out.write("\n".join(pending) + "\n")
            pending.clear()
    if pending:
        out.write("\n".join(pending) + "\n")
    out.flush()
    return counts


USAGE = """usage: manage.py eligibility [FILE|-] [--language LANG]

Evaluate eligibility records (POLICY.md's JSON, one a line or a JSON array) from FILE or
standard input (- or nothing) and write one answer a line; an invalid record is answered by
{"errors": [...]} in its place. Exit status 1 when a record was invalid, 2 when the input
could not be read. The format: docs/rules/formats.md."""


def main(argv: list[str], *, translate: Translate = identity) -> int:
    """The command line without Django (English texts): ``argv`` is what follows the command."""
    if any(arg in ("-h", "--help") for arg in argv):
        print(USAGE)
        return 0
    if len(argv) > 1:
        print(USAGE, file=sys.stderr)
        return 2
    path = argv[0] if argv else "-"
    return run_path(path, translate=translate, out=sys.stdout, err=sys.stderr)


def run_path(path: str, *, translate: Translate, out: Output, err: Output) -> int:
    try:
        if path == "-":
            counts = run(sys.stdin, out, translate=translate)
        else:
            with open(path, encoding="utf-8") as source:
                counts = run(source, out, translate=translate)
    except OSError as error:
        err.write(f"Cannot read {path}: {error.strerror}\n")
        return 2
    except json.JSONDecodeError as error:
        err.write(f"{path} is not a JSON array of records: {error}\n")
        return 2
    if counts.invalid:
        err.write(f"{counts.invalid} of {counts.records} records were not valid.\n")
        return 1
    return 0
