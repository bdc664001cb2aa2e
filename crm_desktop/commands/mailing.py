"""`segment save|list|show|delete` and `mail send|preview|template|consent|unsubscribe`."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from crm_desktop.commands.context import Context, parse_id, print_json, print_json_array
from crm_desktop.errors import BadInput
from crm_desktop.i18n import _
from crm_desktop.services.dates import parse_date
from crm_desktop.services.reports.clients import RFM_KEYS
from crm_desktop.services.segments import (
    SegmentRules,
    count_segment,
    delete_segment,
    find_segment,
    list_segments,
    save_segment,
)


def register(commands: Any) -> None:
    _register_segments(commands)
    _register_mail(commands)


def _register_segments(commands: Any) -> None:
    segment = commands.add_parser("segment", help=_("saved client filters (segments)"))
    sub = segment.add_subparsers(dest="segment_command", parser_class=type(segment))
    save = sub.add_parser("save", help=_("create a segment or replace its rules"))
    save.add_argument("name")
    save.add_argument("--kind", choices=("person", "company"))
    save.add_argument("--owner", metavar="LOGIN")
    save.add_argument("--tag", action="append", default=[], help=_("any of these tags"))
    save.add_argument("--source")
    save.add_argument("--no-contact-days", type=int, metavar="N")
    save.add_argument("--contacted-within-days", type=int, metavar="N")
    save.add_argument("--birthday-this-month", action="store_true")
    save.add_argument(
        "--birthday-within-days", type=int, metavar="N", help=_("a birthday in the next N days")
    )
    save.add_argument("--product", help=_("bought this product"))
    save.add_argument("--rfm", choices=RFM_KEYS, help=_("RFM class over the last year"))
    save.add_argument(
        "--field", action="append", default=[], metavar="CODE=TEXT", help=_("an own field's value")
    )
    save.add_argument("--description")
    save.add_argument("--json", action="store_true")
    save.set_defaults(handler=cmd_segment_save)
    lst = sub.add_parser("list", help=_("the segments with how many clients each has now"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_segment_list)
    show = sub.add_parser("show", help=_("a segment's rules and count"))
    show.add_argument("name")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_segment_show)
    delete = sub.add_parser("delete", help=_("delete a segment (its clients stay)"))
    delete.add_argument("name")
    delete.set_defaults(handler=cmd_segment_delete)


def _register_mail(commands: Any) -> None:
    mail = commands.add_parser("mail", help=_("personalised mailing to a segment"))
    sub = mail.add_subparsers(dest="mail_command", parser_class=type(mail))
    send = sub.add_parser(
        "send", help=_("send a template to a segment (an unfinished mailing resumes)")
    )
    send.add_argument("--segment", required=True, metavar="NAME")
    send.add_argument("--template", required=True, metavar="NAME")
    send.add_argument("--dry-run", action="store_true", help=_("say who would get it"))
    send.add_argument("--rate", type=int, default=30, metavar="N", help=_("letters a minute"))
    send.add_argument("--json", action="store_true")
    send.set_defaults(handler=cmd_send)
    preview = sub.add_parser("preview", help=_("a template's letter as one client gets it"))
    preview.add_argument("--template", required=True, metavar="NAME")
    preview.add_argument("--client", required=True, metavar="ID")
    preview.add_argument("--json", action="store_true")
    preview.set_defaults(handler=cmd_preview)
    template = sub.add_parser("template", help=_("letter templates"))
    tsub = template.add_subparsers(dest="template_command", parser_class=type(template))
    tsave = tsub.add_parser("save", help=_("create a template or replace its text"))
    tsave.add_argument("name")
    tsave.add_argument("--subject", required=True)
    body = tsave.add_mutually_exclusive_group(required=True)
    body.add_argument("--body")
    body.add_argument("--body-file", type=Path, metavar="FILE", help=_("the text, UTF-8"))
    tsave.add_argument("--json", action="store_true")
    tsave.set_defaults(handler=cmd_template_save)
    tlist = tsub.add_parser("list", help=_("the templates"))
    tlist.add_argument("--json", action="store_true")
    tlist.set_defaults(handler=cmd_template_list)
    consent = sub.add_parser("consent", help=_("record a client's consent to marketing mail"))
    consent.add_argument("client", metavar="ID")
    consent.add_argument("--date", help=_("when it was given (default: today)"))
    consent.add_argument("--source", help=_("how: a form on the site, a call…"))
    consent.add_argument("--json", action="store_true")
    consent.set_defaults(handler=cmd_consent)
    unsubscribe = sub.add_parser("unsubscribe", help=_("the client asked for no more mailings"))
    unsubscribe.add_argument("client", metavar="ID")
    unsubscribe.add_argument("--via", choices=("reply", "call", "other"), default="reply")
    unsubscribe.set_defaults(handler=cmd_unsubscribe)


def _fields(raw: list[str]) -> dict[str, str]:
    fields = {}
    for item in raw:
        code, sep, text = item.partition("=")
        if not sep or not code.strip():
            raise BadInput(_("--field: give CODE=TEXT (got «{item}»)", item=item))
        fields[code.strip()] = text.strip()
    return fields


def cmd_segment_save(ctx: Context, args: argparse.Namespace) -> int:
    rules = SegmentRules(
        kind=args.kind,
        owner=args.owner,
        tags=tuple(args.tag),
        source=args.source,
        no_contact_days=args.no_contact_days,
        contacted_within_days=args.contacted_within_days,
        birthday_this_month=args.birthday_this_month,
        birthday_within_days=args.birthday_within_days,
        product=args.product,
        rfm=args.rfm,
        custom=_fields(args.field),
    )
    with ctx.unit_of_work() as session:
        view = save_segment(session, args.name, rules, args.description)
    with ctx.unit_of_work(write=False) as session:
        shown = replace(view, count=count_segment(session, view.rules))
    if args.json:
        print_json(shown.to_json())
    else:
        print(_("Segment «{name}»: {count} clients now.", name=shown.name, count=shown.count))
    return 0


def cmd_segment_list(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work(write=False) as session:
        segments = list_segments(session)
    if args.json:
        print_json_array(s.to_json() for s in segments)
        return 0
    for s in segments:
        print(f"{s.name}: {s.count}")
    return 0


def cmd_segment_show(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work(write=False) as session:
        view = find_segment(session, args.name)
        shown = replace(view, count=count_segment(session, view.rules))
    if args.json:
        print_json(shown.to_json())
    else:
        print(f"{shown.name}: {shown.count}")
        for key, value in shown.rules.to_json().items():
            print(f"  {key}: {value}")
    return 0


def cmd_segment_delete(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.unit_of_work() as session:
        view = delete_segment(session, args.name)
    print(_("Segment «{name}» deleted.", name=view.name))
    return 0


def cmd_template_save(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.services.mailing.templates import save_template

    if args.body_file is not None:
        try:
            body = args.body_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(
                _("--body-file: cannot read {path}: {reason}", path=args.body_file, reason=exc)
            ) from None
    else:
        body = args.body
    with ctx.unit_of_work() as session:
        view = save_template(session, args.name, args.subject, body)
    if args.json:
        print_json(view.to_json())
    else:
        print(_("Template «{name}» saved.", name=view.name))
    return 0


def cmd_template_list(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.services.mailing.templates import list_templates

    with ctx.unit_of_work(write=False) as session:
        templates = list_templates(session)
    if args.json:
        print_json_array(t.to_json() for t in templates)
        return 0
    for t in templates:
        print(f"{t.name}: {t.subject}")
    return 0


def cmd_preview(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.services.mailing.runs import preview
    from crm_desktop.services.mailing.templates import find_template

    with ctx.unit_of_work(write=False) as session:
        template = find_template(session, args.template)
        subject, body = preview(session, template, parse_id(args.client, "client"))
    if args.json:
        print_json({"subject": subject, "body": body})
    else:
        print(subject)
        print()
        print(body)
    return 0


def cmd_consent(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.services.consents import give_consent

    given = parse_date(args.date, "date") if args.date else None
    with ctx.unit_of_work() as session:
        view = give_consent(
            session, parse_id(args.client, "client"), given_on=given, source=args.source
        )
    if args.json:
        print_json(view.to_json())
    else:
        print(_("Consent to marketing mail recorded."))
    return 0


def cmd_unsubscribe(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.services.consents import UnsubscribeVia, unsubscribe

    with ctx.unit_of_work() as session:
        unsubscribe(session, parse_id(args.client, "client"), UnsubscribeVia(args.via))
    print(_("Unsubscribed: no more mailings reach this client."))
    return 0


def cmd_send(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.services.mail import load_mail_settings
    from crm_desktop.services.mailing.runs import MailingJob, open_run

    if args.rate <= 0:
        raise BadInput(_("--rate: a number of letters a minute"))
    with ctx.unit_of_work(write=not args.dry_run) as session:
        report = open_run(session, args.segment, args.template, dry_run=args.dry_run)
        settings = load_mail_settings(session)
    if not args.dry_run and report.run_id is not None and report.queued:
        if not settings.configured:
            raise BadInput(_("Mail is not set up: enter the mail server in Settings → Mail"))

        def progress(done: int, total: int) -> None:
            if not args.json:
                print(_("{done} of {total} letters", done=done, total=total), file=sys.stderr)

        job = MailingJob(
            lambda: ctx.unit_of_work(),
            report.run_id,
            settings,
            rate=args.rate,
            progress=progress,
        )
        skipped, skipped_count = report.skipped, report.skipped_count
        report = job.run()
        report.skipped, report.skipped_count = skipped, skipped_count
    if args.json:
        print_json(report.to_json())
        return 0
    print(
        _(
            "Mailing «{template}» to «{segment}»: {sent} of {total} sent, {queued} waiting, "
            "{failed} failed, {skipped} not mailed (no consent, unsubscribed or no e-mail).",
            template=report.template,
            segment=report.segment,
            sent=report.sent,
            total=report.recipients,
            queued=report.queued,
            failed=len(report.failed),
            skipped=report.skipped_count,
        )
    )
    for outcome in report.failed:
        print(f"  {outcome.client} <{outcome.address}>: {outcome.reason}")
    for outcome in report.uncertain:
        print(f"  {outcome.client} <{outcome.address}>: {outcome.reason}")
    return 0
