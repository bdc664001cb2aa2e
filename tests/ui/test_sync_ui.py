"""The laptop replica's sync in the app (issue 8): the status-bar indicator with a real
office PostgreSQL and real replica files, "Sync now", offline and back, and the
Conflicts screen."""

from __future__ import annotations

import re
import sqlite3
import uuid
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.i18n.formats import format_datetime
from crm_desktop.models import Client
from crm_desktop.services.client_views import get_client
from crm_desktop.services.clients import ClientChanges, create_client, delete_client, edit_client
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import Location
from crm_desktop.store.schema import upgrade
from crm_desktop.sync import engine
from crm_desktop.ui.conflicts_page import ConflictsPage
from crm_desktop.ui.invoice_editor import InvoiceEditor
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.startup import open_for_app
from crm_desktop.ui.sync_status import RETRY_MS, Phase, SyncController, SyncStatus
from tests.services.invoice_setup import add_client, describe_company
from tests.sync_replicas import OLD_NAME, Laptop
from tests.ui.dialogs import Answers

NOWHERE = "postgresql://nobody@127.0.0.1:1/crm"
WAIT = 20_000
SYNCED_AT = r"Synced at \d{1,2}:\d{2}(\s?[AP]M)?"  # 14:05, or 2:05 PM where the locale says so


def indicator(qtbot: QtBot, database: Database, retry_ms: tuple[int, ...] = RETRY_MS) -> SyncStatus:
    """The indicator with its counts read (not started: no automatic sync but the retry
    after a failure, after `retry_ms`)."""
    controller = SyncController(database, None, retry_ms=retry_ms)
    widget = SyncStatus(database, None, controller=controller)
    controller.setParent(widget)
    qtbot.addWidget(widget)
    widget.show()
    controller.refresh_status()
    qtbot.waitUntil(lambda: controller.server != "", timeout=WAIT)
    return widget


def set_server(database: Database, url: str) -> None:
    assert database.location.path is not None
    with sqlite3.connect(database.location.path) as conn:
        conn.execute("UPDATE sync_replica SET server = ? WHERE id = 1", (url,))


def test_a_local_edit_shows_pending_and_sync_now_sends_it(
    qtbot: QtBot, server: Database, laptop: Laptop
) -> None:
    mine = laptop("anna")
    widget = indicator(qtbot, mine)
    controller = widget.controller
    assert re.fullmatch(SYNCED_AT, widget.text.text())
    assert not widget.conflicts_button.isVisible() and not widget.progress.isVisible()
    with mine.unit_of_work() as session:
        added = create_client(session, ClientChanges(name="Полевой Клиент"))
    with server.unit_of_work() as session:  # meanwhile at the office
        office = create_client(session, ClientChanges(name="Офисный Клиент"))
    controller.refresh_status()
    qtbot.waitUntil(lambda: controller.pending == 1, timeout=WAIT)
    assert widget.text.text().endswith("· 1 pending")
    assert "Changes waiting to be sent: 1" in widget.text.toolTip()

    with (
        qtbot.waitSignal(controller.sig_synced, timeout=WAIT) as synced,
        qtbot.waitSignal(widget.sig_data_changed, timeout=WAIT),
    ):
        qtbot.mouseClick(widget.sync_button, Qt.MouseButton.LeftButton)
        assert controller.phase is Phase.SYNCING
        assert widget.text.text().startswith("Syncing")
        assert widget.progress.isVisible() and not widget.sync_action.isEnabled()
    report = synced.args[0]
    assert (report.pushed, report.pulled, report.pending) == (1, 1, 0)
    assert controller.phase is Phase.IDLE and controller.pending == 0
    assert re.fullmatch(SYNCED_AT, widget.text.text())
    assert not widget.progress.isVisible() and widget.sync_action.isEnabled()
    assert controller.next_try is not None  # the next automatic sync is planned
    with server.unit_of_work() as session:
        assert get_client(session, added.id).name == "Полевой Клиент"
    with mine.unit_of_work() as session:
        assert get_client(session, office.id).name == "Офисный Клиент"


