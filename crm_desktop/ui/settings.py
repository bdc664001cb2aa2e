"""The app's remembered choices (language, the last user, the list's columns...): an INI
file beside connection.json in the user's config directory, read afresh each time so the
location follows the environment (tests point it at a temporary directory)."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QSettings

from crm_desktop.i18n import SUPPORTED
from crm_desktop.store.location import connection_file


def app_settings() -> QSettings:
    path = connection_file().with_name("settings.ini")
    return QSettings(str(path), QSettings.Format.IniFormat)


def saved_language() -> str | None:
    value = app_settings().value("language")
    return value if isinstance(value, str) and value in SUPPORTED else None


def save_language(lang: str) -> None:
    app_settings().setValue("language", lang)


def _login_key(database: str) -> str:
    return "last_login/" + hashlib.sha1(database.encode()).hexdigest()[:16]


def last_login(database: str) -> str | None:
    """Who last worked in this database (its `Location.describe()`) on this computer."""
    value = app_settings().value(_login_key(database))
    return value if isinstance(value, str) and value else None


def save_last_login(database: str, login: str | None) -> None:
    settings = app_settings()
    if login:
        settings.setValue(_login_key(database), login)
    else:
        settings.remove(_login_key(database))
