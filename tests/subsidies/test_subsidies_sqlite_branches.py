"""The SQLite branches of the bulk writes (subsidies/services/bulk.py) and the event lock
(services/events.py) that the embedded mode (`make run`, SQLite) needs, run on a real SQLite
database in a process of its own (tests/subsidies/sqlite_embedded_compute.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_cases_are_computed_and_decided_on_sqlite(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'embedded.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "INNSTEG_VAR_DIR": str(tmp_path / "var"),
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "subsidies" / "sqlite_embedded_compute.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["vendor"] == "sqlite"
    assert (found["computed"], found["again"]) == (3, 0)
    assert found["results"] == 3
    assert found["statuses"] == ["approved", "computed", "computed"]
    assert found["current_results"] == [12690, 12690, 12690]
    kinds = found["event_kinds"]
    assert kinds[:6] == ["case_opened"] * 3 + ["eligibility_computed"] * 3
    assert kinds[-1] == "case_approved"
    assert found["decisions"] == 1
