"""E-mail addresses: trimmed, lower-cased, checked for a plausible shape."""

from __future__ import annotations

import re

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _

_EMAIL = re.compile(
    r"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"(?:[a-z0-9а-яё](?:[a-z0-9а-яё-]{0,61}[a-z0-9а-яё])?\.)+"
    r"(?:[a-zа-яё]{2,63}|xn--[a-z0-9-]{1,59})$"
)


def normalize_email(raw: str, field: str = "email") -> str:
    value = raw.strip().lower()
    if len(value) > 254 or ".." in value or not _EMAIL.match(value):
        raise ValidationError(
            field, _('"{value}" is not a valid e-mail address', value=raw.strip())
        )
    return value
