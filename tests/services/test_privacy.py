"""Personal data (152-FZ): erasure leaves no trace, export, the consent log, the requests
report and the card-read log (each test on SQLite and PostgreSQL)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import inspect, select, text

from crm_desktop.errors import PermissionDenied, ValidationError
from crm_desktop.models import (
    ClientKind,
    Deal,
    DealLine,
    ErasureRecord,
    Interaction,
    InteractionKind,
    Invoice,
    MailRecipient,
    MailRun,
    Order,
    OrderAttachment,
    OrderLine,
    Payment,
    PrivacyRequest,
    Role,
)
from crm_desktop.services.change_history import blank_history
from crm_desktop.services.clients import ClientChanges, create_client
from crm_desktop.services.consents import (
    ConsentChannel,
    ConsentPurpose,
    attach_evidence,
    consent_evidence,
    consents_of,
    give_consent,
    may_receive_marketing,
    withdraw_consent,
)
from crm_desktop.services.deals import DealChanges, create_deal
from crm_desktop.services.interactions import add_interaction
from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceLineInput,
    create_invoice,
    issue_invoice,
)
from crm_desktop.services.privacy import (
    card_reads,
    erase_person,
    erased_name,
    log_card_read,
    privacy_requests_report,
    record_request,
    set_card_reads_logged,
)
from crm_desktop.services.privacy_export import export_person, write_person_json, write_person_pdf
from crm_desktop.services.tasks import add_task
from crm_desktop.services.users import add_user
from crm_desktop.store.audit_chain import verify_chain
from crm_desktop.store.database import Database
from crm_desktop.store.privacy_wipe import erasing_unit_of_work
from tests.services.invoice_setup import describe_company

NAME = "Пантелеймонов Вячеслав"
PHONE = "+79123456789"
EMAIL = "panteleimonov.v@example.ru"
OTHER = "Кузьмина Ангелина"
OTHER_PHONE = "+79160001122"
OTHER_EMAIL = "kuzmina@example.ru"
EVIDENCE = b"%PDF-1.4 scan of the signed form"


@dataclass
class People:
    person: uuid.UUID
    other: uuid.UUID
    company: uuid.UUID
    invoice: uuid.UUID
    invoice_number: str
    total: Decimal


def populate(db: Database) -> People:
    with db.unit_of_work() as session:
        describe_company(session)
        company = create_client(
            session,
            ClientChanges(
                kind=ClientKind.COMPANY,
                name="ООО «Ромашка»",
                note=f"Закупками занимается {NAME}, звонить на {PHONE}",
            ),
        ).id
        person = create_client(
            session,
            ClientChanges(
                name=NAME,
                full_name=f"{NAME} Игоревич",
                phones=[PHONE],
                emails=[EMAIL],
                inn="500100732259",
                birth_date="1980-05-17",
                position="закупщик",
                note=f"Любит звонки. Почта {EMAIL}",
                messengers=[("telegram", "@panteleimonov")],
                addresses=[("postal", "г. Тверь, ул. Садовая, д. 7, кв. 12")],
                company_id=company,
            ),
        ).id
        other = create_client(
            session, ClientChanges(name=OTHER, phones=[OTHER_PHONE], emails=[OTHER_EMAIL])
        ).id
        add_interaction(
            session, person, InteractionKind.CALL, text=f"Говорили с {NAME}", subject="Звонок"
        )
        add_interaction(session, other, InteractionKind.NOTE, text=f"Подруга {NAME}")
        add_interaction(session, other, InteractionKind.NOTE, text="Заказ на весну")
        add_task(session, title=f"Перезвонить {NAME}", client_id=person, description=PHONE)
        create_deal(session, DealChanges(title=f"Поставка для {NAME}", client_id=person))
        give_consent(
            session,
            person,
            purpose=ConsentPurpose.MARKETING_MAIL,
            text_version="v2",
            channel=ConsentChannel.PAPER,
            evidence=EVIDENCE,
            evidence_name="consent.pdf",
            source=f"анкета {NAME}",
        )
        run = MailRun(
            segment_id=uuid.uuid4(),
            template_id=uuid.uuid4(),
            segment_name="Все",
            template_name="Новости",
            subject="Новости",
            body="Текст",
            status="done",
        )
        session.add(run)
        session.flush()
        session.add(
            MailRecipient(
                run_id=run.id, client_id=person, client_name=NAME, address=EMAIL, status="sent"
            )
        )
        lines = [InvoiceLineInput(name="Кресло офисное", quantity="2", price="12500")]
        view = create_invoice(session, InvoiceChanges(client_id=person, lines=lines))
        view = issue_invoice(session, view.id)
        invoice = session.get(Invoice, view.id)
        assert invoice is not None and invoice.payer is not None
        assert invoice.payer["name"] == NAME
        return People(person, other, company, view.id, str(invoice.number_text), invoice.total)


def _text_columns(db: Database) -> dict[str, list[str]]:
    """Every table's columns that may hold text (or JSON), read from the catalog."""
    found: dict[str, list[str]] = {}
    with db.engine.connect() as conn:
        catalog = inspect(conn)
        for table in catalog.get_table_names():
            columns = []
            for column in catalog.get_columns(table):
                kind = str(column["type"]).upper()
                if any(t in kind for t in ("CHAR", "TEXT", "JSON", "CLOB", "BLOB", "BYTEA")):
                    columns.append(column["name"])
            if columns:
                found[table] = columns
    return found


