"""The desktop application's entry point (the full main window comes with the app issue)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from crm_desktop.i18n import set_language


def run_app(db: str | None = None, user: str | None = None, lang: str | None = None) -> int:
    set_language(lang)
    app = QApplication.instance() or QApplication(sys.argv)
    from crm_desktop.ui.main_window import MainWindow

    window = MainWindow.open(db=db, user=user)
    if window is None:
        return 1
    window.show()
    return int(app.exec())
