"""The company's invoice settings, kept on its profile: the VAT mode (without VAT, prices
including VAT, or VAT on top), the rates offered (configurable: rates change, 22 % is the
standard one since 2026), the rate a new line takes, the number's pattern and the days
given to pay."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import BadInput, PermissionDenied, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import CompanyProfile, VatMode
from crm_desktop.services.amounts import parse_vat_rate
from crm_desktop.services.users import require_admin

DEFAULT_RATES = "0,5,7,10,22"
DEFAULT_PATTERN = "{year}-{number:04d}"
PATTERN_MAX = 60
NUMBER_TEXT_MAX = 40
PAYMENT_DAYS_MAX = 365
_SPEC = re.compile(r"^(?:0?[1-9])?d?$")  # "", "d", "04d", "4d"
_MODE_WORDS = {
    "none": VatMode.NONE,
    "без ндс": VatMode.NONE,
    "included": VatMode.INCLUDED,
    "в том числе": VatMode.INCLUDED,
    "on_top": VatMode.ON_TOP,
    "on-top": VatMode.ON_TOP,
    "сверху": VatMode.ON_TOP,
}


@dataclass(frozen=True)
class InvoiceSettings:
    vat_mode: VatMode = VatMode.NONE
    vat_rate: Decimal | None = None  # the rate of a new line (None: without VAT)
    vat_rates: tuple[Decimal, ...] = tuple(Decimal(r) for r in DEFAULT_RATES.split(","))
    invoice_pattern: str = DEFAULT_PATTERN
    payment_days: int = 5

    def default_rate(self) -> Decimal | None:
        """What a new line's VAT rate is: none without VAT, else the default rate."""
        return None if self.vat_mode is VatMode.NONE else self.vat_rate

    def to_json(self) -> dict[str, object]:
        return {
            "vat_mode": self.vat_mode.value,
            "vat_rate": rate_text(self.vat_rate),
            "vat_rates": [rate_text(r) for r in self.vat_rates],
            "invoice_pattern": self.invoice_pattern,
            "payment_days": self.payment_days,
        }


@dataclass(frozen=True)
class SettingsChanges:
    """What to change; None leaves a setting as it is. `vat_rate` "none" (or "")
    makes new lines without VAT."""

    vat_mode: VatMode | str | None = None
    vat_rate: str | Decimal | None = None
    vat_rates: str | None = None  # "0,5,7,10,22"
    invoice_pattern: str | None = None
    payment_days: int | str | None = None


def rate_text(rate: Decimal | None) -> str | None:
    """ "22", "7.5": a rate without trailing zeros; None for without VAT."""
    if rate is None:
        return None
    return format(rate.normalize(), "f")


def parse_vat_mode(raw: VatMode | str, field: str = "vat_mode") -> VatMode:
    if isinstance(raw, VatMode):
        return raw
    mode = _MODE_WORDS.get(" ".join(raw.strip().lower().split()))
    if mode is None:
        raise ValidationError(
            field,
            _('"{value}" is not a VAT mode (one of: none, included, on-top)', value=raw),
        )
    return mode


def parse_rates(raw: str, field: str = "vat_rates") -> tuple[Decimal, ...]:
    """ "0, 5, 7, 10, 22" (a semicolon or space does too): distinct rates, ascending."""
    parts = [p for p in re.split(r"[;,\s]+", raw.replace("%", " ")) if p]
    rates: set[Decimal] = set()
    for part in parts:
        rate = parse_vat_rate(part, field)
        if rate is None:
            raise ValidationError(field, _('"{value}" is not a VAT rate', value=part))
        rates.add(rate)
    if not rates:
        raise ValidationError(field, _("Give at least one VAT rate"))
    return tuple(sorted(rates))


def check_pattern(raw: str, field: str = "invoice_pattern") -> str:
    """An invoice number's pattern: text with {number} (or {number:04d}, zero-padded)
    and optionally {year}; nothing else in braces."""
    pattern = raw.strip()
    problem = _("Use {year} and {number} (or {number:04d}) and plain text only")
    if not pattern or len(pattern) > PATTERN_MAX:
        raise ValidationError(field, problem)
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError:
        raise ValidationError(field, problem) from None
    names = set()
    for _text, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in ("year", "number") or conversion or not _SPEC.match(spec or ""):
            raise ValidationError(field, problem)
        names.add(name)
    if "number" not in names:
        raise ValidationError(field, _("The pattern must contain {number}"))
    if len(number_text(pattern, 9999, 999_999)) > NUMBER_TEXT_MAX:
        raise ValidationError(field, _("The pattern makes numbers longer than 40 characters"))
    return pattern


