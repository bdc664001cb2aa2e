"""The client list exported to an Excel workbook, read back with openpyxl (each test on
SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from crm_desktop.errors import BadInput
from crm_desktop.i18n import set_language
from crm_desktop.models import ClientKind
from crm_desktop.services.client_list import ClientFilter, ClientSort
from crm_desktop.services.clients import ClientChanges, create_client, delete_client
from crm_desktop.services.exporting import export_clients
from crm_desktop.services.phones import format_phone
from crm_desktop.services.search import DEFAULT_LIMIT
from crm_desktop.store.database import Database

HEADER = [
    "Client name",
    "Kind",
    "Legal form",
    "Company",
    "Position",
    "Phones",
    "E-mails",
    "INN",
    "Date of birth",
    "Owner",
    "Messengers",
    "Addresses",
    "Created",
]


def add(db: Database, name: str, **fields: Any) -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_client(session, ClientChanges(name=name, **fields)).id


def export(db: Database, path: Path, **options: Any) -> int:
    with db.unit_of_work(write=False) as session:
        return export_clients(session, path, **options)


def sheet(path: Path) -> Worksheet:
    ws = load_workbook(path).active
    assert isinstance(ws, Worksheet)
    return ws


def names(path: Path) -> list[str]:
    return [row[0].value for row in sheet(path).iter_rows(min_row=2)]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_typed_workbook_with_a_frozen_filtered_header(db: Database, tmp_path: Path) -> None:
    add(
        db,
        "ООО «Ромашка»",
        kind=ClientKind.COMPANY,
        inn="7707083893",
        phones=["+7 495 123-45-67"],
    )
    add(
        db,
        "Петров Иван Сергеевич",
        company="Ромашка",
        position="Директор",
        phones=["8 (912) 345-67-89", "+7 495 765-43-21"],
        emails=["Ivan@Mail.ru", "petrov@romashka.ru"],
        birth_date="12.03.1980",
        messengers=[("telegram", "@ivan_petrov")],
        addresses=[("actual", "г. Москва, ул. Ленина, д. 1")],
    )
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "clients.xlsx"

    assert export(db, out) == 2

    ws = sheet(out)
    assert [cell.value for cell in ws[1]] == HEADER
    assert all(cell.font.b for cell in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:M3"
    assert ws.column_dimensions["A"].width == 36
    assert ws.max_row == 3
    person = {h: c for h, c in zip(HEADER, ws[2], strict=True)}
    company = {h: c for h, c in zip(HEADER, ws[3], strict=True)}
    assert person["Client name"].value == "Петров Иван Сергеевич"
    assert person["Kind"].value == "person"
    assert person["Company"].value == "Ромашка"
    assert person["Position"].value == "Директор"
    assert person["Phones"].value == "+7 912 345-67-89, +7 495 765-43-21"
    assert person["Phones"].value == ", ".join(
        format_phone(p) for p in ("+79123456789", "+74957654321")
    )
    assert person["E-mails"].value == "ivan@mail.ru, petrov@romashka.ru"
    assert person["Messengers"].value == "Telegram: @ivan_petrov"
    assert "Ленина" in person["Addresses"].value
    born = person["Date of birth"]
    assert born.is_date and born.value.date() == dt.date(1980, 3, 12)
    assert born.number_format == "DD.MM.YYYY"
    created = person["Created"]
    assert created.is_date and created.number_format == "DD.MM.YYYY"
    assert created.value.date() == dt.datetime.now(dt.UTC).astimezone().date()
    assert company["Client name"].value == "Ромашка"
    assert company["Kind"].value == "company"
    assert company["Legal form"].value == "ООО"
    assert company["INN"].value == "7707083893"
    assert company["INN"].data_type == "s"  # text: an INN may start with 0
    assert company["Date of birth"].value is None
    assert leftovers(tmp_path / "out") == ["clients.xlsx"]  # nothing temporary left


def test_headers_and_kinds_in_the_active_language(db: Database, tmp_path: Path) -> None:
    add(db, "Сидоров Пётр")
    set_language("ru")
    try:
        export(db, tmp_path / "ru.xlsx")
    finally:
        set_language("en")
    ws = sheet(tmp_path / "ru.xlsx")
    header = [cell.value for cell in ws[1]]
    assert header[0] == "ФИО"
    assert "Дата рождения" in header and "Телефоны" in header and "ИНН" in header
    assert ws.title == "Клиенты"
    assert ws["B2"].value == "человек"


def test_the_list_with_its_filter_and_order(db: Database, tmp_path: Path) -> None:
    add(db, "Яковлев Олег")
    add(db, "АО «Вектор»", kind=ClientKind.COMPANY)
    add(db, "Абрамов Пётр")
    gone = add(db, "Борисов Иван")
    with db.unit_of_work() as session:
        delete_client(session, gone)

    assert export(db, tmp_path / "all.xlsx") == 3
    assert names(tmp_path / "all.xlsx") == ["Абрамов Пётр", "Вектор", "Яковлев Олег"]

    people = ClientFilter(kind=ClientKind.PERSON)
    assert export(db, tmp_path / "people.xlsx", where=people) == 2
    assert names(tmp_path / "people.xlsx") == ["Абрамов Пётр", "Яковлев Олег"]

    export(db, tmp_path / "newest.xlsx", sort=ClientSort.CREATED, descending=True)
    newest = names(tmp_path / "newest.xlsx")
    assert newest[0] == "Абрамов Пётр" and newest[-1] == "Яковлев Олег"


def test_search_exports_every_match_not_only_the_first_page(db: Database, tmp_path: Path) -> None:
    with db.unit_of_work() as session:
        for i in range(DEFAULT_LIMIT + 10):
            create_client(session, ClientChanges(name=f"Петров {i:03d}"))
        create_client(session, ClientChanges(name="Иванов Пётр"))  # ё: found by "петр"
        create_client(session, ClientChanges(name="Сидоров Олег"))
    out = tmp_path / "found.xlsx"

    assert export(db, out, search="петр") == DEFAULT_LIMIT + 11

    found = names(out)
    assert found[: DEFAULT_LIMIT + 10] == [f"Петров {i:03d}" for i in range(DEFAULT_LIMIT + 10)]
    assert found[-1] == "Иванов Пётр"  # prefix matches first, then the other hits
    assert "Сидоров Олег" not in found
    assert sheet(out).auto_filter.ref == f"A1:M{DEFAULT_LIMIT + 12}"
    # the search's own order, or the order of the column clicked
    export(db, out, search="петр", sort=ClientSort.NAME, descending=True)
    assert names(out)[0] == "Петров 059"
    # a blank search is the whole list
    assert export(db, out, search="  ") == DEFAULT_LIMIT + 12


def test_ids_export_exactly_the_selection_in_its_order(db: Database, tmp_path: Path) -> None:
    a = add(db, "Алексеев")
    b = add(db, "Борисов")
    add(db, "Васильев")
    binned = add(db, "Григорьев")
    with db.unit_of_work() as session:
        delete_client(session, binned)  # selected in the recycle bin view
    out = tmp_path / "selection.xlsx"

    rows = export(db, out, ids=[b, binned, a, uuid.uuid4()], where=ClientFilter(owner="x"))

    assert rows == 3
    assert names(out) == ["Борисов", "Григорьев", "Алексеев"]


def test_progress_is_reported_to_the_end(db: Database, tmp_path: Path) -> None:
    with db.unit_of_work() as session:
        for i in range(2500):
            create_client(session, ClientChanges(name=f"Клиент {i:04d}"))
    seen: list[tuple[int, int]] = []

    rows = export(db, tmp_path / "big.xlsx", progress=lambda d, t: seen.append((d, t)))

    assert rows == 2500
    assert seen[0] == (0, 2500) and seen[-1] == (2500, 2500)
    assert len(seen) == 4  # a report a page (1000 clients)
    assert sheet(tmp_path / "big.xlsx").max_row == 2501


class Stop(Exception):
    pass


def test_a_cancel_leaves_no_file_and_keeps_an_older_one(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "system-temp"  # where openpyxl keeps a sheet while writing it
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    with db.unit_of_work() as session:
        for i in range(1500):
            create_client(session, ClientChanges(name=f"Клиент {i:04d}"))
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "clients.xlsx"

    def cancel_after_a_page(done: int, total: int) -> None:
        if done >= 1000:
            raise Stop()

    with pytest.raises(Stop):
        export(db, out, progress=cancel_after_a_page)
    assert leftovers(folder) == []
    assert leftovers(scratch) == []

    add(db, "Ещё один")
    assert export(db, out, where=ClientFilter(kind=ClientKind.COMPANY)) == 0
    before = out.read_bytes()
    with pytest.raises(Stop):
        export(db, out, progress=cancel_after_a_page)
    assert out.read_bytes() == before  # the previous workbook, untouched
    assert leftovers(folder) == ["clients.xlsx"]
    assert leftovers(scratch) == []
    assert sheet(out).max_row == 1  # the header alone: no companies


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("clients.csv", "must end in .xlsx"),
        ("missing/clients.xlsx", "no such folder"),
        ("folder.xlsx", "it is a folder"),
    ],
)
def test_a_path_that_cannot_be_written_is_refused_before_any_work(
    db: Database, tmp_path: Path, name: str, message: str
) -> None:
    (tmp_path / "folder.xlsx").mkdir()
    add(db, "Петров")
    before = leftovers(tmp_path)
    with pytest.raises(BadInput, match=message):
        export(db, tmp_path / name)
    assert leftovers(tmp_path) == before


def test_text_stays_text(db: Database, tmp_path: Path) -> None:
    add(db, "Формулов", position='=HYPERLINK("http://x")', phones=["+7 912 000-00-01"])
    out = tmp_path / "text.xlsx"
    export(db, out)
    cell = sheet(out)["E2"]
    assert cell.value == '=HYPERLINK("http://x")'
    assert cell.data_type == "s"  # not a formula Excel would run


def test_more_clients_than_a_sheet_holds_go_on_to_further_sheets(
    db: Database, tmp_path: Path
) -> None:
    with db.unit_of_work() as session:
        for name in ("А", "Б", "В", "Г", "Д"):
            create_client(session, ClientChanges(name=f"{name}ников"))
    out = tmp_path / "sheets.xlsx"

    assert export(db, out, rows_per_sheet=2) == 5

    book = load_workbook(out)
    assert book.sheetnames == ["Clients", "Clients (2)", "Clients (3)"]
    seen = []
    for ws in book.worksheets:
        assert [c.value for c in ws[1]] == HEADER
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:M{ws.max_row}"
        seen += [row[0].value for row in ws.iter_rows(min_row=2)]
    assert seen == ["Аников", "Бников", "Вников", "Гников", "Дников"]
