"""Reading legacy client lists (issue 4, item 1 and "Bad input"): the shared samples and
hand-made workbooks and CSV files for each case. No database is needed."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import msoffcrypto.format.ooxml
import openpyxl
import pytest
import xlwt

from crm_desktop.errors import BadInput
from crm_desktop.i18n import set_language
from crm_desktop.services.importing import readers
from crm_desktop.services.importing.headers import guess_field
from crm_desktop.services.importing.readers import list_sheets, read_table
from crm_desktop.services.importing.table import SheetTable
from tests.conftest import SHARED_DATA

HEADER = ["№", "ФИО", "Организация", "ИНН", "Телефон", "E-mail", "Дата рождения"]


def workbook(path: Path, *sheets: tuple[str, list[list[Any]]]) -> openpyxl.Workbook:
    """A workbook with these sheets (rows from A1), saved to `path`; returned for more."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return book


def open_files() -> set[str]:
    """The files this process holds open (Linux)."""
    held = set()
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # the descriptor listdir itself used is gone
            held.add(os.readlink(f"/proc/self/fd/{fd}"))
    return held


def numbers(table: SheetTable) -> list[int]:
    return [row.number for row in table.rows]


def bad_input(path: Path, sheet: str | None = None) -> str:
    """The message of the BadInput that reading `path` raises, checked to be one sentence
    on one line naming the file."""
    with pytest.raises(BadInput) as caught:
        read_table(path, sheet)
    assert caught.value.exit_code == 2
    message = str(caught.value)
    assert path.name in message
    assert "\n" not in message
    assert message.endswith(".")
    assert not re.search(r"[.!?] [A-ZА-Я]", message), message  # one sentence
    return message


# The shared samples ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["legacy_clients_sample.xlsx", "legacy_clients_sample.csv"])
def test_samples_read_as_their_truth_says(name: str) -> None:
    path = SHARED_DATA / name
    truth = json.loads((SHARED_DATA / f"{name}.truth.json").read_text(encoding="utf-8"))
    table = read_table(path)
    assert table.source == name
    assert table.headers == truth["headers"]
    assert table.header_row == truth["header_row"]
    assert table.sheet == truth.get("sheet")
    assert numbers(table) == truth["sheet_rows"]
    assert all(len(row.cells) == len(truth["headers"]) for row in table.rows)
    first = table.rows[0]
    assert first.cells[1] == "Тимофеева Тамара Геннадиевна"
    assert first.cells[6] is None  # an empty cell
    assert table.rows[-1].cells[1] == "Лапин Куприян Димитриевич"


def test_sample_workbook_skips_the_archive_sheet_and_the_totals_row() -> None:
    path = SHARED_DATA / "legacy_clients_sample.xlsx"
    assert list_sheets(path) == ["Клиенты", "Архив"]
    table = read_table(path)
    assert table.sheet == "Клиенты"
    assert table.sheets == ["Клиенты", "Архив"]
    # Row 312 is blank and row 313 says "Итого клиентов:" over a formula.
    assert numbers(table)[-1] == 311
    assert not any(isinstance(c, str) and "Итого" in c for row in table.rows for c in row.cells)
    assert table.rows[0].cells[0] == 1  # "№" typed as a number, read as an int
    # The archive sheet, asked for by name, has no header to import from.
    message = bad_input(path, "Архив")
    assert '"Архив"' in message and "header row" in message
    assert read_table(path, "Клиенты") == table
    assert str(path.resolve()) not in open_files()  # closed, free to be saved over


def test_sample_csv_has_no_sheets() -> None:
    path = SHARED_DATA / "legacy_clients_sample.csv"
    assert list_sheets(path) == []
    assert read_table(path).sheets == []
    assert "has no sheets" in bad_input(path, "Клиенты")


# Workbooks made by hand --------------------------------------------------------------


