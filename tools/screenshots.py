"""Open each main screen with demo data and save PNGs for people to look at.

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python tools/screenshots.py [OUT_DIR]

(QT_QPA_PLATFORM=offscreen works too, without window decorations.) Each screen is taken
in Russian and in English.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import QApplication

from crm_desktop.i18n import set_language
from crm_desktop.services.demo import generate_demo
from crm_desktop.store.database import open_database
from crm_desktop.store.location import Location
from crm_desktop.store.schema import upgrade
from crm_desktop.ui.first_run import FirstRunWizard
from crm_desktop.ui.language import use_language
from crm_desktop.ui.main_window import MainWindow


def settle(app: QApplication, ms: int = 400) -> None:
    done: list[bool] = []
    QTimer.singleShot(ms, lambda: done.append(True))
    while not done:
        app.processEvents()


def merge_dialog(app: QApplication, window: MainWindow, path: Path) -> None:
    """Two clients of the same name, side by side."""
    window.search.setText("")
    settle(app)
    model, table = window.model, window.clients.table
    names = [model.client_at(row) for row in range(min(model.rowCount(), 200))]
    for row, client in enumerate(names[:-1]):
        following = names[row + 1]
        if client and following and client.name.split()[0] == following.name.split()[0]:
            table.clearSelection()
            flags = QItemSelectionModel.SelectionFlag.Select
            flags |= QItemSelectionModel.SelectionFlag.Rows
            for picked in (row, row + 1):
                table.selectionModel().select(model.index(picked, 0), flags)
            break
    dialog = window.clients.merge_selected()
    assert dialog is not None
    settle(app)
    dialog.grab().save(str(path))
    dialog.reject()


def wizard_pages(app: QApplication, local: Path, out: Path, lang: str) -> None:
    """The first-run wizard's pages, with a mistyped INN to show a message at its field."""
    wizard = FirstRunWizard(local)
    wizard.show()
    settle(app)
    wizard.grab().save(str(out / f"wizard-1-language-{lang}.png"))
    wizard.next()
    settle(app)
    wizard.grab().save(str(out / f"wizard-2-place-{lang}.png"))
    wizard.next()
    page = wizard.company_page
    page.edits["short_name"].setText("ООО «Вектор»")
    page.edits["inn"].setText("7707083894")
    page.edits["bic"].setText("044525225")
    page.edits["account"].setText("40702810938000000001")
    page.touched.update(page.edits)
    page.edits["inn"].textEdited.emit("7707083894")
    settle(app)
    wizard.grab().save(str(out / f"wizard-3-company-{lang}.png"))
    page.edits["inn"].setText("7707083893")
    wizard.next()
    settle(app)
    wizard.grab().save(str(out / f"wizard-4-user-{lang}.png"))
    wizard.reject()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Location(kind="sqlite", path=Path(tmp) / "demo.sqlite3"), create=True)
        upgrade(db)
        with db.unit_of_work() as session:
            generate_demo(session, 2000)
        for lang in ("ru", "en"):
            set_language(lang)
            use_language(app, lang)
            window = MainWindow(db, "ivanova")
            window.resize(1366, 768)
            window.show()
            settle(app)
            window.grab().save(str(out / f"main-window-{lang}.png"))
            window.search.setText("петр")
            settle(app, 600)
            window.grab().save(str(out / f"search-{lang}.png"))
            first = window.model.client_at(0)
            assert first is not None
            card = window.clients.open_card(first.id)
            card.resize(760, 640)
            settle(app)
            card.grab().save(str(out / f"card-details-{lang}.png"))
            card.tabs.setCurrentIndex(1)
            settle(app)
            card.grab().save(str(out / f"card-history-{lang}.png"))
            card.close()
            window.sidebar.setCurrentRow(1)
            settle(app)
            window.grab().save(str(out / f"coming-soon-{lang}.png"))
            window.sidebar.setCurrentRow(0)
            merge_dialog(app, window, out / f"merge-{lang}.png")
            window.close()
            wizard_pages(app, Path(tmp) / f"new-{lang}.sqlite3", out, lang)
        db.dispose()
    print(f"screenshots in {out.resolve()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
