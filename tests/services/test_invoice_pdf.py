"""The printed invoice, read back with a PDF text parser (pypdf), on SQLite and PostgreSQL:
requisites, totals and the amount in words present and Cyrillic intact, fonts embedded,
a draft marked and unnumbered, an issued invoice keeping the requisites it was issued
with, sixty lines over several pages with the table's header on each."""

from __future__ import annotations

import io
import uuid
from dataclasses import replace
from decimal import Decimal as D

import pypdf
import pytest
from sqlalchemy import select

from crm_desktop.models import CompanyProfile, InvoiceStatus
from crm_desktop.services.company_profile import get_company_profile, save_company_profile
from crm_desktop.services.documents.invoice_data import InvoiceDocument, load_invoice_document
from crm_desktop.services.documents.invoice_pdf import render_invoice_pdf
from crm_desktop.services.documents.russian import money
from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceLineInput,
    create_invoice,
    issue_invoice,
)
from crm_desktop.store.database import Database
from tests.services.document_images import logo_png, signature_png, stamp_png
from tests.services.invoice_setup import set_up
from tests.services.pdf_reading import fonts_of

LINES = [
    InvoiceLineInput(name="Кресло офисное «Бюрократ» CH-868, чёрное", quantity="2", price="12500"),
    InvoiceLineInput(
        name="Монтаж и настройка оборудования", quantity="1,5", unit="ч", price="3490.50"
    ),
    InvoiceLineInput(name="Доставка по Москве", quantity="1", unit="усл", price="1500"),
]


def make_invoice(
    db: Database, client_id: uuid.UUID, lines: list[InvoiceLineInput], *, issue: bool
) -> uuid.UUID:
    with db.unit_of_work() as session:
        view = create_invoice(session, InvoiceChanges(client_id=client_id, lines=lines))
        if issue:
            view = issue_invoice(session, view.id)
        return view.id


def document(db: Database, invoice_id: uuid.UUID) -> InvoiceDocument:
    with db.unit_of_work(write=False) as session:
        return load_invoice_document(session, invoice_id)


def render(doc: InvoiceDocument) -> pypdf.PdfReader:
    buffer = io.BytesIO()
    render_invoice_pdf(doc, buffer)
    assert buffer.getvalue().startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(buffer.getvalue()))


def page_texts(reader: pypdf.PdfReader) -> list[str]:
    """Each page's text on one line: wrapped cells joined, the no-break spaces that group
    digits made plain."""
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def plain(text: str) -> str:
    return text.replace("\xa0", " ")


def test_an_issued_invoice_prints_requisites_totals_and_words(db: Database) -> None:
    client_id = set_up(db)
    invoice_id = make_invoice(db, client_id, LINES, issue=True)
    doc = document(db, invoice_id)
    reader = render(doc)
    assert len(reader.pages) == 1
    text = page_texts(reader)[0]

    assert doc.number is not None and doc.number.endswith("-0001")
    assert f"Счёт на оплату № {doc.number} от" in text
    for requisite in (
        "ПАО Сбербанк",
        "БИК",
        "044525225",  # BIC
        "30101810400000000225",  # correspondent account
        "40702810938000000001",  # settlement account
        "ИНН 7707083893",
        "КПП 773601001",
        "ООО «Вектор»",
        "117997, г. Москва, ул. Вавилова, д. 19",
        "ООО «Ромашка»",
        "ИНН 7728168971",  # the payer's
        "Соколов А. В.",
        "Орлова Е. Н.",
    ):
        assert requisite in text, requisite
    # the lines, with their Cyrillic intact
    assert "Кресло офисное «Бюрократ» CH-868, чёрное" in text
    assert "Монтаж и настройка оборудования" in text
    assert "Товары (работы, услуги)" in text
    # totals: 2 × 12 500 + 1.5 × 3 490.50 + 1 500 = 31 735.75, VAT 22 % included
    assert doc.total == D("31735.75")
    assert plain(money(doc.total)) == "31 735,75"
    assert "Итого:" in text and "31 735,75" in text
    assert "В том числе НДС (22%):" in text and plain(money(doc.vat_total)) in text
    assert "Всего наименований 3, на сумму 31 735,75 руб." in text
    assert "Тридцать одна тысяча семьсот тридцать пять рублей 75 копеек" in text
    assert "ЧЕРНОВИК" not in text


