"""The change history: every create, change and delete of the audited records, written by
triggers inside the database (store/audit_capture.py), and the seals that chain it.

An entry names the record (`table_name`, `record_id`), who (`login`), from which
computer, when, and each field's old and new value as text (`changes`:
`{"field": [old, new]}`). Entries are sealed in batches (one per transaction):
`audit_seals` holds each batch's hash, chained to the previous one, over hashes of the
values rather than the values (store/audit_chain.py), so a lawful erasure may blank a
value (keeping its hash in `erased`) without breaking the chain, while a removed or
edited entry is found by `crm-desktop audit verify`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.models.base import Base

ChangesJSON = JSON().with_variant(JSONB(), "postgresql")
EntryId = BigInteger().with_variant(Integer(), "sqlite")  # SQLite: the rowid


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(EntryId, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime]
    login: Mapped[str | None] = mapped_column(String(63))
    computer: Mapped[str | None] = mapped_column(String(200))
    table_name: Mapped[str] = mapped_column(String(63))
    record_id: Mapped[uuid.UUID]
    action: Mapped[str] = mapped_column(String(10))  # insert, update, delete
    changes: Mapped[dict[str, Any]] = mapped_column(ChangesJSON)
    # the hashes of values blanked by an erasure: {"field": [old_hash, new_hash]}
    erased: Mapped[dict[str, Any] | None] = mapped_column(ChangesJSON)
    # the writing transaction: PostgreSQL's id (its sealed batch); on SQLite a number the
    # program gives each save (batches there are id ranges), none for a write outside it
    tx: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (
        Index("ix_audit_log_record", "record_id", "id"),
        # PostgreSQL's seals find a transaction's entries by it; SQLite's are id ranges
        Index("ix_audit_log_tx", "tx").ddl_if(dialect="postgresql"),
        {"sqlite_autoincrement": True},
    )


class AuditSeal(Base):
    """One sealed batch of entries: on SQLite the ids first_id..last_id, on PostgreSQL the
    entries of transaction `tx`; `hash` covers the previous seal's hash and the batch."""

    __tablename__ = "audit_seals"

    seq: Mapped[int] = mapped_column(EntryId, primary_key=True, autoincrement=False)
    first_id: Mapped[int] = mapped_column(BigInteger)
    last_id: Mapped[int] = mapped_column(BigInteger)
    tx: Mapped[int | None] = mapped_column(BigInteger, index=True)  # one or more per tx
    entries: Mapped[int]
    sealed_at: Mapped[dt.datetime]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditContext(Base):
    """SQLite only: who writes now and from which computer, set by the program at the
    start of each unit of work that writes (a trigger cannot ask the program)."""

    __tablename__ = "audit_context"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str | None] = mapped_column(String(63))
    computer: Mapped[str | None] = mapped_column(String(200))
    tx: Mapped[int | None] = mapped_column(BigInteger)  # groups one save's entries
