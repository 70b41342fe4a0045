"""gunicorn as the image runs it (deploy/gunicorn.conf.py), for tests over real HTTP."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import requests

from tests.support.worker_processes import ROOT, wait_for

_collected: list[Path] = []


def collect_static(env: dict[str, str]) -> None:
    """As the image does at build time: hashed, compressed static files, in the process's
    INNSTEG_VAR_DIR. Collected once per test session (it takes a while) and linked after that."""
    static = Path(env["INNSTEG_VAR_DIR"]) / "static"
    if _collected:
        static.parent.mkdir(parents=True, exist_ok=True)
        static.symlink_to(_collected[0], target_is_directory=True)
        return
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    _collected.append(static)


def start_gunicorn(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as output:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "deploy/gunicorn.conf.py",
                "config.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_until_serving(base: str, log: Path) -> None:
    def up() -> bool:
        try:
            return requests.get(f"{base}/healthz/live", timeout=10).status_code == 200
        except requests.RequestException:
            return False

    assert wait_for(up, timeout=60), log.read_text()[-3000:]
