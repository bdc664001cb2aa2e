"""The desktop application's entry point (the full main window comes with the app issue)."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from crm_desktop.i18n import _, language, set_language
from crm_desktop.ui import unexpected
from crm_desktop.ui.language import use_language


def _has_screen() -> bool:
    """Qt aborts the process when it finds no display; say it in one line instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_app(db: str | None = None, user: str | None = None, lang: str | None = None) -> int:
    from crm_desktop.ui.settings import saved_language

    set_language(lang or saved_language())
    if not _has_screen():
        print(
            _(
                "crm-desktop: no screen to show the app on (DISPLAY is not set); "
                "run a command instead, see 'crm-desktop --help'."
            ),
            file=sys.stderr,
        )
        return 2
    # Sharp on a 4K screen at 150 %: fractional scale factors, not rounded to 1x or 2x.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication.instance() or QApplication(sys.argv)
    QApplication.setApplicationName("crm-desktop")
    QGuiApplication.setApplicationDisplayName("CRM")
    unexpected.install()
    use_language(app, language())
    from crm_desktop.ui.main_window import MainWindow

    window = MainWindow.open(db=db, user=user)
    if window is None:
        return 1
    window.show()
    return int(app.exec())
