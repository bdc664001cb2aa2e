"""Update the Qt translations: collect every tr() string of crm_desktop/ui into
resources/translations/*.ts (pyside6-lupdate; existing translations are kept), then
compile them into the .qm files the app loads (pyside6-lrelease).

    .venv/bin/python tools/translations.py

Translate new strings with Qt Linguist (pyside6-linguist) or in the .ts file itself; a
test fails while any Russian translation is missing or the .qm is out of date.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "resources" / "translations"
COMPILED = ROOT / "crm_desktop" / "ui" / "translations"
LANGUAGES = ("ru",)


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 into this environment")
    return found


def ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "crm_desktop" / "ui").glob("*.py"))


def update(ts: Path) -> None:
    subprocess.run(
        [tool("pyside6-lupdate"), *ui_sources(), "-no-obsolete", "-ts", str(ts)],
        cwd=ROOT,
        check=True,
    )


def release(ts: Path, qm: Path) -> None:
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], cwd=ROOT, check=True)


def main() -> int:
    for lang in LANGUAGES:
        ts = SOURCES / f"crm_desktop_{lang}.ts"
        update(ts)
        release(ts, COMPILED / f"crm_desktop_{lang}.qm")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
