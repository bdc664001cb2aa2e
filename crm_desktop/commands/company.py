"""`company set|show`: the company's requisites and invoice settings."""

from __future__ import annotations

import argparse
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from crm_desktop.commands.context import Context, print_json
from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _
from crm_desktop.services.company_images import (
    IMAGE_KINDS,
    loaded_images,
    read_image_file,
    set_company_image,
)
from crm_desktop.services.company_profile import (
    CompanyDetails,
    get_company_profile,
    save_company_profile,
)
from crm_desktop.services.invoice_parties import requisite_label, supplier_problems
from crm_desktop.services.invoice_settings import (
    InvoiceSettings,
    SettingsChanges,
    get_invoice_settings,
    save_invoice_settings,
)
from crm_desktop.store.database import CrmSession

# option → the profile's field
REQUISITE_OPTIONS = {
    "name": "short_name",
    "full_name": "full_name",
    "inn": "inn",
    "kpp": "kpp",
    "ogrn": "ogrn",
    "address": "legal_address",
    "postal_address": "postal_address",
    "phone": "phone",
    "email": "email",
    "bank": "bank_name",
    "bic": "bic",
    "account": "account",
    "corr_account": "corr_account",
    "director": "director",
    "accountant": "chief_accountant",
}


def register(commands: Any) -> None:
    company = commands.add_parser("company", help=_("the company's requisites"))
    sub = company.add_subparsers(dest="company_command", parser_class=type(company))

    set_ = sub.add_parser(
        "set", help=_("change the company's requisites (an empty value clears a field)")
    )
    set_.add_argument("--name", help=_("the short name printed on invoices"))
    set_.add_argument("--full-name")
    set_.add_argument("--inn")
    set_.add_argument("--kpp")
    set_.add_argument("--ogrn")
    set_.add_argument("--address", help=_("the legal address"))
    set_.add_argument("--postal-address")
    set_.add_argument("--phone")
    set_.add_argument("--email")
    set_.add_argument("--bank", help=_("the bank's name"))
    set_.add_argument("--bic")
    set_.add_argument("--account", help=_("the settlement account"))
    set_.add_argument("--corr-account", help=_("the bank's correspondent account"))
    set_.add_argument("--director")
    set_.add_argument("--accountant", help=_("the chief accountant"))
    set_.add_argument(
        "--vat", help=_("none (without VAT), included (in the prices) or on-top (added)")
    )
    set_.add_argument("--vat-rate", help=_('the rate of a new line in percent, or "none"'))
    set_.add_argument("--vat-rates", help=_('the rates offered, e.g. "0,5,7,10,22"'))
    set_.add_argument("--pattern", help=_("the invoice number's pattern, e.g. {year}-{number:04d}"))
    set_.add_argument("--payment-days", help=_("days to pay an invoice"))
    set_.add_argument(
        "--logo",
        metavar="FILE",
        help=_('the logo: a PNG, JPEG, GIF, BMP or WebP picture ("" removes it)'),
    )
    set_.add_argument(
        "--stamp",
        metavar="FILE",
        help=_('the stamp, best as PNG with a transparent background ("" removes it)'),
    )
    set_.add_argument(
        "--signature",
        metavar="FILE",
        help=_('the signature, best as PNG with a transparent background ("" removes it)'),
    )
    set_.add_argument("--json", action="store_true")
    set_.set_defaults(handler=cmd_set)

    show = sub.add_parser("show", help=_("the company's requisites"))
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)


def company_json(details: CompanyDetails | None, settings: InvoiceSettings) -> dict[str, Any]:
    """The profile's fields (null where empty), the invoice settings, and what an invoice
    still needs (`ready_to_invoice`, `missing`, `invalid`)."""
    missing, invalid = supplier_problems(details)
    fields = asdict(details or CompanyDetails())
    return {
        "described": details is not None,
        **{name: value or None for name, value in fields.items()},
        **settings.to_json(),
        "ready_to_invoice": not missing and not invalid,
        "missing": missing,
        "invalid": invalid,
    }


def _show(session: CrmSession) -> dict[str, Any]:
    shown = company_json(get_company_profile(session), get_invoice_settings(session))
    shown["images"] = loaded_images(session)
    return shown


def _image_files(args: argparse.Namespace) -> dict[str, bytes | None]:
    """The pictures given (None: remove it), read and checked before the database is
    opened; a bad file is named by its option."""
    images: dict[str, bytes | None] = {}
    for kind in IMAGE_KINDS:
        raw: str | None = getattr(args, kind)
        if raw is None:
            continue
        try:
            images[kind] = read_image_file(Path(raw), kind) if raw.strip() else None
        except ValidationError as exc:
            raise ValidationError(f"--{kind}", exc.message) from None
    return images


def _store_images(session: CrmSession, images: dict[str, bytes | None]) -> None:
    for kind, data in images.items():
        try:
            set_company_image(session, kind, data)
        except ValidationError as exc:
            raise ValidationError(f"--{kind}", exc.message) from None


def cmd_set(ctx: Context, args: argparse.Namespace) -> int:
    given = {
        field: getattr(args, option)
        for option, field in REQUISITE_OPTIONS.items()
        if getattr(args, option) is not None
    }
    settings = SettingsChanges(
        vat_mode=args.vat,
        vat_rate=args.vat_rate,
        vat_rates=args.vat_rates,
        invoice_pattern=args.pattern,
        payment_days=args.payment_days,
    )
    images = _image_files(args)
    with ctx.unit_of_work() as session:
        if given:
            current = get_company_profile(session) or CompanyDetails()
            save_company_profile(session, replace(current, **given))
        if any(value is not None for value in asdict(settings).values()):
            save_invoice_settings(session, settings)
        _store_images(session, images)
        shown = _show(session)
    if args.json:
        print_json(shown)
    else:
        print(_("Saved"))
        _print_problems(shown)
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work(write=False) as session:
        shown = _show(session)
    if args.json:
        print_json(shown)
        return 0
    labels = [(requisite_label(field), field) for field in REQUISITE_OPTIONS.values()]
    width = max(len(label) for label, _field in labels)
    for label, field in labels:
        print(f"{label.ljust(width)}  {shown[field] or ''}")
    print(f"{_('VAT').ljust(width)}  {_vat_text(shown)}")
    print(f"{_('Pictures').ljust(width)}  {_images_text(shown['images'])}")
    _print_problems(shown)
    return 0


def _images_text(images: dict[str, bool]) -> str:
    names = {"logo": _("logo"), "stamp": _("stamp"), "signature": _("signature")}
    loaded = [names[kind] for kind in IMAGE_KINDS if images[kind]]
    return ", ".join(loaded) if loaded else _("none loaded (logo, stamp, signature)")


def _vat_text(shown: dict[str, Any]) -> str:
    modes = {
        "none": _("without VAT"),
        "included": _("included in the prices"),
        "on_top": _("added on top of the prices"),
    }
    text = str(modes.get(shown["vat_mode"], shown["vat_mode"]))
    if shown["vat_mode"] != "none" and shown["vat_rate"] is not None:
        text += f", {shown['vat_rate']} %"
    return text


def _print_problems(shown: dict[str, Any]) -> None:
    if shown["missing"]:
        names = ", ".join(requisite_label(name) for name in shown["missing"])
        print(_("Invoices need: {fields}", fields=names))
    for name, reason in shown["invalid"].items():
        print(f"{requisite_label(name)}: {reason}")
