"""Invoices from draft to paid, on SQLite and PostgreSQL: numbering when issued (not when
drafted), requisites frozen and required, issued invoices not edited, payments."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from crm_desktop.errors import BadInput, Conflict, NotFound, Refused, ValidationError
from crm_desktop.models import (
    Deal,
    DealLine,
    Invoice,
    InvoiceCounter,
    InvoiceStatus,
    Order,
    OrderLine,
    VatMode,
)
from crm_desktop.services.company_profile import CompanyDetails, save_company_profile
from crm_desktop.services.invoice_payments import add_payment, delete_payment
from crm_desktop.services.invoice_sources import create_invoice_from_deal, create_invoice_from_order
from crm_desktop.services.invoicing import (
    InvoiceChanges,
    InvoiceFilter,
    InvoiceLineInput,
    InvoiceNotEditable,
    LineError,
    RequisitesIncomplete,
    cancel_invoice,
    copy_invoice,
    create_invoice,
    delete_draft,
    edit_invoice,
    find_invoice,
    get_invoice,
    issue_invoice,
    list_invoices,
)
from crm_desktop.services.pipelines import ensure_default_pipeline
from crm_desktop.services.products import ProductChanges, create_product
from crm_desktop.store.database import Database
from tests.services.invoice_setup import VECTOR, add_client, describe_company, set_up

MARCH = dt.date(2026, 3, 2)
SHELF = InvoiceLineInput(name="Стеллаж СТ-1", quantity="2", unit="шт", price="1 500,50")
MOUNTING = InvoiceLineInput(name="Монтаж", quantity="1,5", unit="ч", price="1000", vat_rate="22")


def draft(db: Database, client_id: uuid.UUID, *lines: InvoiceLineInput) -> uuid.UUID:
    with db.unit_of_work() as session:
        changes = InvoiceChanges(client_id=client_id, lines=list(lines or [SHELF, MOUNTING]))
        return create_invoice(session, changes).id


def issue(db: Database, invoice_id: uuid.UUID, on: dt.date = MARCH) -> str | None:
    with db.unit_of_work() as session:
        return issue_invoice(session, invoice_id, on=on).number


def test_a_draft_has_no_number_and_sums_its_lines(db: Database) -> None:
    client_id = set_up(db)
    invoice_id = draft(db, client_id)
    with db.unit_of_work() as session:
        view = get_invoice(session, invoice_id)
    assert view.number is None and view.status is InvoiceStatus.DRAFT
    assert view.vat_mode is VatMode.INCLUDED
    assert [(x.name, x.quantity, x.unit_name, x.unit_code) for x in view.lines] == [
        ("Стеллаж СТ-1", D(2), "шт", "796"),
        ("Монтаж", D("1.5"), "ч", "356"),
    ]
    # VAT included, 22 % (the company's default rate for a line without one)
    assert [(x.amount, x.vat_amount, x.vat_rate) for x in view.lines] == [
        (D("3001.00"), D("541.16"), D(22)),
        (D("1500.00"), D("270.49"), D(22)),
    ]
    assert (view.total, view.vat_total) == (D("4501.00"), D("811.65"))
    data = view.to_json()
    assert data["number"] is None and data["issued_at"] is None and data["due_date"] is None
    assert data["total"] == "4501.00" and data["vat_total"] == "811.65"
    assert data["lines"][1] == {
        "id": data["lines"][1]["id"],
        "product_id": None,
        "name": "Монтаж",
        "qty": "1.5",
        "unit": "ч",
        "unit_code": "356",
        "price": "1000.00",
        "vat_rate": "22",
        "amount": "1500.00",
        "vat_amount": "270.49",
    }
    assert data["supplier"]["inn"] == "7707083893"  # a draft shows the current requisites


def test_vat_on_top_and_without_vat(db: Database) -> None:
    client_id = set_up(db, vat="on-top")
    with db.unit_of_work() as session:
        view = create_invoice(session, InvoiceChanges(client_id=client_id, lines=[SHELF, MOUNTING]))
        assert (view.total, view.vat_total, view.amount) == (
            D("5491.22"),
            D("990.22"),
            D("4501.00"),
        )
        free = create_invoice(
            session,
            InvoiceChanges(
                client_id=client_id,
                vat_mode="none",
                lines=[InvoiceLineInput(name="Консультация", quantity=1, price="5000")],
            ),
        )
        assert (free.total, free.vat_total) == (D("5000.00"), D("0.00"))
        assert free.lines[0].vat_rate is None
        with pytest.raises(LineError) as caught:  # an explicit rate on an invoice without VAT
            edit_invoice(session, free.id, InvoiceChanges(lines=[MOUNTING]))
        assert caught.value.index == 0 and caught.value.line_field == "vat_rate"


def test_issuing_numbers_per_year_without_gaps(db: Database) -> None:
    client_id = set_up(db)
    first, second, third = (draft(db, client_id) for _ in range(3))
    assert issue(db, second) == "2026-0001"  # numbered in the order issued, not drafted
    assert issue(db, first) == "2026-0002"
    assert issue(db, third, on=dt.date(2027, 1, 9)) == "2027-0001"
    with db.unit_of_work() as session:
        view = get_invoice(session, second)
        counters = {c.series: c.last_number for c in session.scalars(select(InvoiceCounter))}
    assert counters == {2026: 2, 2027: 1}
    assert view.status is InvoiceStatus.ISSUED
    assert (view.series, view.sequence, view.issue_date) == (2026, 1, MARCH)
    assert view.issued_at is not None
    assert view.due_date == MARCH + dt.timedelta(days=5)  # the company's days to pay
    assert view.to_json()["number"] == "2026-0001"
    assert view.to_json()["due_date"] == "2026-03-07"


def test_the_pattern_is_the_companys(db: Database) -> None:
    from crm_desktop.services.invoice_settings import SettingsChanges, save_invoice_settings

    client_id = set_up(db)
    with db.unit_of_work() as session:
        save_invoice_settings(session, SettingsChanges(invoice_pattern="СЧ-{number}/{year}"))
    assert issue(db, draft(db, client_id)) == "СЧ-1/2026"
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        save_invoice_settings(session, SettingsChanges(invoice_pattern="{year}-{client}"))


def test_a_cancelled_invoice_keeps_its_number(db: Database) -> None:
    client_id = set_up(db)
    one, two = draft(db, client_id), draft(db, client_id)
    assert issue(db, one) == "2026-0001"
    with db.unit_of_work() as session:
        cancelled = cancel_invoice(session, one)
    assert cancelled.status is InvoiceStatus.CANCELLED and cancelled.number == "2026-0001"
    assert cancelled.cancelled_at is not None
    assert issue(db, two) == "2026-0002"  # the cancelled one's number is not reused
    with db.unit_of_work() as session:
        assert find_invoice(session, "2026-0001") == one
        with pytest.raises(InvoiceNotEditable):
            issue_invoice(session, one)


def test_an_issued_invoice_cannot_be_edited(db: Database) -> None:
    client_id = set_up(db)
    invoice_id = draft(db, client_id)
    issue(db, invoice_id)
    for change in (
        InvoiceChanges(lines=[SHELF]),
        InvoiceChanges(note="поправить"),
        InvoiceChanges(due_date="01.04.2026"),
    ):
        with pytest.raises(InvoiceNotEditable) as caught, db.unit_of_work() as session:
            edit_invoice(session, invoice_id, change)
        assert caught.value.exit_code == 3
        assert "2026-0001" in caught.value.message and "cancel" in caught.value.message
    with pytest.raises(Refused), db.unit_of_work() as session:
        issue_invoice(session, invoice_id)
    with pytest.raises(Refused), db.unit_of_work() as session:
        delete_draft(session, invoice_id)
    with db.unit_of_work() as session:
        view = get_invoice(session, invoice_id)
    assert view.total == D("4501.00") and len(view.lines) == 2 and view.note is None


def test_a_corrected_copy_is_a_new_draft(db: Database) -> None:
    client_id = set_up(db)
    original = draft(db, client_id)
    issue(db, original)
    with db.unit_of_work() as session:
        copy = copy_invoice(session, original)
        edited = edit_invoice(session, copy.id, InvoiceChanges(lines=[SHELF]))
    assert copy.status is InvoiceStatus.DRAFT and copy.number is None and copy.id != original
    assert [line.name for line in copy.lines] == ["Стеллаж СТ-1", "Монтаж"]
    assert edited.total == D("3001.00")


def test_requisites_frozen_when_issued(db: Database) -> None:
    client_id = set_up(db)
    invoice_id = draft(db, client_id)
    issue(db, invoice_id)
    with db.unit_of_work() as session:
        save_company_profile(session, replace(VECTOR, short_name="ООО «Вектор-2»"))
        view = get_invoice(session, invoice_id)
    assert view.supplier is not None and view.payer is not None
    assert view.supplier["short_name"] == "ООО «Вектор»"
    assert view.supplier["account"] == "40702810938000000001"
    assert view.payer["name"] == "ООО «Ромашка»"
    assert view.payer["inn"] == "7728168971" and view.payer["kpp"] == "772801001"
    assert view.payer["address"] == "117342, г. Москва, ул. Введенского, д. 23А"


def test_missing_requisites_are_listed_and_no_number_is_taken(db: Database) -> None:
    with db.unit_of_work() as session:
        save_company_profile(session, CompanyDetails(short_name="ООО «Вектор»", inn="7707083893"))
        client_id = add_client(session)
    invoice_id = draft(db, client_id, SHELF)  # the company charges no VAT yet
    with pytest.raises(RequisitesIncomplete) as caught, db.unit_of_work() as session:
        issue_invoice(session, invoice_id, on=MARCH)
    error = caught.value
    assert error.exit_code == 3
    assert error.missing == [
        "kpp",
        "legal_address",
        "bank_name",
        "bic",
        "corr_account",
        "account",
        "director",
    ]
    assert error.message == (
        "The invoice cannot be issued: the company's requisites lack the KPP, the legal"
        " address, the bank's name, the bank's BIC, the correspondent account, the settlement"
        " account, the director."
    )
    with db.unit_of_work() as session:
        assert get_invoice(session, invoice_id).number is None
        assert session.get(InvoiceCounter, 2026) is None


def test_wrong_requisites_are_named_with_the_reason(db: Database) -> None:
    with db.unit_of_work() as session:
        client_id = add_client(session)
        # a sole trader needs no KPP; the account's control key is checked with the BIC
        save_company_profile(
            session,
            replace(VECTOR, short_name="ИП Петров П. П.", inn="500100732259", kpp="", ogrn=""),
        )
    invoice_id = draft(db, client_id, SHELF)
    from crm_desktop.models import CompanyProfile

    with db.unit_of_work() as session:  # a value saved by an older version, now wrong
        profile = session.scalars(select(CompanyProfile)).one()
        profile.account = "40702810938000000002"
        profile.director = None
    with pytest.raises(RequisitesIncomplete) as caught, db.unit_of_work() as session:
        issue_invoice(session, invoice_id, on=MARCH)
    assert caught.value.missing == ["director"]
    assert list(caught.value.invalid) == ["account"]
    assert "control key" in caught.value.message and "the director" in caught.value.message
    assert "KPP" not in caught.value.message


def test_payments_move_the_status(db: Database) -> None:
    client_id = set_up(db)
    invoice_id = draft(db, client_id)  # 4501.00
    with pytest.raises(Refused), db.unit_of_work() as session:
        add_payment(session, invoice_id, "100")  # a draft takes no payments
    issue(db, invoice_id)
    with db.unit_of_work() as session:
        view = add_payment(session, invoice_id, "1 000,50", paid_on="05.03.2026")
    assert view.status is InvoiceStatus.PARTLY_PAID
    assert (view.paid_amount, view.left_to_pay) == (D("1000.50"), D("3500.50"))
    assert view.paid_at is None
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        add_payment(session, invoice_id, "3500.51")  # more than is left
    with pytest.raises(Refused), db.unit_of_work() as session:
        cancel_invoice(session, invoice_id)  # payments recorded
    with db.unit_of_work() as session:
        view = add_payment(session, invoice_id, D("3500.50"))
    assert view.status is InvoiceStatus.PAID and view.paid_at is not None
    assert [(p.amount, p.paid_on) for p in view.payments] == [
        (D("1000.50"), dt.date(2026, 3, 5)),
        (D("3500.50"), dt.date.today()),
    ]
    with db.unit_of_work() as session:
        view = delete_payment(session, view.payments[1].id)
    assert view.status is InvoiceStatus.PARTLY_PAID and view.paid_amount == D("1000.50")
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        add_payment(session, invoice_id, "10", paid_on=dt.date.today() + dt.timedelta(days=2))


def test_lines_from_the_price_list(db: Database) -> None:
    client_id = set_up(db)
    with db.unit_of_work() as session:
        create_product(
            session,
            ProductChanges(name="Полка П-2", sku="P-2", unit="796", price="750", vat_rate="10"),
        )
        view = create_invoice(
            session,
            InvoiceChanges(
                client_id=client_id,
                lines=[
                    InvoiceLineInput(product="p-2", quantity="4"),
                    InvoiceLineInput(product="P-2", quantity=1, price="700", name="Полка (уценка)"),
                ],
            ),
        )
    first, second = view.lines
    assert (first.name, first.unit_name, first.price, first.vat_rate) == (
        "Полка П-2",
        "шт",
        D("750.00"),
        D(10),
    )
    assert first.product_id is not None and first.amount == D("3000.00")
    assert (second.name, second.price) == ("Полка (уценка)", D("700.00"))
    with pytest.raises(LineError) as caught, db.unit_of_work() as session:
        create_invoice(
            session,
            InvoiceChanges(client_id=client_id, lines=[SHELF, InvoiceLineInput(product="NOPE")]),
        )
    assert caught.value.index == 1 and str(caught.value).startswith("line 2:")


@pytest.mark.parametrize(
    ("line", "field"),
    [
        (InvoiceLineInput(name="Стол", quantity="abc", price="100"), "quantity"),
        (InvoiceLineInput(name="Стол", quantity="0", price="100"), "quantity"),
        (InvoiceLineInput(name="Стол", quantity="1.2345", price="100"), "quantity"),
        (InvoiceLineInput(name="Стол", quantity="1", price="-5"), "price"),
        (InvoiceLineInput(name="Стол", quantity="1"), "price"),
        (InvoiceLineInput(quantity="1", price="5"), "name"),
        (InvoiceLineInput(name="Стол", quantity="1", price="5", vat_rate="18"), "vat_rate"),
        (InvoiceLineInput(name="Стол", quantity="1", price="5", unit="9999"), "unit"),
    ],
)
def test_a_bad_line_is_refused_with_its_field(
    db: Database, line: InvoiceLineInput, field: str
) -> None:
    client_id = set_up(db)
    with pytest.raises(LineError) as caught, db.unit_of_work() as session:
        create_invoice(session, InvoiceChanges(client_id=client_id, lines=[line]))
    assert caught.value.line_field == field and caught.value.exit_code == 2


def test_issuing_needs_lines_and_a_sensible_due_date(db: Database) -> None:
    client_id = set_up(db)
    with db.unit_of_work() as session:
        empty = create_invoice(session, InvoiceChanges(client_id=client_id)).id
        early = create_invoice(
            session, InvoiceChanges(client_id=client_id, lines=[SHELF], due_date="01.03.2026")
        ).id
    for invoice_id in (empty, early):
        with pytest.raises(ValidationError), db.unit_of_work() as session:
            issue_invoice(session, invoice_id, on=MARCH)
    with db.unit_of_work() as session:
        edit_invoice(session, early, InvoiceChanges(due_date="20.03.2026"))
        view = issue_invoice(session, early, on=MARCH)
    assert view.number == "2026-0001" and view.due_date == dt.date(2026, 3, 20)


def test_from_a_deal_its_lines_or_its_amount(db: Database) -> None:
    client_id = set_up(db)
    with db.unit_of_work() as session:
        pipeline = ensure_default_pipeline(session)
        stage = pipeline.stages[0]
        product = create_product(
            session, ProductChanges(name="Стеллаж СТ-1", sku="ST-1", unit="шт", price="1500")
        )
        with_lines = Deal(
            title="Поставка стеллажей",
            client_id=client_id,
            pipeline_id=pipeline.id,
            stage_id=stage.id,
            amount=D("3500.00"),
        )
        plain = Deal(
            title="Проект склада",
            client_id=client_id,
            pipeline_id=pipeline.id,
            stage_id=stage.id,
            amount=D("120000.00"),
        )
        session.add_all([with_lines, plain])
        session.flush()
        session.add_all(
            [
                DealLine(
                    deal_id=with_lines.id,
                    product_id=product.id,
                    name="Стеллаж СТ-1",
                    quantity=D(2),
                    price=D("1500.00"),
                    vat_rate=D(22),
                ),
                DealLine(
                    deal_id=with_lines.id,
                    name="Доставка",
                    quantity=D(1),
                    price=D("500"),
                    vat_rate=None,
                ),
            ]
        )
        session.flush()
        from_lines = create_invoice_from_deal(session, with_lines.id)
        from_amount = create_invoice_from_deal(session, plain.id)
        with pytest.raises(BadInput):  # the deal has no products
            create_invoice_from_deal(session, plain.id, use="lines")
    assert from_lines.deal_id == with_lines.id and from_lines.client_id == client_id
    assert [(x.name, x.quantity, x.unit_name, x.vat_rate) for x in from_lines.lines] == [
        ("Стеллаж СТ-1", D(2), "шт", D(22)),
        ("Доставка", D(1), "шт", None),
    ]
    assert from_lines.total == D("3500.00") and from_lines.vat_total == D("540.98")
    assert [(x.name, x.price) for x in from_amount.lines] == [("Проект склада", D("120000.00"))]
    assert from_amount.vat_total == D("21639.34")  # 120000 × 22 / 122


def test_from_an_order(db: Database) -> None:
    client_id = set_up(db)
    with db.unit_of_work() as session:
        order = Order(client_id=client_id, number="З-15", total=D("0"))
        custom = Order(
            client_id=client_id,
            number="З-16",
            total=D("84000"),
            specification="Стеллаж по чертежу заказчика 2400×1200\nцвет RAL 7035",
        )
        session.add_all([order, custom])
        session.flush()
        session.add(
            OrderLine(
                order_id=order.id,
                name="Шкаф металлический",
                unit_name="шт",
                quantity=D(3),
                price=D("12000"),
                vat_rate=D(22),
            )
        )
        session.flush()
        view = create_invoice_from_order(session, order.id)
        custom_view = create_invoice_from_order(session, custom.id)
        prepaid = create_invoice_from_order(session, custom.id, prepayment="42 000")
    assert [(x.name, x.price, x.vat_rate) for x in prepaid.lines] == [
        ("Prepayment for order З-16", D("42000.00"), D(22))
    ]
    assert prepaid.order_id == custom.id and prepaid.vat_total == D("7573.77")
    assert view.order_id == order.id and view.total == D("36000.00")
    assert [(x.name, x.unit_code) for x in view.lines] == [("Шкаф металлический", "796")]
    assert [x.name for x in custom_view.lines] == ["Стеллаж по чертежу заказчика 2400×1200"]
    assert custom_view.total == D("84000.00")


def test_list_filters_and_pages(db: Database) -> None:
    client_id = set_up(db)
    with db.unit_of_work() as session:
        other = add_client(session, "ООО «Лютик»", "7702070139")
    mine = [draft(db, client_id) for _ in range(5)]
    theirs = [draft(db, other) for _ in range(2)]
    issue(db, mine[0])
    issue(db, theirs[0])
    seen: list[uuid.UUID] = []
    after = None
    while True:
        with db.unit_of_work(write=False) as session:
            page = list_invoices(session, after=after, limit=3)
        seen += [view.id for view in page.rows]
        assert all(view.lines for view in page.rows)  # lines come with the list
        if page.next_key is None:
            break
        after = page.next_key
    assert seen == list(reversed(mine + theirs))  # newest first
    with db.unit_of_work(write=False) as session:
        issued = list_invoices(session, InvoiceFilter(status=InvoiceStatus.ISSUED)).rows
        of_other = list_invoices(session, InvoiceFilter(client_id=other)).rows
    assert {view.number for view in issued} == {"2026-0001", "2026-0002"}
    assert [view.id for view in of_other] == list(reversed(theirs))
    assert of_other[0].client_name == "ООО «Лютик»"


def test_drafts_are_edited_and_removed(db: Database) -> None:
    client_id = set_up(db)
    invoice_id = draft(db, client_id)
    with db.unit_of_work() as session:
        version = get_invoice(session, invoice_id).version
        view = edit_invoice(
            session,
            invoice_id,
            InvoiceChanges(
                lines=[InvoiceLineInput(name="Плитка", quantity="12,5", unit="кв. м", price="980")],
                note="Доставка в пятницу",
            ),
            expected_version=version,
        )
    assert [(x.unit_name, x.unit_code, x.amount) for x in view.lines] == [
        ("м²", "055", D("12250.00"))
    ]
    assert view.note == "Доставка в пятницу"
    with pytest.raises(Conflict), db.unit_of_work() as session:
        edit_invoice(session, invoice_id, InvoiceChanges(note="x"), expected_version=version)
    with db.unit_of_work() as session:
        delete_draft(session, invoice_id)
    with pytest.raises(NotFound), db.unit_of_work() as session:
        get_invoice(session, invoice_id)


def test_a_client_in_the_recycle_bin_gets_no_invoice(db: Database) -> None:
    from crm_desktop.services.clients import delete_client

    client_id = set_up(db)
    with db.unit_of_work() as session:
        delete_client(session, client_id)
    with pytest.raises(ValidationError), db.unit_of_work() as session:
        create_invoice(session, InvoiceChanges(client_id=client_id, lines=[SHELF]))
    with db.unit_of_work() as session:
        assert session.scalar(select(Invoice.id)) is None


def test_describe_company_helper_sets_the_vat_mode(db: Database) -> None:
    with db.unit_of_work() as session:
        describe_company(session, vat="on-top")
        client_id = add_client(session)
        view = create_invoice(session, InvoiceChanges(client_id=client_id, lines=[SHELF]))
    assert view.vat_mode is VatMode.ON_TOP and view.lines[0].vat_rate == D(22)
