"""Russian requisites with check digits: INN, KPP, OGRN(IP), BIC and bank accounts."""

from __future__ import annotations

import re

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ru import inn as stdnum_inn
from stdnum.ru import ogrn as stdnum_ogrn

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _

_KPP = re.compile(r"^\d{4}[\dA-Z]{2}\d{3}$")
_ACCOUNT_WEIGHTS = ((7, 1, 3) * 8)[:23]  # 3 bank digits + 20 account digits


def _digits(raw: str | int | float) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return re.sub(r"[\s-]", "", str(raw))


def normalize_inn(raw: str | int, field: str = "inn", *, kind: str | None = None) -> str:
    """A valid INN: 10 digits (an organisation) or 12 (a person or sole trader).
    `kind="company"` admits both (an ИП is a company with a 12-digit INN);
    `kind="person"` admits only 12."""
    value = _digits(raw)
    if not value.isdigit() or len(value) not in (10, 12):
        raise ValidationError(field, _('INN "{value}" must have 10 or 12 digits', value=raw))
    if kind == "person" and len(value) != 12:
        raise ValidationError(field, _('A person\'s INN "{value}" must have 12 digits', value=raw))
    try:
        stdnum_inn.validate(value)
    except StdnumError:
        raise ValidationError(
            field, _('INN "{value}" has a wrong check digit', value=raw)
        ) from None
    return value


def normalize_kpp(raw: str, field: str = "kpp") -> str:
    value = _digits(raw).upper()
    if not _KPP.match(value):
        raise ValidationError(
            field,
            _(
                'KPP "{value}" must be 9 characters (4 digits, 2 digits or letters, 3 digits)',
                value=raw,
            ),
        )
    return value


def normalize_ogrn(raw: str | int, field: str = "ogrn") -> str:
    value = _digits(raw)
    if not value.isdigit() or len(value) not in (13, 15):
        raise ValidationError(
            field, _('OGRN "{value}" must have 13 digits (15 for a sole trader)', value=raw)
        )
    try:
        if len(value) == 15:
            # stdnum compares the whole remainder modulo 13 with the check digit, so it
            # rejects every valid OGRNIP whose remainder is 10, 11 or 12; the check digit
            # is the remainder's lowest digit.
            if value[0] not in "34" or int(value[:14]) % 13 % 10 != int(value[14]):
                raise StdnumError()
        else:
            stdnum_ogrn.validate(value)
    except StdnumError:
        raise ValidationError(
            field, _('OGRN "{value}" has a wrong check digit', value=raw)
        ) from None
    return value


def normalize_bic(raw: str, field: str = "bic") -> str:
    value = _digits(raw)
    if not re.fullmatch(r"\d{9}", value) or not value.startswith("0"):
        raise ValidationError(field, _('BIC "{value}" must be 9 digits starting with 0', value=raw))
    return value


def _account_key_ok(prefix3: str, account: str) -> bool:
    number = prefix3 + account
    return sum(int(d) * w for d, w in zip(number, _ACCOUNT_WEIGHTS, strict=True)) % 10 == 0


def normalize_account(raw: str, bic: str, field: str = "account") -> str:
    """A settlement account (20 digits) checked against the bank's BIC (the control key
    of the Bank of Russia: weights 7-1-3 over the BIC's last 3 digits and the account)."""
    bic = normalize_bic(bic)
    value = _digits(raw)
    if not re.fullmatch(r"\d{20}", value):
        raise ValidationError(field, _('Account "{value}" must have 20 digits', value=raw))
    if not _account_key_ok(bic[-3:], value):
        raise ValidationError(
            field,
            _('Account "{value}" does not match BIC {bic} (wrong control key)', value=raw, bic=bic),
        )
    return value


def normalize_corr_account(raw: str, bic: str, field: str = "corr_account") -> str:
    """A correspondent account (301...): it ends with the BIC's last three digits, and its
    control key is computed with "0" + BIC digits 5–6 as prefix."""
    bic = normalize_bic(bic)
    value = _digits(raw)
    if not re.fullmatch(r"301\d{17}", value):
        raise ValidationError(
            field,
            _('Correspondent account "{value}" must be 20 digits starting with 301', value=raw),
        )
    if value[-3:] != bic[-3:] or not _account_key_ok("0" + bic[4:6], value):
        raise ValidationError(
            field,
            _(
                'Correspondent account "{value}" does not match BIC {bic} (wrong control key)',
                value=raw,
                bic=bic,
            ),
        )
    return value