def number_text(pattern: str, year: int, number: int) -> str:
    """The printed number: `pattern` filled in ("2026-0001")."""
    return pattern.format(year=year, number=number)


def _profile(session: Session) -> CompanyProfile | None:
    query = select(CompanyProfile).where(CompanyProfile.deleted_at.is_(None))
    return session.scalars(query.order_by(CompanyProfile.created_at).limit(1)).first()


def _stored_mode(profile: CompanyProfile) -> tuple[VatMode, Decimal | None]:
    """The stored mode; an older profile may hold a rate there ("22": prices with VAT)."""
    raw = (profile.vat_mode or "none").strip()
    try:
        return VatMode(raw), profile.vat_rate
    except ValueError:
        pass
    try:
        rate = parse_vat_rate(raw)
    except ValidationError:
        return VatMode.NONE, profile.vat_rate
    if rate is None:
        return VatMode.NONE, profile.vat_rate
    return VatMode.INCLUDED, profile.vat_rate if profile.vat_rate is not None else rate


def get_invoice_settings(session: Session) -> InvoiceSettings:
    """The saved settings (the defaults when the company is not described yet)."""
    profile = _profile(session)
    if profile is None:
        return InvoiceSettings()
    mode, rate = _stored_mode(profile)
    try:
        rates = parse_rates(profile.vat_rates or DEFAULT_RATES)
    except ValidationError:
        rates = InvoiceSettings().vat_rates
    return InvoiceSettings(
        vat_mode=mode,
        vat_rate=rate,
        vat_rates=rates,
        invoice_pattern=profile.invoice_pattern or DEFAULT_PATTERN,
        payment_days=profile.payment_days if profile.payment_days is not None else 5,
    )


def check_rate(settings: InvoiceSettings, rate: Decimal | None, field: str = "vat_rate") -> None:
    """Refuse a rate the company does not offer (None, without VAT, always passes)."""
    if rate is not None and rate not in settings.vat_rates:
        raise ValidationError(
            field,
            _(
                "VAT rate {rate} % is not one of the company's rates ({rates})",
                rate=rate_text(rate),
                rates=", ".join(f"{rate_text(r)} %" for r in settings.vat_rates),
            ),
        )


def save_invoice_settings(session: Session, changes: SettingsChanges) -> InvoiceSettings:
    """Change the settings (an administrator only; the company must be described first).
    Switching to a mode with VAT without a default rate takes the highest rate offered."""
    try:
        require_admin(session)
    except PermissionDenied:
        raise PermissionDenied(
            _("Only an administrator can change the company's requisites.")
        ) from None
    profile = _profile(session)
    if profile is None:
        raise BadInput(_("Describe the company first: it has no name yet."))
    current = get_invoice_settings(session)
    mode = parse_vat_mode(changes.vat_mode) if changes.vat_mode is not None else current.vat_mode
    rates = parse_rates(changes.vat_rates) if changes.vat_rates is not None else current.vat_rates
    rate = current.vat_rate
    if changes.vat_rate is not None:
        rate = parse_vat_rate(changes.vat_rate)
    elif rate is not None and rate not in rates:
        rate = None
    if rate is None and mode is not VatMode.NONE and changes.vat_rate is None:
        rate = max(rates)
    settings = InvoiceSettings(
        vat_mode=mode,
        vat_rate=rate,
        vat_rates=rates,
        invoice_pattern=(
            check_pattern(changes.invoice_pattern)
            if changes.invoice_pattern is not None
            else current.invoice_pattern
        ),
        payment_days=(
            _payment_days(changes.payment_days)
            if changes.payment_days is not None
            else current.payment_days
        ),
    )
    check_rate(settings, settings.vat_rate)
    profile.vat_mode = settings.vat_mode.value
    profile.vat_rate = settings.vat_rate
    profile.vat_rates = ",".join(rate_text(r) or "" for r in settings.vat_rates)
    profile.invoice_pattern = settings.invoice_pattern
    profile.payment_days = settings.payment_days
    session.flush()
    return settings


def _payment_days(raw: int | str, field: str = "payment_days") -> int:
    text = str(raw).strip()
    if not text.isdigit() or int(text) > PAYMENT_DAYS_MAX:
        raise ValidationError(
            field, _("Days to pay is a whole number from 0 to {n}", n=PAYMENT_DAYS_MAX)
        )
    return int(text)
