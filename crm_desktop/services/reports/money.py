"""Money reports: revenue (invoices issued and payments received, by month, manager or
product) and receivables (issued invoices not yet paid in full).

An invoice counts from its issue date, with its total (VAT included); drafts and
cancelled invoices never count. A payment counts on the day it was received."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, select, type_coerce
from sqlalchemy.orm import Session

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import Client, Invoice, InvoiceLine, InvoiceStatus, Payment, Product
from crm_desktop.models.base import Money
from crm_desktop.services.reports.sql import month_of_date
from crm_desktop.services.reports.table import Column, Kind, ReportParams, ReportTable

ISSUED = (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID, InvoiceStatus.PAID)
OPEN = (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID)
ZERO = Decimal("0.00")


def issued_in(params: ReportParams, *, until_only: bool = False) -> Any:
    """Invoices issued in the period (or up to its end), live, of the manager if one is
    asked for."""
    conditions: list[Any] = [Invoice.status.in_(ISSUED), Invoice.deleted_at.is_(None)]
    if until_only:
        # everything up to a day is most invoices: read them in a row, not through the
        # date index one by one (what SQLite, without statistics, would choose: 10× slower)
        conditions.append(unindexed(Invoice.issue_date) <= params.date_to)
    else:
        conditions += [
            Invoice.issue_date >= params.date_from,
            Invoice.issue_date <= params.date_to,
        ]
    if params.owner:
        conditions.append(Invoice.owner == params.owner)
    conditions += params.client_filter(Invoice.client_id)
    return and_(*conditions)


def unindexed(column: Any) -> Any:
    """The column's value as an expression no index serves (for a condition most rows
    meet, where a scan beats an index range)."""
    return func.coalesce(column, column)


def months(params: ReportParams) -> list[str]:
    """ "2026-01", "2026-02" ... for each month the period touches."""
    found: list[str] = []
    year, month = params.date_from.year, params.date_from.month
    while (year, month) <= (params.date_to.year, params.date_to.month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def revenue(session: Session, params: ReportParams) -> ReportTable:
    by = params.by or "month"
    if by == "month":
        return _revenue_by_month(session, params)
    if by == "manager":
        return _revenue_by_manager(session, params)
    if by == "product":
        return _revenue_by_product(session, params)
    raise ValidationError("by", _("revenue: group by month, manager or product"))


def _payments_in(params: ReportParams) -> Any:
    conditions = [
        Payment.deleted_at.is_(None),
        Payment.paid_on >= params.date_from,
        Payment.paid_on <= params.date_to,
        Invoice.deleted_at.is_(None),
    ]
    if params.owner:
        conditions.append(Invoice.owner == params.owner)
    conditions += params.client_filter(Invoice.client_id)
    return and_(*conditions)


def _revenue_table(params: ReportParams, first: Column, rows: list[tuple[Any, ...]]) -> ReportTable:
    table = ReportTable(
        "revenue",
        _("Revenue and payments"),
        params,
        [
            first,
            Column("invoices", _("Invoices"), Kind.INT),
            Column("invoiced", _("Invoiced"), Kind.MONEY),
            Column("paid", _("Paid"), Kind.MONEY),
        ],
        rows,
        chart=(first.key, "invoiced"),
    )
    table.totals = {
        "invoices": sum(r[1] for r in rows),
        "invoiced": sum((r[2] for r in rows), ZERO),
        "paid": sum((r[3] for r in rows), ZERO),
    }
    table.total_labels = {"invoices": _("Invoices"), "invoiced": _("Invoiced"), "paid": _("Paid")}
    return table


def _revenue_by_month(session: Session, params: ReportParams) -> ReportTable:
    month = month_of_date(session, Invoice.issue_date).label("month")
    invoiced = {
        m: (n, total)
        for m, n, total in session.execute(
            select(month, func.count(), func.sum(Invoice.total))
            .where(issued_in(params))
            .group_by(month)
        )
    }
    paid_month = month_of_date(session, Payment.paid_on).label("month")
    paid = dict(
        session.execute(
            select(paid_month, func.sum(Payment.amount))
            .join(Invoice, Invoice.id == Payment.invoice_id)
            .where(_payments_in(params))
            .group_by(paid_month)
        ).all()
    )
    rows = [
        (
            m,
            invoiced.get(m, (0, ZERO))[0],
            invoiced.get(m, (0, ZERO))[1] or ZERO,
            paid.get(m) or ZERO,
        )
        for m in months(params)
    ]
    return _revenue_table(params, Column("month", _("Month")), rows)


def _revenue_by_manager(session: Session, params: ReportParams) -> ReportTable:
    owner = func.coalesce(Invoice.owner, "")
    invoiced = {
        o: (n, total)
        for o, n, total in session.execute(
            select(owner, func.count(), func.sum(Invoice.total))
            .where(issued_in(params))
            .group_by(owner)
        )
    }
    paid = dict(
        session.execute(
            select(owner, func.sum(Payment.amount))
            .join(Invoice, Invoice.id == Payment.invoice_id)
            .where(_payments_in(params))
            .group_by(owner)
        ).all()
    )
    rows = [
        (
            o or _("(no manager)"),
            invoiced.get(o, (0, ZERO))[0],
            invoiced.get(o, (0, ZERO))[1] or ZERO,
            paid.get(o) or ZERO,
        )
        for o in sorted(set(invoiced) | set(paid))
    ]
    rows.sort(key=lambda r: (-r[2], r[0]))
    return _revenue_table(params, Column("manager", _("Manager")), rows)


def _revenue_by_product(session: Session, params: ReportParams) -> ReportTable:
    name = func.coalesce(Product.name, InvoiceLine.name).label("product")
    query = (
        select(
            name,
            func.count(func.distinct(Invoice.id)),
            func.sum(InvoiceLine.quantity),
            func.sum(InvoiceLine.amount),
        )
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .outerjoin(Product, Product.id == InvoiceLine.product_id)
        .where(issued_in(params), InvoiceLine.deleted_at.is_(None))
        .group_by(name)
        .order_by(func.sum(InvoiceLine.amount).desc(), name)
    )
    rows = [(p, n, qty, amount or ZERO) for p, n, qty, amount in session.execute(query)]
    table = ReportTable(
        "revenue",
        _("Revenue by product"),
        params,
        [
            Column("product", _("Product")),
            Column("invoices", _("Invoices"), Kind.INT),
            Column("quantity", _("Quantity"), Kind.NUMBER),
            Column("amount", _("Amount"), Kind.MONEY),
        ],
        rows,
        chart=("product", "amount"),
    )
    table.totals = {"amount": sum((r[3] for r in rows), ZERO)}
    table.total_labels = {"amount": _("Amount")}
    return table


def receivables(session: Session, params: ReportParams) -> ReportTable:
    """Issued invoices not paid in full (as they stand now), issued by the period's end;
    an invoice is overdue when its due date is before the period's last day."""
    outstanding = type_coerce(Invoice.total - Invoice.paid_amount, Money).label("outstanding")
    conditions = [
        Invoice.status.in_(OPEN),
        Invoice.deleted_at.is_(None),
        unindexed(Invoice.issue_date) <= params.date_to,
    ]
    if params.owner:
        conditions.append(Invoice.owner == params.owner)
    conditions += params.client_filter(Invoice.client_id)
    where = and_(*conditions)
    overdue = and_(Invoice.due_date.is_not(None), Invoice.due_date < params.date_to)
    count, total, late_count, late_total = session.execute(
        select(
            func.count(),
            func.sum(outstanding),
            func.count().filter(overdue),
            func.sum(outstanding).filter(overdue),
        ).where(where)
    ).one()
    query = (
        select(
            Invoice.number_text,
            Client.name,
            Invoice.owner,
            Invoice.issue_date,
            Invoice.due_date,
            Invoice.total,
            Invoice.paid_amount,
            outstanding,
        )
        .join(Client, Client.id == Invoice.client_id)
        .where(where)
        .order_by(Invoice.due_date.is_(None), Invoice.due_date, Invoice.issue_date, Invoice.id)
    )
    query = params.limited(query)
    rows: list[tuple[Any, ...]] = []
    for number, client, owner, issued, due, amount, paid, left in session.execute(query):
        late = (params.date_to - due).days if due is not None and due < params.date_to else 0
        rows.append((number, client, owner, issued, due, amount, paid, left, late))
    table = ReportTable(
        "receivables",
        _("Receivables"),
        params,
        [
            Column("invoice", _("Invoice")),
            Column("client", _("Client")),
            Column("manager", _("Manager")),
            Column("issued", _("Issued"), Kind.DATE),
            Column("due", _("Due"), Kind.DATE),
            Column("total", _("Total"), Kind.MONEY),
            Column("paid", _("Paid"), Kind.MONEY),
            Column("outstanding", _("Outstanding"), Kind.MONEY),
            Column("days_overdue", _("Days overdue"), Kind.INT),
        ],
        rows,
    )
    table.totals = {
        "invoices": count,
        "outstanding": total or ZERO,
        "overdue_invoices": late_count,
        "overdue": late_total or ZERO,
    }
    table.total_labels = {
        "invoices": _("Unpaid invoices"),
        "outstanding": _("Outstanding"),
        "overdue_invoices": _("Overdue invoices"),
        "overdue": _("Overdue"),
    }
    return table
