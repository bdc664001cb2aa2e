"""Messages of the non-Qt layers in the user's language.

Source strings are English; `ru.py` holds their Russian translations. The Qt layer has
its own `.ts` files; this catalogue covers errors and reports raised below the UI.
A unit test fails when a string passed to `_()` has no Russian translation.
"""

from __future__ import annotations

import locale
import os

from crm_desktop.i18n.ru import MESSAGES as _RU

SUPPORTED = ("ru", "en")
_active = "en"


def system_language() -> str:
    """`ru` where the system is Russian, else `en`."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "ru" if value.lower().startswith("ru") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:  # pragma: no cover - broken locale settings
        loc = ""
    return "ru" if loc.lower().startswith("ru") else "en"


def set_language(lang: str | None) -> str:
    """Make `lang` (or the system's language) the active one; returns it."""
    global _active
    _active = lang if lang in SUPPORTED else system_language()
    return _active


def language() -> str:
    return _active


def _(message: str, **values: object) -> str:
    """Translate `message` into the active language and fill in `{name}` fields."""
    text = _RU.get(message, message) if _active == "ru" else message
    return text.format(**values) if values else text