def test_an_unreachable_server_shows_offline_keeps_the_count_and_retries_by_itself(
    qtbot: QtBot, server: Database, laptop: Laptop
) -> None:
    mine = laptop("anna")
    set_server(mine, NOWHERE)
    widget = indicator(qtbot, mine, retry_ms=(400,))
    controller = widget.controller
    with mine.unit_of_work() as session:
        added = create_client(session, ClientChanges(name="Дорожный Клиент"))
    widget.sync_action.trigger()
    qtbot.waitUntil(lambda: controller.phase is Phase.OFFLINE, timeout=WAIT)
    qtbot.waitUntil(lambda: controller.pending == 1, timeout=WAIT)
    assert widget.text.text() == "Offline · 1 pending"
    tip = widget.text.toolTip()
    assert "127.0.0.1" in tip and "Next sync at" in tip  # the reason, and the retry
    assert controller.next_try is not None
    with server.unit_of_work() as session:
        assert [c.name for c in _names(session)] == [OLD_NAME]
    # the network is back: the retry (after its pause) sends the edit with nobody asking
    set_server(mine, server.location.url())
    qtbot.waitUntil(lambda: controller.phase is Phase.IDLE, timeout=WAIT)
    qtbot.waitUntil(lambda: controller.pending == 0, timeout=WAIT)
    assert widget.text.text().startswith("Synced at")
    with server.unit_of_work() as session:
        assert get_client(session, added.id).name == "Дорожный Клиент"


def _names(session: Session) -> list[Client]:
    return list(session.scalars(select(Client).order_by(Client.name)))


def conflicting(server: Database, laptop: Laptop) -> tuple[Database, uuid.UUID]:
    """Anna and Boris renamed the same client offline; Anna synced first: Boris's replica
    (returned, not synced yet) will find the conflict."""
    anna, boris = laptop("anna"), laptop("boris")
    with anna.unit_of_work() as session:
        [old] = _names(session)
        old_id = old.id
        edit_client(session, old_id, ClientChanges(name="Старый Клиент (Анна)"))
    with boris.unit_of_work() as session:
        edit_client(session, old_id, ClientChanges(name="Старый Клиент (Борис)"))
    engine.synchronise(anna, server)
    return boris, old_id


def open_conflicts(qtbot: QtBot, widget: SyncStatus) -> ConflictsPage:
    qtbot.mouseClick(widget.conflicts_button, Qt.MouseButton.LeftButton)
    dialog = widget.conflicts_dialog
    assert dialog is not None and dialog.isVisible()
    page: ConflictsPage = dialog.page  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: page.rows is not None and len(page.rows) == 1, timeout=WAIT)
    return page


def test_the_conflicts_screen_lists_a_conflict_and_keep_theirs_settles_it(
    qtbot: QtBot, server: Database, laptop: Laptop
) -> None:
    boris, old_id = conflicting(server, laptop)
    widget = indicator(qtbot, boris)
    with qtbot.waitSignal(widget.controller.sig_synced, timeout=WAIT):
        widget.sync_now()
    assert widget.controller.conflicts == 1
    assert widget.conflicts_button.isVisible()
    assert widget.conflicts_button.text() == "Conflicts: 1"
    page = open_conflicts(qtbot, widget)
    assert not page.empty.isVisible()
    [row] = page.rows or []
    cells = [page.model.item(0, c).text() for c in range(page.model.columnCount())]
    assert cells == [
        "Client: Старый Клиент (Борис)",
        "Name",
        "Старый Клиент (Борис)",
        "Старый Клиент (Анна)",
        format_datetime(row.found_at),
    ]
    assert page.model.item(0, 2).toolTip().endswith("\nEntered on this computer")
    assert page.model.item(0, 3).toolTip().endswith("\nEntered on another computer")
    assert page.value_button.isEnabled()

    with qtbot.waitSignal(widget.sig_data_changed, timeout=WAIT):
        qtbot.mouseClick(page.keep_theirs_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.rows == [], timeout=WAIT)
    assert page.empty.isVisible() and not page.table.isVisible()
    assert not page.keep_theirs_button.isVisible()
    with boris.unit_of_work() as session:
        assert get_client(session, old_id).name == "Старый Клиент (Анна)"
    qtbot.waitUntil(lambda: widget.controller.conflicts == 0, timeout=WAIT)
    assert not widget.conflicts_button.isVisible()
    assert widget.controller.pending == 1  # the settlement is an edit to send
    assert engine.conflicts_json(boris) == []


