"""`segment ...` and `mail ...` (issue 9) in a subprocess, on SQLite and PostgreSQL, with
a real SMTP server on loopback; a mailing killed halfway and sent again sends no letter
twice."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.consents import UnsubscribeVia, give_consent, unsubscribe
from crm_desktop.services.mailing.templates import save_template
from crm_desktop.store.database import open_database
from crm_desktop.store.location import parse_location
from tests.cli.conftest import Cli
from tests.cli.test_invoice_documents import Inbox, free_port, set_mail

PEOPLE = 8
LETTER = "Здравствуйте, {{ имя }}!\nНовости месяца."


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield box, int(controller.port)
    controller.stop()


@pytest.fixture
def audience(cli: Cli) -> list[str]:
    """Ten clients with e-mails: eight consented, one consented and then unsubscribed,
    one never asked; a template «Новости». Made in-process (the commands under test are
    the mailing's)."""
    assert cli.db is not None
    db = open_database(parse_location(cli.db))
    try:
        with db.unit_of_work() as session:
            ids = [
                create_client(
                    session,
                    ClientChanges(name=f"Клиентов Клиент {n:02d}", emails=[f"k{n:02d}@example.ru"]),
                ).id
                for n in range(PEOPLE + 2)
            ]
            for client_id in ids[: PEOPLE + 1]:
                give_consent(session, client_id, source="анкета")
            save_template(session, "Новости", "Новости для {{ имя }}", LETTER)
        with db.unit_of_work() as session:
            unsubscribe(session, ids[PEOPLE], UnsubscribeVia.CALL)
    finally:
        db.dispose()
    return [str(i) for i in ids]


def test_consent_unsubscribe_and_template_file(cli: Cli, tmp_path: Path) -> None:
    added = cli.ok("client", "add", "--name", "Новиков Н", "--email", "n@example.ru", "--json")
    client_id = added.json()["id"]
    consent = cli.ok(
        "mail", "consent", client_id, "--date", "01.02.2026", "--source", "анкета", "--json"
    )
    assert consent.json()["given_on"] == "2026-02-01" and consent.json()["source"] == "анкета"
    assert cli("mail", "consent", client_id, "--date", "01.02.2099").code == 2
    cli.ok("mail", "unsubscribe", client_id, "--via", "reply")
    shown = cli.ok("client", "show", client_id, "--json").json()
    assert shown["id"] == client_id
    letter = tmp_path / "letter.txt"
    letter.write_text("Добрый день, {{ name }}!", encoding="utf-8")
    saved = cli.ok(
        "mail",
        "template",
        "save",
        "Файл",
        "--subject",
        "Тема",
        "--body-file",
        str(letter),
        "--json",
    )
    assert saved.json()["body"] == "Добрый день, {{ name }}!"


def test_segment_and_template_commands(cli: Cli, audience: list[str]) -> None:
    saved = cli.ok("segment", "save", "Все люди", "--kind", "person", "--json").json()
    assert saved["count"] == PEOPLE + 2 and saved["rules"] == {"kind": "person"}
    assert [s["name"] for s in cli.ok("segment", "list", "--json").json()] == ["Все люди"]
    bad = cli("mail", "template", "save", "Плохой", "--subject", "Тема", "--body", "{{ город }}")
    assert bad.code == 2 and "{{ город }}" in bad.err and bad.out == ""
    preview = cli.ok("mail", "preview", "--template", "Новости", "--client", audience[0], "--json")
    assert preview.json()["subject"] == "Новости для Клиент 00"  # "Клиентов Клиент 00": 2 words


def test_dry_run_then_send_respects_consent(
    cli: Cli, audience: list[str], inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    cli.ok("segment", "save", "Подписчики", "--kind", "person")
    dry = cli.ok(
        "mail", "send", "--segment", "Подписчики", "--template", "Новости", "--dry-run", "--json"
    ).json()
    assert dry["run_id"] is None and dry["recipients"] == PEOPLE
    assert sorted(o["reason"] for o in dry["skipped"]) == [
        "no consent to marketing mail",
        "unsubscribed",
    ]
    assert box.messages == []
    not_set = cli("mail", "send", "--segment", "Подписчики", "--template", "Новости")
    assert not_set.code == 2 and "Mail is not set up" in not_set.err
    set_mail(cli, free_port())  # nobody listens there
    down = cli("mail", "send", "--segment", "Подписчики", "--template", "Новости", "--json")
    assert down.code == 75 and down.out == "" and "Cannot reach the mail server" in down.err
    set_mail(cli, port)
    sent = cli.ok(
        "mail",
        "send",
        "--segment",
        "Подписчики",
        "--template",
        "Новости",
        "--rate",
        "6000",
        "--json",
    ).json()
    assert sent["status"] == "done" and sent["sent"] == PEOPLE and sent["queued"] == 0
    assert sorted(m["To"] for m in box.messages) == [f"k{n:02d}@example.ru" for n in range(PEOPLE)]


def test_a_killed_mailing_resumes_without_duplicates(
    cli: Cli, audience: list[str], inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    cli.ok("segment", "save", "Подписчики", "--kind", "person")
    set_mail(cli, port)
    assert cli.db is not None
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CRM_DESKTOP", "PG"))}
    env.update(
        HOME=str(cli.home),
        XDG_DATA_HOME=str(cli.home / "data"),
        XDG_CONFIG_HOME=str(cli.home / "config"),
        XDG_STATE_HOME=str(cli.home / "state"),
        LANG="C.UTF-8",
    )
    command = [
        sys.executable, "-m", "crm_desktop", "--lang", "en", "--db", cli.db, "mail", "send",
        "--segment", "Подписчики", "--template", "Новости", "--rate", "120", "--json",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while len(box.messages) < 3 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        process.kill()  # as a crash or a power cut would: no clean-up
    finally:
        process.wait(timeout=30)
    delivered_before = len(box.messages)
    assert 3 <= delivered_before < PEOPLE
    report = cli.ok(
        "mail",
        "send",
        "--segment",
        "Подписчики",
        "--template",
        "Новости",
        "--rate",
        "6000",
        "--json",
    ).json()
    assert report["status"] == "done" and report["queued"] == 0
    assert report["sent"] + len(report["uncertain"]) == PEOPLE
    addresses = [m["To"] for m in box.messages]
    assert len(addresses) == len(set(addresses))  # no letter twice
    missing = {f"k{n:02d}@example.ru" for n in range(PEOPLE)} - set(addresses)
    assert missing <= {o["address"] for o in report["uncertain"]}
