"""Open each main screen with demo data and save PNGs for people to look at.

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python tools/screenshots.py [OUT_DIR]

(QT_QPA_PLATFORM=offscreen works too, without window decorations.) Each screen is taken
in Russian and in English.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication

from crm_desktop.i18n import set_language
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.demo import generate_demo
from crm_desktop.services.search import search_clients
from crm_desktop.services.tasks import add_task
from crm_desktop.store.database import open_database
from crm_desktop.store.location import Location
from crm_desktop.store.schema import upgrade
from crm_desktop.ui.deal_board import DealsPage
from crm_desktop.ui.first_run import FirstRunWizard
from crm_desktop.ui.language import use_language
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.my_day import MyDayPage


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


def wait_for(app: QApplication, signal: Any, ms: int = 15_000) -> None:
    """Run the event loop until `signal` fires (a page loaded in the background)."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    settle(app, 200)


def sample_tasks(db: Any, login: str) -> None:
    """A manager's day: overdue calls, today's meetings, documents later in the week."""
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    with db.unit_of_work(login) as session:
        clients = [c.id for c in search_clients(session, "ооо", limit=12)] or [None]
        plan = [
            ("Перезвонить по КП на мебель", "call", -26, "high"),
            ("Уточнить реквизиты для счёта", "call", -3, "normal"),
            ("Встреча: презентация в офисе клиента", "meeting", 2, "high"),
            ("Позвонить: договориться о замере", "call", 4, "normal"),
            ("Отправить договор и счёт", "documents", 6, "normal"),
            ("Встреча с поставщиком", "meeting", 30, "low"),
            ("Отправить акт сверки", "documents", 52, "normal"),
            ("Позвонить: продление договора", "call", 75, "normal"),
        ]
        for i, (title, kind, hours, priority) in enumerate(plan):
            add_task(
                session,
                title=title,
                kind=kind,
                due_at=now + dt.timedelta(hours=hours),
                client_id=clients[i % len(clients)],
                assignee=login,
                priority=priority,
            )


def funnel_and_tasks(app: QApplication, window: MainWindow, out: Path, lang: str) -> None:
    keys = [
        window.sidebar.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(window.sidebar.count())
    ]
    window.sidebar.setCurrentRow(keys.index("deals"))
    deals = window.deals.page
    assert isinstance(deals, DealsPage)
    wait_for(app, deals.sig_loaded)
    window.grab().save(str(out / f"deals-board-{lang}.png"))
    deals.show_mode("list")
    settle(app, 800)
    window.grab().save(str(out / f"deals-list-{lang}.png"))
    deals.show_mode("board")
    settle(app)
    card = deals.new_deal()
    wait_for(app, card.sig_loaded, 5000)
    card.resize(820, 680)
    settle(app)
    card.grab().save(str(out / f"deal-card-{lang}.png"))
    card.reject()
    window.sidebar.setCurrentRow(keys.index("tasks"))
    day = window.tasks.page
    assert isinstance(day, MyDayPage)
    wait_for(app, day.sig_loaded)
    window.grab().save(str(out / f"my-day-{lang}.png"))
    dialog = day.new_task()
    settle(app)
    dialog.grab().save(str(out / f"task-dialog-{lang}.png"))
    dialog.reject()
    settings = window.settings
    window.sidebar.setCurrentRow(keys.index("settings"))
    for index, name in ((1, "settings-funnel"), (2, "settings-assignment")):
        settings.tabs.setCurrentIndex(index)
        settle(app, 1200)
        window.grab().save(str(out / f"{name}-{lang}.png"))
    settings.tabs.setCurrentIndex(0)


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
        sample_tasks(db, "ivanova")
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
            window.sidebar.setCurrentRow(3)
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
            funnel_and_tasks(app, window, out, lang)
            import_wizard(app, window, out, lang)
            window.close()
            wizard_pages(app, Path(tmp) / f"new-{lang}.sqlite3", out, lang)
        db.dispose()
    print(f"screenshots in {out.resolve()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
