"""Segments, consent and personalised mailing (issue 9), on SQLite and PostgreSQL, with a
real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from crm_desktop.errors import NotFound, ValidationError
from crm_desktop.models import (
    Client,
    ClientKind,
    ClientTag,
    Interaction,
    InteractionKind,
    MailRecipient,
    Role,
    Tag,
)
from crm_desktop.services.consents import UnsubscribeVia, give_consent, unsubscribe
from crm_desktop.services.mail import MailRefused, MailServerUnavailable, MailSettings
from crm_desktop.services.mailing.runs import MailingJob, open_run
from crm_desktop.services.mailing.templates import find_template, save_template
from crm_desktop.services.segments import (
    SegmentRules,
    count_segment,
    find_segment,
    list_segments,
    save_segment,
)
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from tests.services import report_data as data
from tests.services.test_mail import LOGIN, Inbox, check_login, free_port, running, settings_for

BODY = "Здравствуйте, {{ имя }}!\nДля {{ компания }} у нас скидка. Ваш менеджер {{ менеджер }}."


@dataclass
class People:
    ids: dict[str, uuid.UUID]


def person(
    s: Any,
    name: str,
    email: str | None,
    *,
    owner: str | None = "ivanova",
    company: str | None = None,
    **extra: Any,
) -> uuid.UUID:
    employer = None
    if company:
        employer = Client(kind=ClientKind.COMPANY, name=company, owner=owner)
        session_add(s, employer)
    client = Client(
        kind=ClientKind.PERSON,
        name=name,
        owner=owner,
        company_id=employer.id if employer else None,
        **extra,
    )
    session_add(s, client)
    if email:
        from crm_desktop.models import Email

        s.add(Email(client_id=client.id, address=email, position=0))
        client.primary_email = email
    s.flush()
    return client.id


def session_add(s: Any, record: Any) -> None:
    s.add(record)
    s.flush()


@pytest.fixture
def people(db: Database) -> People:
    """Five people of ivanova's with e-mails (three consented, one of whom unsubscribes),
    one of petrov's, one without an e-mail."""
    ids: dict[str, uuid.UUID] = {}
    with db.unit_of_work() as s:
        add_user(s, "ivanova", Role.MANAGER, full_name="Иванова Мария")
        add_user(s, "petrov", Role.MANAGER)
        vip = Tag(name="VIP", name_folded="vip")
        s.add(vip)
        s.flush()
        ids["anna"] = person(s, "Смирнова Анна Сергеевна", "anna@example.ru", company="Ромашка")
        ids["boris"] = person(
            s,
            "Борисов Борис",
            "boris@example.ru",
            birth_date=dt.date(1980, dt.date.today().month, 1),
        )
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


def test_segment_rules_pick_their_clients(db: Database, people: People) -> None:
    ids = people.ids
    with db.unit_of_work() as s:
        goods = data.product(s, "Кофе")
        data.invoice(
            s, ids["anna"], dt.date.today().isoformat(), "900", lines=(("Кофе", goods, "3", "900"),)
        )
        s.get(Client, ids["gleb"]).source = "выставка"  # type: ignore[union-attr]
        s.get(Client, ids["boris"]).last_contact_at = data.at("2020-01-01")  # type: ignore[union-attr]
    with db.unit_of_work(write=False) as s:

        def count(**rules: Any) -> int:
            return count_segment(s, SegmentRules(**rules))

        assert count(owner="ivanova") == 6  # five people and the company «Ромашка»
        assert count(tags=("vip",)) == 2  # the tag's case does not matter
        assert count(source="выставка") == 1
        assert count(birthday_this_month=True) == 1
        assert count(product="Кофе") == 1
        assert count(no_contact_days=365, owner="petrov") == 1  # never contacted
        assert count(contacted_within_days=30) == 0
        assert count(owner="ivanova", tags=("VIP",), kind="person") == 2
        assert count(kind="company") == 1
        assert count(rfm="champions") + count(rfm="lost") + count(rfm="needs_attention") >= 1
    with db.unit_of_work() as s:
        save_segment(s, "мои", SegmentRules(owner="petrov"))  # the same name: replaced
        listed = {v.name: v.count for v in list_segments(s)}
    assert listed == {"мои": 1}