def test_a_conflict_settled_with_a_typed_value(
    qtbot: QtBot, server: Database, laptop: Laptop
) -> None:
    boris, old_id = conflicting(server, laptop)
    engine.synchronise(boris, server)
    widget = indicator(qtbot, boris)
    assert widget.controller.conflicts == 1
    page = open_conflicts(qtbot, widget)
    Answers("  Старый Клиент (общий)  ")
    qtbot.mouseClick(page.value_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.rows == [], timeout=WAIT)
    with boris.unit_of_work() as session:
        assert get_client(session, old_id).name == "Старый Клиент (общий)"
    with qtbot.waitSignal(widget.controller.sig_synced, timeout=WAIT):
        widget.sync_now()
    with server.unit_of_work() as session:
        assert get_client(session, old_id).name == "Старый Клиент (общий)"


def test_the_main_window_shows_the_indicator_of_a_replica_syncs_by_itself_and_on_f9(
    qtbot: QtBot, server: Database, laptop: Laptop, tmp_path: Path
) -> None:
    mine = laptop("anna")
    window = MainWindow(mine, None)
    qtbot.addWidget(window)
    sync = window.sync
    assert sync is not None
    assert sync.sync_action.shortcut().toString() == "F9"
    with qtbot.waitSignal(sync.controller.sig_synced, timeout=WAIT):  # the first, by itself
        window.show()
    assert sync.isVisible() and sync.text.text().startswith("Synced at")
    assert window.model.rowCount() == 1
    with server.unit_of_work() as session:
        create_client(session, ClientChanges(name="Новый Офисный"))
    window.activateWindow()
    qtbot.waitActive(window)
    with qtbot.waitSignal(sync.controller.sig_synced, timeout=WAIT):
        qtbot.keyClick(window.search, Qt.Key.Key_F9)  # "Sync now" anywhere in the window
        assert sync.controller.phase is Phase.SYNCING
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=WAIT)  # the list re-read
    window.close()
    assert sync.controller.next_try is None  # stopped with the window

    plain = open_database(Location(kind="sqlite", path=tmp_path / "plain.sqlite3"), create=True)
    upgrade(plain)
    other = MainWindow(plain, None)
    qtbot.addWidget(other)
    assert other.sync is None  # a local file of its own has nothing to sync
    other.close()
    plain.dispose()


def test_an_edit_of_a_client_deleted_elsewhere_is_shown_and_keep_mine_restores_it(
    qtbot: QtBot, server: Database, laptop: Laptop
) -> None:
    anna, boris = laptop("anna"), laptop("boris")
    with anna.unit_of_work() as session:
        [old] = _names(session)
        old_id = old.id
        delete_client(session, old_id)
    with boris.unit_of_work() as session:
        edit_client(session, old_id, ClientChanges(name="Старый Клиент (Борис)"))
    engine.synchronise(anna, server)
    engine.synchronise(boris, server)
    widget = indicator(qtbot, boris)
    page = open_conflicts(qtbot, widget)
    [row] = page.rows or []
    assert row.kind == "deleted"
    cells = [page.model.item(0, c).text() for c in range(page.model.columnCount())]
    assert cells[1] == "Name (record deleted)"
    assert cells[2].startswith("Deleted ")
    assert cells[3] == "Старый Клиент (Борис)"
    assert not page.value_button.isEnabled()  # a deletion is kept or undone, not typed
    qtbot.mouseClick(page.keep_mine_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.rows == [], timeout=WAIT)
    with boris.unit_of_work() as session:
        client = get_client(session, old_id)
        assert client.deleted_at is None and client.name == "Старый Клиент (Борис)"


