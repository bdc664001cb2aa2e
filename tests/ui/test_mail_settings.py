"""Settings → Mail and Settings → Invoices, and sending an invoice from its dialog, on both
databases: the server's settings saved (the password in the keyring), a test message that
arrives at a real SMTP server (aiosmtpd) on 127.0.0.1, one sentence when the server
cannot be reached, and the invoice settings with the number's example as it is typed."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from decimal import Decimal

import keyring
import pytest
from aiosmtpd.controller import Controller
from pytestqt.qtbot import QtBot

from crm_desktop.services.clients import ClientChanges, edit_client
from crm_desktop.services.invoice_settings import get_invoice_settings
from crm_desktop.services.invoicing import InvoiceChanges, InvoiceLineInput, create_invoice
from crm_desktop.services.mail import MailSecurity, MailSettings, load_mail_settings
from crm_desktop.services.vocabulary import VatMode
from crm_desktop.store.database import Database
from crm_desktop.ui.invoice_settings_tab import InvoiceSettingsTab
from crm_desktop.ui.mail_settings import MailSettingsTab
from crm_desktop.ui.send_mail import SendMailDialog
from tests.memory_keyring import MemoryKeyring
from tests.services.invoice_setup import set_up
from tests.services.test_mail import Inbox, running

WAIT = 30_000


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def server(inbox: Inbox) -> Iterator[Controller]:
    controller = running(inbox)
    yield controller
    controller.stop()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def mail_tab(qtbot: QtBot, db: Database) -> MailSettingsTab:
    tab = MailSettingsTab(db, None)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.sig_loaded, timeout=WAIT):
        tab.load()
    return tab


def test_mail_settings_are_saved_and_a_test_message_arrives(
    qtbot: QtBot, db: Database, inbox: Inbox, server: Controller, memory_keyring: MemoryKeyring
) -> None:
    tab = mail_tab(qtbot, db)
    assert tab.host.text() == "" and not tab.test_button.isEnabled()
    tab.host.setText(" 127.0.0.1 ")
    tab.port.setValue(server.port)
    tab.security.setCurrentIndex(tab.security.findData(MailSecurity.NONE.value))
    tab.account.setText("office")
    tab.password.setText("секрет")
    tab.sender_edit.setText(" Office@Vector.RU ")
    with qtbot.waitSignal(tab.sig_saved, timeout=WAIT):
        assert tab.save() is not None
    with db.unit_of_work(write=False) as session:
        stored = load_mail_settings(session)
    assert stored == MailSettings(
        host="127.0.0.1",
        port=server.port,
        security=MailSecurity.NONE,
        login="office",
        sender="office@vector.ru",
        password="секрет",
    )
    assert list(memory_keyring.store.values()) == ["секрет"]
    assert tab.password.text() == "" and tab.test_button.isEnabled()

    tab.account.setText("")  # the loopback server takes mail without a login
    with qtbot.waitSignal(tab.sig_tested, timeout=WAIT) as tested:
        assert tab.send_test() is not None
    assert "office@vector.ru" in tested.args[0]
    assert len(inbox.messages) == 1
    assert inbox.recipients == [["office@vector.ru"]]
    assert inbox.messages[0]["Subject"] == tab.tr("Test message from the CRM")

    # reopened, the form shows what was saved
    again = mail_tab(qtbot, db)
    assert (again.host.text(), again.port.value(), again.sender_edit.text()) == (
        "127.0.0.1",
        server.port,
        "office@vector.ru",
    )
    assert again.saved_password == "секрет" and again.password.text() == ""


def test_a_wrong_field_and_an_unreachable_server_say_so(
    qtbot: QtBot, db: Database, memory_keyring: MemoryKeyring
) -> None:
    tab = mail_tab(qtbot, db)
    tab.host.setText("smtp.vector.ru")
    tab.sender_edit.setText("not an address")
    with qtbot.waitSignal(tab.sig_saved, timeout=3000, raising=False) as saved:
        tab.save()
    qtbot.waitUntil(lambda: not tab.busy, timeout=WAIT)
    assert not saved.signal_triggered
    assert tab.errors["smtp_from"].isVisibleTo(tab)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    tab.host.setText("127.0.0.1")
    tab.port.setValue(closed_port)
    tab.security.setCurrentIndex(tab.security.findData(MailSecurity.NONE.value))
    tab.sender_edit.setText("office@vector.ru")
    with qtbot.waitSignal(tab.sig_tested, timeout=WAIT) as tested:
        tab.send_test()
    assert "Cannot reach the mail server 127.0.0.1" in tested.args[0]
    assert tested.args[0].count(".") >= 1 and "\n" not in tested.args[0]
    assert tab.errors["form"].isVisibleTo(tab)


def test_an_invoice_is_sent_with_its_pdf(
    qtbot: QtBot, db: Database, inbox: Inbox, server: Controller, memory_keyring: MemoryKeyring
) -> None:
    client_id = set_up(db)
    tab = mail_tab(qtbot, db)
    tab.host.setText("127.0.0.1")
    tab.port.setValue(server.port)
    tab.security.setCurrentIndex(tab.security.findData(MailSecurity.NONE.value))
    tab.sender_edit.setText("office@vector.ru")
    with qtbot.waitSignal(tab.sig_saved, timeout=WAIT):
        tab.save()
    with db.unit_of_work() as session:
        edit_client(session, client_id, ClientChanges(emails=["buh@romashka.ru"]))
        lines = [InvoiceLineInput(name="Консультация", price="1500")]
        invoice = create_invoice(session, InvoiceChanges(client_id=client_id, lines=lines))
    dialog = SendMailDialog(db, None, invoice.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled(), timeout=WAIT)
    assert dialog.to.text() == "buh@romashka.ru"
    assert dialog.attachment_name.text().endswith(".pdf")
    assert "Здравствуйте" in dialog.body.toPlainText()
    with qtbot.waitSignal(dialog.sig_sent, timeout=WAIT):
        assert dialog.send() is not None
    assert inbox.recipients == [["buh@romashka.ru"]]
    attachments = list(inbox.messages[0].iter_attachments())
    assert [a.get_filename() for a in attachments] == [dialog.attachment_name.text()]
    assert attachments[0].get_content().startswith(b"%PDF")


def test_invoice_settings_are_saved_with_a_live_example(qtbot: QtBot, db: Database) -> None:
    set_up(db)
    tab = InvoiceSettingsTab(db, None)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.sig_loaded, timeout=WAIT):
        tab.load()
    assert tab.save_button.isEnabled()
    tab.pattern.setText("СЧ-{year}/{number:03d}")
    assert "СЧ-" in tab.example.text() and "/001" in tab.example.text()
    tab.pattern.setText("{year}")
    assert tab.errors["invoice_pattern"].isVisibleTo(tab) and tab.example.text() == ""
    tab.pattern.setText("СЧ-{number}")
    tab.vat_mode.setCurrentIndex(tab.vat_mode.findData(VatMode.ON_TOP.value))
    tab.vat_rates.setText("0, 10, 22")
    tab.vat_rates.editingFinished.emit()
    tab.vat_rate.setCurrentIndex(tab.vat_rate.findData("10"))
    tab.payment_days.setValue(10)
    with qtbot.waitSignal(tab.sig_saved, timeout=WAIT):
        assert tab.save() is not None
    with db.unit_of_work(write=False) as session:
        settings = get_invoice_settings(session)
    assert settings.invoice_pattern == "СЧ-{number}"
    assert settings.vat_mode is VatMode.ON_TOP
    assert settings.vat_rates == (Decimal(0), Decimal(10), Decimal(22))
    assert settings.vat_rate == Decimal(10) and settings.payment_days == 10
