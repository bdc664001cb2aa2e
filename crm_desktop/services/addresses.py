"""Addresses as people write them: one line, spaces tidied, the postcode noticed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import AddressKind

ADDRESS_MAX = 500
_POSTCODE = re.compile(r"^(\d{6})(?:\s*,|\s|$)")


@dataclass(frozen=True)
class CheckedAddress:
    kind: AddressKind
    text: str
    postcode: str | None


def address_kind(raw: AddressKind | str, field: str = "addresses") -> AddressKind:
    try:
        return AddressKind(str(raw).strip().lower())
    except ValueError:
        raise ValidationError(field, _('"{value}" is not a kind of address', value=raw)) from None


def normalize_address(
    kind: AddressKind | str, raw: str, field: str = "addresses"
) -> CheckedAddress:
    """An address on one line ("123456, г. Москва, ул. Ленина, д. 1"): lines joined with
    commas, spaces collapsed; a leading six-digit Russian postcode is kept apart too.
    Raises `ValidationError(field)` when it is empty, has no letters or is too long."""
    checked = address_kind(kind, field)
    lines = [" ".join(line.split()).strip(" ,") for line in raw.splitlines()]
    text = ", ".join(line for line in lines if line)
    if not text:
        raise ValidationError(field, _("Enter the address"))
    if not any(ch.isalpha() for ch in text) or len(text) < 5:
        raise ValidationError(field, _('"{value}" does not look like an address', value=text))
    if len(text) > ADDRESS_MAX:
        raise ValidationError(
            field, _("Too long: at most {n} characters, given {m}", n=ADDRESS_MAX, m=len(text))
        )
    postcode = _POSTCODE.match(text)
    return CheckedAddress(checked, text, postcode.group(1) if postcode else None)
