"""The invoice editor on both databases: a draft of two lines with its totals shown to the
kopeck (and in words), issuing refused while the company's requisites are incomplete with
exactly what is missing listed, issuing that gives the number and makes the invoice
read-only, payments that move the status, a corrected copy, and the print preview's
pages rendered from the invoice's PDF."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from crm_desktop.errors import Refused
from crm_desktop.i18n.formats import format_money
from crm_desktop.models import InvoiceStatus
from crm_desktop.services.company_profile import CompanyDetails, save_company_profile
from crm_desktop.services.invoice_parties import RequisitesIncomplete, requisite_label
from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceLineInput,
    create_invoice,
    get_invoice,
    issue_invoice,
)
from crm_desktop.store.database import Database
from crm_desktop.ui.invoice_editor import InvoiceEditor
from crm_desktop.ui.invoice_labels import status_text
from crm_desktop.ui.print_preview import (
    InvoicePrintPreview,
    paint_pages,
    pdf_page_images,
    render_for_preview,
)
from tests.services.invoice_setup import add_client, set_up
from tests.ui.dialogs import Answers

WAIT = 30_000


def editor_for(
    qtbot: QtBot, db: Database, invoice_id: uuid.UUID | None = None, **kw: object
) -> InvoiceEditor:
    editor = InvoiceEditor(db, None, invoice_id, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(editor, before_close_func=lambda e: e.discard_changes())
    qtbot.waitUntil(lambda: editor.loaded, timeout=WAIT)
    return editor


def two_lines(editor: InvoiceEditor) -> None:
    editor.lines.add_line("Консультация", "2", "ч", "1500,50", Decimal(22))
    editor.lines.add_line("Доставка", "1", "шт", "333,33", Decimal(22))


def done(qtbot: QtBot, editor: InvoiceEditor, job: object):  # type: ignore[no-untyped-def]
    assert job is not None
    with qtbot.waitSignal(editor.sig_saved, timeout=WAIT) as saved:
        pass
    return saved.args[0]


def test_a_draft_of_two_lines_shows_its_totals_exactly(qtbot: QtBot, db: Database) -> None:
    client_id = set_up(db)  # VAT included, 22 %
    editor = editor_for(qtbot, db, client_id=client_id)
    assert editor.client.text() == "ООО «Ромашка»"
    two_lines(editor)
    # 2 × 1500.50 + 333.33 = 3334.33; VAT 22/122 of each line: 541.16 + 60.11 = 601.27
    assert editor.lines.item(0, 5).text() == format_money(Decimal("3001.00"))
    assert format_money(Decimal("3334.33")) in editor.total_label.text()
    assert format_money(Decimal("601.27")) in editor.vat_label.text()
    assert editor.words_label.text() == "Три тысячи триста тридцать четыре рубля 33 копейки"
    with qtbot.waitSignal(editor.sig_saved, timeout=WAIT) as saved:
        assert editor.save() is not None
    view = saved.args[0]
    assert view.is_draft and view.number is None
    with db.unit_of_work(write=False) as session:
        stored = get_invoice(session, view.id)
    assert (stored.total, stored.vat_total) == (Decimal("3334.33"), Decimal("601.27"))
    assert [(line.name, line.quantity, line.unit_name) for line in stored.lines] == [
        ("Консультация", Decimal("2.000"), "ч"),
        ("Доставка", Decimal("1.000"), "шт"),
    ]
    # a quantity that is not a number turns red and is left out of the totals
    editor.lines.item(1, 1).setText("два")
    assert editor.lines.item(1, 1).background().color() == QColor("#ffcdd2")
    assert format_money(Decimal("3001.00")) in editor.total_label.text()
    assert editor.errors["lines"].isVisibleTo(editor)


def test_issuing_is_refused_while_the_requisites_are_incomplete(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as session:
        save_company_profile(session, CompanyDetails(short_name="ООО «Вектор»", inn="7707083893"))
        client_id = add_client(session)
        draft = create_invoice(
            session,
            InvoiceChanges(
                client_id=client_id, lines=[InvoiceLineInput(name="Работы", price="100")]
            ),
        )
    with db.unit_of_work(write=False) as session, pytest.raises(RequisitesIncomplete) as expected:
        issue_invoice(session, draft.id)
    missing = [requisite_label(name) for name in expected.value.missing]
    assert missing  # the bank, its BIC, the accounts ...
    editor = editor_for(qtbot, db, draft.id)
    answers = Answers()  # closes the warning, keeping its text
    with qtbot.waitSignal(editor.sig_failed, timeout=WAIT) as failed:
        assert editor.issue() is not None
    shown = failed.args[0]
    for label in missing:
        assert f"• {label}" in shown
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=WAIT)
    assert answers.messages[0] == shown
    with db.unit_of_work(write=False) as session:
        assert get_invoice(session, draft.id).status is InvoiceStatus.DRAFT
    assert editor.issue_button.isEnabled()


def test_an_issued_invoice_has_its_number_is_read_only_and_takes_payments(
    qtbot: QtBot, db: Database
) -> None:
    client_id = set_up(db)
    editor = editor_for(qtbot, db, client_id=client_id)
    two_lines(editor)
    view = done(qtbot, editor, editor.issue())
    year = dt.date.today().year
    assert view.number == f"{year}-0001"
    assert view.number in editor.heading.text()
    assert editor.banner.isVisibleTo(editor)
    assert not editor.lines.editable
    assert not editor.save_button.isEnabled() and not editor.issue_button.isEnabled()
    assert not editor.client.isEnabled() and editor.note.isReadOnly()
    assert editor.save() is None  # nothing to save on an issued invoice
    assert editor.status.text() == status_text(InvoiceStatus.ISSUED)

    view = done(qtbot, editor, editor.record_payment("1000", dt.date.today()))
    assert view.status is InvoiceStatus.PARTLY_PAID
    assert editor.status.text() == status_text(InvoiceStatus.PARTLY_PAID)
    assert format_money(Decimal("2334.33")) in editor.payments_label.text()
    view = done(qtbot, editor, editor.record_payment("2334,33", dt.date.today()))
    assert view.status is InvoiceStatus.PAID
    assert not editor.payment_button.isEnabled()

    # reopened, it is read-only too; a corrected copy is a new draft
    again = editor_for(qtbot, db, view.id)
    assert again.banner.isVisibleTo(again) and not again.lines.editable
    copy = done(qtbot, again, again.copy_as_draft())
    assert copy.is_draft and copy.id != view.id and len(copy.lines) == 2
    assert again.lines.editable and not again.banner.isVisibleTo(again)


def test_cancelling_keeps_the_number(qtbot: QtBot, db: Database) -> None:
    client_id = set_up(db)
    editor = editor_for(qtbot, db, client_id=client_id)
    two_lines(editor)
    issued = done(qtbot, editor, editor.issue())
    cancelled = done(qtbot, editor, editor.cancel_invoice())
    assert cancelled.status is InvoiceStatus.CANCELLED and cancelled.number == issued.number
    assert not editor.cancel_invoice_button.isEnabled()


def test_print_preview_pages_are_rendered_from_the_pdf(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    client_id = set_up(db)
    with db.unit_of_work() as session:
        lines = [InvoiceLineInput(name=f"Позиция {n}", price="10") for n in range(60)]
        invoice = create_invoice(session, InvoiceChanges(client_id=client_id, lines=lines))
        rendered = render_for_preview(session, invoice.id)  # type: ignore[arg-type]
    assert rendered.pdf.startswith(b"%PDF")
    assert len(rendered.pages) >= 2  # 60 lines span pages
    first = rendered.pages[0]
    assert abs(first.width() - 210 / 25.4 * rendered.dpi) < 3  # A4 at the preview's dpi
    assert abs(first.height() - 297 / 25.4 * rendered.dpi) < 3
    dark = sum(
        1
        for x in range(0, first.width(), 7)
        for y in range(0, first.height(), 7)
        if QColor(first.pixel(x, y)).lightness() < 128
    )
    assert dark > 100  # text was drawn, not a blank page
    assert len(pdf_page_images(rendered.pdf, 50)) == len(rendered.pages)

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert paint_pages(printer, rendered.pages) == len(rendered.pages)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")

    preview = InvoicePrintPreview(rendered)  # built, never shown modally
    qtbot.addWidget(preview)
    assert rendered.title in preview.windowTitle()
    other = QPrinter()
    other.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    other.setOutputFileName(str(tmp_path / "preview.pdf"))
    preview.paint(other)
    assert (tmp_path / "preview.pdf").stat().st_size > 1000


def test_a_refusal_from_the_service_is_shown_in_the_form(qtbot: QtBot, db: Database) -> None:
    client_id = set_up(db)
    editor = editor_for(qtbot, db, client_id=client_id)
    two_lines(editor)
    issued = done(qtbot, editor, editor.issue())
    with db.unit_of_work() as session, pytest.raises(Refused):
        issue_invoice(session, issued.id)
    # a payment larger than what is left is refused under the form
    with qtbot.waitSignal(editor.sig_failed, timeout=WAIT) as failed:
        assert editor.record_payment("999999", dt.date.today()) is not None
    assert "left to pay" in failed.args[0]
    assert editor.errors["form"].isVisibleTo(editor)


def test_an_invoice_is_created_from_a_deal_card(qtbot: QtBot, db: Database) -> None:
    from crm_desktop.services.deals import DealChanges, create_deal
    from crm_desktop.services.pipelines import ensure_default_pipeline
    from crm_desktop.ui.deal_card import DealCard

    client_id = set_up(db)
    with db.unit_of_work() as session:
        ensure_default_pipeline(session)
        deal = create_deal(
            session, DealChanges(title="Поставка мебели", client_id=client_id, amount="12 000")
        )
    card = DealCard(db, None, deal.id)
    qtbot.addWidget(card, before_close_func=lambda c: c.discard_changes())
    qtbot.waitUntil(lambda: card.invoice_button.isEnabled(), timeout=WAIT)
    assert card.create_invoice() is not None
    qtbot.waitUntil(lambda: card.invoice_editor is not None, timeout=WAIT)
    editor = card.invoice_editor
    assert isinstance(editor, InvoiceEditor)
    qtbot.addWidget(editor, before_close_func=lambda e: e.discard_changes())
    qtbot.waitUntil(lambda: editor.loaded, timeout=WAIT)
    assert editor.view is not None and editor.view.deal_id == deal.id and editor.view.is_draft
    assert editor.lines.rowCount() == 1 and editor.lines.item(0, 0).text() == "Поставка мебели"
    assert format_money(Decimal("12000.00")) in editor.total_label.text()
