"""`manage.py eligibility`: records in (JSON lines or a JSON array, a file or standard input), one
answer a line out, an invalid record answered by its errors in its place (docs/rules/formats.md,
"In bulk"). Without --language it runs without setting Django up; with it, through Django."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from subsidies.api.views import SAMPLE_RECORD
from subsidies.rules.samples import worked_example

ROOT = Path(__file__).resolve().parents[2]
INVALID = {**SAMPLE_RECORD, "start_date": "not a date"}


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "eligibility", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "INNSTEG_VAR_DIR": str(ROOT / "var" / "eligibility-command"),
        },
    )


def _answers(result: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_answers_a_file_of_json_lines_one_answer_a_line(tmp_path: Path) -> None:
    records = [
        worked_example(name) for name in ("newcomer", "long_term_unemployed", "innstegsjobb")
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = _run(str(path))
    assert result.returncode == 0, result.stderr
    answers = _answers(result)
    assert [a["monthly_amount_nok"] for a in answers] == [10575, 7896, 14599]


def test_reads_a_json_array_from_standard_input() -> None:
    result = _run("-", stdin=json.dumps([SAMPLE_RECORD, SAMPLE_RECORD]))
    assert result.returncode == 0, result.stderr
    assert [a["factor"] for a in _answers(result)] == [2.5, 2.5]


def test_an_invalid_record_is_answered_by_its_errors_in_its_place() -> None:
    lines = [json.dumps(SAMPLE_RECORD), json.dumps(INVALID), "{not json", "", "[1]",
             json.dumps(SAMPLE_RECORD)]  # fmt: skip
    result = _run(stdin="\n".join(lines) + "\n")
    assert result.returncode == 1
    answers = _answers(result)
    assert len(answers) == 5  # the blank line is no record
    assert answers[0]["eligible"] is True and answers[4]["eligible"] is True
    assert [e["field"] for e in answers[1]["errors"]] == ["start_date"]
    assert answers[2]["errors"][0]["message"].startswith("Not valid JSON")
    assert answers[3]["errors"] == [{"field": "", "message": "Must be an object."}]
    assert result.stderr.strip() == "3 of 5 records were not valid."


def test_the_language_option_answers_in_that_language() -> None:
    result = _run("--language", "nb", stdin=json.dumps(INVALID))
    assert result.returncode == 1
    (answer,) = _answers(result)
    assert answer["errors"][0]["field"] == "start_date"
    assert answer["errors"][0]["message"] != "Must be a date written as YYYY-MM-DD."


@pytest.mark.parametrize(("args", "status"), [(("/no/such/file",), 2), (("a", "b"), 2)])
def test_bad_arguments(args: tuple[str, ...], status: int) -> None:
    result = _run(*args)
    assert result.returncode == status
    assert result.stdout == ""


def test_a_broken_json_array_is_refused() -> None:
    result = _run(stdin='[{"scheme": ')
    assert result.returncode == 2
    assert "is not a JSON array" in result.stderr


def test_empty_input_answers_nothing() -> None:
    result = _run(stdin="\n\n")
    assert (result.returncode, result.stdout) == (0, "")
