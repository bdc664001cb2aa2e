"""A price list from Excel or CSV into the products: the import's reader finds the header
(here by price-list titles: "Наименование", "Артикул", "Ед. изм.", "Цена", "НДС"), each
row is checked, a row whose SKU (or, without one, whose name) is already in the price
list updates that product, any other row adds one; rejected rows are reported with the
row number Excel shows and why."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import BadInput, NotFound, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import Product
from crm_desktop.services.amounts import parse_amount
from crm_desktop.services.importing.headers import fold_header
from crm_desktop.services.importing.readers import NoHeader, read_table
from crm_desktop.services.importing.rows import RowError
from crm_desktop.services.importing.table import Cell, SheetTable, SourceRow
from crm_desktop.services.invoice_settings import InvoiceSettings, get_invoice_settings
from crm_desktop.services.products import (
    DESCRIPTION_MAX,
    SERVICE_UNITS,
    check_name,
    check_sku,
    product_rate,
)
from crm_desktop.services.units import parse_unit
from crm_desktop.store.search_index import fold

PRICE_FIELDS = ("name", "sku", "unit", "price", "vat", "description")
PRICE_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "наименование",
        "название",
        "наименование товара",
        "наименование товаров",
        "наименование товара услуги",
        "наименование товаров работ услуг",
        "наименование работ услуг",
        "наименование услуги",
        "номенклатура",
        "товар",
        "товары",
        "товар услуга",
        "услуга",
        "name",
        "product",
        "product name",
        "item",
    ),
    "sku": ("артикул", "арт", "код", "код товара", "sku", "article", "item code", "code"),
    "unit": (
        "ед",
        "ед изм",
        "ед измерения",
        "единица",
        "единица измерения",
        "ед из",
        "unit",
        "units",
        "uom",
    ),
    "price": (
        "цена",
        "цена руб",
        "цена с ндс",
        "цена без ндс",
        "цена за ед",
        "цена за единицу",
        "стоимость",
        "розничная цена",
        "оптовая цена",
        "price",
        "unit price",
    ),
    "vat": ("ндс", "ставка ндс", "ндс ставка", "vat", "vat rate"),
    "description": (
        "описание",
        "примечание",
        "комментарий",
        "характеристики",
        "description",
        "note",
        "notes",
    ),
}
_LOOKUP = {alias: name for name, aliases in PRICE_ALIASES.items() for alias in aliases}
_PERCENT_CELL = Decimal(1)  # a cell formatted as percent holds 0.22 for 22 %


def guess_price_field(header: object) -> str | None:
    """The price-list field a column's header names, or None."""
    folded = fold_header(header)
    if not folded:
        return None
    if folded in _LOOKUP:
        return _LOOKUP[folded]
    for length in (3, 2, 1):  # "Цена, руб. (с НДС)": the first words decide
        start = " ".join(folded.split()[:length])
        if start in _LOOKUP:
            return _LOOKUP[start]
    return None


def price_header_score(cells: list[object]) -> int:
    """How many distinct price-list fields a row's cells name."""
    return len({f for f in map(guess_price_field, cells) if f is not None})


def read_price_list(path: str | Path, sheet: str | None = None) -> SheetTable:
    """The price list in a workbook or CSV file (BadInput saying what is wrong)."""
    try:
        return read_table(path, sheet, score=price_header_score)
    except NoHeader:
        raise BadInput(
            _(
                "{file} has no header row naming price-list columns"
                " (Наименование, Артикул, Ед. изм., Цена, НДС).",
                file=Path(path).name,
            )
        ) from None


def guess_price_mapping(headers: list[str]) -> dict[str, int]:
    """Field → column index, guessed from the headers (the first column of each field)."""
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = guess_price_field(header)
        if name is not None and name not in mapping:
            mapping[name] = index
    return mapping


def check_price_mapping(
    table: SheetTable, mapping: Mapping[str, int | str | None] | None
) -> dict[str, int]:
    """The mapping with header texts turned into column indices; None guesses it.
    Refuses (BadInput) an unknown field, a column the sheet lacks, or no name or price."""
    if mapping is None:
        checked = guess_price_mapping(table.headers)
    else:
        checked = {}
        for name, column in mapping.items():
            if name not in PRICE_FIELDS:
                raise BadInput(
                    _(
                        '"{field}" is not a price-list field; use one of: {fields}',
                        field=name,
                        fields=", ".join(PRICE_FIELDS),
                    )
                )
            if column is None:
                continue
            checked[name] = _column_index(table, column)
    for needed in ("name", "price"):
        if needed not in checked:
            raise BadInput(
                _(
                    "{file}: no column for the {field} (map one to it)",
                    file=table.source,
                    field=needed,
                )
            )
    return checked


def _column_index(table: SheetTable, column: int | str) -> int:
    if isinstance(column, int):
        if 0 <= column < len(table.headers):
            return column
    else:
        key = " ".join(column.split())
        for index, header in enumerate(table.headers):
            if " ".join(header.split()) == key:
                return index
    raise BadInput(_('{file} has no column "{column}"', file=table.source, column=str(column)))