def test_header_under_a_merged_title_and_blank_rows(tmp_path: Path) -> None:
    path = tmp_path / "clients.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Лист1"
    sheet["A1"] = "Клиенты отдела продаж"
    sheet.merge_cells("A1:G1")
    sheet["A3"] = "на 01.03.2019"
    for column, text in enumerate(HEADER, start=1):
        sheet.cell(row=5, column=column, value=text)
    sheet.append([1, "Иванов Иван Иванович", "ООО «Ромашка»", "7707083893"])
    sheet.append([])
    sheet.append([2, "Петров Пётр", None, None, "+7 912 345-67-89"])
    sheet.append([" ", "   "])  # only spaces: blank
    sheet.append([3, "Сидорова Анна", None, None, None, "anna@mail.ru"])
    sheet.append(["Итого:", "=COUNTA(B6:B10)"])
    sheet.append(["ВСЕГО клиентов", 3])
    book.save(path)

    table = read_table(path)
    assert table.sheet == "Лист1"
    assert table.header_row == 5
    assert table.headers == HEADER
    assert numbers(table) == [6, 8, 10]
    assert table.rows[1].cells == (2, "Петров Пётр", None, None, "+7 912 345-67-89", None, None)


def test_split_name_columns(tmp_path: Path) -> None:
    path = tmp_path / "names.xlsx"
    workbook(
        path,
        (
            "Контакты",
            [
                ["Фамилия", "Имя", "Отчество", "Моб."],
                ["Иванов", "Иван", "Иванович", 89123456789],
                ["ПЕТРОВА", "Анна", None, "8 912 000-00-00"],
            ],
        ),
    )
    table = read_table(path)
    assert table.header_row == 1
    assert table.headers == ["Фамилия", "Имя", "Отчество", "Моб."]
    assert [row.cells for row in table.rows] == [
        ("Иванов", "Иван", "Иванович", 89123456789),
        ("ПЕТРОВА", "Анна", None, "8 912 000-00-00"),
    ]


def _cache_formula_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the cached values Excel would have saved (openpyxl saves none)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, value in values.items():
        pattern = rf'(<c r="{ref}"[^>]*><f>.*?</f>)<v\s*/>'
        sheet, count = re.subn(pattern, rf"\g<1><v>{value}</v>", sheet)
        assert count == 1, ref
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_formula_cells(tmp_path: Path) -> None:
    """calamine gives the value Excel cached; a formula saved without one (openpyxl's
    way) reads as empty; a totals row made of formulas is skipped."""
    path = tmp_path / "formulas.xlsx"
    workbook(
        path,
        (
            "Клиенты",
            [
                ["ФИО", "Телефон", "Сумма"],
                ["Иванов", '="+7"&"9123456789"', "=1+2"],
                ["Петров", "89120000000", "=1+1"],
                ["Итого", "=COUNTA(B2:B3)", "=SUM(C2:C3)"],
            ],
        ),
    )
    table = read_table(path)
    assert [row.cells for row in table.rows] == [
        ("Иванов", None, None),
        ("Петров", "89120000000", None),
    ]
    _cache_formula_values(path, {"C2": "3", "C3": "2", "C4": "5"})
    table = read_table(path)
    assert [row.cells[2] for row in table.rows] == [3, 2]
    assert numbers(table) == [2, 3]


def test_numbers_typed_as_numbers_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "typed.xlsx"
    book = workbook(
        path,
        (
            "Клиенты",
            [
                ["ФИО", "ИНН", "Телефон", "Д/р", "Визит", "Скидка", "Активен"],
                [
                    "Иванов",
                    7707083893,
                    79123456789.0,
                    dt.date(1985, 2, 1),
                    dt.datetime(2019, 3, 1, 10, 30),
                    1.5,
                    True,
                ],
                ["Петров", 500100732259, 9123456789, "01.02.1985", None, 0, False],
            ],
        ),
    )
    sheet = book["Клиенты"]
    sheet["D2"].number_format = "[$-419]D MMMM YYYY;@"  # a Russian long date
    book.save(path)
    first, second = (row.cells for row in read_table(path).rows)
    assert first == (
        "Иванов",
        7707083893,
        79123456789,
        dt.date(1985, 2, 1),
        dt.datetime(2019, 3, 1, 10, 30),
        1.5,
        True,
    )
    assert [type(value) for value in first[1:3]] == [int, int]
    assert second == ("Петров", 500100732259, 9123456789, "01.02.1985", None, 0, False)