def add_images(db: Database) -> None:
    with db.unit_of_work() as session:
        profile = session.scalars(select(CompanyProfile)).one()
        profile.logo = logo_png()
        profile.stamp = stamp_png()
        profile.signature = signature_png()


def test_fonts_are_embedded(db: Database) -> None:
    client_id = set_up(db)
    add_images(db)
    fonts = fonts_of(render(document(db, make_invoice(db, client_id, LINES, issue=True))))
    assert fonts == {
        "/AAAAAA+DejaVuSansCondensed": True,
        "/AAAAAA+DejaVuSansCondensed-Bold": True,
    }  # and no font left to the reader's machine


def test_a_draft_is_marked_and_has_no_number(db: Database) -> None:
    client_id = set_up(db)
    doc = document(db, make_invoice(db, client_id, LINES, issue=False))
    assert doc.is_draft and doc.number is None and doc.mark == "ЧЕРНОВИК"
    text = page_texts(render(doc))[0]
    assert "ЧЕРНОВИК" in text
    assert "Счёт на оплату (черновик) от" in text
    assert "№ 2026" not in text
    # a draft takes the requisites as they are now
    assert "044525225" in text and "ИНН 7728168971" in text


def test_an_issued_invoice_keeps_the_requisites_it_was_issued_with(db: Database) -> None:
    client_id = set_up(db)
    issued = make_invoice(db, client_id, LINES, issue=True)
    draft = make_invoice(db, client_id, LINES, issue=False)
    with db.unit_of_work() as session:
        details = get_company_profile(session)
        assert details is not None
        save_company_profile(session, replace(details, bank_name="АО «Альфа-Банк»"))
    issued_text = page_texts(render(document(db, issued)))[0]
    draft_text = page_texts(render(document(db, draft)))[0]
    assert "ПАО Сбербанк" in issued_text and "Альфа-Банк" not in issued_text
    assert "АО «Альфа-Банк»" in draft_text


def test_sixty_lines_span_pages_with_the_header_on_each(db: Database) -> None:
    client_id = set_up(db)
    lines = [
        InvoiceLineInput(name=f"Позиция номер {n} — товар с длинным названием", price=f"{n}00")
        for n in range(1, 61)
    ]
    doc = document(db, make_invoice(db, client_id, lines, issue=True))
    reader = render(doc)
    texts = page_texts(reader)
    assert len(texts) >= 2
    for text in texts:
        assert "Товары (работы, услуги)" in text  # the header repeated
        assert "Кол-во" in text and "Сумма" in text
    everything = "\n".join(texts)
    for n in (1, 30, 59, 60):
        assert f"Позиция номер {n} — товар" in everything
    assert "Позиция номер 60 — товар" in texts[-1]
    # the totals, the words and the signatures end the last page, with the last lines
    assert "Всего к оплате:" in texts[-1]
    assert "Всего наименований 60" in texts[-1]
    assert "Руководитель" in texts[-1]
    assert "Всего к оплате:" not in texts[0]
    assert f"{doc.title} — стр. 2" in texts[1]


@pytest.mark.parametrize(
    ("vat", "label", "columns"),
    [("on_top", "НДС (22%):", True), ("none", "Без НДС", False)],
)
def test_the_vat_line_follows_the_vat_mode(
    db: Database, vat: str, label: str, columns: bool
) -> None:
    client_id = set_up(db, vat=vat)
    doc = document(db, make_invoice(db, client_id, LINES, issue=True))
    text = page_texts(render(doc))[0]
    assert label in text
    assert ("Ставка" in text) is columns
    assert "В том числе НДС" not in text
    if vat == "on_top":
        subtotal = doc.totals[0].amount
        assert subtotal is not None and doc.total == subtotal + doc.vat_total > subtotal
        assert plain(money(subtotal)) in text and plain(money(doc.total)) in text


def test_logo_stamp_and_signature_are_drawn_in_every_copy(db: Database) -> None:
    client_id = set_up(db)
    add_images(db)
    invoice_id = make_invoice(db, client_id, LINES, issue=True)
    doc = document(db, invoice_id)
    assert doc.status == InvoiceStatus.ISSUED
    for _copy in range(2):  # the second copy reuses the images prepared for the first
        reader = render(doc)
        page = reader.pages[0]
        images = page.images
        assert len(images) == 3
        sizes = sorted(image.image.size for image in images)
        assert sizes == sorted([(480, 120), (400, 400), (300, 120)])
        assert "ВЕКТОР" not in page.extract_text()  # the logo is a picture, not text