def test_segments_refuse_bad_rules(db: Database) -> None:
    with db.unit_of_work() as s:
        with pytest.raises(ValidationError, match="at least one rule"):
            save_segment(s, "Пустой", SegmentRules())
        with pytest.raises(ValidationError, match="RFM class"):
            save_segment(s, "RFM", SegmentRules(rfm="kings"))
        with pytest.raises(ValidationError, match="days"):
            save_segment(s, "Дни", SegmentRules(no_contact_days=0))
        with pytest.raises(NotFound):
            find_segment(s, "Нет такого")


def test_unsubscribing_marks_the_card_withdraws_consent_and_says_so(
    db: Database, people: People
) -> None:
    with db.unit_of_work(write=False) as s:
        vera = s.get(Client, people.ids["vera"])
        assert vera is not None and vera.unsubscribed_at is not None
        notes = s.scalars(select(Interaction.text).where(Interaction.client_id == vera.id)).all()
        assert notes == ["Unsubscribed from marketing mail (a call)"]
    with db.unit_of_work() as s:  # she asks again: the consent lifts the mark
        give_consent(s, people.ids["vera"], source="звонок")
    with db.unit_of_work(write=False) as s:
        assert s.get(Client, people.ids["vera"]).unsubscribed_at is None  # type: ignore[union-attr]


def test_templates_refuse_unknown_placeholders_and_stay_in_the_sandbox(db: Database) -> None:
    with db.unit_of_work() as s:
        with pytest.raises(ValidationError, match=r"\{\{ город \}\}"):
            save_template(s, "Плохой", "Тема", "Привет, {{ имя }} из {{ город }}")
        with pytest.raises(ValidationError, match="line 1"):
            save_template(s, "Сломанный", "Тема", "Привет, {{ имя ")
        save_template(s, "English", "Hi {{ name }}", "Dear {{ name }} of {{ company }}")
        with pytest.raises(ValidationError, match=r"cannot be filled in.*unsafe"):
            save_template(s, "Хитрый", "Тема", "{{ имя.__class__.__mro__ }}")
        assert find_template(s, "english").subject == "Hi {{ name }}"


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@dataclass
class RefusingInbox(Inbox):
    refused: str = "boris@example.ru"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address == self.refused:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def smtp(inbox: Inbox) -> Iterator[Controller]:
    controller = running(inbox)
    yield controller
    controller.stop()


def job(db: Database, run_id: uuid.UUID, settings: MailSettings, **options: Any) -> MailingJob:
    return MailingJob(lambda: db.unit_of_work(), run_id, settings, rate=6000, **options)


def test_a_mailing_reaches_only_consenting_clients_with_their_names(
    db: Database, people: People, inbox: Inbox, smtp: Controller
) -> None:
    with db.unit_of_work() as s:
        dry = open_run(s, "Мои", "Акция", dry_run=True)
    assert dry.run_id is None and dry.recipients == 2  # anna and boris
    reasons = {o.client: o.reason for o in dry.skipped}
    assert reasons == {
        "Вера Лебедева": "unsubscribed",
        "Глеб Нет-Согласия": "no consent to marketing mail",
        "Дина Без-Почты": "no e-mail address",
    }
    with db.unit_of_work() as s:
        opened = open_run(s, "Мои", "Акция")
    assert opened.run_id is not None and opened.queued == 2
    report = job(db, opened.run_id, settings_for(smtp)).run()
    assert (report.status, report.sent, report.queued, report.failed) == ("done", 2, 0, [])
    letters = {m["To"]: m for m in inbox.messages}
    assert set(letters) == {"anna@example.ru", "boris@example.ru"}
    anna = letters["anna@example.ru"]
    assert anna["Subject"] == "Предложение для Анна Сергеевна"
    text = anna.get_content()
    assert "Здравствуйте, Анна Сергеевна!" in text
    assert "Для Ромашка у нас скидка. Ваш менеджер Иванова Мария." in text
    assert "«отписаться»" in text  # how to unsubscribe, at the end of every letter
    with db.unit_of_work(write=False) as s:
        logged = s.scalars(
            select(Interaction).where(
                Interaction.client_id == people.ids["anna"],
                Interaction.kind == InteractionKind.EMAIL,
            )
        ).all()
        assert [i.subject for i in logged] == ["Предложение для Анна Сергеевна"]
        # a letter of a mailing is in her history, but it is no personal contact
        assert s.get(Client, people.ids["anna"]).last_contact_at is None  # type: ignore[union-attr]
    with db.unit_of_work() as s:  # sending it again: a new run, the same two letters
        again = open_run(s, "Мои", "Акция")
    assert again.run_id != opened.run_id


