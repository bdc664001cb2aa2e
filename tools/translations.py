"""Update the Qt translations: collect every tr() string of crm_desktop/ui into
resources/translations/*.ts (pyside6-lupdate; existing translations are kept), then
compile them into the .qm files the app loads (pyside6-lrelease).

    .venv/bin/python tools/translations.py

Translate new strings with Qt Linguist (pyside6-linguist), in the .ts file itself, or
from JSON files of {"context", "source", "translation"} objects:

    .venv/bin/python tools/translations.py --missing todo.json   # what still needs Russian
    .venv/bin/python tools/translations.py --fill new.json    # take translations from it

A test fails while any Russian translation is missing or the .qm is out of date.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
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


def _unfinished(ts: Path) -> tuple[ET.ElementTree, list[tuple[str, ET.Element]]]:
    tree = ET.parse(ts)
    found = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and (
                translation.get("type") == "unfinished" or not (translation.text or "").strip()
            ):
                found.append((name, message))
    return tree, found


def fill(ts: Path, files: list[Path]) -> int:
    """Translate the unfinished messages found in `files`; returns how many remain."""
    known: dict[tuple[str, str], str] = {}
    for file in files:
        for entry in json.loads(file.read_text(encoding="utf-8")):
            known[(entry["context"], entry["source"])] = entry["translation"]
    tree, unfinished = _unfinished(ts)
    left = 0
    for context, message in unfinished:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        text = known.get((context, source))
        if text is None:
            left += 1
            continue
        translation.text = text
        translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return left


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fill", type=Path, action="append", default=[], metavar="JSON")
    parser.add_argument(
        "--missing", type=Path, metavar="JSON", help="write the untranslated strings there"
    )
    args = parser.parse_args()
    for lang in LANGUAGES:
        ts = SOURCES / f"crm_desktop_{lang}.ts"
        update(ts)
        if args.fill:
            fill(ts, args.fill)
        if args.missing:
            missing = [
                {"context": c, "source": m.findtext("source") or "", "translation": ""}
                for c, m in _unfinished(ts)[1]
            ]
            text = json.dumps(missing, ensure_ascii=False, indent=1)
            args.missing.write_text(text + "\n", encoding="utf-8")
        release(ts, COMPILED / f"crm_desktop_{lang}.qm")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
