"""The commercial proposal (КП) for a deal, read back with pypdf, on SQLite and
PostgreSQL: the company and the client, the deal's products with totals under the
company's VAT mode, the amount in words, how long the offer holds, the manager."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from decimal import Decimal as D

import pypdf
import pytest
from sqlalchemy import select

from crm_desktop.errors import NotFound, ValidationError
from crm_desktop.models import Role, User
from crm_desktop.services.deal_lines import LineInput
from crm_desktop.services.deals import DealChanges, create_deal
from crm_desktop.services.documents.proposal_data import (
    ProposalDocument,
    load_proposal_document,
)
from crm_desktop.services.documents.proposal_pdf import render_proposal_pdf
from crm_desktop.services.pipelines import ensure_default_pipeline
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from tests.services.invoice_setup import set_up
from tests.services.pdf_reading import fonts_of

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def manager(db: Database) -> None:
    with db.unit_of_work() as session:
        ensure_default_pipeline(session)
        add_user(session, "ivanova", Role.MANAGER, full_name="Иванова Мария Сергеевна")
        user = session.scalars(select(User).where(User.login == "ivanova")).one()
        user.email = "m.ivanova@vector.ru"


def make_deal(
    db: Database,
    client_id: uuid.UUID,
    *,
    lines: list[LineInput] | None = None,
    amount: str | None = None,
) -> uuid.UUID:
    data = DealChanges(
        title="Оснащение переговорной",
        client_id=client_id,
        owner="ivanova",
        lines=lines,
        amount=amount,
    )
    with db.unit_of_work() as session:
        return create_deal(session, data).id


def proposal(
    db: Database,
    deal_id: uuid.UUID,
    *,
    valid_days: int | None = None,
    valid_to: dt.date | None = None,
) -> ProposalDocument:
    with db.unit_of_work(write=False) as session:
        return load_proposal_document(
            session, deal_id, today=TODAY, valid_days=valid_days, valid_to=valid_to
        )


def text_of(doc: ProposalDocument) -> str:
    buffer = io.BytesIO()
    render_proposal_pdf(doc, buffer)
    reader = pypdf.PdfReader(io.BytesIO(buffer.getvalue()))
    assert set(fonts_of(reader).values()) == {True}  # every font embedded
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_a_deal_with_products(db: Database) -> None:
    client_id = set_up(db)  # VAT 22 % included in the prices
    lines = [
        LineInput(name="Стол переговорный 2400×1200", quantity="1", price="48900", vat_rate="22"),
        LineInput(name="Кресло «Бюрократ» CH-868", quantity="8", price="12500", vat_rate="22"),
    ]
    doc = proposal(db, make_deal(db, client_id, lines=lines))
    assert doc.total == D("148900.00")
    assert doc.vat_total == D("26850.82")  # 8 818.03 + 18 032.79, per line
    assert doc.valid_until == TODAY + dt.timedelta(days=14)
    text = text_of(doc)
    for expected in (
        "Коммерческое предложение",
        "от 27 ноября 2026 г.",
        "Оснащение переговорной",
        "ООО «Вектор»",
        "ИНН 7707083893",
        "ООО «Ромашка»",
        "Стол переговорный 2400×1200",
        "Кресло «Бюрократ» CH-868",
        "148 900,00",
        "В том числе НДС (22%):",
        "26 850,82",
        "Сто сорок восемь тысяч девятьсот рублей 00 копеек",
        "Предложение действительно до 11 декабря 2026 г.",
        "Ваш менеджер: Иванова Мария Сергеевна",
        "m.ivanova@vector.ru",
        "044525225",
        "40702810938000000001",
        "Соколов А. В.",
    ):
        assert expected in text, expected


def test_a_deal_with_only_an_amount_offers_it_as_one_line(db: Database) -> None:
    client_id = set_up(db, vat="none")
    doc = proposal(db, make_deal(db, client_id, amount="75000"), valid_days=30)
    assert [line.name for line in doc.lines] == ["Оснащение переговорной"]
    assert doc.total == D("75000.00") and doc.vat_total == D("0.00")
    assert doc.valid_until == dt.date(2026, 12, 27)
    text = text_of(doc)
    assert "Без НДС" in text and "НДС не облагается" in text
    assert "Семьдесят пять тысяч рублей 00 копеек" in text


def test_nothing_to_offer_no_deal_or_a_wrong_validity(db: Database) -> None:
    client_id = set_up(db)
    with pytest.raises(ValidationError) as caught:
        proposal(db, make_deal(db, client_id))
    assert caught.value.field == "lines"
    with pytest.raises(NotFound):
        proposal(db, uuid.uuid4())
    priced = make_deal(db, client_id, amount="1000")
    with pytest.raises(ValidationError) as caught:
        proposal(db, priced, valid_to=TODAY - dt.timedelta(days=1))
    assert caught.value.field == "valid_until"
    with pytest.raises(ValidationError) as caught:
        proposal(db, priced, valid_days=0)
    assert caught.value.field == "valid_days"
    assert proposal(db, priced, valid_to=TODAY).valid_until == TODAY