def test_old_xls_workbook(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Клиенты")
    sheet.write_merge(0, 0, 0, 3, "Список клиентов")
    for column, text in enumerate(["ФИО", "Телефон", "ИНН", "Дата рождения"]):
        sheet.write(2, column, text)
    sheet.write(3, 0, "Иванов Иван")
    sheet.write(3, 1, 89123456789)
    sheet.write(3, 2, 7707083893.0)
    sheet.write(3, 3, dt.date(1985, 2, 1), xlwt.easyxf(num_format_str="DD.MM.YYYY"))
    sheet.write(5, 0, "Петров Пётр")
    sheet.write(5, 1, "+7 912 000 00 00")
    sheet.write(6, 0, "Итого")
    book.add_sheet("Пустой")
    book.save(str(path))

    assert list_sheets(path) == ["Клиенты", "Пустой"]
    table = read_table(path)
    assert (table.sheet, table.header_row) == ("Клиенты", 3)
    assert table.headers == ["ФИО", "Телефон", "ИНН", "Дата рождения"]
    assert [(row.number, row.cells) for row in table.rows] == [
        (4, ("Иванов Иван", 89123456789, 7707083893, dt.date(1985, 2, 1))),
        (6, ("Петров Пётр", "+7 912 000 00 00", None, None)),
    ]
    assert "is empty" in bad_input(path, "Пустой")


def test_workbook_named_for_the_other_format_reads_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "real_xlsx.xls"
    workbook(path, ("Лист1", [["ФИО", "Телефон"], ["Иванов", "89123456789"]]))
    assert [row.cells for row in read_table(path).rows] == [("Иванов", "89123456789")]


def test_first_sheet_with_a_header_is_chosen(tmp_path: Path) -> None:
    path = tmp_path / "two.xlsx"
    book = workbook(
        path,
        ("Инструкция", [["Заполняйте список аккуратно"], ["Телефон в формате +7"]]),
        ("Скрытый", [["ФИО", "Телефон"], ["Скрытов", "89120000001"]]),
        ("Клиенты", [[None], ["ФИО", "Телефон", "E-mail"], ["Иванов", "89120000000", None]]),
    )
    book["Скрытый"].sheet_state = "hidden"
    book.save(path)
    assert list_sheets(path) == ["Инструкция", "Скрытый", "Клиенты"]
    table = read_table(path)
    assert (table.sheet, table.header_row, numbers(table)) == ("Клиенты", 2, [3])
    assert table.sheets == ["Инструкция", "Скрытый", "Клиенты"]
    # Asked for by name, a hidden sheet is read; a name differing in case is found too.
    assert read_table(path, "Скрытый").rows[0].cells == ("Скрытов", "89120000001")
    assert read_table(path, "клиенты ").sheet == "Клиенты"
    message = bad_input(path, "Инструкция")
    assert message == (
        'Sheet "Инструкция" of two.xlsx has no header row naming client columns'
        " (ФИО, Телефон, E-mail …)."
    )


def test_missing_sheet_names_the_sheets_there_are(tmp_path: Path) -> None:
    path = tmp_path / "two.xlsx"
    workbook(path, ("Клиенты", [["ФИО", "Телефон"]]), ("Архив", [["старое"]]))
    message = bad_input(path, "Clients")
    assert message == 'two.xlsx has no sheet "Clients"; its sheets are "Клиенты", "Архив".'
    set_language("ru")
    assert bad_input(path, "Clients") == (
        "В файле two.xlsx нет листа «Clients»; его листы: «Клиенты», «Архив»."
    )


def test_header_only_gives_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "header.xlsx"
    workbook(path, ("Клиенты", [["ФИО", "Телефон"]]))
    table = read_table(path)
    assert (table.header_row, table.headers, table.rows) == (1, ["ФИО", "Телефон"], [])


def test_no_recognisable_header(tmp_path: Path) -> None:
    one = tmp_path / "numbers.xlsx"
    workbook(one, ("Лист1", [["Январь", "Февраль"], [1, 2], [3, 4]]))
    assert bad_input(one) == (
        "numbers.xlsx has no header row naming client columns (ФИО, Телефон, E-mail …)."
    )
    several = tmp_path / "report.xlsx"
    workbook(several, ("План", [["Январь", 1]]), ("Факт", [["Февраль", 2], ["Телефон", 3]]))
    assert bad_input(several) == (
        "No sheet of report.xlsx has a header row naming client columns (ФИО, Телефон, E-mail …)."
    )
    set_language("ru")
    assert "нет строки заголовков" in bad_input(several)


@pytest.mark.parametrize(
    ("header", "fields"),
    [
        (
            ["Ф.И.О.", "Наименование", "Контактный телефон", "Электронный адрес"],
            ["name", "company", "phone", "email"],
        ),
        (
            ["Контактное лицо", "Название организации", "Тел./факс", "Адрес эл. почты"],
            ["name", "company", "phone", "email"],
        ),
        (
            ["N п/п", "Фамилия, имя, отчество", "Дата рожд.", "Населённый пункт", "Комментарии"],
            ["skip", "name", "birth_date", "city", "note"],
        ),
        (
            ["Full name", "Company", "Mobile phone", "E-mail address", "Фактический адрес"],
            ["name", "company", "phone", "email", "address"],
        ),
    ],
)
def test_headers_as_people_title_them(tmp_path: Path, header: list[str], fields: list[str]) -> None:
    assert [guess_field(text) for text in header] == fields
    path = tmp_path / "titles.xlsx"
    workbook(path, ("Лист1", [["Клиенты"], [], header, ["x"] * len(header)]))
    table = read_table(path)
    assert (table.header_row, table.headers, numbers(table)) == (3, header, [4])


def test_header_deeper_than_the_search_is_not_found(tmp_path: Path) -> None:
    path = tmp_path / "deep.xlsx"
    rows: list[list[Any]] = [[f"строка {n}"] for n in range(readers.HEADER_SEARCH_ROWS)]
    workbook(path, ("Лист1", [*rows, ["ФИО", "Телефон"], ["Иванов", "89120000000"]]))
    assert "no header row" in bad_input(path)


def test_merged_header_cells_and_merged_data(tmp_path: Path) -> None:
    """A header cell merged over sub-headings makes a two-row header; a company merged
    down over its contacts belongs to each; a group heading merged across is skipped."""
    path = tmp_path / "merged.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "Клиенты"
    sheet.merge_cells("A1:E1")
    sheet["A2"], sheet["B2"], sheet["C2"], sheet["E2"] = "ФИО", "Организация", "Телефон", "E-mail"
    for cells in ("A2:A3", "B2:B3", "C2:D2", "E2:E3"):
        sheet.merge_cells(cells)
    sheet["C3"], sheet["D3"] = "моб.", "раб."
    sheet["A4"] = "Москва"
    sheet.merge_cells("A4:E4")
    sheet.append(["Иванов", "ООО «Ромашка»", "89120000000", None, "i@mail.ru"])
    sheet.append(["Петров", None, "89120000001", "84950000000", None])
    sheet.merge_cells("B5:B6")
    sheet.append(["Сидоров", None, None, None, None])
    book.save(path)

    table = read_table(path)
    assert table.header_row == 2
    assert table.headers == ["ФИО", "Организация", "Телефон моб.", "Телефон раб.", "E-mail"]
    assert [(row.number, row.cells) for row in table.rows] == [
        (5, ("Иванов", "ООО «Ромашка»", "89120000000", None, "i@mail.ru")),
        (6, ("Петров", "ООО «Ромашка»", "89120000001", "84950000000", None)),
        (7, ("Сидоров", None, None, None, None)),
    ]


def test_empty_columns_are_left_out(tmp_path: Path) -> None:
    """A column with neither header nor data goes (the title above reaches column H);
    one with data but no header stays, with an empty header."""
    path = tmp_path / "columns.xlsx"
    workbook(
        path,
        (
            "Лист1",
            [
                [None, None, None, None, None, None, None, "на 01.03.2019"],
                [None, "ФИО", "Телефон", None, None, "E-mail"],
                [None, "Иванов", "89120000000", None, "доп. инфо", "i@mail.ru"],
                [None, "ФИО", "Телефон", None, None, "E-mail"],  # the header again
                [None, "Петров", None, None, None, None, None],
            ],
        ),
    )
    table = read_table(path)
    assert table.headers == ["ФИО", "Телефон", "", "E-mail"]
    assert [(row.number, row.cells) for row in table.rows] == [
        (3, ("Иванов", "89120000000", "доп. инфо", "i@mail.ru")),
        (5, ("Петров", None, None, None)),
    ]


def test_header_text_keeps_its_words_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.xlsx"
    workbook(path, ("Лист1", [["  ФИО ", "Дата\nрождения", "Тел.", 2019], ["Иванов", None, 1, 2]]))
    assert read_table(path).headers == ["ФИО", "Дата рождения", "Тел.", "2019"]


def test_enormous_used_range_is_read_by_openpyxl(tmp_path: Path) -> None:
    """A stray value in column XFD over a long list: calamine would build a dense grid of
    16384 columns and abort the process; the reader streams it with openpyxl instead.
    Run in a child limited to 1.5 GB of address space so that a regression fails here."""
    path = tmp_path / "stray.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ФИО", "Телефон", "Дата рождения"])
    for n in range(4000):
        sheet.append([f"Клиент {n}", 89120000000 + n, dt.date(1980, 1, 1)])
    sheet["XFD1"] = "x"
    book.save(path)
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))\n"
        "from crm_desktop.services.importing.readers import read_table\n"
        "table = read_table(sys.argv[1])\n"
        "print(table.headers, len(table.rows), table.rows[-1])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == (
        "['ФИО', 'Телефон', 'Дата рождения', 'x'] 4000 SourceRow(number=4001, cells=("
        "'Клиент 3999', 89120003999, datetime.date(1980, 1, 1), None))"
    )


