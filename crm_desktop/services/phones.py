"""Phone numbers: parsed in any common writing, stored as E.164, shown formatted."""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _

DEFAULT_REGION = "RU"
_EXTENSION = re.compile(r"\s*(?:доб\.?|добавочный|ext\.?|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE)
_FLOAT_TAIL = re.compile(r"^(\d+)\.0+$")


@lru_cache(maxsize=65536)
def _parse(raw: str) -> tuple[str, str | None] | None:
    text = raw.strip()
    extension = None
    match = _EXTENSION.search(text)
    if match:
        extension = match.group(1)
        text = text[: match.start()]
    float_tail = _FLOAT_TAIL.match(text)  # a number typed into a spreadsheet cell
    if float_tail:
        text = float_tail.group(1)
    digits = re.sub(r"\D", "", text)
    if not text.lstrip().startswith("+"):
        if len(digits) == 11 and digits[0] in "78":
            text = "+7" + digits[1:]
        elif len(digits) == 10:
            text = "+7" + digits
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), extension


def normalize_phone(raw: str | int | float, field: str = "phone") -> str:
    """E.164 for a number written as people write it ("8 (912) 345-67-89",
    "+7 912 345 67 89", "89123456789", 9123456789 typed as a number ...).
    Raises `ValidationError(field)` when it is not a real number."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    parsed = _parse(str(raw))
    if parsed is None:
        raise ValidationError(field, _('"{value}" is not a valid phone number', value=raw))
    return parsed[0]


def split_extension(raw: str) -> tuple[str, str | None]:
    """E.164 and the extension ("доб. 123") if the writing carries one."""
    parsed = _parse(str(raw))
    if parsed is None:
        raise ValidationError("phone", _('"{value}" is not a valid phone number', value=raw))
    return parsed


def format_phone(e164: str) -> str:
    """For display: "+7 912 345-67-89"."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
