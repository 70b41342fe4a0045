"""The apps stand in layers: no loop of imports between apps; the domain never imports the worker.

Read from the source with `ast`, every import counted (also those inside functions, which hide a
loop from Python but not from a reader). An app is a top-level package of backend/, or worker/;
`config` (the project: settings, URLs, the Celery app) stands on top and is left out.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BACKEND = ROOT / "backend"
PROJECT = {"config"}


def _apps() -> dict[str, Path]:
    apps = {
        path.name: path
        for path in BACKEND.iterdir()
        if (path / "__init__.py").exists() and path.name not in PROJECT
    }
    apps["worker"] = ROOT / "worker"
    return apps


APPS = _apps()


def _imported_modules(path: Path) -> list[str]:
    modules = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.append(node.module)
    return modules


def _sources(app: str) -> list[Path]:
    return [path for path in APPS[app].rglob("*.py") if "migrations" not in path.parts]


def _edges() -> dict[str, dict[str, list[str]]]:
    """app -> imported app -> the files that import it."""
    edges: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for app in APPS:
        for path in _sources(app):
            for module in _imported_modules(path):
                target = module.split(".")[0]
                if target in APPS and target != app:
                    edges[app][target].append(str(path.relative_to(ROOT)))
    return edges


def _cycles(edges: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """The strongly connected groups of more than one app (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        on_stack.add(app)
        for target in edges.get(app, {}):
            if target not in index:
                visit(target)
                low[app] = min(low[app], low[target])
            elif target in on_stack:
                low[app] = min(low[app], index[target])
        if low[app] == index[app]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == app:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for app in sorted(APPS):
        if app not in index:
            visit(app)
    return groups


def test_the_apps_import_each_other_without_a_loop() -> None:
    edges = _edges()
    loops = _cycles(edges)
    detail = [
        f"{a} -> {b}: {', '.join(sorted(set(edges[a][b])))}"
        for group in loops
        for a in group
        for b in group
        if b in edges.get(a, {})
    ]
    assert not loops, "Apps that import each other in a loop:\n" + "\n".join(detail)


def test_no_app_but_the_project_imports_the_worker() -> None:
    """Services enqueue by task name (common.tasks.enqueue); the worker imports them, not back."""
    importers = {
        app: files
        for app, targets in _edges().items()
        for b, files in targets.items()
        if b == "worker"
    }
    assert importers == {}


@pytest.mark.parametrize("app", sorted(set(APPS) - {"worker"}))
def test_services_and_selectors_import_no_http_layer(app: str) -> None:
    """A service or selector speaks in the project's errors and rows, never in DRF's terms."""
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in _sources(app)
        if path.stem in {"services", "selectors"} or "services" in path.parent.name
        for module in _imported_modules(path)
        if module.split(".")[0] == "rest_framework" or module.startswith("worker")
    ]
    assert offenders == []


def test_the_layers_are_read_from_real_code() -> None:
    """The graph is not empty by mistake: the apps above do import the ones below."""
    edges = _edges()
    assert "accounts" in edges["applications"]
    assert "subsidies" in edges["worker"]
    assert "common" in edges["accounts"]
