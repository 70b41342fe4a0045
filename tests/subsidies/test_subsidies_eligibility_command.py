import json
import subprocess
import sys
from pathlib import Path

from subsidies.api.views import SAMPLE_RECORD

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "eligibility", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "INNSTEG_VAR_DIR": str(ROOT / "var" / "eligibility-command"),
        },
    )


def test_prints_the_answer_for_a_file(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    record.write_text(json.dumps(SAMPLE_RECORD), encoding="utf-8")
    result = _run(str(record))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert (answer["eligible"], answer["monthly_amount_nok"]) == (True, 10575)


def test_reads_standard_input() -> None:
    result = _run("-", stdin=json.dumps(SAMPLE_RECORD))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["factor"] == 2.5


def test_an_invalid_record_prints_the_errors_and_fails() -> None:
    record = {**SAMPLE_RECORD, "start_date": "not a date"}
    result = _run("-", stdin=json.dumps(record))
    assert result.returncode == 1
    errors = json.loads(result.stderr)["errors"]
    assert [e["field"] for e in errors] == ["start_date"]
