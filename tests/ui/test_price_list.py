"""The price list page on both databases: a product added through its dialog shows in the
list and is stored with its unit, price and VAT rate; a refused value is shown under its
field; a small workbook is imported in a worker and the refused rows are reported."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from pytestqt.qtbot import QtBot

from crm_desktop.services.products import ProductView, list_products
from crm_desktop.store.database import Database
from crm_desktop.ui.price_list import PriceListPage
from crm_desktop.ui.product_dialog import ProductDialog


def products(db: Database) -> list[ProductView]:
    with db.unit_of_work() as session:
        return list_products(session, active_only=False).rows


def page_for(qtbot: QtBot, db: Database) -> PriceListPage:
    page = PriceListPage(db, None)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.loaded, timeout=10_000)
    return page


def test_add_a_product(qtbot: QtBot, db: Database) -> None:
    page = page_for(qtbot, db)
    assert page.model.rowCount() == 0
    assert page.empty.isVisible() or not page.isVisible()
    assert "empty" in page.empty.text()
    dialog = page.add_product()
    assert isinstance(dialog, ProductDialog)
    dialog.name.setText("Монтаж окна")
    dialog.sku.setText("MNT-1")
    dialog.unit.setCurrentIndex(dialog.unit.findData("356"))  # ч
    dialog.price.setText("1 500,50")
    dialog.vat.setCurrentIndex(dialog.vat.findData("22"))
    dialog.is_service.setChecked(True)
    with qtbot.waitSignal(page.sig_saved, timeout=10_000):
        dialog.save()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    stored = products(db)
    assert [(p.name, p.sku, p.unit_code, p.unit_name) for p in stored] == [
        ("Монтаж окна", "MNT-1", "356", "ч")
    ]
    assert stored[0].price == Decimal("1500.50")
    assert stored[0].vat_rate == Decimal("22")
    assert stored[0].is_service and stored[0].active
    assert page.model.data(page.model.index(0, 0)) == "Монтаж окна"
    assert page.model.data(page.model.index(0, 4)) == "22\u00a0%"

    # the same SKU again is refused under its field, and the dialog stays open
    dialog = page.add_product()
    dialog.name.setText("Другой монтаж")
    dialog.sku.setText("mnt-1")
    dialog.price.setText("10")
    job = dialog.save()
    assert job is not None
    qtbot.waitUntil(lambda: dialog.errors["sku"].text() != "", timeout=10_000)
    assert "taken" in dialog.errors["sku"].text()
    assert dialog.result() != ProductDialog.DialogCode.Accepted
    dialog.price.setText("abc")
    dialog.sku.setText("MNT-2")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors["price"].text() != "", timeout=10_000)
    assert len(products(db)) == 1

    # changing: the product opens with its values, the price changes
    edit = page.open_product(0)
    assert edit is not None
    assert edit.name.text() == "Монтаж окна"
    assert edit.unit_text() == "356"
    assert edit.vat.currentData() == "22"
    edit.price.setText("1600")
    with qtbot.waitSignal(page.sig_saved, timeout=10_000):
        edit.save()
    assert products(db)[0].price == Decimal("1600.00")


def test_search_filters_the_list(qtbot: QtBot, db: Database) -> None:
    page = page_for(qtbot, db)
    for name, price in (("Кирпич", "25"), ("Доставка", "3000")):
        dialog = page.add_product()
        dialog.name.setText(name)
        dialog.price.setText(price)
        with qtbot.waitSignal(page.sig_saved, timeout=10_000):
            dialog.save()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    page.search.setText("кирп")
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.data(page.model.index(0, 0)) == "Кирпич"


def test_import_a_workbook(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Наименование", "Артикул", "Ед. изм.", "Цена", "НДС"])
    sheet.append(["Кирпич красный", "K-1", "шт", 25.5, "22%"])
    sheet.append(["Цемент М500", "C-500", "кг", "12,40", "без НДС"])
    sheet.append(["Песок", "S-1", "м3", "дорого", 22])  # row 4: the price is refused
    path = tmp_path / "прайс.xlsx"
    book.save(path)

    page = page_for(qtbot, db)
    with qtbot.waitSignal(page.sig_imported, timeout=20_000) as imported:
        page.import_file(path)
    report = imported.args[0]
    assert (report.created, report.updated, report.rejected_rows) == (2, 0, [4])
    assert "2 added" in page.report_label.text()
    assert "rows refused: 1" in page.report_label.text()
    assert "Row 4" in page.rejected.toPlainText()
    assert "дорого" in page.rejected.toPlainText()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    stored = {p.sku: p for p in products(db)}
    assert stored["K-1"].price == Decimal("25.50")
    assert stored["K-1"].vat_rate == Decimal("22")
    assert (stored["C-500"].unit_name, stored["C-500"].vat_rate) == ("кг", None)

    # a file that is no price list: the reason is shown, nothing changes
    bad = tmp_path / "пусто.xlsx"
    empty = Workbook()
    empty_sheet = empty.active
    assert empty_sheet is not None
    empty_sheet.append(["что-то", "ещё"])
    empty.save(bad)
    page.import_file(bad)
    qtbot.waitUntil(lambda: page.error.text() != "", timeout=10_000)
    assert "header" in page.error.text()
    assert page.import_button.isEnabled()
    assert len(products(db)) == 2