def test_an_invoice_issued_offline_says_it_waits_for_its_number_then_shows_it(
    qtbot: QtBot, server: Database, laptop: Laptop
) -> None:
    """On a replica "Issue" takes no number: the editor says the office gives it at the
    next sync and the invoice stays a draft; after the sync it opens with its number."""
    with server.unit_of_work() as session:
        describe_company(session)
        client_id = add_client(session)
    mine = laptop("anna")
    editor = InvoiceEditor(mine, None, None, client_id=client_id)
    qtbot.addWidget(editor, before_close_func=lambda e: e.discard_changes())
    qtbot.waitUntil(lambda: editor.loaded, timeout=WAIT)
    editor.lines.add_line("Консультация", "2", "ч", "1500,50", Decimal(22))
    with qtbot.waitSignal(editor.sig_saved, timeout=WAIT) as saved:
        assert editor.issue() is not None
    view = saved.args[0]
    assert view.is_draft and view.number is None and view.awaiting_number
    assert editor.banner.isVisibleTo(editor)
    assert "next sync" in editor.banner_text.text()
    assert editor.lines.editable  # still a draft here
    engine.synchronise(mine, server)
    again = InvoiceEditor(mine, None, view.id)
    qtbot.addWidget(again, before_close_func=lambda e: e.discard_changes())
    qtbot.waitUntil(lambda: again.loaded, timeout=WAIT)
    assert again.view is not None and again.view.number is not None
    assert again.view.number in again.heading.text()
    assert not again.lines.editable and "next sync" not in again.banner_text.text()


def test_a_client_created_on_two_laptops_is_offered_for_merge_and_merged(
    qtbot: QtBot, server: Database, laptop: Laptop
) -> None:
    """The Conflicts screen lists the pair under "Possible duplicates"; "Merge…" opens the
    merge dialog, and once merged the pair is gone; another pair is dismissed with
    "Different clients"."""
    anna, boris = laptop("anna"), laptop("boris")
    for database in (anna, boris):
        with database.unit_of_work() as session:
            create_client(session, ClientChanges(name="Двойников Пётр", phones=["+79161230000"]))
            create_client(session, ClientChanges(name="Тёзкина Анна"))
    engine.synchronise(anna, server)
    engine.synchronise(boris, server)
    page = ConflictsPage(boris, None)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.duplicates.sig_loaded, timeout=WAIT):
        page.reload()
    panel = page.duplicates
    assert panel.isVisibleTo(page) and panel.model.rowCount() == 2
    texts = {(panel.model.item(r, 0).text(), panel.model.item(r, 2).text()) for r in range(2)}
    assert texts == {
        ("Двойников Пётр", panel.reason_text("phone")),
        ("Тёзкина Анна", panel.reason_text("name")),
    }
    row = next(r for r in range(2) if panel.pairs[r].reason == "phone")
    panel.table.selectRow(row)
    dialog = panel.merge_selected()
    assert dialog is not None
    with qtbot.waitSignal(panel.sig_loaded, timeout=WAIT):
        dialog.merge()
    assert [p.reason for p in panel.pairs] == ["name"]
    panel.table.selectRow(0)
    with qtbot.waitSignal(panel.sig_loaded, timeout=WAIT):
        panel.dismiss_selected()
    assert panel.pairs == [] and not panel.isVisibleTo(page)
    engine.synchronise(boris, server)
    engine.synchronise(anna, server)
    with anna.engine.connect() as conn:
        alive = conn.exec_driver_sql(
            "SELECT count(*) FROM clients WHERE name = 'Двойников Пётр' AND deleted_at IS NULL"
        ).scalar_one()
    assert alive == 1
    assert [p["reason"] for p in engine.duplicates_json(anna)] == ["name"]  # hers to decide


def test_the_app_on_a_replica_acts_as_its_login_and_refuses_a_half_download(
    qtbot: QtBot, server: Database, laptop: Laptop
) -> None:
    """Opened on a laptop's replica, the app acts as the login the replica was made for
    (her offline clients are hers at the office); a replica whose first download did not
    finish is refused with one sentence."""
    mine = laptop("anna")
    path = mine.location.path
    assert path is not None
    mine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE sync_replica SET login = 'ivanova'")
    opened = open_for_app(str(path), None)
    assert opened is not None and opened[1] == "ivanova"
    opened[0].dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE sync_bootstrap SET done = 0")
    answers = Answers()
    assert open_for_app(str(path), None) is None
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=WAIT)
    assert "replica init" in answers.messages[0]
