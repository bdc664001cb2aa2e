"""`invoice pdf|xlsx|send NUMBER_OR_ID` and `proposal pdf DEAL_ID`: the printed documents
from the command line. ReportLab and openpyxl are imported only when a command runs."""

from __future__ import annotations

import argparse
import io
from pathlib import Path
from typing import Any

from crm_desktop.commands.context import Context, parse_id, print_json
from crm_desktop.errors import BadInput
from crm_desktop.i18n import _
from crm_desktop.services.dates import parse_date
from crm_desktop.services.documents.invoice_data import InvoiceDocument, load_invoice_document
from crm_desktop.services.documents.invoice_mail import (
    invoice_body,
    invoice_file_name,
    invoice_subject,
)
from crm_desktop.services.documents.output import file_name, write_document
from crm_desktop.services.invoice_views import find_invoice


def register(commands: Any) -> None:
    """Add `invoice pdf|xlsx|send` (after `invoices.register`) and `proposal pdf`."""
    from crm_desktop.commands.invoices import subcommands

    register_pdf(subcommands(commands))
    register_proposal(commands)


def register_pdf(invoice_subparsers: Any) -> None:
    pdf = invoice_subparsers.add_parser("pdf", help=_("the invoice as a PDF"))
    pdf.add_argument("ref", metavar="NUMBER_OR_ID", help=_("the invoice's number or id"))
    pdf.add_argument("-o", "--output", metavar="FILE.pdf", help=_("where to write it"))
    pdf.add_argument("--json", action="store_true")
    pdf.set_defaults(handler=cmd_pdf)

    xlsx = invoice_subparsers.add_parser("xlsx", help=_("the invoice as an Excel workbook"))
    xlsx.add_argument("ref", metavar="NUMBER_OR_ID", help=_("the invoice's number or id"))
    xlsx.add_argument("-o", "--output", metavar="FILE.xlsx", help=_("where to write it"))
    xlsx.add_argument("--json", action="store_true")
    xlsx.set_defaults(handler=cmd_xlsx)

    send = invoice_subparsers.add_parser(
        "send", help=_("e-mail the invoice as a PDF through the office's mail server")
    )
    send.add_argument("ref", metavar="NUMBER_OR_ID", help=_("the invoice's number or id"))
    send.add_argument(
        "--to",
        action="append",
        metavar="ADDRESS",
        help=_("to whom (the payer's e-mail if omitted)"),
    )
    send.add_argument("--subject", help=_("the letter's subject"))
    send.add_argument("--body", help=_("the letter's text"))
    send.add_argument("--json", action="store_true")
    send.set_defaults(handler=cmd_send)


def register_proposal(commands: Any) -> None:
    proposal = commands.add_parser("proposal", help=_("commercial proposals for deals"))
    sub = proposal.add_subparsers(dest="proposal_command", parser_class=type(proposal))
    pdf = sub.add_parser("pdf", help=_("a commercial proposal for a deal as a PDF"))
    pdf.add_argument("deal", metavar="DEAL_ID", help=_("the deal's id"))
    pdf.add_argument("-o", "--output", metavar="FILE.pdf", help=_("where to write it"))
    valid = pdf.add_mutually_exclusive_group()
    valid.add_argument("--valid-days", type=int, help=_("days the offer holds (14 by default)"))
    valid.add_argument("--valid-until", help=_("the last day the offer holds"))
    pdf.add_argument("--json", action="store_true")
    pdf.set_defaults(handler=cmd_proposal_pdf)


def _output(args: argparse.Namespace, default: str, suffix: str) -> Path:
    path = Path(args.output) if args.output else Path(default)
    if path.suffix.lower() != suffix:
        raise BadInput(_('"{path}": the file name must end in {suffix}', path=path, suffix=suffix))
    return path


def _invoice(ctx: Context, ref: str) -> InvoiceDocument:
    with ctx.unit_of_work(write=False) as session:
        return load_invoice_document(session, find_invoice(session, ref))


def _report(args: argparse.Namespace, doc: InvoiceDocument, path: Path) -> None:
    if args.json:
        print_json({"path": str(path), "number": doc.number, "draft": doc.is_draft})
    else:
        print(_("Written to {path}", path=path))


def cmd_pdf(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.services.documents.invoice_pdf import render_invoice_pdf

    doc = _invoice(ctx, args.ref)
    target = _output(args, invoice_file_name(doc, ".pdf"), ".pdf")
    buffer = io.BytesIO()
    render_invoice_pdf(doc, buffer)
    _report(args, doc, write_document(target, buffer.getvalue()))
    return 0


def cmd_xlsx(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.services.documents.invoice_xlsx import render_invoice_xlsx

    doc = _invoice(ctx, args.ref)
    target = _output(args, invoice_file_name(doc, ".xlsx"), ".xlsx")
    buffer = io.BytesIO()
    render_invoice_xlsx(doc, buffer)
    _report(args, doc, write_document(target, buffer.getvalue()))
    return 0


def cmd_send(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.services.documents.invoice_pdf import render_invoice_pdf
    from crm_desktop.services.mail import Attachment, load_mail_settings, send_document

    with ctx.unit_of_work(write=False) as session:
        doc = load_invoice_document(session, find_invoice(session, args.ref))
        settings = load_mail_settings(session)
    recipients = args.to or ([doc.payer.email] if doc.payer.email else [])
    if not recipients:
        raise BadInput(_("--to: the payer has no e-mail address; say whom to send it to"))
    buffer = io.BytesIO()
    render_invoice_pdf(doc, buffer)
    attachment = Attachment(invoice_file_name(doc), buffer.getvalue())
    subject = args.subject if args.subject is not None else invoice_subject(doc)
    body = args.body if args.body is not None else invoice_body(doc)
    # Sent outside the unit of work: no transaction is held open while the server answers.
    send_document(settings, recipients, subject, body, [attachment])
    if args.json:
        print_json({"to": recipients, "subject": subject, "attachment": attachment.filename})
    else:
        print(_("Sent to {to}", to=", ".join(recipients)))
    return 0


def cmd_proposal_pdf(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.services.documents.proposal_data import load_proposal_document
    from crm_desktop.services.documents.proposal_pdf import render_proposal_pdf

    deal_id = parse_id(args.deal, "deal")
    until = parse_date(args.valid_until, "--valid-until") if args.valid_until else None
    with ctx.unit_of_work(write=False) as session:
        doc = load_proposal_document(session, deal_id, valid_days=args.valid_days, valid_to=until)
    target = _output(args, file_name(doc.file_stem, ".pdf"), ".pdf")
    buffer = io.BytesIO()
    render_proposal_pdf(doc, buffer)
    path = write_document(target, buffer.getvalue())
    if args.json:
        print_json(
            {"path": str(path), "total": str(doc.total), "valid_until": doc.valid_until.isoformat()}
        )
    else:
        print(_("Written to {path}", path=path))
    return 0
