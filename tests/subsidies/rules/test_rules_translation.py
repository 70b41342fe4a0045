"""Texts go through the caller's translate; answers are deterministic and JSON."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

import subsidies.rules
from subsidies.rules import RecordError, RuleParameterError, evaluate
from subsidies.rules import messages as m
from subsidies.rules.samples import sample_record, varied_records

PACKAGE = Path(subsidies.rules.__file__).parent
SAMPLE_TEXT = "The residence permit was granted 17 months before the application (limit 36)."


def upper(message: str) -> str:
    """A fake translation: upper case, placeholders kept as they are."""
    return "".join(
        part if part.startswith("%(") else part.upper()
        for part in re.split(r"(%\([a-z_]+\)s)", message)
    )


def test_reason_texts_go_through_translate() -> None:
    answer = evaluate(sample_record(), translate=upper)
    first = answer["reasons"][0]
    assert first["text"] == (
        "THE RESIDENCE PERMIT WAS GRANTED 17 MONTHS BEFORE THE APPLICATION (LIMIT 36)."
    )
    plain = evaluate(sample_record())
    for translated, english in zip(answer["reasons"], plain["reasons"], strict=True):
        assert translated["text"] != english["text"]
        assert translated["text"].upper() == english["text"].upper()
    # codes and params are not translated
    assert first["code"] == "newcomer_permit_within_window"
    assert first["params"] == {"months": 17, "limit": 36}


def test_translate_sees_the_source_string_before_the_params() -> None:
    seen: list[str] = []

    def spy(message: str) -> str:
        seen.append(message)
        return message

    evaluate(sample_record(), translate=spy)
    assert m.NEWCOMER_PERMIT_WITHIN_WINDOW in seen
    assert all("%(" in s or "%" not in s for s in seen)


def test_a_translation_can_reorder_the_params() -> None:
    norwegian = {
        m.NEWCOMER_PERMIT_WITHIN_WINDOW: (
            "Oppholdstillatelsen ble gitt %(months)s måneder før søknaden (grense %(limit)s)."
        )
    }
    answer = evaluate(sample_record(), translate=lambda s: norwegian.get(s, s))
    assert answer["reasons"][0]["text"] == (
        "Oppholdstillatelsen ble gitt 17 måneder før søknaden (grense 36)."
    )


def test_a_broken_translation_falls_back_to_english() -> None:
    answer = evaluate(sample_record(), translate=lambda s: s.upper())
    assert answer["reasons"][0]["text"] == SAMPLE_TEXT
    with pytest.raises(RecordError) as caught:
        evaluate(sample_record({"scheme": "x"}), translate=lambda s: s.upper())
    assert caught.value.errors[0]["message"] == "Must be one of: nystartsjobb, innstegsjobb."


def test_error_messages_go_through_translate() -> None:
    with pytest.raises(RecordError) as caught:
        evaluate(
            sample_record({"employer.orgnr": "1", "scheme": "x"}),
            translate=upper,
        )
    assert caught.value.errors == [
        {"field": "scheme", "message": "MUST BE ONE OF: nystartsjobb, innstegsjobb."},
        {"field": "employer.orgnr", "message": "MUST BE 9 DIGITS."},
    ]
    with pytest.raises(RuleParameterError) as bad:
        evaluate(sample_record(), translate=upper, overrides={"x": 1})
    assert bad.value.errors[0]["message"] == "UNKNOWN RULE PARAMETER."


def test_same_input_same_answer_and_json() -> None:
    for record in varied_records():
        first = evaluate(record)
        second = evaluate(json.loads(json.dumps(record)))
        assert first == second
        assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
        assert json.loads(json.dumps(first)) == first


def test_evaluating_does_not_change_the_input() -> None:
    record = sample_record()
    before = json.dumps(record, sort_keys=True)
    evaluate(record)
    assert json.dumps(record, sort_keys=True) == before


def _gettext_noop_strings() -> set[str]:
    tree = ast.parse((PACKAGE / "messages.py").read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "gettext_noop"
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def test_every_message_is_marked_for_extraction() -> None:
    marked = _gettext_noop_strings()
    constants = {
        value for name, value in vars(m).items() if name.isupper() and isinstance(value, str)
    }
    assert constants == marked


def test_every_text_comes_from_a_marked_message() -> None:
    marked = _gettext_noop_strings()
    seen: set[str] = set()
    for record in varied_records():
        evaluate(record, translate=lambda s: seen.add(s) or s)  # type: ignore[func-returns-value]
    assert seen <= marked


def test_no_django_import_in_the_package() -> None:
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] if node.level == 0 else []
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top != "django", f"{path.name} imports {name}"
