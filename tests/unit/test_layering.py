"""The layers of ARCHITECTURE.md only look down: Qt stays in crm_desktop/ui, and the
lower layers never import the upper ones."""

from __future__ import annotations

import ast
from pathlib import Path

import crm_desktop

PACKAGE = Path(crm_desktop.__file__).parent

# layer -> the package prefixes it must not import
FORBIDDEN = {
    "models": (
        "crm_desktop.store",
        "crm_desktop.services",
        "crm_desktop.sync",
        "crm_desktop.ui",
        "crm_desktop.cli",
        "crm_desktop.commands",
    ),
    "store": (
        "crm_desktop.services",
        "crm_desktop.sync",
        "crm_desktop.ui",
        "crm_desktop.cli",
        "crm_desktop.commands",
    ),
    "services": ("crm_desktop.sync", "crm_desktop.ui", "crm_desktop.cli", "crm_desktop.commands"),
    "sync": ("crm_desktop.services", "crm_desktop.ui", "crm_desktop.cli", "crm_desktop.commands"),
}


def imports_of(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_only_the_ui_imports_qt() -> None:
    leaks = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts
        and any(name.split(".")[0] in ("PySide6", "shiboken6") for name in imports_of(path))
    ]
    assert leaks == []


def test_lower_layers_do_not_import_upper_ones() -> None:
    wrong = []
    for layer, forbidden in FORBIDDEN.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in imports_of(path):
                if name.startswith(forbidden):
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert wrong == []


def test_the_ui_writes_no_sql() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "ui").rglob("*.py")
        if any(
            name == "sqlalchemy" or name.startswith(("sqlalchemy.", "crm_desktop.models"))
            for name in imports_of(path)
        )
    ]
    assert offenders == []
