"""Every message raised below the UI has a Russian translation with the same fields."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import crm_desktop
from crm_desktop.i18n import _, set_language
from crm_desktop.i18n.ru import MESSAGES

PACKAGE = Path(crm_desktop.__file__).parent


def messages_in_code() -> dict[str, str]:
    """Every literal passed to `_()` outside crm_desktop/ui, with where it stands."""
    found: dict[str, str] = {}
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found[node.args[0].value] = f"{path.name}:{node.lineno}"
    return found


def fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_message_has_a_russian_translation() -> None:
    missing = {msg: where for msg, where in messages_in_code().items() if msg not in MESSAGES}
    assert not missing, f"no Russian translation for: {missing}"


def test_translations_keep_the_placeholders() -> None:
    wrong = [msg for msg, ru in MESSAGES.items() if fields(msg) != fields(ru)]
    assert not wrong


def test_active_language_switches_messages() -> None:
    set_language("ru")
    assert _("Wrong login or password.") == "Неверный логин или пароль."
    set_language("en")
    assert _("Wrong login or password.") == "Wrong login or password."