def test_a_refused_address_does_not_stop_the_run(db: Database, people: People) -> None:
    inbox = RefusingInbox()
    controller = running(inbox)
    try:
        with db.unit_of_work() as s:
            run_id = open_run(s, "Мои", "Акция").run_id
        assert run_id is not None
        report = job(db, run_id, settings_for(controller)).run()
    finally:
        controller.stop()
    assert report.status == "done" and report.sent == 1
    assert [(o.address, "refused to deliver" in o.reason) for o in report.failed] == [
        ("boris@example.ru", True)
    ]
    assert [m["To"] for m in inbox.messages] == ["anna@example.ru"]


def test_a_paused_run_resumes_without_sending_twice(
    db: Database, people: People, inbox: Inbox, smtp: Controller
) -> None:
    with db.unit_of_work() as s:
        for n in range(6):
            cid = person(s, f"Клиент {n}", f"c{n}@example.ru")
            give_consent(s, cid, given_on=dt.date(2026, 1, 1))
    with db.unit_of_work() as s:
        run_id = open_run(s, "Мои", "Акция").run_id
    assert run_id is not None
    stop = threading.Event()

    def pause_after_three(done: int, total: int) -> None:
        if done == 3:
            stop.set()

    first = job(db, run_id, settings_for(smtp), progress=pause_after_three, stop=stop).run()
    assert (first.status, first.sent, first.queued) == ("paused", 3, 5)
    with db.unit_of_work() as s:  # "send" again resumes the same run
        resumed = open_run(s, "Мои", "Акция")
    assert resumed.run_id == run_id
    second = job(db, run_id, settings_for(smtp)).run()
    assert (second.status, second.sent, second.queued) == ("done", 8, 0)
    addresses = [m["To"] for m in inbox.messages]
    assert len(addresses) == 8 == len(set(addresses))


def test_a_letter_cut_off_mid_send_is_never_sent_again(
    db: Database, people: People, inbox: Inbox, smtp: Controller
) -> None:
    """A crash after the server took a letter but before it was recorded: the letter stays
    `sending`, and the resumed run marks it uncertain instead of sending it again."""
    from crm_desktop.services.mail import send_document

    with db.unit_of_work() as s:
        run_id = open_run(s, "Мои", "Акция").run_id
    assert run_id is not None

    def send_then_die(*args: Any) -> None:
        send_document(*args)
        raise KeyboardInterrupt  # the process stops right after the server took it

    with pytest.raises(KeyboardInterrupt):
        job(db, run_id, settings_for(smtp), send=send_then_die).run()
    assert len(inbox.messages) == 1
    report = job(db, run_id, settings_for(smtp)).run()
    assert report.status == "done" and report.sent == 1 and len(report.uncertain) == 1
    assert len(inbox.messages) == 2
    assert len({m["To"] for m in inbox.messages}) == 2


def test_an_unreachable_server_or_a_refused_login_keeps_the_letters_queued(
    db: Database, people: People, inbox: Inbox
) -> None:
    with db.unit_of_work() as s:
        run_id = open_run(s, "Мои", "Акция").run_id
    assert run_id is not None
    nowhere = MailSettings(
        host="127.0.0.1",
        port=free_port(),
        sender="office@vector.ru",
        security=settings_for_security(),
    )
    with pytest.raises(MailServerUnavailable):
        job(db, run_id, nowhere).run()
    controller = running(inbox, authenticator=check_login, auth_require_tls=False)
    try:
        wrong = settings_for(controller, login=LOGIN, password="не тот")
        with pytest.raises(MailRefused, match="refused the login"):
            job(db, run_id, wrong).run()
        with db.unit_of_work(write=False) as s:
            statuses = s.scalars(
                select(MailRecipient.status).where(MailRecipient.run_id == run_id)
            ).all()
        assert sorted(statuses) == ["queued", "queued"]
        right = settings_for(controller, login=LOGIN, password="секрет-123")
        report = job(db, run_id, right).run()
    finally:
        controller.stop()
    assert report.sent == 2 and len(inbox.messages) == 2


def settings_for_security() -> Any:
    from crm_desktop.services.mail import MailSecurity

    return MailSecurity.NONE


