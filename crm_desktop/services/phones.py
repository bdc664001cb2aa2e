"""Phone numbers: parsed in any common writing, stored as E.164, shown formatted."""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _

DEFAULT_REGION = "RU"
_EXTENSION = re.compile(
    r"\s*(?:доб\.?|добавочный|вн\.?|внутр\.?|ext\.?|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE
)
_FLOAT_TAIL = re.compile(r"^(\d+)\.0+$")
_NON_DIGITS = re.compile(r"\D")
_PLAIN = re.compile(r"^\+?[\d\s().\-]+$")  # digits and separators only: no letters, no "x"


@lru_cache(maxsize=1)
def _russian_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """phonenumbers' own patterns for a 10-digit Russian national number: the general
    one, and that of any number type (fixed line, mobile, toll free ...)."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(DEFAULT_REGION)
    assert meta is not None and meta.general_desc is not None
    descs = (
        meta.fixed_line,
        meta.mobile,
        meta.toll_free,
        meta.premium_rate,
        meta.shared_cost,
        meta.personal_number,
        meta.voip,
        meta.pager,
        meta.uan,
        meta.voicemail,
    )
    types = [
        desc.national_number_pattern
        for desc in descs
        if desc is not None
        and desc.national_number_pattern
        and (not desc.possible_length or 10 in desc.possible_length)
    ]
    general = meta.general_desc.national_number_pattern or "$^"
    return re.compile(general), re.compile("|".join(f"(?:{t})" for t in types) or "$^")


def _russian(text: str, digits: str) -> str | None:
    """E.164 for a plainly written +7 number that phonenumbers' Russian patterns accept,
    without its parser (20 µs a number, too slow for an import of 100,000 rows); None
    means "ask phonenumbers" (another country, letters, an invalid number)."""
    if len(digits) != 11 or digits[0] != "7" or not _PLAIN.match(text):
        return None
    national = digits[1:]
    general, types = _russian_patterns()
    if general.fullmatch(national) and types.fullmatch(national):
        return "+" + digits
    return None


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
    digits = _NON_DIGITS.sub("", text)
    if not text.lstrip().startswith("+"):
        if len(digits) == 11 and digits[0] in "78":
            text = "+7" + digits[1:]
        elif len(digits) == 10:
            text = "+7" + digits
    fast = _russian(text, _NON_DIGITS.sub("", text))
    if fast is not None:
        return fast, extension
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
