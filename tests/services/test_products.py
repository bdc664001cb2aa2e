"""The price list on SQLite and PostgreSQL: products with OKEI units, prices and the
company's VAT rates, a paged list with Cyrillic search, and the import from Excel/CSV."""

from __future__ import annotations

import uuid
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from crm_desktop.errors import BadInput, Conflict, NotFound, ValidationError
from crm_desktop.services.price_import import (
    guess_price_mapping,
    import_price_list,
    read_price_list,
)
from crm_desktop.services.products import (
    ProductChanges,
    ProductKey,
    create_product,
    delete_product,
    edit_product,
    find_product,
    get_product,
    list_products,
    restore_product,
)
from crm_desktop.services.units import parse_unit
from crm_desktop.store.database import Database
from tests.services.invoice_setup import describe_company


@pytest.fixture
def company(db: Database) -> Database:
    """The company charges VAT (included in prices, 22 % by default)."""
    with db.unit_of_work() as session:
        describe_company(session, vat="included")
    return db


def add(db: Database, name: str, **fields: object) -> uuid.UUID:
    with db.unit_of_work() as session:
        return create_product(session, ProductChanges(name=name, **fields)).id  # type: ignore[arg-type]


def test_units_by_okei_code_or_as_people_write_them() -> None:
    assert (parse_unit("шт.").code, parse_unit("796").name) == ("796", "шт")
    spellings = ("кв. м", "м2", "м³", "6", "час", "Упак.", "к-т", "ПОГ. М")
    codes = ["055", "055", "113", "006", "356", "778", "839", "018"]
    assert [parse_unit(x).code for x in spellings] == codes
    assert parse_unit("рейс").code == "" and parse_unit("рейс").name == "рейс"
    assert parse_unit("").code == "796"
    with pytest.raises(ValidationError):
        parse_unit("999")


def test_a_product_is_checked_and_stored(company: Database) -> None:
    product_id = add(
        company, "  Стеллаж   СТ-1 ", sku="ST-1", unit="шт.", price="1 500,50", vat_rate="10 %"
    )
    with company.unit_of_work() as session:
        view = get_product(session, product_id)
    assert (view.name, view.sku, view.unit_code, view.unit_name) == (
        "Стеллаж СТ-1",
        "ST-1",
        "796",
        "шт",
    )
    assert (view.price, view.vat_rate, view.is_service, view.active) == (
        D("1500.50"),
        D(10),
        False,
        True,
    )
    assert view.to_json()["price"] == "1500.50" and view.to_json()["vat_rate"] == "10"
    service = add(company, "Монтаж", unit="ч", price="1200")
    without = add(company, "Книга", price="500", vat_rate="none")
    with company.unit_of_work() as session:
        assert get_product(session, service).is_service  # hours are a service
        assert get_product(session, service).vat_rate == D(22)  # the company's default
        assert get_product(session, without).vat_rate is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": " "}, "name"),
        ({"name": "Стол", "price": "12,345"}, "price"),
        ({"name": "Стол", "price": "-1"}, "price"),
        ({"name": "Стол", "vat_rate": "18"}, "vat_rate"),  # not one of the company's rates
        ({"name": "Стол", "unit": "0000"}, "unit"),
        ({"name": "Стол", "sku": "x" * 61}, "sku"),
    ],
)
def test_a_bad_value_is_named(company: Database, fields: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError) as caught, company.unit_of_work() as session:
        create_product(session, ProductChanges(**fields))  # type: ignore[arg-type]
    assert caught.value.field == field


def test_sku_is_unique_and_finds_the_product(company: Database) -> None:
    shelf = add(company, "Стеллаж", sku="ST-1", price="100")
    with pytest.raises(ValidationError), company.unit_of_work() as session:
        create_product(session, ProductChanges(name="Другой", sku="st-1"))
    with company.unit_of_work() as session:
        assert find_product(session, "st-1").id == shelf
        assert find_product(session, str(shelf)).id == shelf
        with pytest.raises(NotFound):
            find_product(session, "NOPE")
        delete_product(session, shelf)
        with pytest.raises(NotFound):
            find_product(session, "ST-1")
        create_product(session, ProductChanges(name="Новый", sku="ST-1"))  # free again
        with pytest.raises(ValidationError):
            restore_product(session, shelf)


def test_edit_checks_the_version(company: Database) -> None:
    product_id = add(company, "Стеллаж", price="100")
    with company.unit_of_work() as session:
        version = get_product(session, product_id).version
        edit_product(session, product_id, ProductChanges(price="120", active=False))
    with pytest.raises(Conflict), company.unit_of_work() as session:
        edit_product(session, product_id, ProductChanges(price="130"), expected_version=version)
    with company.unit_of_work() as session:
        view = get_product(session, product_id)
    assert view.price == D("120.00") and not view.active


NAMES = ["Ёлка искусственная", "елка живая", "Яблоко", "апельсин", "Банан", "ЁЖИК", "Арбуз"]


