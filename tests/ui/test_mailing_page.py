"""The Mailing page and the card's consent panel on both databases: a segment made through
the form with its live count, a template refused for an unknown placeholder, the preview
of a letter as one client gets it, sending through a real SMTP server (aiosmtpd) on
loopback with a line per recipient, pause and resume (each letter once), an unreachable
server said in one sentence, the birthdays' "Congratulate", and consent and unsubscribe
recorded on the card."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.models import Client, ClientTag, Consent, Interaction, Role, Tag
from crm_desktop.services.consents import UnsubscribeVia, give_consent, unsubscribe
from crm_desktop.services.mail import MailSecurity, MailSettings, save_mail_settings
from crm_desktop.services.mailing.templates import list_templates, save_template
from crm_desktop.services.segments import SegmentRules, find_segment, list_segments, save_segment
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from crm_desktop.ui.client_card import ClientCard
from crm_desktop.ui.mailing_page import MailingPage
from crm_desktop.ui.mailing_send import State
from tests.services.test_mail import Inbox, free_port, running
from tests.services.test_mailing import BODY, person
from tests.ui.dialogs import Answers

WAIT = 30_000
Button = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The card keeps drafts in the user's data directory: this test's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@dataclass
class People:
    ids: dict[str, uuid.UUID]


@pytest.fixture
def people(db: Database) -> People:
    """ivanova's five people with e-mails (anna and boris consented, vera unsubscribed,
    gleb without consent) and dina without an e-mail; petrov's petr; a segment «Мои» and
    a template «Акция»."""
    ids: dict[str, uuid.UUID] = {}
    with db.unit_of_work() as s:
        add_user(s, "ivanova", Role.MANAGER, full_name="Иванова Мария")
        add_user(s, "petrov", Role.MANAGER, full_name="Петров Алексей")
        vip = Tag(name="VIP", name_folded="vip")
        s.add(vip)
        s.flush()
        ids["anna"] = person(s, "Смирнова Анна Сергеевна", "anna@example.ru", company="Ромашка")
        ids["boris"] = person(s, "Борисов Борис", "boris@example.ru")
        ids["vera"] = person(s, "Вера Лебедева", "vera@example.ru")
        ids["gleb"] = person(s, "Глеб Нет-Согласия", "gleb@example.ru")
        ids["dina"] = person(s, "Дина Без-Почты", None)
        ids["petr"] = person(s, "Пётр Чужой", "petr@example.ru", owner="petrov")
        s.add(ClientTag(client_id=ids["anna"], tag_id=vip.id))
        s.add(ClientTag(client_id=ids["vera"], tag_id=vip.id))
    with db.unit_of_work() as s:
        for key in ("anna", "boris", "vera", "dina", "petr"):
            give_consent(s, ids[key], given_on=dt.date(2026, 1, 10), source="анкета на сайте")
        save_segment(s, "Мои", SegmentRules(owner="ivanova", kind="person"))
        save_template(s, "Акция", "Предложение для {{ имя }}", BODY)
    with db.unit_of_work() as s:
        unsubscribe(s, ids["vera"], UnsubscribeVia.CALL)
    return People(ids)


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def smtp(inbox: Inbox) -> Iterator[Controller]:
    controller = running(inbox)
    yield controller
    controller.stop()


def use_server(db: Database, port: int) -> None:
    """Settings → Mail as an administrator saves it: the loopback server, no login."""
    with db.unit_of_work() as s:
        save_mail_settings(
            s,
            MailSettings(
                host="127.0.0.1", port=port, security=MailSecurity.NONE, sender="office@vector.ru"
            ),
        )


def open_page(qtbot: QtBot, db: Database) -> MailingPage:
    page = MailingPage(db, None)
    qtbot.addWidget(page, before_close_func=lambda p: p.stop_sending())
    page.resize(1280, 800)
    with qtbot.waitSignal(page.sig_loaded, timeout=WAIT):
        page.show()
    return page


def segment_id(db: Database, name: str) -> uuid.UUID:
    with db.unit_of_work(write=False) as s:
        return find_segment(s, name).id


def template_id(page: MailingPage, name: str) -> uuid.UUID:
    assert page.catalogue is not None
    return next(t.id for t in page.catalogue.templates if t.name == name)


def test_a_segment_made_in_the_form_counts_its_clients_live(
    qtbot: QtBot, db: Database, people: People
) -> None:
    page = open_page(qtbot, db)
    tab = page.segments
    assert [tab.list.item(i).text() for i in range(tab.list.count())] == ["Мои  ·  5"]
    tab.new_segment()
    assert tab.count_label.text() == "Choose at least one rule"
    tab.name.setText("VIP Ивановой")
    with qtbot.waitSignal(tab.sig_counted, timeout=WAIT, check_params_cb=lambda n: n == 6):
        tab.owner.setCurrentIndex(tab.owner.findData("ivanova"))  # 5 people, 1 company
    vip = tab.tags.findItems("VIP", Qt.MatchFlag.MatchExactly)[0]
    with qtbot.waitSignal(tab.sig_counted, timeout=WAIT, check_params_cb=lambda n: n == 2):
        vip.setCheckState(Qt.CheckState.Checked)  # anna and vera
    assert tab.count_label.text() == "Clients in the segment now: 2"
    with qtbot.waitSignal(tab.sig_counted, timeout=WAIT, check_params_cb=lambda n: n == 0):
        tab.kind.setCurrentIndex(tab.kind.findData("company"))
    with qtbot.waitSignal(tab.sig_counted, timeout=WAIT, check_params_cb=lambda n: n == 2):
        tab.kind.setCurrentIndex(tab.kind.findData("person"))
    with qtbot.waitSignal(page.sig_loaded, timeout=WAIT):
        tab.save()
    shown = [tab.list.item(i).text() for i in range(tab.list.count())]
    assert shown == ["VIP Ивановой  ·  2", "Мои  ·  5"]
    assert tab.current() is not None and tab.current().name == "VIP Ивановой"  # type: ignore[union-attr]
    with db.unit_of_work(write=False) as s:
        saved = find_segment(s, "vip ивановой")
    assert saved.rules == SegmentRules(kind="person", owner="ivanova", tags=("VIP",))
    assert page.send_tab.segment.findText("VIP Ивановой  ·  2") >= 0  # offered to send to

    # picking «Мои» fills the form with its rules; a rule the service refuses is said there
    tab.list.setCurrentRow(1)
    assert tab.name.text() == "Мои" and tab.owner.currentData() == "ivanova"
    assert tab.checked_tags() == []
    tab.name.setText("")
    tab.save()
    qtbot.waitUntil(lambda: not tab.busy, timeout=WAIT)
    assert tab.errors["name"].isVisibleTo(tab) and tab.errors["name"].text() == "Name the segment"

    # deleting asks first, and keeps the clients
    tab.list.setCurrentRow(0)
    answers = Answers(Button.Yes)
    with qtbot.waitSignal(page.sig_loaded, timeout=WAIT):
        assert tab.delete_current() is not None
    assert "Its clients stay" in answers.messages[0]
    assert [tab.list.item(i).text() for i in range(tab.list.count())] == ["Мои  ·  5"]
    with db.unit_of_work(write=False) as s:
        assert [v.name for v in list_segments(s)] == ["Мои"]
        assert s.get(Client, people.ids["anna"]).deleted_at is None  # type: ignore[union-attr]


def test_a_template_with_an_unknown_placeholder_is_refused_with_its_name(
    qtbot: QtBot, db: Database, people: People
) -> None:
    page = open_page(qtbot, db)
    tab = page.templates
    tab.new_template()
    tab.name.setText("Город")
    tab.subject.setText("Новости")
    tab.body.setPlainText("Здравствуйте, ")
    tab.body.moveCursor(QTextCursor.MoveOperation.End)
    tab.body.setFocus()
    tab.placeholder_buttons["имя"].click()  # inserted at the cursor
    tab.body.insertPlainText(" из {{ город }}!")
    assert tab.body.toPlainText() == "Здравствуйте, {{ имя }} из {{ город }}!"
    tab.save()
    qtbot.waitUntil(lambda: not tab.busy, timeout=WAIT)
    message = tab.errors["body"].text()
    assert tab.errors["body"].isVisibleTo(tab)
    assert message.startswith("Unknown placeholder {{ город }}")
    assert "{{ имя }}" in message  # and the ones it may use
    with db.unit_of_work(write=False) as s:
        assert [t.name for t in list_templates(s)] == ["Акция"]

    tab.body.setPlainText("Здравствуйте, {{ имя }}!")
    with qtbot.waitSignal(page.sig_loaded, timeout=WAIT):
        tab.save()
    assert not tab.errors["body"].isVisibleTo(tab)
    assert [tab.list.item(i).text() for i in range(tab.list.count())] == ["Акция", "Город"]
    assert page.send_tab.template.findText("Город") >= 0


def test_the_preview_shows_the_letter_as_the_recipient_gets_it(
    qtbot: QtBot, db: Database, people: People
) -> None:
    page = open_page(qtbot, db)
    tab = page.templates
    tab.list.setCurrentRow(0)
    assert tab.subject.text() == "Предложение для {{ имя }}"
    qtbot.waitUntil(lambda: tab.recipient.count() > 0, timeout=WAIT)
    # «Мои»'s people, those with an e-mail first
    offered = [tab.recipient.itemText(i) for i in range(tab.recipient.count())]
    assert offered[0] == "Борисов Борис <boris@example.ru>"
    assert offered[-1] == "Дина Без-Почты"
    anna = tab.recipient.findData(str(people.ids["anna"]))
    with qtbot.waitSignal(
        tab.sig_previewed,
        timeout=WAIT,
        check_params_cb=lambda: tab.preview_subject.text().endswith("Анна Сергеевна"),
    ):
        tab.recipient.setCurrentIndex(anna)
    assert tab.preview_subject.text() == "Предложение для Анна Сергеевна"
    text = tab.preview_text.toPlainText()
    assert text.startswith("Здравствуйте, Анна Сергеевна!")
    assert "Для Ромашка у нас скидка. Ваш менеджер Иванова Мария." in text
    assert "«отписаться»" in text  # the way to unsubscribe, at the end

    # the preview follows the text as it is typed (not saved yet)
    with qtbot.waitSignal(
        tab.sig_previewed,
        timeout=WAIT,
        check_params_cb=lambda: "Ромашка" in tab.preview_text.toPlainText().splitlines()[0],
    ):
        tab.body.setPlainText("{{ фио }} из {{ компания }}")
    assert tab.preview_text.toPlainText().startswith("Смирнова Анна Сергеевна из Ромашка\n")
    with qtbot.waitSignal(
        tab.sig_previewed, timeout=WAIT, check_params_cb=lambda: tab.preview_error is not None
    ):
        tab.body.setPlainText("Привет из {{ город }}")
    assert "{{ город }}" in (tab.preview_error or "")


def test_a_mailing_sent_from_the_page_reaches_the_consenting_clients(
    qtbot: QtBot, db: Database, people: People, inbox: Inbox, smtp: Controller
) -> None:
    use_server(db, smtp.port)
    page = open_page(qtbot, db)
    send = page.send_tab
    page.tabs.setCurrentWidget(send)
    send.choose(segment_id(db, "Мои"), template_id(page, "Акция"))
    send.rate.setValue(600)
    with qtbot.waitSignal(send.sig_checked, timeout=WAIT) as checked:
        send.check_button.click()
    assert checked.args[0].recipients == 2 and inbox.messages == []  # a check sends nothing
    assert "2 letters would go out; 3 clients" in send.summary.text()
    assert {(r.client, r.result, r.reason) for r in send.model.rows} == {
        ("Вера Лебедева", "skipped", "unsubscribed"),
        ("Глеб Нет-Согласия", "skipped", "no consent to marketing mail"),
        ("Дина Без-Почты", "skipped", "no e-mail address"),
    }

    answers = Answers(Button.Yes)
    with qtbot.waitSignal(send.sig_finished, timeout=WAIT) as finished:
        send.send_button.click()
    assert "«Акция»" in answers.messages[0]
    report = finished.args[0]
    assert (report.status, report.sent, report.queued) == ("done", 2, 0)
    assert send.state == State.IDLE and send.summary.text().startswith("Done: 2 of 2 letters sent")
    assert sorted(m["To"] for m in inbox.messages) == ["anna@example.ru", "boris@example.ru"]
    qtbot.waitUntil(lambda: send.model.results().get("sent") == 2, timeout=WAIT)
    rows = {(r.client, r.address, r.result) for r in send.model.rows if r.result == "sent"}
    assert rows == {
        ("Борисов Борис", "boris@example.ru", "sent"),
        ("Смирнова Анна Сергеевна", "anna@example.ru", "sent"),
    }
    assert send.model.results() == {"sent": 2, "skipped": 3}
    assert send.model.data(send.model.index(0, 2)) == "sent"


def test_pause_then_resume_sends_each_letter_once(
    qtbot: QtBot, db: Database, people: People, inbox: Inbox, smtp: Controller
) -> None:
    with db.unit_of_work() as s:
        for n in range(6):
            cid = person(s, f"Клиент {n}", f"c{n}@example.ru")
            give_consent(s, cid, given_on=dt.date(2026, 1, 1))
    use_server(db, smtp.port)
    page = open_page(qtbot, db)
    send = page.send_tab
    send.choose(segment_id(db, "Мои"), template_id(page, "Акция"))
    send.rate.setValue(120)  # a letter each half second: time to pause
    Answers(Button.Yes)
    with qtbot.waitSignal(send.sig_progress, timeout=WAIT):
        send.send()
    assert send.state == State.SENDING and send.pause_button.isEnabled()
    with qtbot.waitSignal(send.sig_finished, timeout=WAIT) as paused:
        send.pause_button.click()
        assert State(send.state) == State.PAUSING and not send.pause_button.isEnabled()
    first = paused.args[0]
    assert first.status == "paused" and 0 < first.sent < 8 and first.queued == 8 - first.sent
    assert State(send.state) == State.PAUSED and send.resume_button.isEnabled()
    assert send.summary.text().startswith(f"Paused: {first.sent} of 8 letters sent")
    assert len(inbox.messages) == first.sent
    qtbot.waitUntil(lambda: send.model.results().get("queued") == first.queued, timeout=WAIT)

    send.rate.setValue(600)
    with qtbot.waitSignal(send.sig_finished, timeout=WAIT) as done:
        send.resume_button.click()
    second = done.args[0]
    assert second.run_id == first.run_id  # the same mailing taken up
    assert (second.status, second.sent, second.queued) == ("done", 8, 0)
    addresses = [m["To"] for m in inbox.messages]
    assert len(addresses) == 8 == len(set(addresses))
    assert not send.resume_button.isEnabled()
    qtbot.waitUntil(lambda: send.model.results().get("sent") == 8, timeout=WAIT)


def test_closing_the_page_while_sending_pauses_the_mailing(
    qtbot: QtBot, db: Database, people: People, inbox: Inbox, smtp: Controller
) -> None:
    use_server(db, smtp.port)
    page = open_page(qtbot, db)
    send = page.send_tab
    send.choose(segment_id(db, "Мои"), template_id(page, "Акция"))
    send.rate.setValue(30)  # two seconds between letters
    Answers(Button.Yes)
    with qtbot.waitSignal(send.sig_progress, timeout=WAIT):
        send.send()
    with qtbot.waitSignal(send.sig_finished, timeout=WAIT) as paused:
        page.close()
    assert (paused.args[0].status, paused.args[0].sent, paused.args[0].queued) == ("paused", 1, 1)
    assert len(inbox.messages) == 1


def test_an_unreachable_server_pauses_with_one_sentence_and_resume_goes_on(
    qtbot: QtBot, db: Database, people: People, inbox: Inbox
) -> None:
    use_server(db, free_port())  # nobody listens there
    page = open_page(qtbot, db)
    send = page.send_tab
    send.choose(segment_id(db, "Мои"), template_id(page, "Акция"))
    send.rate.setValue(600)
    Answers(Button.Yes)
    with qtbot.waitSignal(send.sig_failed, timeout=WAIT) as failed:
        send.send()
    text = failed.args[0]
    assert text.startswith("Cannot reach the mail server 127.0.0.1") and "press Resume" in text
    assert send.error_label.isVisibleTo(send) and send.error_label.text() == text
    assert send.state == State.PAUSED and send.resume_button.isEnabled()
    qtbot.waitUntil(lambda: send.model.results().get("queued") == 2, timeout=WAIT)

    controller = running(inbox)
    try:
        use_server(db, controller.port)
        with qtbot.waitSignal(send.sig_finished, timeout=WAIT) as done:
            send.resume()
    finally:
        controller.stop()
    assert done.args[0].sent == 2 and len(inbox.messages) == 2
    assert not send.error_label.isVisibleTo(send)


def test_congratulate_prepares_the_birthday_mailing(
    qtbot: QtBot, db: Database, people: People
) -> None:
    soon = dt.date.today() + dt.timedelta(days=2)
    with db.unit_of_work() as s:
        born = (
            soon.replace(year=1990) if (soon.month, soon.day) != (2, 29) else dt.date(1992, 2, 29)
        )
        cid = person(s, "Именинникова Ольга", "olga@example.ru", birth_date=born)
        give_consent(s, cid, given_on=dt.date(2026, 1, 1))
    page = open_page(qtbot, db)
    table = page.birthdays.table
    assert table.rowCount() == 1 and table.item(0, 1).text() == "Именинникова Ольга"  # type: ignore[union-attr]
    assert page.tabs.tabText(page.tabs.indexOf(page.birthdays)) == "Birthdays (1)"
    with qtbot.waitSignal(page.send_tab.sig_checked, timeout=WAIT) as checked:
        page.birthdays.congratulate_button.click()
    assert page.tabs.currentWidget() is page.send_tab
    assert page.send_tab.segment.currentText().startswith("Дни рождения на этой неделе")
    assert page.send_tab.template.currentText() == "Поздравление с днём рождения"
    assert checked.args[0].recipients == 1


def test_the_card_records_consent_and_unsubscribing(
    qtbot: QtBot, db: Database, people: People
) -> None:
    card = ClientCard(db, None, people.ids["gleb"])
    qtbot.addWidget(card, before_close_func=lambda c: c.discard_changes())
    panel = card.consent_panel
    qtbot.waitUntil(lambda: panel.status is not None, timeout=WAIT)
    assert panel.text() == "Marketing mail: no consent"

    dialog = panel.record_consent()
    assert dialog is not None and dialog.date.date() == QDate.currentDate()
    dialog.date.setDate(QDate(2026, 1, 10))
    dialog.source.setText("анкета на сайте")
    with qtbot.waitSignal(panel.sig_changed, timeout=WAIT):
        dialog.accept()
    assert panel.text() == "Marketing mail: consent given Jan 10, 2026 (анкета на сайте)"
    assert panel.unsubscribe_button.isEnabled()

    with qtbot.waitSignal(panel.sig_changed, timeout=WAIT):
        panel.unsubscribe_actions[UnsubscribeVia.CALL].trigger()
    today = dt.date.today().strftime("%b %d, %Y").replace(" 0", " ")
    assert panel.text() == f"Marketing mail: unsubscribed {today}"
    assert not panel.unsubscribe_button.isEnabled()
    history = [card.history_list.item(i).text() for i in range(card.history_list.count())]
    assert any("Unsubscribed from marketing mail (a call)" in line for line in history)
    with db.unit_of_work(write=False) as s:
        gleb = s.get(Client, people.ids["gleb"])
        assert gleb is not None and gleb.unsubscribed_at is not None
        consents = s.scalars(select(Consent).where(Consent.client_id == gleb.id)).all()
        assert [(c.given_on, c.source, c.withdrawn_on) for c in consents] == [
            (dt.date(2026, 1, 10), "анкета на сайте", dt.date.today())
        ]
        notes = s.scalars(select(Interaction.text).where(Interaction.client_id == gleb.id)).all()
        assert notes == ["Unsubscribed from marketing mail (a call)"]

    # the card still saves its own edits afterwards (its row moved on meanwhile)
    card.fields["note"].setPlainText("Просил не писать")  # type: ignore[union-attr]
    assert card.save()
    reopened = ClientCard(db, None, people.ids["gleb"])
    qtbot.addWidget(reopened)
    qtbot.waitUntil(lambda: reopened.consent_panel.status is not None, timeout=WAIT)
    assert reopened.consent_panel.text() == f"Marketing mail: unsubscribed {today}"

    new = ClientCard(db, None, None)
    qtbot.addWidget(new, before_close_func=lambda c: c.discard_changes())
    assert new.consent_panel.text() == "Marketing mail: save the client first"
    assert not new.consent_panel.record_button.isEnabled()