@dataclass
class PriceImportReport:
    created: int = 0
    updated: int = 0
    rejected: list[RowError] = field(default_factory=list)

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({e.row for e in self.rejected})

    def to_json(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "rejected": [e.to_json() for e in self.rejected],
        }


@dataclass
class _Row:
    name: str
    sku: str | None
    unit_code: str
    unit_name: str
    price: Decimal
    vat_rate: Decimal | None
    vat_given: bool
    description: str | None


def import_price_list(
    session: Session,
    table: SheetTable,
    mapping: Mapping[str, int | str | None] | None = None,
) -> PriceImportReport:
    """Add or update products from `table` (see the module's doc). `mapping` is field →
    column index or header text (None: guessed from the headers)."""
    columns = check_price_mapping(table, mapping)
    settings = get_invoice_settings(session)
    live = list(session.scalars(select(Product).where(Product.deleted_at.is_(None))))
    by_sku = {p.sku.casefold(): p for p in live if p.sku}
    by_name = {fold(p.name): p for p in live if not p.sku}
    report = PriceImportReport()
    for source in table.rows:
        errors: list[RowError] = []
        row = _read_row(table, source, columns, settings, errors)
        if row is None:
            report.rejected.extend(errors)
            continue
        product = by_sku.get(row.sku.casefold()) if row.sku else by_name.get(fold(row.name))
        if product is None:
            product = Product(
                name=row.name,
                sku=row.sku,
                unit_code=row.unit_code,
                unit_name=row.unit_name,
                price=row.price,
                currency="RUB",
                vat_rate=row.vat_rate if row.vat_given else settings.default_rate(),
                is_service=row.unit_code in SERVICE_UNITS,
                active=True,
                description=row.description,
            )
            session.add(product)
            report.created += 1
        else:
            product.name = row.name
            product.price = row.price
            if "unit" in columns:
                product.unit_code, product.unit_name = row.unit_code, row.unit_name
            if row.vat_given:
                product.vat_rate = row.vat_rate
            if row.description is not None:
                product.description = row.description
            product.active = True
            report.updated += 1
        if row.sku:
            by_sku[row.sku.casefold()] = product
        else:
            by_name[fold(row.name)] = product
    session.flush()
    return report


def _read_row(
    table: SheetTable,
    source: SourceRow,
    columns: dict[str, int],
    settings: InvoiceSettings,
    errors: list[RowError],
) -> _Row | None:
    def value(name: str) -> Cell:
        return source.cell(columns[name]) if name in columns else None

    def fail(name: str, cell: Cell, exc: ValidationError | BadInput) -> None:
        header = table.headers[columns[name]] if name in columns else ""
        text = "" if cell is None else str(cell)
        errors.append(RowError(source.number, header, name, text, exc.message))

    checks = (
        ("name", lambda c: check_name(_text(c))),
        ("sku", lambda c: check_sku(_text(c))),
        ("unit", lambda c: parse_unit(_text(c))),
        ("price", _price),
        ("vat", lambda c: _rate(settings, c)),
    )
    results: dict[str, Any] = {}
    for field_name, check in checks:
        cell = value(field_name)
        if field_name not in ("name", "price") and cell is None:
            continue
        try:
            results[field_name] = check(cell)
        except (ValidationError, NotFound) as exc:
            fail(field_name, cell, exc)
    if errors:
        return None
    unit = results.get("unit") or parse_unit(None)
    description = _text(value("description")).strip()
    return _Row(
        name=results["name"],
        sku=results.get("sku"),
        unit_code=unit.code,
        unit_name=unit.name,
        price=results["price"],
        vat_rate=results.get("vat"),
        vat_given="vat" in results,
        description=description[:DESCRIPTION_MAX] or None,
    )


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _price(cell: Cell) -> Decimal:
    """A price cell: a number as the sheet holds it (rounded to kopecks as Excel shows
    it), or text as people type it ("1 500,00 ₽")."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        raise ValidationError("price", _("Enter the price"))
    if isinstance(cell, bool):
        raise ValidationError("price", _('"{value}" is not a number', value=cell))
    if isinstance(cell, int | float | Decimal):
        try:
            number = Decimal(str(cell)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        except InvalidOperation:
            raise ValidationError("price", _('"{value}" is not a number', value=cell)) from None
        return parse_amount(number, "price")
    if not isinstance(cell, str):
        raise ValidationError("price", _('"{value}" is not a number', value=cell))
    return parse_amount(cell, "price")


_PERCENT = re.compile(r"\s*%\s*$")


def _rate(settings: InvoiceSettings, cell: Cell) -> Decimal | None:
    """A VAT cell: "22 %", 22, 0.22 (a percent-formatted cell), "без НДС"."""
    if isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
        number = Decimal(str(cell))
        if 0 < number < _PERCENT_CELL:
            number *= 100
        return product_rate(settings, number.normalize() if number else Decimal(0))
    text = _PERCENT.sub("", _text(cell)).strip()
    if fold(text) in ("без ндс", "без", "нет", "none", "-", "—"):
        text = "none"
    return product_rate(settings, text)
