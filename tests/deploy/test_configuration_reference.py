"""Every environment variable the code reads is in the README's configuration reference."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READERS = re.compile(
    r"""(?:env_(?:str|bool|int|list|database|redis_url|raw|rate|encryption_keys|hmac_keys)\(\s*|"""
    r"""os\.environ\.get\(\s*|os\.environ\[\s*)["']([A-Z][A-Z0-9_]+)["']"""
)
SOURCES = ["backend", "worker", "deploy/gunicorn.conf.py", "deploy/docker/entrypoint.sh"]
# Read by the test setup or the tools around the code, not by the running service.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "PROMETHEUS_MULTIPROC_DIR"}


def _read_variables() -> set[str]:
    names: set[str] = set()
    for source in SOURCES:
        path = ROOT / source
        files = [path] if path.is_file() else path.rglob("*.py")
        for file in files:
            if "migrations" in file.parts:
                continue
            names |= set(READERS.findall(file.read_text()))
    entrypoint = (ROOT / "deploy/docker/entrypoint.sh").read_text()
    names |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]+):-", entrypoint))
    return names - NOT_SETTINGS


def test_every_variable_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    reference = readme[readme.index("## Configuration") :]
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", reference))
    read = {name.removesuffix("_FILE") for name in _read_variables()}
    missing = sorted(read - documented)
    assert not missing, f"not in README.md's configuration reference: {missing}"
    assert "_FILE" in reference
