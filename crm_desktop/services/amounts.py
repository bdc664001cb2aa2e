"""Numbers as people type them into money fields: amounts ("150 000,50", "1 500 ₽",
"1,500,000.00"), quantities, VAT rates and percentages. Always `Decimal`, never float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _

CENT = Decimal("0.01")
MILLI = Decimal("0.001")
AMOUNT_LIMIT = Decimal(10) ** 12  # Numeric(14, 2)
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_SIGNS = re.compile(r"(₽|руб\.?|р\.|rub|\$|€)$", re.IGNORECASE)
_GROUPS = re.compile(r"(?<=\d)[\s\u00a0\u202f']+(?=\d)")
_NO_VAT = ("", "none", "без ндс", "без")


def parse_amount(raw: str | Decimal | int, field: str = "amount") -> Decimal:
    """An amount of money as people type it: "150 000,50", "1500.5", "1 500 ₽",
    "1,500,000.00"; never negative, at most two decimals."""
    if isinstance(raw, float):
        raise TypeError("money is Decimal, never float")
    value = Decimal(raw) if isinstance(raw, Decimal | int) else decimal_text(raw, field, 2)
    if value < 0:
        raise ValidationError(field, _("An amount cannot be negative"))
    if value >= AMOUNT_LIMIT:
        raise ValidationError(field, _("The number is too large"))
    if value != value.quantize(CENT):
        raise ValidationError(field, _("At most {n} digits after the decimal point", n=2))
    return value.quantize(CENT)


def decimal_text(raw: str, field: str, places: int) -> Decimal:
    """A decimal written with spaces (or apostrophes) between digit groups, a comma or a
    point for the decimals, or both ("1,500.50", "1.500,50": the last mark is the
    decimal one), a currency sign after it; at most `places` decimals."""
    text = _SIGNS.sub("", raw.strip()).strip()
    text = _GROUPS.sub("", text)
    negative = text.startswith("-")
    body = text[1:].strip() if negative else text
    if "," in body and "." in body:
        decimal_mark = "," if body.rfind(",") > body.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        body = body.replace(group_mark, "").replace(decimal_mark, ".")
    elif body.count(",") > 1 or body.count(".") > 1:  # "1,500,000": groups only
        mark = "," if "," in body else "."
        parts = body.split(mark)
        if all(len(p) == 3 for p in parts[1:]):
            body = "".join(parts)
    else:
        body = body.replace(",", ".")
    if not _NUMBER.match(body):
        raise ValidationError(field, _('"{value}" is not a number', value=raw.strip()))
    try:
        value = Decimal(body)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise ValidationError(field, _('"{value}" is not a number', value=raw.strip())) from None
    if value != value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):
        raise ValidationError(field, _("At most {n} digits after the decimal point", n=places))
    return -value if negative else value


def parse_quantity(raw: str | Decimal | int, field: str = "quantity") -> Decimal:
    """More than zero, at most three decimals."""
    if isinstance(raw, float):
        raise TypeError("quantities are Decimal, never float")
    value = Decimal(raw) if isinstance(raw, Decimal | int) else decimal_text(raw, field, 3)
    if value <= 0:
        raise ValidationError(field, _("A quantity must be more than zero"))
    if value != value.quantize(MILLI) or value >= AMOUNT_LIMIT:
        raise ValidationError(field, _("At most {n} digits after the decimal point", n=3))
    return value


def parse_vat_rate(raw: str | Decimal, field: str = "vat_rate") -> Decimal | None:
    """A VAT rate in percent ("22", "20 %"); None for "без НДС" (or blank)."""
    if isinstance(raw, str) and raw.strip().lower() in _NO_VAT:
        return None
    value = (
        raw if isinstance(raw, Decimal) else decimal_text(raw.strip().removesuffix("%"), field, 2)
    )
    if not 0 <= value <= 100:
        raise ValidationError(field, _("A VAT rate is from 0 to 100 %"))
    return value


def parse_probability(raw: str | int, field: str = "probability") -> int | None:
    """0 to 100 ("40", "40 %"); None when blank."""
    if isinstance(raw, int):
        value = raw
    else:
        text = raw.strip().removesuffix("%").strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValidationError(field, _("A probability is from 0 to 100 %"))
        value = int(text)
    if not 0 <= value <= 100:
        raise ValidationError(field, _("A probability is from 0 to 100 %"))
    return value