def test_openpyxl_fallback_reads_the_sample_as_calamine_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = SHARED_DATA / "legacy_clients_sample.xlsx"
    by_calamine = read_table(path)
    monkeypatch.setattr(readers, "DENSE_CELL_LIMIT", 0)
    assert read_table(path) == by_calamine
    assert str(path.resolve()) not in open_files()
    assert list_sheets(path) == ["Клиенты", "Архив"]


# CSV ---------------------------------------------------------------------------------


def test_cp1251_csv_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    text = (
        "Список клиентов;;;\r\n"
        "\r\n"
        "ФИО;Организация;Телефон;Примечание\r\n"
        'Иванов;"ООО ""Ромашка""; филиал";89123456789;\r\n'
        'Петров;;8 (912) 000-00-01;"звонить\r\nпосле обеда"\r\n'
        "\r\n"
        "Ёлкина;ИП Ёлкина;+79120000002;ё\r\n"
        "Итого;3\r\n"
    )
    path.write_bytes(text.encode("cp1251"))
    table = read_table(path)
    assert (table.sheet, table.header_row) == (None, 3)
    assert table.headers == ["ФИО", "Организация", "Телефон", "Примечание"]
    assert [(row.number, row.cells) for row in table.rows] == [
        (4, ("Иванов", 'ООО "Ромашка"; филиал', "89123456789", None)),
        (5, ("Петров", None, "8 (912) 000-00-01", "звонить\r\nпосле обеда")),
        (8, ("Ёлкина", "ИП Ёлкина", "+79120000002", "ё")),
    ]


