"""Every visible string of the UI must reach the translation file: pyside6-lupdate finds
`self.tr("...")` and `QCoreApplication.translate("Context", "...")` with literals, not a
string passed through a helper of ours (such strings stayed English in the Russian app)."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).parents[2] / "crm_desktop" / "ui"
HELPER_CALL = re.compile(r"(?<![\w.])_tr\(\s*[\"']")


def test_no_ui_string_goes_through_a_helper_lupdate_cannot_see() -> None:
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(UI.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HELPER_CALL.search(line)
    ]
    assert offenders == []
