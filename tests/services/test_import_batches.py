"""Writing an import on both databases: matching within the file and against the
database, the duplicate policies, the dry run, and undo."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select, text
from sqlalchemy.orm import selectinload

from crm_desktop.models import Client, ClientKind, ImportBatch
from crm_desktop.services.client_views import get_client
from crm_desktop.services.clients import ClientChanges, create_client, edit_client
from crm_desktop.services.custom_fields import (
    define_custom_field,
    field_key,
    list_custom_fields,
)
from crm_desktop.services.importing.batches import DuplicatePolicy, run_import, undo_batch
from crm_desktop.services.importing.mapping import guess_mapping
from crm_desktop.services.importing.normalise import normalise_table
from crm_desktop.services.importing.rows import CompanyData, ImportRow, PersonData, RowError
from crm_desktop.services.importing.table import SheetTable, SourceRow
from crm_desktop.services.search import search_clients
from crm_desktop.store.database import Database
from crm_desktop.store.search_index import refresh_client

TABLE = SheetTable(source="clients.xlsx", sheet="Клиенты", header_row=3, headers=["ФИО"])


def person(
    number: int,
    name: str,
    phones: list[str] | None = None,
    emails: list[str] | None = None,
    company: CompanyData | None = None,
    **fields: object,
) -> ImportRow:
    data = PersonData(name=name, phones=phones or [], emails=emails or [], **fields)  # type: ignore[arg-type]
    return ImportRow(number=number, person=data, company=company)


def rows_sample() -> list[ImportRow]:
    romashka = CompanyData(name="Ромашка", legal_form="ООО", inn="7707083893")
    return [
        person(4, "Петров Пётр", ["+79123456789"], ["petr@mail.ru"], romashka),
        person(
            5,
            "Иванова Анна",
            ["+79031112233"],
            company=CompanyData(name="Ромашка", inn="7707083893"),
        ),
        # the same Пётр, written again with a second phone and his birthday
        person(
            6,
            "Петров Пётр Иванович",
            ["+79123456789", "+74951234567"],
            birth_date=dt.date(1980, 3, 12),
        ),
        ImportRow(
            number=7,
            errors=[
                RowError(7, "Телефон", "phone", "12-34", '"12-34" is not a valid phone number')
            ],
        ),
        person(
            8,
            "Сидоров Олег",
            emails=["oleg@ya.ru"],
            company=CompanyData(name="Вектор", legal_form="АО"),
        ),
    ]


def count(db: Database, kind: ClientKind) -> int:
    with db.unit_of_work(write=False) as session:
        query = (
            select(func.count())
            .select_from(Client)
            .where(Client.kind == kind, Client.deleted_at.is_(None))
        )
        return int(session.scalar(query) or 0)


def test_rows_become_people_and_companies_once(db: Database) -> None:
    with db.unit_of_work() as session:
        report = run_import(session, TABLE, rows_sample())
    assert (report.rows, report.created, report.merged, report.skipped, report.rejected) == (
        5,
        3,
        1,
        0,
        1,
    )
    assert report.companies_created == 2
    assert report.batch_id is not None
    assert [e.row for e in report.errors] == [7]
    assert count(db, ClientKind.PERSON) == 3 and count(db, ClientKind.COMPANY) == 2
    with db.unit_of_work(write=False) as session:
        found = search_clients(session, "петров")
        assert len(found) == 1
        petr = get_client(session, found[0].id)
        anna = get_client(session, search_clients(session, "иванова")[0].id)
    assert petr.phones == ["+79123456789", "+74951234567"]  # the later row's phone added
    assert petr.birth_date == dt.date(1980, 3, 12)  # ... and its birthday
    assert petr.company == anna.company == "Ромашка"  # one company for the same INN


def test_second_import_of_the_same_rows_creates_and_changes_nothing(db: Database) -> None:
    with db.unit_of_work() as session:
        run_import(session, TABLE, rows_sample())
    with db.unit_of_work(write=False) as session:
        versions = dict(session.execute(select(Client.id, Client.version)).all())
    with db.unit_of_work() as session:
        again = run_import(session, TABLE, rows_sample())
    assert (again.created, again.merged, again.rejected, again.companies_created) == (0, 4, 1, 0)
    with db.unit_of_work(write=False) as session:
        assert dict(session.execute(select(Client.id, Client.version)).all()) == versions
    assert again.batch_id is not None
    with db.unit_of_work() as session:
        undone = undo_batch(session, again.batch_id)
    assert (undone.removed, undone.restored, undone.kept) == (0, 0, [])  # it changed nothing
    assert count(db, ClientKind.PERSON) == 3


def test_a_match_in_the_database_is_merged_skipped_or_created_as_asked(db: Database) -> None:
    with db.unit_of_work() as session:
        existing = create_client(
            session, ClientChanges(name="Кузнецов Илья", phones=["+79161234567"])
        ).id
    incoming = [
        person(
            2,
            "Кузнецов И.",
            ["+79161234567"],
            ["ilya@mail.ru"],
            position="Директор",
        )
    ]
    with db.unit_of_work() as session:
        skipped = run_import(session, TABLE, incoming, policy=DuplicatePolicy.SKIP)
    assert (skipped.skipped, skipped.created, skipped.merged) == (1, 0, 0)
    with db.unit_of_work() as session:
        merged = run_import(session, TABLE, incoming)
    assert (merged.merged, merged.created) == (1, 0)
    with db.unit_of_work(write=False) as session:
        view = get_client(session, existing)
    assert view.name == "Кузнецов Илья"  # a filled field is never overwritten
    assert view.emails == ["ilya@mail.ru"] and view.position == "Директор"
    with db.unit_of_work() as session:
        created = run_import(session, TABLE, incoming, policy=DuplicatePolicy.CREATE)
    assert created.created == 1
    assert count(db, ClientKind.PERSON) == 2


def test_dry_run_writes_nothing(db: Database) -> None:
    with db.unit_of_work() as session:
        report = run_import(session, TABLE, rows_sample(), dry_run=True)
    assert report.batch_id is None and report.created == 3 and report.companies_created == 2
    assert count(db, ClientKind.PERSON) == 0
    with db.unit_of_work(write=False) as session:
        assert session.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_undo_takes_back_what_was_made_and_restores_what_was_changed(db: Database) -> None:
    with db.unit_of_work() as session:
        existing = create_client(
            session, ClientChanges(name="Кузнецов Илья", phones=["+79161234567"])
        ).id
    rows = [
        *rows_sample(),
        person(9, "Кузнецов Илья", ["+79161234567", "+79990001122"], position="Директор"),
    ]
    with db.unit_of_work() as session:
        report = run_import(session, TABLE, rows)
    assert report.batch_id is not None
    with db.unit_of_work() as session:
        undone = undo_batch(session, report.batch_id)
    assert undone.removed == 5 + 1  # 3 people, 2 companies, Илья's new phone
    assert undone.restored == 1 and undone.kept == []
    assert count(db, ClientKind.PERSON) == 1 and count(db, ClientKind.COMPANY) == 0
    with db.unit_of_work(write=False) as session:
        view = get_client(session, existing)
        assert search_clients(session, "0001122") == []  # the removed phone is not found
    assert view.phones == ["+79161234567"] and view.position is None


def test_records_changed_after_the_import_are_kept_unless_forced(db: Database) -> None:
    with db.unit_of_work() as session:
        report = run_import(session, TABLE, rows_sample())
    assert report.batch_id is not None
    with db.unit_of_work(write=False) as session:
        olga = search_clients(session, "сидоров")[0]
        version = get_client(session, olga.id).version
    with db.unit_of_work() as session:
        edit_client(session, olga.id, ClientChanges(position="Бухгалтер"), expected_version=version)
    with db.unit_of_work() as session:
        undone = undo_batch(session, report.batch_id)
    assert undone.kept == ["Сидоров Олег"]
    assert count(db, ClientKind.PERSON) == 1  # Сидоров stays: someone worked on him
    with db.unit_of_work() as session:
        batch = session.get(ImportBatch, report.batch_id)
        assert batch is not None and batch.undone_at is None  # not done yet: one is kept
    with db.unit_of_work() as session:
        forced = undo_batch(session, report.batch_id, force=True)
    assert forced.kept == [] and forced.removed == 1
    assert count(db, ClientKind.PERSON) == 0
    with db.unit_of_work() as session:
        batch = session.get(ImportBatch, report.batch_id)
        assert batch is not None and batch.undone_at is not None


def test_a_cancelled_import_leaves_the_database_as_it_was(db: Database) -> None:
    class Stop(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        raise Stop()  # what Cancel in the progress dialog does at the next report

    many = [person(n, f"Клиент Номер{n}", [f"+7916{n:07d}"]) for n in range(2, 402)]
    try:
        with db.unit_of_work() as session:
            run_import(session, TABLE, many, progress=cancel)
    except Stop:
        pass
    assert count(db, ClientKind.PERSON) == 0
    with db.unit_of_work(write=False) as session:
        assert session.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_a_row_naming_only_a_company_gives_it_the_row_contacts(db: Database) -> None:
    vector = CompanyData(
        name="Вектор",
        legal_form="АО",
        inn="7707083893",
        phones=["+74951112233"],
        emails=["info@vector.ru"],
    )
    with db.unit_of_work() as session:
        report = run_import(session, TABLE, [ImportRow(number=2, company=vector)])
    assert (report.created, report.companies_created) == (1, 1)
    with db.unit_of_work(write=False) as session:
        found = search_clients(session, "вектор")
        view = get_client(session, found[0].id)
    assert view.kind == ClientKind.COMPANY and view.phones == ["+74951112233"]
    assert view.emails == ["info@vector.ru"]


def test_search_finds_imported_clients_and_those_added_afterwards(db: Database) -> None:
    """The full-text index is filled in bulk on SQLite, and its trigger is back."""
    with db.unit_of_work() as session:
        run_import(session, TABLE, rows_sample())
    with db.unit_of_work() as session:
        create_client(session, ClientChanges(name="Новиков Денис", phones=["+79265554433"]))
    with db.unit_of_work(write=False) as session:
        assert [r.name for r in search_clients(session, "сидор")] == ["Сидоров Олег"]
        assert [r.name for r in search_clients(session, "новиков")] == ["Новиков Денис"]
        assert [r.name for r in search_clients(session, "5554433")] == ["Новиков Денис"]


def test_written_clients_carry_the_derived_columns_the_unit_of_work_keeps(db: Database) -> None:
    """The import writes below the ORM: each client it makes or fills must look exactly as
    the unit of work's hook would have left it (folded name, list columns, search text),
    with its stamps and version, so lists, search and later edits see no difference."""
    with db.unit_of_work() as session:
        existing = create_client(
            session,
            ClientChanges(name="Кузнецов Илья", phones=["+79161234567"], emails=["ilya@ya.ru"]),
        ).id
    rows = [
        *rows_sample(),
        person(
            9,
            "Кузнецов Илья",
            ["+79161234567", "+79990001122"],
            ["kuz@mail.ru"],
            company=CompanyData(name="Лютик", legal_form="ИП"),
            birth_date=dt.date(1975, 1, 2),
        ),
    ]
    with db.unit_of_work(login="admin") as session:
        report = run_import(session, TABLE, rows)
    assert report.merged == 2  # Пётр's second row, and Илья
    with db.unit_of_work(write=False) as session:
        clients = list(
            session.scalars(
                select(Client).options(selectinload(Client.phones), selectinload(Client.emails))
            )
        )
        companies = {c.id: c.name for c in clients if c.kind == ClientKind.COMPANY}
        for client in clients:
            derived = (
                client.name_folded,
                client.company_name,
                client.primary_phone,
                client.primary_email,
                client.search_text,
            )
            refresh_client(client, companies.get(client.company_id) if client.company_id else None)
            assert (
                client.name_folded,
                client.company_name,
                client.primary_phone,
                client.primary_email,
                client.search_text,
            ) == derived, client.name
            assert client.created_at.tzinfo is not None and client.updated_at >= client.created_at
            session.expire(client)
        ilya = get_client(session, existing)
        assert ilya.phones == ["+79161234567", "+79990001122"]
        assert ilya.emails == ["ilya@ya.ru", "kuz@mail.ru"]
        assert ilya.birth_date == dt.date(1975, 1, 2) and ilya.company == "Лютик"
        assert ilya.version == 2  # one change, counted once
        assert [c.id for c in search_clients(session, "9990001122")] == [existing]
        assert [c.id for c in search_clients(session, "лютик")][:1] != []
    with db.unit_of_work() as session:  # and an ordinary edit afterwards still works
        edit_client(session, existing, ClientChanges(position="Директор"), expected_version=2)


def test_columns_mapped_to_the_clients_own_fields_are_checked_written_and_undone(
    db: Database,
) -> None:
    with db.unit_of_work() as session:
        define_custom_field(session, "Стаж работы", "number")
        ilya = create_client(
            session, ClientChanges(name="Кузнецов Илья", phones=["+79161234567"])
        ).id
    headers = ["ФИО", "Телефон", "Стаж", "Сайт"]
    table = SheetTable(
        source="list.xlsx",
        sheet="Лист1",
        header_row=1,
        headers=headers,
        rows=[
            SourceRow(2, ("Иванов Иван", "89120000001", 7, "ivanov.ru")),
            SourceRow(3, ("Петров Пётр", "89120000002", "много", None)),
            SourceRow(4, ("Кузнецов Илья", "+7 916 123-45-67", "12,5", "kuz.ru")),
        ],
    )
    mapping = (
        guess_mapping(headers).with_target(2, "custom:Стаж работы").with_target(3, "custom:Сайт")
    )
    with db.unit_of_work() as session:
        rows = normalise_table(table, mapping, list_custom_fields(session))
        report = run_import(session, table, rows)
    assert (report.created, report.merged, report.rejected) == (1, 1, 1)
    assert [(e.row, e.column, e.value) for e in report.errors] == [(3, "Стаж", "много")]
    assert report.errors[0].field == field_key("стаж_работы")
    with db.unit_of_work(write=False) as session:
        fields = {f.code: f for f in list_custom_fields(session)}
        ivanov = get_client(session, search_clients(session, "иванов")[0].id)
        merged = get_client(session, ilya)
    assert fields["сайт"].label == "Сайт" and fields["сайт"].type.value == "text"  # made
    assert ivanov.custom_fields == {"стаж_работы": Decimal("7"), "сайт": "ivanov.ru"}
    assert merged.custom_fields == {"стаж_работы": Decimal("12.5"), "сайт": "kuz.ru"}
    assert report.batch_id is not None
    with db.unit_of_work() as session:
        undone = undo_batch(session, report.batch_id)
    assert undone.kept == []
    with db.unit_of_work(write=False) as session:
        assert get_client(session, ilya).custom_fields == {}  # what the merge filled is gone
        assert search_clients(session, "иванов") == []


def test_merged_clients_search_text_is_reindexed_and_later_edits_still_reindex(
    db: Database,
) -> None:
    """A merge that adds phones changes the clients' search text: the full-text index
    (SQLite: rewritten in bulk, in rowid order, with the update trigger set aside) must
    hold exactly the new texts, and the trigger must be back for the edits after."""
    with db.unit_of_work() as session:
        ids = [
            create_client(
                session, ClientChanges(name=f"Клиентов {n}", phones=[f"+7916123450{n}"])
            ).id
            for n in range(5)
        ]
    rows = [
        person(2 + n, f"Клиентов {n}", [f"+7916123450{n}", f"+7999000112{n}"]) for n in range(5)
    ]
    rows.insert(2, person(9, "Новый Человек", ["+79995554433"]))
    with db.unit_of_work() as session:
        report = run_import(session, TABLE, rows)
    assert (report.created, report.merged) == (1, 5)
    with db.unit_of_work(write=False) as session:
        for n, client_id in reversed(list(enumerate(ids))):
            assert [c.id for c in search_clients(session, f"999000112{n}")] == [client_id]
        if db.location.is_sqlite:
            session.execute(
                text("INSERT INTO client_fts(client_fts, rank) VALUES ('integrity-check', 1)")
            )
    with db.unit_of_work() as session:
        edit_client(session, ids[0], ClientChanges(name="Переименованный"), expected_version=2)
    with db.unit_of_work(write=False) as session:
        assert [c.id for c in search_clients(session, "переименов")] == [ids[0]]
        assert search_clients(session, "клиентов 0") == []
