"""`invoice pdf|xlsx|send` and `proposal pdf` in a subprocess, on SQLite and PostgreSQL:
the files written and read back, the letter arriving at an SMTP server on loopback, and
the exit statuses of the contract (2 bad input, 75 mail server unreachable)."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pypdf
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope, Session

from crm_desktop.services.mail import MailSecurity, MailSettings, save_mail_settings
from crm_desktop.store.database import open_database
from crm_desktop.store.location import parse_location
from tests.cli.conftest import Cli

COMPANY = (
    "company", "set", "--name", "ООО «Вектор»", "--inn", "7707083893", "--kpp", "773601001",
    "--ogrn", "1027700132195", "--address", "117997, г. Москва, ул. Вавилова, д. 19",
    "--bank", "ПАО Сбербанк", "--bic", "044525225", "--account", "40702810938000000001",
    "--corr-account", "30101810400000000225", "--director", "Соколов Андрей Викторович",
    "--accountant", "Орлова Елена Николаевна", "--vat", "included", "--vat-rate", "22",
)  # fmt: skip


@pytest.fixture
def issued(cli: Cli) -> dict[str, Any]:
    """An issued invoice of a client with an e-mail address."""
    cli.ok(*COMPANY)
    client = cli.ok(
        "client", "add", "--kind", "company", "--name", "ООО «Ромашка»",
        "--inn", "7728168971", "--email", "buh@romashka.ru", "--json",
    ).json()  # fmt: skip
    invoice: dict[str, Any] = cli.ok(
        "invoice", "create", "--client", client["id"],
        "--line", "Кресло офисное;2;шт;12500;22", "--line", "Доставка;1;усл;1500,50;22",
        "--issue", "--json",
    ).json()  # fmt: skip
    return invoice


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_invoice_pdf_and_xlsx(cli: Cli, issued: dict[str, Any], tmp_path: Path) -> None:
    number = issued["number"]
    out = tmp_path / "счёт.pdf"
    result = cli.ok("invoice", "pdf", number, "-o", str(out), "--json")
    assert result.json() == {"path": str(out), "number": number, "draft": False}
    text = pdf_text(out)
    assert f"Счёт на оплату № {number} от" in text
    assert "044525225" in text and "40702810938000000001" in text and "ИНН 7728168971" in text
    assert "26 500,50" in text
    assert "Двадцать шесть тысяч пятьсот рублей 50 копеек" in text

    by_id = tmp_path / "by-id.pdf"
    cli.ok("invoice", "pdf", issued["id"], "-o", str(by_id))
    assert f"№ {number}" in pdf_text(by_id)

    book = tmp_path / "invoice.xlsx"
    cli.ok("invoice", "xlsx", number, "-o", str(book))
    sheet = openpyxl.load_workbook(book).active
    assert sheet is not None
    assert str(sheet.cell(1, 1).value).startswith(f"Счёт на оплату № {number}")
    values = [row for row in sheet.iter_rows(values_only=True) if row[1] == "Кресло офисное"]
    assert values and values[0][2] == 2 and values[0][7] == 25000

    # bad input: exit 2, one line, nothing on stdout
    unknown = cli("invoice", "pdf", "1999-9999", "-o", str(tmp_path / "x.pdf"))
    assert unknown.code == 2 and unknown.out == ""
    assert unknown.err.strip().count("\n") == 0 and "1999-9999" in unknown.err
    wrong_suffix = cli("invoice", "pdf", issued["number"], "-o", str(tmp_path / "x.txt"))
    assert wrong_suffix.code == 2 and ".pdf" in wrong_suffix.err
    nowhere = cli("invoice", "pdf", issued["number"], "-o", str(tmp_path / "no" / "x.pdf"))
    assert nowhere.code == 2 and "no such folder" in nowhere.err


def test_proposal_pdf(cli: Cli, tmp_path: Path) -> None:
    cli.ok(*COMPANY)
    client = cli.ok("client", "add", "--kind", "company", "--name", "ООО «Ромашка»", "--json")
    deal = cli.ok(
        "deal", "add", "--client", client.json()["id"], "--title", "Оснащение переговорной",
        "--amount", "75000", "--json",
    ).json()  # fmt: skip
    out = tmp_path / "kp.pdf"
    result = cli.ok(
        "proposal", "pdf", deal["id"], "-o", str(out), "--valid-until", "31.12.2026", "--json"
    )
    assert result.json()["total"] == "75000.00"
    text = pdf_text(out)
    assert "Коммерческое предложение" in text and "Оснащение переговорной" in text
    assert "Предложение действительно до 31 декабря 2026 г." in text
    assert "Семьдесят пять тысяч рублей 00 копеек" in text
    missing = cli("proposal", "pdf", "not-an-id", "-o", str(tmp_path / "y.pdf"))
    assert missing.code == 2


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        assert isinstance(envelope.content, bytes)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, email.message.EmailMessage)
        self.messages.append(message)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield box, int(controller.port)
    controller.stop()


def set_mail(cli: Cli, port: int) -> None:
    """The office's mail settings, as an administrator saves them in Settings → Mail."""
    assert cli.db is not None
    db = open_database(parse_location(cli.db))
    try:
        with db.unit_of_work() as session:
            settings = MailSettings(
                host="127.0.0.1", port=port, security=MailSecurity.NONE, sender="office@vector.ru"
            )
            save_mail_settings(session, settings)
    finally:
        db.dispose()


def test_invoice_send(cli: Cli, issued: dict[str, Any], inbox: tuple[Inbox, int]) -> None:
    box, port = inbox
    not_set_up = cli("invoice", "send", issued["number"])
    assert not_set_up.code == 2 and "Mail is not set up" in not_set_up.err

    set_mail(cli, free_port())  # nobody listens there
    unreachable = cli("invoice", "send", issued["number"])
    assert unreachable.code == 75 and unreachable.out == ""
    assert unreachable.err.startswith("crm-desktop: Cannot reach the mail server 127.0.0.1:")
    assert unreachable.err.strip().count("\n") == 0

    set_mail(cli, port)
    result = cli.ok("invoice", "send", issued["number"], "--json")  # to the payer's address
    number = issued["number"]
    assert result.json()["to"] == ["buh@romashka.ru"]
    assert len(box.messages) == 1
    message = box.messages[0]
    assert message["To"] == "buh@romashka.ru"
    assert message["Subject"].startswith(f"Счёт на оплату № {number} от ")
    body = message.get_body(("plain",))
    assert body is not None and "на сумму 26 500,50 руб." in body.get_content().replace("\xa0", " ")
    attachment = next(iter(message.iter_attachments()))
    assert attachment.get_filename().startswith(f"Счёт {number} от ")
    assert attachment.get_content().startswith(b"%PDF-")

    cli.ok("invoice", "send", number, "--to", "director@romashka.ru", "--subject", "Счёт")
    assert box.messages[-1]["To"] == "director@romashka.ru"
    assert box.messages[-1]["Subject"] == "Счёт"
