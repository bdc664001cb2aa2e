"""Money is an exact Decimal on both databases, in rows and in SQL sums."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import StatementError

from crm_desktop.models import Client, ClientKind, Invoice
from crm_desktop.store.database import Database

AMOUNTS = [Decimal("0.10"), Decimal("0.20"), Decimal("999999999999.99"), Decimal("1234.5")]


def test_amounts_round_trip_and_sum_exactly(db: Database) -> None:
    with db.unit_of_work() as session:
        client = Client(kind=ClientKind.COMPANY, name="Вектор", name_folded="вектор")
        session.add(client)
        session.flush()
        for amount in AMOUNTS:
            session.add(Invoice(client_id=client.id, total=amount))
    with db.unit_of_work() as session:
        stored = sorted(session.scalars(select(Invoice.total)))
        total = session.scalar(select(func.sum(Invoice.total)))
    assert stored == sorted(a.quantize(Decimal("0.01")) for a in AMOUNTS)
    assert all(isinstance(value, Decimal) for value in stored)
    assert total == Decimal("1000000001234.79")  # as floats, 0.1 + 0.2 already drifts


def test_a_float_amount_is_refused(db: Database) -> None:
    with pytest.raises(StatementError), db.unit_of_work() as session:
        client = Client(kind=ClientKind.COMPANY, name="Вектор", name_folded="вектор")
        session.add(client)
        session.flush()
        session.add(Invoice(client_id=client.id, total=0.1))  # type: ignore[arg-type]
        session.flush()
