"""The card's "Personal data" button (export, erase), the card-read log and its setting
(each test on SQLite and PostgreSQL, real widgets offscreen)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.consents import consent_evidence, consents_of
from crm_desktop.services.privacy import (
    card_reads,
    card_reads_logged,
    erased_name,
    set_card_reads_logged,
)
from crm_desktop.services.search import search_clients
from crm_desktop.store.database import Database
from crm_desktop.ui.client_card import ClientCard
from crm_desktop.ui.consent_panel import ConsentPanel
from crm_desktop.ui.privacy_actions import CardReadsSetting

WAIT = 30_000
NAME = "Пантелеймонов Вячеслав"


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def test_export_and_erase_from_the_card(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    with db.unit_of_work() as session:
        client_id = create_client(session, ClientChanges(name=NAME, phones=["+79123456789"])).id
    card = ClientCard(db, None, client_id)
    qtbot.addWidget(card, before_close_func=lambda c: c.discard_changes())
    button = card.privacy_button
    assert button.isEnabled() and button.text() == "Personal data"
    assert [a.text() for a in button.menu().actions()] == [
        "Export personal data…",
        "Erase personal data…",
    ]
    out = tmp_path / "person.json"
    with qtbot.waitSignal(button.sig_exported, timeout=WAIT):
        button.export_to(out)
    assert json.loads(out.read_text("utf-8"))["card"]["name"] == NAME

    dialog = button.ask_erase()
    assert dialog is not None and not dialog.erase_button.isEnabled()
    dialog.ground.setText("заявление от 01.11.2026")
    assert dialog.erase_button.isEnabled()
    with qtbot.waitSignal(button.sig_erased, timeout=WAIT) as erased:
        dialog.erase_button.click()
    assert erased.args[0].name == erased_name(client_id)
    assert not button.isEnabled()
    with db.unit_of_work(write=False) as session:
        assert search_clients(session, "Пантелеймонов") == []


def test_card_reads_setting_and_log(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as session:
        client_id = create_client(session, ClientChanges(name=NAME)).id
    setting = CardReadsSetting(db, None)
    qtbot.addWidget(setting)
    assert setting.text() == "Log who opens client cards (152-FZ)"
    setting.show()
    qtbot.waitUntil(setting.isEnabled, timeout=WAIT)
    assert not setting.isChecked()
    card = ClientCard(db, "petrova", client_id)  # the setting is off: nothing noted
    qtbot.addWidget(card, before_close_func=lambda c: c.discard_changes())
    qtbot.wait(300)
    setting.setChecked(True)

    def logged() -> bool:
        with db.unit_of_work(write=False) as session:
            return card_reads_logged(session)

    qtbot.waitUntil(logged, timeout=WAIT)
    second = ClientCard(db, "petrova", client_id)
    qtbot.addWidget(second, before_close_func=lambda c: c.discard_changes())

    def reads() -> list[str | None]:
        with db.unit_of_work(write=False) as session:
            return [r.login for r in card_reads(session, client_id)]

    qtbot.waitUntil(lambda: reads() == ["petrova"], timeout=WAIT)
    with db.unit_of_work() as session:
        set_card_reads_logged(session, False)


def test_the_consent_dialog_records_channel_version_and_scan(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    with db.unit_of_work() as session:
        client_id = create_client(session, ClientChanges(name=NAME)).id
    panel = ConsentPanel(db, None, client_id)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.status is not None, timeout=WAIT)
    dialog = panel.record_consent()
    assert dialog is not None
    dialog.channel.setCurrentIndex(dialog.channel.findData("paper"))
    dialog.text_version.setText("2026-01")
    scan = tmp_path / "form.pdf"
    scan.write_bytes(b"%PDF-1.4 signed form")
    dialog.set_evidence(scan)
    with qtbot.waitSignal(panel.sig_changed, timeout=WAIT):
        dialog.accept()
    assert panel.text().endswith("· on paper · text 2026-01 · scan: form.pdf")
    with db.unit_of_work(write=False) as session:
        (consent,) = consents_of(session, client_id)
        assert consent_evidence(session, consent.id) == ("form.pdf", b"%PDF-1.4 signed form")
    assert consent.channel == "paper" and consent.text_version == "2026-01"
