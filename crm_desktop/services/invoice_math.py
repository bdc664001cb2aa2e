"""An invoice's sums, the way Russian accounting software (1C) computes them: Decimal only,
each line's amount and VAT rounded to kopecks half-up, the invoice's VAT the sum of the
lines' VAT (never recomputed from the total).

Three VAT modes (`VatMode`):
- `included`: prices include VAT; a line's VAT is amount × r / (100 + r), shown
  "в том числе НДС"; the total is the sum of the amounts.
- `on_top`: prices are without VAT; a line's VAT is amount × r / 100 and the total is
  the sum of the amounts plus the VAT.
- `none`: without VAT (simplified taxation): no line has VAT whatever its rate.

A line's rate of None means "без НДС" (no VAT on that line), which differs from 0 %
(VAT charged at a zero rate: printed "0 %", VAT 0.00).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from crm_desktop.models import VatMode

CENT = Decimal("0.01")
MILLI = Decimal("0.001")
HUNDRED = Decimal(100)


def kopecks(value: Decimal) -> Decimal:
    """Rounded to kopecks, half away from zero (0.005 → 0.01), as 1C rounds."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def quantity3(value: Decimal) -> Decimal:
    """A quantity to three decimals (the precision of the quantity column)."""
    return value.quantize(MILLI, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LineSums:
    amount: Decimal  # quantity × price, in kopecks: the line's "Сумма" as printed
    vat: Decimal  # the line's VAT in kopecks (0.00 without VAT)


@dataclass(frozen=True)
class Totals:
    """An invoice's figures: `amount` is the sum of the lines' amounts ("Итого"), `vat`
    the sum of their VAT, `total` what the payer pays ("Всего к оплате")."""

    amount: Decimal
    vat: Decimal
    total: Decimal

    @property
    def net(self) -> Decimal:
        """The total without VAT."""
        return self.total - self.vat


def vat_of(amount: Decimal, rate: Decimal | None, mode: VatMode | str) -> Decimal:
    """The VAT of a line amount at `rate` percent under `mode`, in kopecks."""
    mode = VatMode(mode)
    if mode is VatMode.NONE or rate is None or rate == 0:
        return Decimal("0.00")
    if mode is VatMode.INCLUDED:
        return kopecks(amount * rate / (HUNDRED + rate))
    return kopecks(amount * rate / HUNDRED)


def line_sums(
    quantity: Decimal, price: Decimal, rate: Decimal | None, mode: VatMode | str
) -> LineSums:
    """A line's amount (quantity to 3 decimals × price, rounded to kopecks) and its VAT."""
    for value in (quantity, price, rate):
        if isinstance(value, float):
            raise TypeError("invoice sums are Decimal, never float")
    amount = kopecks(quantity3(quantity) * price)
    return LineSums(amount=amount, vat=vat_of(amount, rate, mode))


def totals(lines: Iterable[LineSums], mode: VatMode | str) -> Totals:
    """The invoice's figures from its lines' sums: VAT per line, then summed."""
    mode = VatMode(mode)
    amount = Decimal("0.00")
    vat = Decimal("0.00")
    for line in lines:
        amount += line.amount
        vat += line.vat
    total = amount + vat if mode is VatMode.ON_TOP else amount
    return Totals(amount=amount, vat=vat, total=total)


def vat_by_rate(
    lines: Iterable[tuple[Decimal | None, LineSums]],
) -> list[tuple[Decimal | None, Decimal]]:
    """The VAT summed per rate (for a footer that lists "НДС 22 %", "НДС 10 %"), rates in
    descending order, "без НДС" (None) last; rates whose VAT is zero are kept (0 %)."""
    sums: dict[Decimal | None, Decimal] = {}
    for rate, line in lines:
        sums[rate] = sums.get(rate, Decimal("0.00")) + line.vat  # 22 and 22.00 are one key
    rated = sorted((r for r in sums if r is not None), reverse=True)
    ordered: list[Decimal | None] = [*rated, *([None] if None in sums else [])]
    return [(rate, sums[rate]) for rate in ordered]