def traces(db: Database, needles: list[str]) -> list[str]:
    """Where any needle occurs: "table.column" each (JSON decoded, bytes read as text)."""
    hits: list[str] = []
    with db.engine.connect() as conn:
        for table, columns in _text_columns(db).items():
            quoted = ", ".join(f'"{c}"' for c in columns)
            for row in conn.execute(text(f'SELECT {quoted} FROM "{table}"')):
                for column, value in zip(columns, row, strict=True):
                    if value is None:
                        continue
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("utf-8", "replace")
                    raw = value if isinstance(value, str) else json.dumps(value)
                    forms = {raw}
                    with contextlib.suppress(ValueError):
                        forms.add(json.dumps(json.loads(raw), ensure_ascii=False))
                    if any(n.casefold() in f.casefold() for n in needles for f in forms):
                        hits.append(f"{table}.{column}")
        if db.dialect == "sqlite":
            for needle in needles:
                found = conn.execute(
                    text("SELECT count(*) FROM client_fts WHERE client_fts MATCH :q"),
                    {"q": '"' + needle.casefold() + '"'},
                ).scalar()
                if found:
                    hits.append(f"client_fts MATCH {needle}")
    return sorted(set(hits))


PERSON_NEEDLES = [NAME, "Пантелеймонов", PHONE, PHONE[1:], PHONE[2:], EMAIL, "@panteleimonov"]


def test_erasure_leaves_no_trace(db: Database) -> None:
    people = populate(db)
    assert traces(db, PERSON_NEEDLES)  # the search finds what is there before
    with erasing_unit_of_work(db, None) as session:
        report = erase_person(session, people.person, ground="заявление от 01.11.2026", login=None)
    assert report.name == erased_name(people.person)
    assert report.tables["clients"] == 2  # the person, and the company's note naming them
    assert report.tables["phones"] == 1
    assert report.history_entries > 0

    assert traces(db, PERSON_NEEDLES) == []
    with db.unit_of_work(write=False) as session:
        chain = verify_chain(session.connection())
        assert chain.broken is None and chain.seals > 0
        invoice = session.get(Invoice, people.invoice)
        assert invoice is not None
        assert invoice.total == people.total and invoice.number_text == people.invoice_number
        assert invoice.payer is not None and invoice.payer["name"] == erased_name(people.person)
        record = session.scalars(select(ErasureRecord)).one()
        assert record.client_id == people.person and record.ground == "заявление от 01.11.2026"
        assert record.keep_until.year == dt.date.today().year + 3
        assert record.what["tables"]["clients"] == 2
        kinds = session.scalars(select(PrivacyRequest.kind)).all()
        assert kinds == ["erasure"]
        # the other person's data is intact, except the mention of the erased one
        texts = session.scalars(
            select(Interaction.text).where(Interaction.client_id == people.other)
        ).all()
        assert sorted(texts) == sorted([f"Подруга {erased_name(people.person)}", "Заказ на весну"])
    assert traces(db, [OTHER, OTHER_PHONE, OTHER_EMAIL, "ООО", "Ромашка"])
    with db.unit_of_work(write=False) as session:
        data = export_person(session, people.other, record=False)
    assert data.card["phones"] == [OTHER_PHONE] and data.card["emails"] == [OTHER_EMAIL]


