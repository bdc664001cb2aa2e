"""The user's own company (the requisites printed on invoices): checked field by field,
so a form can show each problem next to its field while the user types, and saved as the
one profile row of the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import PermissionDenied, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import CompanyProfile
from crm_desktop.services.emails import normalize_email
from crm_desktop.services.phones import normalize_phone
from crm_desktop.services.requisites import (
    normalize_account,
    normalize_bic,
    normalize_corr_account,
    normalize_inn,
    normalize_kpp,
    normalize_ogrn,
)
from crm_desktop.services.users import require_admin

LIMITS = {
    "short_name": 300,
    "full_name": 500,
    "legal_address": 500,
    "postal_address": 500,
    "bank_name": 300,
    "director": 200,
    "chief_accountant": 200,
}


@dataclass(frozen=True)
class CompanyDetails:
    """The profile as text fields ("" = not given), in the order a form shows them."""

    short_name: str = ""
    full_name: str = ""
    inn: str = ""
    kpp: str = ""
    ogrn: str = ""
    legal_address: str = ""
    postal_address: str = ""
    phone: str = ""
    email: str = ""
    director: str = ""
    chief_accountant: str = ""
    bank_name: str = ""
    bic: str = ""
    corr_account: str = ""
    account: str = ""

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def stripped(self) -> CompanyDetails:
        return CompanyDetails(**{k: " ".join(v.split()) for k, v in asdict(self).items()})


def _check_field(name: str, value: str, details: CompanyDetails) -> str:
    """The normalised value of one field, or ValidationError naming it."""
    if name == "short_name" and not value:
        raise ValidationError(name, _("Enter the company's name"))
    if not value:
        return ""
    if name in LIMITS and len(value) > LIMITS[name]:
        raise ValidationError(name, _("At most {n} characters", n=LIMITS[name]))
    inn_digits = "".join(ch for ch in details.inn if ch.isdigit())
    checks: dict[str, Callable[[], str]] = {
        "inn": lambda: normalize_inn(value, name, kind="company"),
        "kpp": lambda: _kpp(value, inn_digits),
        "ogrn": lambda: _ogrn(value, inn_digits),
        "phone": lambda: normalize_phone(value, name),
        "email": lambda: normalize_email(value, name),
        "bic": lambda: normalize_bic(value, name),
        "corr_account": lambda: _with_bic(details, name, value, normalize_corr_account),
        "account": lambda: _with_bic(details, name, value, normalize_account),
    }
    return checks[name]() if name in checks else value


def _kpp(value: str, inn_digits: str) -> str:
    if len(inn_digits) == 12:
        raise ValidationError("kpp", _("A sole trader (12-digit INN) has no KPP"))
    return normalize_kpp(value)


def _ogrn(value: str, inn_digits: str) -> str:
    ogrn = normalize_ogrn(value)
    if len(inn_digits) == 10 and len(ogrn) != 13:
        raise ValidationError("ogrn", _("An organisation's OGRN has 13 digits"))
    if len(inn_digits) == 12 and len(ogrn) != 15:
        raise ValidationError("ogrn", _("A sole trader's OGRNIP has 15 digits"))
    return ogrn


def _with_bic(
    details: CompanyDetails, name: str, value: str, check: Callable[[str, str, str], str]
) -> str:
    if not details.bic:
        raise ValidationError(name, _("Enter the bank's BIC first: the account is checked with it"))
    try:
        normalize_bic(details.bic)
    except ValidationError:
        raise ValidationError(name, _("Correct the bank's BIC first")) from None
    return check(value, details.bic, name)


def company_errors(details: CompanyDetails) -> dict[str, str]:
    """Every field's problem, by field name (empty when all is well): for a form that
    shows them as the user types."""
    details = details.stripped()
    errors: dict[str, str] = {}
    for name in CompanyDetails.field_names():
        try:
            _check_field(name, getattr(details, name), details)
        except ValidationError as exc:
            errors[name] = exc.message
    return errors


def check_company(details: CompanyDetails) -> CompanyDetails:
    """The details normalised (INN digits, E.164 phone, ...), or ValidationError naming
    the first wrong field."""
    details = details.stripped()
    values = {
        name: _check_field(name, getattr(details, name), details)
        for name in CompanyDetails.field_names()
    }
    return CompanyDetails(**values)


def _profile(session: Session) -> CompanyProfile | None:
    query = select(CompanyProfile).where(CompanyProfile.deleted_at.is_(None))
    return session.scalars(query.order_by(CompanyProfile.created_at).limit(1)).first()


def get_company_profile(session: Session) -> CompanyDetails | None:
    """The saved profile, or None when the company has not been described yet."""
    profile = _profile(session)
    if profile is None:
        return None
    return CompanyDetails(
        **{name: getattr(profile, name) or "" for name in CompanyDetails.field_names()}
    )


def save_company_profile(session: Session, details: CompanyDetails) -> CompanyDetails:
    """Check and store the profile (creating it the first time); returns what was stored.
    Only an administrator may (on SQLite, also the file's owner)."""
    try:
        require_admin(session)
    except PermissionDenied:
        raise PermissionDenied(
            _("Only an administrator can change the company's requisites.")
        ) from None
    checked = check_company(details)
    profile = _profile(session)
    if profile is None:
        profile = CompanyProfile()
        session.add(profile)
    for name, value in asdict(checked).items():
        setattr(profile, name, value if value or name in ("short_name", "full_name") else None)
    session.flush()
    return checked