def test_birthdays_of_the_week_across_the_new_year_and_29_february(db: Database) -> None:
    from crm_desktop.services.birthdays import (
        birthday_segment,
        congratulation_template,
        upcoming_birthdays,
    )

    with db.unit_of_work() as s:
        for name, born in (
            ("Новогодний", dt.date(1990, 1, 2)),
            ("Предновогодний", dt.date(1985, 12, 30)),
            ("Високосный", dt.date(2000, 2, 29)),
            ("Летний", dt.date(1970, 7, 1)),
        ):
            person(s, name, None, owner=None, birth_date=born)
    with db.unit_of_work(write=False) as s:
        december = upcoming_birthdays(s, dt.date(2026, 12, 28))
        assert [(b.name, b.day, b.age) for b in december] == [
            ("Предновогодний", dt.date(2026, 12, 30), 41),
            ("Новогодний", dt.date(2027, 1, 2), 37),
        ]
        february = upcoming_birthdays(s, dt.date(2027, 2, 25))  # 2027 has no 29 February
        assert [(b.name, b.day, b.age) for b in february] == [
            ("Високосный", dt.date(2027, 2, 28), 27)
        ]
        assert upcoming_birthdays(s, dt.date(2026, 7, 2)) == []
    with db.unit_of_work() as s:
        template = congratulation_template(s)
        segment = birthday_segment(s)
        assert congratulation_template(s).id == template.id  # made once
        assert segment.rules.birthday_within_days == 7
        assert "{{ имя }}" in template.subject


def test_the_client_list_and_search_take_a_segment(db: Database, people: People) -> None:
    from crm_desktop.services.client_list import ClientFilter, count_clients, list_clients
    from crm_desktop.services.search import search_clients

    with db.unit_of_work() as s:
        vip = save_segment(s, "VIP", SegmentRules(tags=("VIP",)))
    where = ClientFilter(segment_id=vip.id)
    with db.unit_of_work(write=False) as s:
        assert count_clients(s, where) == 2
        assert sorted(r.name for r in list_clients(s, where=where).rows) == [
            "Вера Лебедева",
            "Смирнова Анна Сергеевна",
        ]
        assert [r.name for r in search_clients(s, "Смирнова", where=where)] == [
            "Смирнова Анна Сергеевна"
        ]
        assert search_clients(s, "Борисов", where=where) == []
    with db.unit_of_work() as s:  # the rules change: the list follows at once
        save_segment(s, "VIP", SegmentRules(tags=("VIP",), owner="petrov"))
    with db.unit_of_work(write=False) as s:
        assert count_clients(s, where) == 0


@dataclass
class PickyInbox(Inbox):
    """Refuses the letter to one address at DATA (a full mailbox), and answers the first
    letter to another only after the client gave up waiting (the reply is lost)."""

    refused: str = "anna@example.ru"
    slow: str = ""
    slept: bool = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        import asyncio

        if self.refused in envelope.rcpt_tos:
            return "552 5.2.2 Mailbox full"
        await super().handle_DATA(server, session, envelope)
        if self.slow in envelope.rcpt_tos and not self.slept:
            self.slept = True
            await asyncio.sleep(2.0)  # taken, but the answer comes too late
        return "250 OK"


def test_a_letter_refused_at_data_fails_alone(db: Database, people: People) -> None:
    inbox = PickyInbox()
    controller = running(inbox)
    try:
        with db.unit_of_work() as s:
            run_id = open_run(s, "Мои", "Акция").run_id
        assert run_id is not None
        report = job(db, run_id, settings_for(controller)).run()
    finally:
        controller.stop()
    assert report.status == "done" and report.sent == 1
    assert [(o.address, "552" in o.reason) for o in report.failed] == [("anna@example.ru", True)]
    assert [m["To"] for m in inbox.messages] == ["boris@example.ru"]


def test_a_lost_answer_makes_the_letter_uncertain_not_sent_twice(
    db: Database, people: People
) -> None:
    from crm_desktop.services.mail import send_document

    inbox = PickyInbox(refused="nobody@example.ru", slow="anna@example.ru")
    controller = running(inbox)
    try:
        with db.unit_of_work() as s:
            run_id = open_run(s, "Мои", "Акция").run_id
        assert run_id is not None

        def impatient(*args: Any) -> None:
            send_document(*args, timeout=1.0)

        with pytest.raises(MailServerUnavailable, match="may have been delivered"):
            job(db, run_id, settings_for(controller), send=impatient).run()
        report = job(db, run_id, settings_for(controller), send=impatient).run()
    finally:
        controller.stop()
    assert report.status == "done" and report.sent == 1
    assert [o.address for o in report.uncertain] == ["anna@example.ru"]
    assert sorted(m["To"] for m in inbox.messages) == ["anna@example.ru", "boris@example.ru"]