def test_utf8_bom_csv_with_commas(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    text = (
        "Name,Company,Phone,Email,Address\n"
        'Иванов Иван,"Ромашка, ООО",+7 912 345-67-89,i@mail.ru,"Москва, ул. Ленина, 1"\n'
        "Smith John,,,,London\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    table = read_table(path)
    assert table.headers == ["Name", "Company", "Phone", "Email", "Address"]
    assert [(row.number, row.cells) for row in table.rows] == [
        (
            2,
            (
                "Иванов Иван",
                "Ромашка, ООО",
                "+7 912 345-67-89",
                "i@mail.ru",
                "Москва, ул. Ленина, 1",
            ),
        ),
        (3, ("Smith John", None, None, None, "London")),
    ]


def test_tab_separated_utf8(tmp_path: Path) -> None:
    path = tmp_path / "clients.tsv"
    path.write_text(
        "ФИО\tТелефон\tE-mail\tГород\n"
        "Иванов, Иван\t8 912 345 67 89\ti@mail.ru\tМосква; центр\n"
        "Петров\t\t\t\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.headers == ["ФИО", "Телефон", "E-mail", "Город"]
    assert [row.cells for row in table.rows] == [
        ("Иванов, Иван", "8 912 345 67 89", "i@mail.ru", "Москва; центр"),
        ("Петров", None, None, None),
    ]


def test_utf16_csv_as_excel_saves_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes("ФИО\tТелефон\r\nИванов\t89120000000\r\n".encode("utf-16"))
    assert [row.cells for row in read_table(path).rows] == [("Иванов", "89120000000")]


def test_csv_declaring_its_separator_as_excel_does(tmp_path: Path) -> None:
    """A first line "sep=," overrides the guess (here `;` would split more records)."""
    path = tmp_path / "declared.csv"
    path.write_text("sep=,\nФИО,Телефон,Примечание\nИванов,8912,a;b;c\nПетров,,d;e\n")
    table = read_table(path)
    assert (table.header_row, table.headers) == (2, ["ФИО", "Телефон", "Примечание"])
    assert [(row.number, row.cells) for row in table.rows] == [
        (3, ("Иванов", "8912", "a;b;c")),
        (4, ("Петров", None, "d;e")),
    ]


def test_csv_without_header(tmp_path: Path) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("1;2;3\n4;5;6\n", encoding="utf-8")
    assert bad_input(path) == (
        "numbers.csv has no header row naming client columns (ФИО, Телефон, E-mail …)."
    )


# Bad input ---------------------------------------------------------------------------


def test_pdf_and_random_bytes_are_not_spreadsheets(tmp_path: Path) -> None:
    noise = random.Random(4).randbytes(5000) + b"\x00"
    cases = {
        "report.xlsx": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "noise.xlsx": noise,
        "noise.xls": noise,
        "report.csv": b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "noise.csv": noise,
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert bad_input(path) == f"{name} is not an Excel workbook or a CSV file.", name


def test_other_office_files_are_not_spreadsheets(tmp_path: Path) -> None:
    docx = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert "not an Excel workbook" in bad_input(docx)
    html = tmp_path / "bank_export.xls"
    html.write_text("<html><body><table><tr><td>ФИО</td></tr></table></body></html>")
    assert bad_input(html) == (
        "bank_export.xls is a web page (HTML or XML), not a real workbook:"
        " open it in Excel and save it as .xlsx."
    )


def test_truncated_workbooks_are_damaged(tmp_path: Path) -> None:
    sample = (SHARED_DATA / "legacy_clients_sample.xlsx").read_bytes()
    half = tmp_path / "half.xlsx"
    half.write_bytes(sample[: len(sample) // 2])
    assert bad_input(half) == "half.xlsx is damaged or incomplete and cannot be read."
    # The zip's directory intact, the sheet inside cut short.
    with zipfile.ZipFile(SHARED_DATA / "legacy_clients_sample.xlsx") as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet[: len(sheet) // 2]
    cut = tmp_path / "cut.xlsx"
    with zipfile.ZipFile(cut, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    assert "damaged" in bad_input(cut)
    xls = tmp_path / "half.xls"
    book = xlwt.Workbook()
    sheet_xls = book.add_sheet("Лист1")
    for row in range(200):
        sheet_xls.write(row, 0, f"Клиент {row}")
        sheet_xls.write(row, 1, "Телефон")
    book.save(str(xls))
    data = xls.read_bytes()
    xls.write_bytes(data[: len(data) // 2])
    assert "damaged" in bad_input(xls)
    # Cut inside its last sector, this one makes calamine panic (a BaseException).
    xls.write_bytes(data[:-100])
    assert bad_input(xls) == "half.xls is damaged or incomplete and cannot be read."


def test_an_xls_that_aborts_calamine_is_damaged_and_the_program_lives(tmp_path: Path) -> None:
    """This damaged .xls (found by fuzzing) makes python-calamine abort the process it
    runs in; the reader tries it in a child process first and reports it in one sentence."""
    sample = SHARED_DATA / "damaged_aborts_calamine.xls"
    probe = (
        "import sys\nfrom python_calamine import CalamineWorkbook\n"
        "wb = CalamineWorkbook.from_path(sys.argv[1])\n"
        "[wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names]\n"
    )
    alone = subprocess.run([sys.executable, "-c", probe, str(sample)], capture_output=True)
    assert alone.returncode < 0  # killed by a signal (SIGABRT): no exception to catch
    assert bad_input(sample) == (
        "damaged_aborts_calamine.xls is damaged or incomplete and cannot be read."
    )
    # a sound .xls still reads (the child's check passes)
    good = tmp_path / "good.xls"
    book = xlwt.Workbook()
    sheet = book.add_sheet("Клиенты")
    for row, values in enumerate([("ФИО", "Телефон"), ("Иванов Иван", "+7 912 345-67-89")]):
        for col, value in enumerate(values):
            sheet.write(row, col, value)
    book.save(str(good))
    table = readers.read_table(good)
    assert table.rows[0].cells[:2] == ("Иванов Иван", "+7 912 345-67-89")


def test_empty_files(tmp_path: Path) -> None:
    for name, data in {
        "zero.csv": b"",
        "blank.csv": b"\xef\xbb\xbf \r\n\r\n",
        "zero.xlsx": b"",
    }.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert bad_input(path) == f"{name} is empty.", name
    book = tmp_path / "empty.xlsx"
    workbook(book, ("Лист1", []), ("Лист2", []))
    assert bad_input(book) == "empty.xlsx is empty."
    assert list_sheets(book) == ["Лист1", "Лист2"]
    assert bad_input(book, "Лист2") == 'Sheet "Лист2" of empty.xlsx is empty.'


def test_password_protected_workbook(tmp_path: Path) -> None:
    plain = tmp_path / "plain.xlsx"
    workbook(plain, ("Клиенты", [["ФИО", "Телефон"], ["Иванов", "89120000000"]]))
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as source, locked.open("wb") as target:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("secret", target)
    expected = "{} is password-protected: open it in Excel, remove the password and save it again."
    assert bad_input(locked) == expected.format("locked.xlsx")
    renamed = tmp_path / "locked.xls"
    renamed.write_bytes(locked.read_bytes())
    assert bad_input(renamed) == expected.format("locked.xls")
    with pytest.raises(BadInput, match="password-protected"):
        list_sheets(locked)


def test_unsupported_missing_and_unreadable_files(tmp_path: Path) -> None:
    odt = tmp_path / "clients.pdf"
    odt.write_bytes(b"%PDF-1.4")
    assert bad_input(odt) == (
        "Cannot import clients.pdf: only Excel workbooks (.xlsx, .xlsm, .xls) and CSV files"
        " (.csv, .tsv, .txt) can be imported."
    )
    missing = tmp_path / "nowhere.xlsx"
    assert bad_input(missing) == f"{missing} does not exist."
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert bad_input(folder) == f"Cannot read {folder}."


def test_messages_in_russian(tmp_path: Path) -> None:
    set_language("ru")
    cases = {
        "zero.csv": (b"", "Файл zero.csv пуст."),
        "noise.xlsx": (b"\x00\x01garbage", "Файл noise.xlsx — не книга Excel и не файл CSV."),
    }
    for name, (data, expected) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert bad_input(path) == expected
