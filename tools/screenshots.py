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
from crm_desktop.services.clients import ClientChanges, create_client
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
    """The two "Соколова Анна" records (one typed in twice), side by side."""
    window.search.setText("соколова анна")
    settle(app, 700)
    model, table = window.model, window.clients.table
    table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select
    flags |= QItemSelectionModel.SelectionFlag.Rows
    for row in range(min(model.rowCount(), 2)):
        table.selectionModel().select(model.index(row, 0), flags)
    dialog = window.clients.merge_selected()
    assert dialog is not None
    dialog.resize(900, 460)
    settle(app)
    dialog.grab().save(str(path))
    dialog.reject()
    window.search.setText("")


def import_wizard(app: QApplication, window: MainWindow, out: Path, lang: str) -> None:
    """The import wizard on the sample users send: the columns, the dry run, the report."""
    sample = Path(__file__).resolve().parents[1] / "tests" / "data" / "legacy_clients_sample.xlsx"
    wizard = window.clients.open_import()
    wizard.file_page.path.setText(str(sample))
    settle(app)
    wizard.next()
    settle(app)
    wizard.grab().save(str(out / f"import-1-columns-{lang}.png"))
    wizard.next()
    wizard.duplicates_page.dry_run()
    settle(app)
    wizard.grab().save(str(out / f"import-2-duplicates-{lang}.png"))
    wizard.next()
    settle(app)
    wizard.grab().save(str(out / f"import-3-report-{lang}.png"))
    wizard.report_page.undo_import()
    wizard.close()


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
            for changes in (
                ClientChanges(name="Соколова Анна Игоревна", phones=["+7 916 111-22-33"]),
                ClientChanges(
                    name="Соколова Анна",
                    emails=["anna.sokolova@mail.ru"],
                    birth_date="14.02.1987",
                    company='ООО "Северный ветер"',
                ),
            ):
                create_client(session, changes)
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
            window.sidebar.setCurrentRow(5)
            settle(app)
            window.grab().save(str(out / f"settings-{lang}.png"))
            window.connection.sig_lost.emit("the server 192.168.1.10 does not answer.")
            window.sidebar.setCurrentRow(0)
            settle(app)
            window.grab().save(str(out / f"connection-lost-{lang}.png"))
            window.connection.sig_back.emit()
            merge_dialog(app, window, out / f"merge-{lang}.png")
            import_wizard(app, window, out, lang)
            window.close()
            wizard_pages(app, Path(tmp) / f"new-{lang}.sqlite3", out, lang)
        db.dispose()
    print(f"screenshots in {out.resolve()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