def test_waiting_between_letters_leaves_the_next_one_queued(
    db: Database, people: People, inbox: Inbox, smtp: Controller
) -> None:
    """The pause of the rate limit comes before a letter is marked `sending`: a kill
    while waiting (most of a mailing's time) loses no letter to "uncertain"."""
    import time

    with db.unit_of_work() as s:
        run_id = open_run(s, "Мои", "Акция").run_id
    assert run_id is not None
    stop = threading.Event()
    mailing = MailingJob(lambda: db.unit_of_work(), run_id, settings_for(smtp), rate=20, stop=stop)
    worker = threading.Thread(target=mailing.run)
    worker.start()
    try:
        deadline = time.monotonic() + 20
        while not inbox.messages and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.5)  # inside the 3 s wait before the second letter
        with db.unit_of_work(write=False) as s:
            statuses = sorted(
                s.scalars(select(MailRecipient.status).where(MailRecipient.run_id == run_id))
            )
        assert statuses == ["queued", "sent"]
    finally:
        stop.set()
        worker.join(30)


def test_a_run_with_nobody_to_write_to_is_finished(db: Database, people: People) -> None:
    with db.unit_of_work() as s:
        save_segment(s, "Глеб", SegmentRules(source="выставка"))
        s.get(Client, people.ids["gleb"]).source = "выставка"  # type: ignore[union-attr]
    with db.unit_of_work() as s:
        empty = open_run(s, "Глеб", "Акция")
    assert empty.status == "done" and empty.recipients == 0
    with db.unit_of_work() as s:
        give_consent(s, people.ids["gleb"])
    with db.unit_of_work() as s:
        later = open_run(s, "Глеб", "Акция")
    assert later.run_id != empty.run_id and later.queued == 1


def test_the_rfm_rule_picks_what_the_rfm_report_shows(db: Database) -> None:
    from crm_desktop.services.reports import run_report
    from crm_desktop.services.reports.table import ReportParams

    today = dt.date.today()
    with db.unit_of_work() as s:
        for k in range(1, 11):  # client k: k invoices of 100·k, the last k days ago
            cid = person(s, f"Клиент {k:02d}", None, owner=None)
            for i in range(k):
                day = today - dt.timedelta(days=40 - 3 * k + i)
                data.invoice(s, cid, day.isoformat(), str(100 * k))
    with db.unit_of_work(write=False) as s:
        year = ReportParams(today - dt.timedelta(days=364), today, limit=0)
        table = run_report(s, "rfm", year)
        for key, label in (("champions", "Champions"), ("lost", "Lost customers")):
            shown = {row[0] for row in table.rows if row[10] == label}
            picked = {r.name for r in list_segments_members(s, SegmentRules(rfm=key))}
            assert shown and picked == shown, key


def list_segments_members(s: Any, rules: SegmentRules) -> list[Any]:
    from crm_desktop.services.client_list import ClientFilter, list_clients

    with_rules = save_segment(s, f"rfm {rules.rfm}", rules)
    return list(list_clients(s, where=ClientFilter(segment_id=with_rules.id), limit=100).rows)


def test_a_deleted_segment_or_template_keeps_its_runs_readable(
    db: Database, people: People, inbox: Inbox, smtp: Controller
) -> None:
    from crm_desktop.services.mailing.runs import run_report
    from crm_desktop.services.mailing.templates import delete_template
    from crm_desktop.services.segments import delete_segment

    with db.unit_of_work() as s:
        run_id = open_run(s, "Мои", "Акция").run_id
        delete_segment(s, "Мои")
        delete_template(s, "Акция")
    assert run_id is not None
    report = job(db, run_id, settings_for(smtp)).run()
    assert (report.segment, report.template, report.sent) == ("Мои", "Акция", 2)
    with db.unit_of_work(write=False) as s:
        assert run_report(s, run_id).sent == 2


def test_a_run_outlives_its_segment_and_template_removed_for_good(
    db: Database, people: People
) -> None:
    """`server compact` removes deleted records for good, on the office and on the
    laptops: a mailing's log, which belongs to one computer, must not go with them."""
    from sqlalchemy import delete

    from crm_desktop.models import MailTemplate, Segment
    from crm_desktop.services.mailing.runs import run_report

    with db.unit_of_work() as s:
        run_id = open_run(s, "Мои", "Акция").run_id
    assert run_id is not None
    with db.unit_of_work() as s:
        s.execute(delete(Segment))
        s.execute(delete(MailTemplate))
    with db.unit_of_work(write=False) as s:
        report = run_report(s, run_id)
    assert (report.segment, report.template, report.queued) == ("Мои", "Акция", 2)