def test_erasure_refuses_a_company_and_a_manager(db: Database) -> None:
    people = populate(db)
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        erase_person(session, people.company, ground="x", login=None)
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        erase_person(session, people.person, ground="  ", login=None)
    if db.dialect == "sqlite":
        with db.unit_of_work() as session:
            add_user(session, "ivanova", Role.MANAGER, full_name="Иванова Мария")
        with pytest.raises(PermissionDenied), db.unit_of_work("ivanova") as session:
            erase_person(session, people.person, ground="заявление", login="ivanova")
    assert traces(db, [NAME, EMAIL])  # nothing was erased


def test_export_contents(db: Database, tmp_path: Path) -> None:
    people = populate(db)
    with db.unit_of_work() as session:
        data = export_person(session, people.person)
    as_json = data.to_json()
    assert as_json["card"]["name"] == NAME and as_json["card"]["phones"] == [PHONE]
    assert as_json["card"]["emails"] == [EMAIL]
    assert [i["text"] for i in as_json["interactions"]] == [f"Говорили с {NAME}"]
    assert as_json["deals"][0]["title"] == f"Поставка для {NAME}"
    assert as_json["invoices"][0]["number"] == people.invoice_number
    assert Decimal(as_json["invoices"][0]["total"]) == people.total
    consent = as_json["consents"][0]
    assert consent["purpose"] == "marketing_mail" and consent["text_version"] == "v2"
    assert consent["channel"] == "paper" and consent["evidence_name"] == "consent.pdf"
    assert as_json["changes"] and as_json["changes"][0]["action"] == "insert"

    written = write_person_json(data, tmp_path / "person.json")
    assert json.loads(written.read_text("utf-8"))["card"]["name"] == NAME
    pdf = write_person_pdf(data, tmp_path / "person.pdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    content = "\n".join(page.extract_text() for page in reader.pages)
    assert NAME in content
    assert "+7 912 345-67-89" in content
    assert people.invoice_number in content
    assert "marketing_mail" in content and "v2" in content
    assert "17.05.1980" in content
    with db.unit_of_work(write=False) as session:
        rows = privacy_requests_report(session)
    assert [(r.kind, r.days, r.person) for r in rows] == [("access", 0, NAME)]


def test_consent_log(db: Database) -> None:
    with db.unit_of_work() as session:
        client = create_client(session, ClientChanges(name=NAME, emails=[EMAIL])).id
        contract = give_consent(
            session,
            client,
            purpose=ConsentPurpose.CONTRACT,
            text_version="2026-01",
            channel="web_form",
            given_on=dt.date(2026, 1, 10),
        )
        mail = give_consent(session, client, channel=ConsentChannel.EMAIL)
        with pytest.raises(ValidationError):
            give_consent(session, client, channel="pigeon")
    with db.unit_of_work() as session:
        assert session.scalar(select(may_receive_marketing()).limit(1)) is True
        attach_evidence(session, contract.id, EVIDENCE, "form.pdf")
        assert consent_evidence(session, contract.id) == ("form.pdf", EVIDENCE)
        withdrawn = withdraw_consent(session, mail.id)
        assert withdrawn.withdrawn_on == dt.date.today()
        with pytest.raises(ValidationError):
            withdraw_consent(session, contract.id, dt.date(2025, 1, 1))
    with db.unit_of_work(write=False) as session:
        log = {c.purpose: c for c in consents_of(session, client)}
        assert session.scalar(select(may_receive_marketing()).limit(1)) is False
    assert log["contract"].channel == "web_form" and log["contract"].text_version == "2026-01"
    assert log["contract"].evidence_name == "form.pdf" and log["contract"].live
    assert log["marketing_mail"].withdrawn_on == dt.date.today()
    assert not log["marketing_mail"].live


def test_card_reads_only_when_the_setting_is_on(db: Database) -> None:
    with db.unit_of_work() as session:
        client = create_client(session, ClientChanges(name=NAME)).id
        assert log_card_read(session, client, "petrova", "PC-1") is False
    with db.unit_of_work() as session:
        assert card_reads(session, client) == []
        set_card_reads_logged(session, True)
    with db.unit_of_work() as session:
        assert log_card_read(session, client, "petrova", "PC-1") is True
    with db.unit_of_work() as session:
        set_card_reads_logged(session, False)
        assert log_card_read(session, client, "petrova", "PC-2") is False
    with db.unit_of_work(write=False) as session:
        reads = card_reads(session, client)
    assert [(r.login, r.computer) for r in reads] == [("petrova", "PC-1")]


def test_requests_report(db: Database) -> None:
    with db.unit_of_work() as session:
        a = create_client(session, ClientChanges(name=NAME, phones=[PHONE])).id
        b = create_client(session, ClientChanges(name=OTHER)).id
        record_request(
            session, a, "access", received_on=dt.date(2026, 3, 2), answered_on=dt.date(2026, 3, 12)
        )
        record_request(session, b, "correction", received_on=dt.date(2026, 4, 1))
        record_request(session, b, "access", received_on=dt.date(2025, 12, 1))
        with pytest.raises(ValidationError):
            record_request(session, b, "nonsense")
    with erasing_unit_of_work(db, None) as session:
        erase_person(session, a, ground="отзыв согласия", login=None)
    with db.unit_of_work(write=False) as session:
        rows = privacy_requests_report(session, dt.date(2026, 1, 1), dt.date.today())
    got = [(r.person, r.kind, r.received_on, r.days) for r in rows]
    assert got[:2] == [
        (erased_name(a), "access", dt.date(2026, 3, 2), 10),
        (OTHER, "correction", dt.date(2026, 4, 1), None),
    ]
    assert got[2][:2] == (erased_name(a), "erasure") and got[2][3] == 0


PHONE_WRITTEN = "+7 (912) 345-67-89"
MENTIONS = [
    NAME,
    NAME.upper(),
    "Пантелеймонов",
    "пантелеймонов",
    PHONE,
    PHONE[2:],
    PHONE_WRITTEN,
    EMAIL,
    EMAIL.upper(),
]


def mention_elsewhere(db: Database, people: People) -> None:
    """The person written down in other people's records, in any case and any column:
    a deal's note (also changed later, so its history holds it), a deal line, a
    payment, an order's line and its files (a text file and a binary one)."""
    with db.unit_of_work() as session:
        deal = create_deal(session, DealChanges(title="Весенний заказ", client_id=people.other))
        row = session.get(Deal, deal.id)
        assert row is not None
        row.note = f"звонил {NAME.upper()}"
        session.add(DealLine(deal_id=deal.id, name=f"Доставка для {NAME}"))
        session.add(
            Payment(
                invoice_id=people.invoice,
                amount=Decimal("1.00"),
                paid_on=dt.date.today(),
                note=f"от {NAME.lower()}",
            )
        )
        order = Order(client_id=people.other, note="весна")
        session.add(order)
        session.flush()
        session.add(OrderLine(order_id=order.id, name=f"Кресло как у {NAME.upper()}"))
        text_file = f"Контакт: {NAME}, {PHONE_WRITTEN}, {EMAIL.upper()}\n".encode()
        session.add(OrderAttachment(order_id=order.id, file_name=f"{NAME}.txt", content=text_file))
        session.add(
            OrderAttachment(
                order_id=order.id,
                file_name="scan.bin",
                content=b"\xff\xfe\x00" + NAME.encode() + b"\x80\x81",
            )
        )
        session.add(
            OrderAttachment(order_id=order.id, file_name="plan.txt", content=b"no one in it")
        )
    with db.unit_of_work() as session:  # the history of another record: the phone, written
        row = session.get(Deal, deal.id)
        assert row is not None
        row.note = f"перезвонить {PHONE_WRITTEN}"
    with db.unit_of_work() as session:
        row = session.get(Deal, deal.id)
        assert row is not None
        row.note = f"КЛИЕНТ {NAME.upper()} ДОВОЛЕН"


def file_traces(db: Database, needles: list[str]) -> list[str]:
    """Which of the SQLite files (database, log) still hold a needle, in any case and as
    JSON writes it (non-ASCII letters escaped)."""
    assert db.location.path is not None
    hits = []
    for path in sorted(db.location.path.parent.glob(db.location.path.name + "*")):
        content = path.read_bytes().decode("utf-8", "replace").casefold()
        for needle in needles:
            forms = {needle.casefold(), json.dumps(needle.casefold())[1:-1]}
            if any(f in content for f in forms):
                hits.append(f"{path.name}: {needle}")
    return hits


def test_erasure_finds_the_person_in_any_case_and_any_column(db: Database) -> None:
    people = populate(db)
    mention_elsewhere(db, people)
    before = traces(db, MENTIONS)
    for place in ("deals.note", "deal_lines.name", "payments.note", "order_lines.name"):
        assert place in before
    assert "order_attachments.content" in before and "order_attachments.file_name" in before
    assert "audit_log.changes" in before

    with erasing_unit_of_work(db, None) as session:
        report = erase_person(session, people.person, ground="заявление", login=None)
    assert report.tables["deal_lines"] == 1 and report.tables["payments"] == 1
    assert report.tables["order_attachments"] == 2

    assert traces(db, MENTIONS) == []
    if db.dialect == "sqlite":
        assert file_traces(db, MENTIONS) == []
    erased = erased_name(people.person)
    with db.unit_of_work(write=False) as session:
        assert verify_chain(session.connection()).broken is None
        notes = session.scalars(select(Deal.note).where(Deal.client_id == people.other)).all()
        assert notes == [f"КЛИЕНТ {erased} ДОВОЛЕН"]
        files = {
            a.file_name: a.content
            for a in session.scalars(select(OrderAttachment).order_by(OrderAttachment.file_name))
        }
        assert files[f"{erased}.txt"] == f"Контакт: {erased}, {erased}, {erased}\n".encode()
        assert files["scan.bin"] == b""  # a binary file cannot be edited: it is emptied
        assert files["plan.txt"] == b"no one in it"
        payment = session.scalars(select(Payment)).one()
        assert payment.amount == Decimal("1.00") and payment.note == f"от {erased}"
    # the other person's data stays
    assert traces(db, [OTHER, OTHER_PHONE, OTHER_EMAIL])


def test_blank_history_takes_plain_strings_in_any_case(db: Database) -> None:
    people = populate(db)
    mention_elsewhere(db, people)
    with db.unit_of_work() as session:
        blanked = blank_history(session, [], [NAME.lower()])
    assert blanked >= 3  # the deal's note twice, the other's interaction, the company...
    hits = [h for h in traces(db, [NAME]) if h.startswith("audit_log")]
    assert hits == []
    with db.unit_of_work(write=False) as session:
        assert verify_chain(session.connection()).broken is None


def test_the_office_forgets_conflicting_values_kept_with_a_pushed_batch(db: Database) -> None:
    people = populate(db)
    conflict = {
        "table": "clients",
        "row_id": str(people.person),
        "kind": "field",
        "field": "note",
        "kept": f"Пишет с {EMAIL.upper()}",
        "other": "Любит звонки",
        "kept_stamp": [1, "a"],
        "other_stamp": [2, "b"],
    }
    about_other = {**conflict, "row_id": str(people.other), "kept": "весна", "other": "лето"}
    mentions = {**about_other, "other": f"ЗВОНИТЬ {PHONE_WRITTEN}"}
    with db.engine.begin() as conn:
        if db.dialect == "postgresql":  # as `server init` makes it
            conn.exec_driver_sql(
                "CREATE TABLE IF NOT EXISTS sync_batches (batch_id uuid PRIMARY KEY, "
                "site text NOT NULL, records integer NOT NULL, conflicts jsonb)"
            )
            conn.execute(
                text(
                    "INSERT INTO sync_batches (batch_id, site, records, conflicts) "
                    "VALUES (CAST(:b AS uuid), 'laptop', 3, CAST(:c AS jsonb))"
                ),
                {"b": str(uuid.uuid4()), "c": json.dumps([conflict, about_other, mentions])},
            )
        else:
            conn.exec_driver_sql(
                "CREATE TABLE IF NOT EXISTS sync_conflicts (id INTEGER PRIMARY KEY, "
                "table_name TEXT, row_id TEXT, kind TEXT, field TEXT, kept TEXT, other TEXT)"
            )
            for c, row in (
                (conflict, people.person),
                (about_other, people.other),
                (mentions, people.other),
            ):
                conn.execute(
                    text(
                        "INSERT INTO sync_conflicts (table_name, row_id, kind, field, kept, other) "
                        "VALUES ('clients', :r, 'field', 'note', :k, :o)"
                    ),
                    {"r": row.hex, "k": json.dumps(c["kept"]), "o": json.dumps(c["other"])},
                )
    assert any(h.startswith("sync_") for h in traces(db, MENTIONS))
    with erasing_unit_of_work(db, None) as session:
        erase_person(session, people.person, ground="заявление", login=None)
    assert traces(db, MENTIONS) == []
    with db.engine.connect() as conn:
        if db.dialect == "postgresql":
            kept = conn.execute(text("SELECT conflicts FROM sync_batches")).scalar_one()
            assert [(c["kept"], c["other"]) for c in kept] == [
                (None, None),
                ("весна", "лето"),
                (None, None),
            ]
        else:
            left = conn.exec_driver_sql("SELECT kept, other FROM sync_conflicts").all()
            assert [(json.loads(k), json.loads(o)) for k, o in left] == [("весна", "лето")]
