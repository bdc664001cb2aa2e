"""The office server goes away (its PC restarted) while the app runs: the banner says so,
and when the server is back the app reconnects by itself and takes its seat again, so its
lists show her clients again (without a seat row-level security would show nothing)."""

from __future__ import annotations

from dataclasses import replace

import psycopg
from pytestqt.qtbot import QtBot

from crm_desktop.models import Role
from crm_desktop.services.client_list import list_clients
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.users import add_user
from crm_desktop.store.database import open_database
from crm_desktop.store.location import parse_location
from crm_desktop.store.server_setup import init_server
from crm_desktop.ui.main_window import MainWindow
from tests.ui.test_connection import own_server, switch_off

__all__ = ["own_server"]  # the fixture: a PostgreSQL of this test's own


def test_the_app_takes_its_seat_again_when_the_server_is_back(
    qtbot: QtBot, own_server: object
) -> None:
    admin = parse_location(own_server.get_uri())  # type: ignore[attr-defined]
    init_server(admin, "crm")
    admin = replace(admin, database="crm")
    setup = open_database(admin)
    with setup.unit_of_work(None) as session:
        add_user(session, "ivanova", Role.MANAGER)
    with setup.unit_of_work("ivanova") as session:
        create_client(session, ClientChanges(name="Соколова Анна"))
    setup.dispose()

    db = open_database(replace(admin, user="ivanova", password=None))
    assert db.take_seat("desk") is not None
    window = MainWindow(db, "ivanova")
    qtbot.addWidget(window)
    window.show()

    switch_off(own_server)
    with qtbot.waitSignal(window.connection.sig_lost, timeout=20_000):
        window.connection.check()
    assert window.banner.isVisible()

    own_server.ensure_postgres_running()  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.connection.sig_back, timeout=30_000):
        window.connection.check()
    assert window.banner.isHidden()
    with psycopg.connect(admin.url(), autocommit=True) as conn:
        holders = conn.execute("SELECT login, host FROM crm_seat_status()").fetchall()
    assert holders == [("ivanova", "desk")]
    with db.unit_of_work("ivanova", write=False) as session:
        assert [row.name for row in list_clients(session, limit=10).rows] == ["Соколова Анна"]
    window.close()
    db.dispose()
