"""What a document's table and totals print: its lines, and the totals under them
("Итого", the VAT line as the VAT mode words it, "Всего к оплате")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from crm_desktop.models import VatMode
from crm_desktop.services.documents.russian import rate


@dataclass(frozen=True)
class DocumentLine:
    name: str
    quantity: Decimal
    unit: str
    price: Decimal
    vat_rate: Decimal | None
    vat_amount: Decimal
    amount: Decimal  # quantity × price, as the price is (with or without VAT)


@dataclass(frozen=True)
class TotalLine:
    label: str
    amount: Decimal | None  # None: printed as a dash ("Без НДС")


def _rates(lines: Sequence[DocumentLine]) -> str:
    rates = sorted({line.vat_rate for line in lines if line.vat_rate is not None})
    return ", ".join(rate(r) for r in rates)


def vat_line(mode: VatMode, lines: Sequence[DocumentLine], vat_total: Decimal) -> TotalLine:
    """ "В том числе НДС (22%):", "НДС (22%):" or "Без НДС"."""
    rates = _rates(lines)
    suffix = f" ({rates})" if rates else ""
    if mode == VatMode.INCLUDED:
        return TotalLine(f"В том числе НДС{suffix}:", vat_total)
    if mode == VatMode.ON_TOP:
        return TotalLine(f"НДС{suffix}:", vat_total)
    return TotalLine("Без НДС", None)


def total_lines(
    mode: VatMode,
    lines: Sequence[DocumentLine],
    total: Decimal,
    vat_total: Decimal,
    last: str = "Всего к оплате:",
) -> tuple[TotalLine, ...]:
    """ "Итого" (the lines' sum: without VAT when it is added on top), the VAT line and
    "Всего к оплате" (what is paid; `last` words it otherwise)."""
    subtotal = total - vat_total if mode == VatMode.ON_TOP else total
    return (
        TotalLine("Итого:", subtotal),
        vat_line(mode, lines, vat_total),
        TotalLine(last, total),
    )
