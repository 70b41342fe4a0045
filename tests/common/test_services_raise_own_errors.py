"""Services stand on their own: no service module imports DRF, and none raises Django's
PermissionDenied or DRF's exceptions, only the project's errors (common.errors) or Django's
ValidationError naming fields. Selectors only read: none writes the audit log."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[2] / "backend"
SERVICES = sorted(
    [*BACKEND.glob("*/services.py"), *BACKEND.glob("*/services/*.py")],
    key=lambda path: str(path),
)
SELECTORS = sorted(
    [*BACKEND.glob("*/selectors.py"), *BACKEND.glob("*/selectors/*.py")],
    key=lambda path: str(path),
)


def _imported_modules(tree: ast.AST) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def _raised_names(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(target, ast.Name):
                names.add(target.id)
            elif isinstance(target, ast.Attribute):
                names.add(target.attr)
    return names


def test_there_are_services_to_check() -> None:
    assert len(SERVICES) >= 10
    assert len(SELECTORS) >= 5


@pytest.mark.parametrize("path", SERVICES, ids=lambda path: str(path.relative_to(BACKEND)))
def test_a_service_does_not_import_drf(path: Path) -> None:
    tree = ast.parse(path.read_text(), filename=str(path))
    drf = sorted(name for name in _imported_modules(tree) if name.split(".")[0] == "rest_framework")
    assert drf == [], f"{path.relative_to(BACKEND)} imports {drf}"


@pytest.mark.parametrize("path", SERVICES, ids=lambda path: str(path.relative_to(BACKEND)))
def test_a_service_refuses_with_the_projects_errors(path: Path) -> None:
    tree = ast.parse(path.read_text(), filename=str(path))
    imported = _imported_modules(tree)
    assert "django.core.exceptions.PermissionDenied" not in imported, (
        f"{path.relative_to(BACKEND)}: raise common.errors.NotAllowed (with a code) instead"
    )
    assert "PermissionDenied" not in _raised_names(tree)


@pytest.mark.parametrize("path", SELECTORS, ids=lambda path: str(path.relative_to(BACKEND)))
def test_a_selector_only_reads(path: Path) -> None:
    tree = ast.parse(path.read_text(), filename=str(path))
    imported = _imported_modules(tree)
    writers = sorted(name for name in imported if name.endswith(("audit_record", ".audit")))
    assert writers == [], f"{path.relative_to(BACKEND)} writes the audit log: {writers}"
    assert "PermissionDenied" not in _raised_names(tree)
