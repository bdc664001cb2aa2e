"""Gapless invoice numbers, one series per year, allocated inside the issuing transaction.

The counter row of the year is created if missing (INSERT ... ON CONFLICT DO NOTHING) and
advanced with one UPDATE ... RETURNING. On PostgreSQL the UPDATE takes the row's lock,
so a second issuer waits until the first commits or rolls back and then reads the new
value: no two invoices get the same number, and a number is used only if the whole
issuing transaction commits (a rollback gives it back), so there are no gaps. On SQLite
a writing unit of work holds the database's write lock from its BEGIN IMMEDIATE, which
serialises issuers the same way. The unique (series, number) constraint is the last guard.
On PostgreSQL the same two statements run inside `crm_next_invoice_number`, a SECURITY
DEFINER function (store/server_functions.py): app users may not touch the counters.
"""

from __future__ import annotations

from sqlalchemy import text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from crm_desktop.models import InvoiceCounter


def allocate_number(session: Session, series: int) -> int:
    """The next number of `series` (a year), taken for this transaction."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return int(
            session.execute(
                text("SELECT public.crm_next_invoice_number(:series)"), {"series": series}
            ).scalar_one()
        )
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(InvoiceCounter)
        .values(series=series, last_number=0)
        .on_conflict_do_nothing(index_elements=[InvoiceCounter.series])
    )
    number = session.execute(
        update(InvoiceCounter)
        .where(InvoiceCounter.series == series)
        .values(last_number=InvoiceCounter.last_number + 1)
        .returning(InvoiceCounter.last_number)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return int(number)


def last_number(session: Session, series: int) -> int:
    """The last number issued in `series` (0 when none)."""
    counter = session.get(InvoiceCounter, series)
    return counter.last_number if counter is not None else 0
