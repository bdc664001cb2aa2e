"""The app's language: our translations (.qm compiled from resources/translations) and
Qt's own (the buttons of standard dialogs), plus the locale that formats dates and
numbers (dd.mm.yyyy and 1 234,56 in Russian)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

COMPILED = Path(__file__).parent / "translations"
_installed: list[QTranslator] = []


def use_language(app: QCoreApplication, lang: str) -> None:
    """Switch the running app to `lang` ("ru" or "en"); widgets made afterwards use it."""
    while _installed:
        app.removeTranslator(_installed.pop())
    locale = (
        QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
        if lang == "ru"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    )
    QLocale.setDefault(locale)
    if lang == "en":
        return
    ours = QTranslator(app)
    if ours.load(str(COMPILED / f"crm_desktop_{lang}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