def test_the_list_pages_in_cyrillic_order_and_searches(company: Database) -> None:
    ids = {add(company, name, sku=f"SKU-{i}", price="10"): name for i, name in enumerate(NAMES)}
    hidden = add(company, "Абрикос", price="10")
    with company.unit_of_work() as session:
        edit_product(session, hidden, ProductChanges(active=False))
    seen: list[str] = []
    after: ProductKey | None = None
    while True:
        with company.unit_of_work(write=False) as session:
            page = list_products(session, after=after, limit=2)
        seen += [row.name for row in page.rows]
        if page.next_key is None:
            break
        after = page.next_key
    assert seen == sorted(NAMES, key=lambda n: n.casefold().replace("ё", "е"))
    assert len(ids) == len(NAMES)
    with company.unit_of_work(write=False) as session:
        found = [r.name for r in list_products(session, search="ЕЛК").rows]
        by_sku = [r.name for r in list_products(session, search="sku-2").rows]
        every = [r.name for r in list_products(session, active_only=False, search="абр").rows]
        percent = list_products(session, search="%").rows
    assert found == ["елка живая", "Ёлка искусственная"]  # ж before и
    assert by_sku == ["Яблоко"]
    assert every == ["Абрикос"]
    assert percent == []


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_import_a_price_list_with_a_report_of_rejected_rows(
    company: Database, tmp_path: Path
) -> None:
    source = _csv(
        tmp_path / "прайс.csv",
        "Прайс-лист ООО «Вектор» на 01.03.2026\n"
        "\n"
        "№;Наименование;Артикул;Ед. изм.;Цена, руб.;НДС\n"
        "1;Стеллаж СТ-1;ST-1;шт;1 500,50;22%\n"  # row 4
        "2;Полка П-2;P-2;шт.;750;10\n"  # 5
        "3;;X-3;шт;100;22\n"  # 6: no name
        "4;Монтаж;M-1;ч;abc;22\n"  # 7: the price is not a number
        "5;Доставка;D-1;рейс;2000;без НДС\n"  # 8: a unit not in OKEI, without VAT
        "6;Плитка;T-1;м2;980;18\n"  # 9: 18 % is not a rate now
        "7;Краска;K-1;999;100;22\n"  # 10: no such OKEI code
        "Итого;;;;;\n",
    )
    table = read_price_list(source)
    assert guess_price_mapping(table.headers) == {
        "name": 1,
        "sku": 2,
        "unit": 3,
        "price": 4,
        "vat": 5,
    }
    with company.unit_of_work() as session:
        report = import_price_list(session, table, None)
    assert (report.created, report.updated) == (3, 0)
    assert [(e.row, e.field) for e in report.rejected] == [
        (6, "name"),
        (7, "price"),
        (9, "vat"),
        (10, "unit"),
    ]
    assert report.rejected[1].column == "Цена, руб." and report.rejected[1].value == "abc"
    with company.unit_of_work(write=False) as session:
        rows = {r.sku: r for r in list_products(session).rows}
    assert (rows["ST-1"].price, rows["ST-1"].vat_rate) == (D("1500.50"), D(22))
    assert (rows["P-2"].unit_name, rows["P-2"].vat_rate) == ("шт", D(10))
    assert (rows["D-1"].unit_name, rows["D-1"].unit_code, rows["D-1"].vat_rate) == (
        "рейс",
        "",
        None,
    )

    again = _csv(
        tmp_path / "новый.csv",
        "Наименование;Артикул;Цена\nСтеллаж СТ-1 (усиленный);st-1;1600\nКраска;K-1;100\n",
    )
    with company.unit_of_work() as session:
        report = import_price_list(
            session, read_price_list(again), {"name": "Наименование", "sku": 1, "price": 2}
        )
    assert (report.created, report.updated, report.rejected) == (1, 1, [])
    with company.unit_of_work(write=False) as session:
        shelf = find_product(session, "ST-1")
        assert (shelf.name, shelf.price, shelf.vat_rate) == (
            "Стеллаж СТ-1 (усиленный)",
            D("1600.00"),
            D(22),
        )
        assert shelf.unit_name == "шт"  # no unit column: the unit stays


def test_import_from_a_workbook(company: Database, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Прайс-лист"])
    sheet.append(["Наименование товара", "Код", "Ед.", "Цена с НДС", "Ставка НДС"])
    sheet.append(["Стеллаж", "ST-1", "шт", 1500.5, 0.22])  # a percent-formatted cell
    sheet.append(["Плёнка", "F-1", "м²", 33.333333, "без НДС"])  # Excel shows 33.33
    sheet.append(["Уголок", "U-1", "пог. м", "12,5", 10])
    sheet["E3"].number_format = "0%"
    path = tmp_path / "price.xlsx"
    book.save(path)
    with company.unit_of_work() as session:
        report = import_price_list(session, read_price_list(path))
    assert (report.created, report.rejected) == (3, [])
    with company.unit_of_work(write=False) as session:
        rows = {r.sku: r for r in list_products(session).rows}
    assert (rows["ST-1"].price, rows["ST-1"].vat_rate) == (D("1500.50"), D(22))
    assert (rows["F-1"].price, rows["F-1"].vat_rate, rows["F-1"].unit_code) == (
        D("33.33"),
        None,
        "055",
    )
    assert (rows["U-1"].price, rows["U-1"].unit_code) == (D("12.50"), "018")


def test_a_file_that_is_no_price_list(company: Database, tmp_path: Path) -> None:
    clients = _csv(tmp_path / "clients.csv", "ФИО;Телефон;E-mail\nИванов;+79123456789;a@b.ru\n")
    with pytest.raises(BadInput) as caught:
        read_price_list(clients)
    assert "price-list columns" in caught.value.message
    only_names = _csv(tmp_path / "names.csv", "Наименование;Артикул\nСтол;S-1\n")
    with pytest.raises(BadInput) as caught, company.unit_of_work() as session:
        import_price_list(session, read_price_list(only_names))
    assert "price" in caught.value.message
