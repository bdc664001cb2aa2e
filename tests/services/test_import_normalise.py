"""Import, column mapping and row normalisation (no database): the shared legacy sample
checked row by row against its truth file, and a hand-made case for each rule."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import phonenumbers
import pytest

from crm_desktop.errors import BadInput, ValidationError
from crm_desktop.i18n import set_language
from crm_desktop.services.importing.mapping import (
    ColumnMapping,
    guess_mapping,
    load_mapping,
    save_mapping,
)
from crm_desktop.services.importing.normalise import cell_text, normalise_table, person_name
from crm_desktop.services.importing.readers import read_table
from crm_desktop.services.importing.rows import ImportRow
from crm_desktop.services.importing.table import Cell, SheetTable, SourceRow
from crm_desktop.services.phones import normalize_phone
from tests.conftest import SHARED_DATA

SAMPLES = ("legacy_clients_sample.xlsx", "legacy_clients_sample.csv")
GOOD_INN = "7707083893"  # a real organisation's INN (10 digits)
OTHER_INN = "7252427315"
PERSON_INN = "500301234503"  # 12 digits, valid check digits
ZERO_INN = "0105012349"  # a region 01 INN: typed as a number it loses its first zero


# -- the shared sample ---------------------------------------------------------------------


def _truth(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (SHARED_DATA / f"{name}.truth.json").read_text(encoding="utf-8")
    )
    return data


@pytest.fixture(scope="module", params=SAMPLES)
def sample(request: pytest.FixtureRequest) -> tuple[dict[str, Any], list[ImportRow]]:
    table = read_table(SHARED_DATA / request.param)
    truth = _truth(request.param)
    assert table.header_row == truth["header_row"]
    assert [r.number for r in table.rows] == truth["sheet_rows"]
    return truth, normalise_table(table, guess_mapping(table.headers))


def test_sample_rows_come_back_one_per_data_row_with_excel_numbers(
    sample: tuple[dict[str, Any], list[ImportRow]],
) -> None:
    truth, rows = sample
    assert [r.number for r in rows] == truth["sheet_rows"]
    assert sum(r.rejected for r in rows) == sum(t["kind"] == "bad" for t in truth["rows"]) == 19


def test_sample_bad_rows_are_rejected_on_the_truths_field(
    sample: tuple[dict[str, Any], list[ImportRow]],
) -> None:
    truth, rows = sample
    for expected, row in zip(truth["rows"], rows, strict=True):
        if expected["kind"] == "bad":
            assert row.rejected, row.number
            assert [e.field for e in row.errors] == [expected["field"]], row.number
            error = row.errors[0]
            assert error.row == row.number
            assert error.value and error.message and error.column
        else:
            assert not row.rejected, (row.number, row.errors)


def test_sample_good_rows_give_the_truths_values(
    sample: tuple[dict[str, Any], list[ImportRow]],
) -> None:
    truth, rows = sample
    checked = 0
    for expected, row in zip(truth["rows"], rows, strict=True):
        if expected["kind"] == "bad":
            continue
        values = expected["values"]
        person = row.person
        assert person is not None
        assert person.name == values["name"]
        assert person.phones[0] == values["phone"]
        assert person.emails[0] == values["email"]
        birth = person.birth_date.isoformat() if person.birth_date else None
        assert birth == values["birth_date"], row.number
        if values["company"] is None:
            assert row.company is None
        else:
            assert row.company is not None
            assert row.company.name.casefold() == values["company"].casefold()
            assert row.company.inn == values["company_inn"]
            assert row.company.legal_form in ("ООО", "ЗАО", "ПАО", "АО")
        checked += 1
    assert checked == 281


def test_sample_company_in_capitals_takes_another_rows_spelling(
    sample: tuple[dict[str, Any], list[ImportRow]],
) -> None:
    rows = sample[1]
    by_inn: dict[str, set[str]] = {}
    for row in rows:
        if row.company and row.company.inn:
            by_inn.setdefault(row.company.inn, set()).add(row.company.name)
    # "ЗАО «АФАНАСЬЕВСЕРВИС»" and 'ЗАО "АфанасьевСервис"' are one spelling now.
    assert by_inn["1288975145"] == {"АфанасьевСервис"}
    assert all(len(names) == 1 for names in by_inn.values()), by_inn


# -- hand-made tables ----------------------------------------------------------------------


def table(headers: Sequence[str], *rows: Sequence[Cell]) -> SheetTable:
    return SheetTable(
        source="test.xlsx",
        sheet="Лист1",
        header_row=1,
        headers=list(headers),
        rows=[SourceRow(i + 2, tuple(cells)) for i, cells in enumerate(rows)],
    )


def normalise(headers: Sequence[str], *rows: Sequence[Cell]) -> list[ImportRow]:
    return normalise_table(table(headers, *rows), guess_mapping(headers))


def one(headers: Sequence[str], *cells: Cell) -> ImportRow:
    return normalise(headers, cells)[0]


def fields(row: ImportRow) -> list[str]:
    return [e.field for e in row.errors]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ИВАНОВ ИВАН ИВАНОВИЧ", "Иванов Иван Иванович"),
        ("  петров   пётр  ", "Петров Пётр"),
        ("СЕМЁНОВА\u00a0АЛЁНА", "Семёнова Алёна"),
        ("РИМСКИЙ-КОРСАКОВ НИКОЛАЙ", "Римский-Корсаков Николай"),
        ("МАМЕДОВ РАШИД ОГЛЫ", "Мамедов Рашид оглы"),
        ("АЛИЕВ АЛИ-ОГЛЫ", "Алиев Али-оглы"),
        ("ИВАНОВ И.И.", "Иванов И.И."),
        ("О'КОННОР ШОН", "О'Коннор Шон"),
        ("Иванов ИВАН Иванович", "Иванов Иван Иванович"),
        ("МакДональд Рональд", "МакДональд Рональд"),
        ("Шарль де Голль", "Шарль де Голль"),
    ],
)
def test_person_names_get_normal_case_and_single_spaces(raw: str, expected: str) -> None:
    assert person_name(raw) == expected
    row = one(["ФИО"], raw)
    assert row.person is not None and row.person.name == expected


def test_name_from_surname_first_name_and_patronymic_columns() -> None:
    headers = ["Фамилия", "Имя", "Отчество", "Тел."]
    assert guess_mapping(headers).targets == ("last_name", "first_name", "middle_name", "phone")
    rows = normalise(
        headers,
        ["ИВАНОВ", " иван ", "Иванович", "89123456789"],
        ["Петрова", "Анна", None, None],
        [None, None, None, "89123456789"],
    )
    assert [r.person.name if r.person else None for r in rows] == [
        "Иванов Иван Иванович",
        "Петрова Анна",
        None,
    ]
    assert fields(rows[2]) == ["name"] and rows[2].errors[0].column == "Фамилия"


def test_full_name_column_wins_over_the_parts_where_it_is_filled() -> None:
    headers = ["ФИО", "Фамилия", "Имя"]
    rows = normalise(headers, ["Сидоров Пётр", "Сидоров", "П."], [None, "Козлов", "Олег"])
    assert [r.person.name if r.person else "" for r in rows] == ["Сидоров Пётр", "Козлов Олег"]


@pytest.mark.parametrize("separator", [", ", "; ", " / ", "\n", ",", ";"])
def test_two_phones_in_one_cell(separator: str) -> None:
    row = one(["ФИО", "Телефон"], "Иванов", f"8 (912) 345-67-89{separator}+7 903 123-45-67")
    assert row.person is not None
    assert row.person.phones == ["+79123456789", "+79031234567"]
    assert not row.errors


def test_phones_of_several_columns_keep_file_order_without_repeats() -> None:
    headers = ["ФИО", "Телефон", "Моб.", "Доп. телефон"]
    assert guess_mapping(headers).columns("phone") == [1, 2, 3]
    row = one(headers, "Иванов", "8 912 345 67 89", "+7 903 123 45 67", "89123456789")
    assert row.person is not None
    assert row.person.phones == ["+79123456789", "+79031234567"]


@pytest.mark.parametrize(
    "typed", [89123456789, 9123456789, 89123456789.0, 79123456789.0, Decimal("89123456789")]
)
def test_phone_typed_as_a_number(typed: Cell) -> None:
    row = one(["ФИО", "Телефон"], "Иванов", typed)
    assert row.person is not None and row.person.phones == ["+79123456789"]


def test_phones_quick_russian_path_agrees_with_phonenumbers() -> None:
    """normalize_phone skips phonenumbers' parser for plain +7 numbers (an import's
    bulk): over numbers of every prefix it must say what phonenumbers says."""
    rng = random.Random(4)
    for _ in range(5_000):
        national = "".join(rng.choice("0123456789") for _ in range(10))
        number = phonenumbers.parse("+7" + national, "RU")
        expected = "+7" + national if phonenumbers.is_valid_number(number) else None
        for written in ("+7" + national, "8" + national, f"8 ({national[:3]}) {national[3:]}"):
            try:
                got: str | None = normalize_phone(written)
            except ValidationError:
                got = None
            assert got == expected, written


def test_each_invalid_phone_of_a_cell_is_its_own_error() -> None:
    row = one(["ФИО", "Телефон"], "Иванов", "8 (912) 345-67-89, 123; 8-912-1")
    assert row.rejected
    assert [(e.field, e.column, e.value) for e in row.errors] == [
        ("phone", "Телефон", "123"),
        ("phone", "Телефон", "8-912-1"),
    ]
    assert row.errors[0].row == 2


def test_phone_extension_is_kept_in_the_note() -> None:
    row = one(["ФИО", "Телефон"], "Иванов", "8 (495) 123-45-67, доб. 123")
    assert row.person is not None
    assert row.person.phones == ["+74951234567"]
    assert row.person.note == "Телефон: 8 (495) 123-45-67 доб. 123"


@pytest.mark.parametrize("nothing", [None, "", "   ", "-", "—", "н/д", "нет"])
def test_an_empty_optional_value_is_no_error(nothing: Cell) -> None:
    headers = ["ФИО", "Организация", "ИНН", "Телефон", "E-mail", "Д/р", "Менеджер"]
    row = one(headers, "Иванов", nothing, nothing, nothing, nothing, nothing, nothing)
    assert not row.errors
    assert row.person is not None and row.company is None
    assert (row.person.phones, row.person.emails, row.person.birth_date) == ([], [], None)
    assert row.person.owner is None


def test_emails_are_trimmed_lower_cased_and_split() -> None:
    row = one(["ФИО", "E-mail"], "Иванов", "  IVAN@MAIL.RU ; petr@Ya.ru\nivan@mail.ru")
    assert row.person is not None and row.person.emails == ["ivan@mail.ru", "petr@ya.ru"]
    row = one(["ФИО", "Эл. почта"], "Иванов", "ivan@mail.ru petr@ya.ru")
    assert row.person is not None and row.person.emails == ["ivan@mail.ru", "petr@ya.ru"]


def test_an_address_with_a_space_inside_is_one_invalid_value() -> None:
    row = one(["ФИО", "E-mail"], "Иванов", "ivan @mail.ru")
    assert [(e.field, e.value) for e in row.errors] == [("email", "ivan @mail.ru")]


@pytest.mark.parametrize(
    "written",
    [
        "01.02.1985",
        "1.2.1985",
        "01.02.1985 г.",
        "01.02.1985г",
        "1 февраля 1985",
        "1 февраля 1985 г.",
        "01 фев. 1985",
        "1985-02-01",
        "01/02/1985",
        "01.02.1985 0:00:00",
        dt.date(1985, 2, 1),
        dt.datetime(1985, 2, 1, 0, 0),
    ],
)
def test_birth_dates_as_text_or_real_dates(written: Cell) -> None:
    row = one(["ФИО", "Дата рождения"], "Иванов", written)
    assert not row.errors
    assert row.person is not None and row.person.birth_date == dt.date(1985, 2, 1)


@pytest.mark.parametrize(
    "written", ["31.02.1985", "1985-13-01", "вчера", dt.date(1850, 1, 1), dt.date(2999, 1, 1)]
)
def test_impossible_birth_date_is_an_error_on_birth_date(written: Cell) -> None:
    row = one(["ФИО", "Д/р"], "Иванов", written)
    assert fields(row) == ["birth_date"]
    assert row.errors[0].column == "Д/р" and row.errors[0].value == cell_text(written)


@pytest.mark.parametrize(
    "typed", [GOOD_INN, int(GOOD_INN), float(GOOD_INN), Decimal(GOOD_INN), f" {GOOD_INN} "]
)
def test_company_inn_typed_as_text_or_number(typed: Cell) -> None:
    row = one(["ФИО", "Организация", "ИНН"], "Иванов", "ООО «Ромашка»", typed)
    assert not row.errors
    assert row.company is not None and row.company.inn == GOOD_INN
    assert row.person is not None and row.person.inn is None


def test_inn_typed_as_a_number_gets_its_leading_zero_back() -> None:
    row = one(["ФИО", "Организация", "ИНН"], "Иванов", "Ромашка ООО", int(ZERO_INN))
    assert row.company is not None and row.company.inn == ZERO_INN
    row = one(["ФИО", "ИНН"], "Иванов", float("010123456752"))
    assert row.person is not None and row.person.inn == "010123456752"


def test_wrong_company_inn_is_an_error_on_company_inn() -> None:
    row = one(["ФИО", "Компания", "ИНН"], "Иванов", "АО Ромашка", "7707083894")
    assert [(e.field, e.column, e.value) for e in row.errors] == [
        ("company_inn", "ИНН", "7707083894")
    ]


def test_twelve_digit_inn_on_a_row_without_company_is_the_persons() -> None:
    row = one(["ФИО", "Организация", "ИНН"], "Иванов", None, int(PERSON_INN))
    assert not row.errors and row.company is None
    assert row.person is not None and row.person.inn == PERSON_INN


def test_twelve_digit_inn_on_a_row_with_a_company_is_the_companys() -> None:
    row = one(["ФИО", "Организация", "ИНН"], "Иванов", "ИП Иванов И.И.", PERSON_INN)
    assert not row.errors
    assert row.company is not None
    assert (row.company.legal_form, row.company.name, row.company.inn) == (
        "ИП",
        "Иванов И.И.",
        PERSON_INN,
    )
    assert row.person is not None and row.person.inn is None


def test_organisations_inn_on_a_row_without_company_is_an_error_on_inn() -> None:
    row = one(["ФИО", "ИНН"], "Иванов", GOOD_INN)
    assert fields(row) == ["inn"] and "company" in row.errors[0].message


@pytest.mark.parametrize(
    "written",
    [
        "ООО «Ромашка»",
        "Ромашка ООО",
        'ООО "Ромашка"',
        "ООО 'Ромашка'",
        "ООО “Ромашка”",
        '  ООО ""Ромашка"" ',
        "«Ромашка» ООО",
        "Ромашка, ООО",
        "ооо Ромашка",
        "Общество с ограниченной ответственностью «Ромашка»",
    ],
)
def test_legal_form_in_any_position_and_quotes(written: str) -> None:
    row = one(["ФИО", "Организация"], "Иванов", written)
    assert row.company is not None
    assert (row.company.legal_form, row.company.name) == ("ООО", "Ромашка")


def test_company_in_capitals_takes_the_spelling_of_another_row_with_its_inn() -> None:
    headers = ["ФИО", "Организация", "ИНН"]
    rows = normalise(
        headers,
        ["Иванов", "ООО «РОМАШКА-ЦЕНТР»", GOOD_INN],  # before the row that spells it
        ["Петров", "Ромашка-Центр ООО", float(GOOD_INN)],
        ["Сидоров", "АО «ВАСИЛЁК»", OTHER_INN],  # no other spelling: as typed
        ["Козлов", "ПАО «ЛЮТИК»", None],  # no INN: the same name spelt otherwise
        ["Орлов", "Лютик ПАО", None],
    )
    assert [r.company.name if r.company else None for r in rows] == [
        "Ромашка-Центр",
        "Ромашка-Центр",
        "ВАСИЛЁК",
        "Лютик",
        "Лютик",
    ]


def test_row_naming_only_a_company_has_no_person() -> None:
    row = one(["ФИО", "Организация", "ИНН"], None, "ООО Ромашка", GOOD_INN)
    assert not row.errors and row.person is None
    assert row.company is not None and row.company.inn == GOOD_INN


def test_row_with_neither_name_nor_company_is_an_error_on_name() -> None:
    row = one(["№", "ФИО", "Организация", "Телефон"], 5, "  ", None, "89123456789")
    assert [(e.field, e.column) for e in row.errors] == [("name", "ФИО")]


def test_position_city_address_owner_note_and_custom_values() -> None:
    headers = ["ФИО", "Должность", "Город", "Адрес", "Менеджер", "Примечание", "Стаж", "Сайт"]
    mapping = guess_mapping(headers).with_target(6, "custom:Стаж работы").with_target(7, "note")
    full: list[Cell] = ["Иванов", " Главный  бухгалтер ", "Москва", "ул. Ленина,  1", "Petrova"]
    full += ["VIP", 7]
    sparse: list[Cell] = ["Петров", None, None, None, "Петрова А.", None, None, None]
    rows = normalise_table(table(headers, [*full, "ivanov.ru"], sparse), mapping)
    first, second = (r.person for r in rows)
    assert first is not None and second is not None
    assert first.position == "Главный бухгалтер"
    assert (first.city, first.address) == ("Москва", "ул. Ленина, 1")
    assert first.owner == "petrova" and second.owner == "Петрова А."
    assert first.note == "VIP\nСайт: ivanov.ru"
    assert first.custom == {"стаж_работы": "7"}
    assert second.note is None and second.custom == {}


def test_too_long_values_are_errors_on_their_field() -> None:
    row = one(["ФИО", "Должность"], "Иванов", "x" * 201)
    assert fields(row) == ["position"]
    row = one(["Фамилия", "Имя"], "Иванов", "Иван" * 80)
    assert [(e.field, e.column) for e in row.errors] == [("name", "Фамилия")]
    row = one(["ФИО", "Организация"], "Иванов", "ООО " + "Ромашка" * 50)
    assert fields(row) == ["company"]


def test_messages_follow_the_active_language_even_for_cached_values() -> None:
    one(["ФИО", "Телефон"], "Иванов", "12-34")
    set_language("ru")
    row = one(["ФИО", "Телефон"], "Иванов", "12-34")
    assert row.errors[0].message == "«12-34» — неверный номер телефона"


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (None, ""),
        ("  a b ", "a b"),
        (7, "7"),
        (7.0, "7"),
        (7.5, "7.5"),
        (Decimal("7.00"), "7"),
        (Decimal("7.25"), "7.25"),
        (True, "yes"),
        (dt.date(1985, 2, 1), "01.02.1985"),
        (dt.datetime(1985, 2, 1, 9, 30), "01.02.1985 09:30"),
    ],
)
def test_cell_text(cell: Cell, text: str) -> None:
    assert cell_text(cell) == text


# -- the mapping ---------------------------------------------------------------------------


def test_guessed_mapping_of_the_samples_headers() -> None:
    # №, ФИО, Организация, ИНН, Должность, Телефон, Доп. телефон, E-mail, Дата рождения ...
    assert guess_mapping(_truth(SAMPLES[0])["headers"]).targets == (
        None,
        "name",
        "company",
        "inn",
        "position",
        "phone",
        "phone",
        "email",
        "birth_date",
        "city",
        "note",
    )


def test_unrecognised_columns_and_second_single_fields_are_ignored() -> None:
    headers = ["ФИО", "Адрес", "Юридический адрес", "Сайт", "", "Телефон", "Телефон"]
    mapping = guess_mapping(headers)
    assert mapping.targets == ("name", "address", None, None, None, "phone", "phone")
    row = one(headers, "Иванов", "Москва", "Тверь", "site.ru", "x", "89123456789", None)
    assert row.person is not None and row.person.address == "Москва"
    assert row.person.note is None


def test_a_mapping_without_a_name_is_refused() -> None:
    headers = ["Организация", "Телефон"]
    with pytest.raises(BadInput, match=r"no column with the client's name \(ФИО"):
        normalise(headers, ["ООО Ромашка", "89123456789"])


def test_two_columns_into_one_single_field_are_refused() -> None:
    mapping = ColumnMapping(("name", "company", "company"))
    with pytest.raises(BadInput, match='"Организация" and "Компания" both go to company'):
        normalise_table(table(["ФИО", "Организация", "Компания"]), mapping)


def test_unknown_target_is_refused() -> None:
    with pytest.raises(BadInput, match='"phones" is not a field'):
        ColumnMapping(("name", "phones"))


def test_mapping_file_round_trip(tmp_path: Path) -> None:
    headers = ["№", "ФИО", "Телефон", "Телефон", "Сайт", " Стаж  работы "]
    mapping = (guess_mapping(headers).with_target(3, "note").with_target(4, "note")).with_target(
        5, "custom:стаж"
    )
    path = tmp_path / "mapping.json"
    save_mapping(mapping, headers, path)
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["columns"] == {
        "№": None,
        "ФИО": "name",
        "Телефон": ["phone", "note"],
        "Сайт": "note",
        "Стаж работы": "custom:стаж",
    }
    assert load_mapping(path, headers) == mapping
    # Next month's file: the same headers in another order, one column more.
    later = ["ФИО", "Стаж работы", "Телефон", "E-mail", "Телефон", "Сайт", "№"]
    expected = ("name", "custom:стаж", "phone", "email", "note", "note", None)
    assert load_mapping(path, later).targets == expected


def test_one_target_applies_to_every_column_of_a_repeated_header(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"columns": {"Клиент": "name", "Тел": "phone"}}), "utf-8")
    assert load_mapping(path, ["Клиент", "Тел", "Тел"]).targets == ("name", "phone", "phone")


def test_a_new_column_does_not_take_a_field_the_file_gives_another(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"columns": {"Клиент": "name"}}), "utf-8")
    assert load_mapping(path, ["Клиент", "ФИО"]).targets == ("name", None)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", r"mapping\.json is not valid JSON \(line 1, column 2"),
        ("[1, 2]", r'must hold \{"columns"'),
        ('{"ФИО": "name"}', r'must hold \{"columns"'),
        ('{"columns": {"ФИО": "name", "Адрес": "name"}}', r'"Адрес".*does not have'),
        ('{"columns": {"ФИО": "full_name"}}', r'column "ФИО": "full_name" is not a field'),
        ('{"columns": {"ФИО": 5}}', r'column "ФИО": "5" is not a field'),
        ('{"columns": {"ФИО": "name", "ФИО": "note"}}', r'names column "ФИО" twice'),
        ('{"columns": {"ФИО": ["name", "note"]}}', r'gives 2 targets for column "ФИО".* 1 times'),
        ('{"columns": {"ФИО": null}}', r"no column with the client's name"),
        ('{"columns": {"ФИО": "name", "Телефон": "name"}}', r"both go to name"),
    ],
)
def test_malformed_mapping_file_is_bad_input(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path / "mapping.json", text)
    with pytest.raises(BadInput, match=message):
        load_mapping(path, ["ФИО", "Телефон"])


def test_missing_mapping_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="Cannot read the mapping file"):
        load_mapping(tmp_path / "nothing.json", ["ФИО"])


def test_unmapped_column_sent_to_the_note_reads_header_value() -> None:
    headers = ["ФИО", "Комментарий", "Источник", "Скидка"]
    mapping = guess_mapping(headers)
    assert mapping.targets == ("name", "note", None, None)
    mapping = mapping.with_target(2, "note").with_target(3, "note")
    rows = normalise_table(
        table(headers, ["Иванов", "звонить\n  утром", "выставка", 0.1], ["Петров"]), mapping
    )
    assert rows[0].person is not None
    assert rows[0].person.note == "звонить\nутром\nИсточник: выставка\nСкидка: 0.1"
    assert rows[1].person is not None and rows[1].person.note is None
