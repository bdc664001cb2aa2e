"""Which tables and columns the sync carries, read off the SQLAlchemy metadata.

Every business table (the `Tracked` mixin: a UUID id, stamps, version, tombstone) is
synchronised, except what belongs to one computer: its import batches and their undo
records, its mailings and their letters, its personal data requests and erasure records.
Within a table every column is a field with its own clock, except the id, the local
optimistic-lock `version`, the columns derived from other fields or rows (the folded
name, first phone and e-mail, search text), which each replica recomputes after applying
what it pulls, and a user's password and sign-in state, which stay with the database the
user signs in to.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import cast

from sqlalchemy import JSON, Table

from crm_desktop.models import Base
from crm_desktop.models.base import Tracked

# an import's undo record and a mailing's log belong to the computer that made them
LOCAL_TABLES = frozenset(
    {
        "import_batches",
        "import_changes",
        "mail_runs",
        "mail_recipients",
        # personal data requests and erasure records stay with the database that answered
        # them (the office server's administrator); an erasure reaches the laptops as the
        # blanked records themselves
        "erasure_records",
        "privacy_requests",
    }
)
NOT_FIELDS = frozenset({"id", "version"})
DERIVED = {
    "clients": frozenset(
        {
            "company_name",
            "primary_phone",
            "primary_email",
            "name_folded",
            "search_text",
            "search_rowid",
        }
    ),
    "tags": frozenset({"name_folded"}),
    # a login's password and sign-in state belong to the database it signs in to
    "users": frozenset({"password_hash", "failed_logins", "locked_until", "last_login_at"}),
}


@dataclass(frozen=True)
class SyncedTable:
    name: str
    fields: tuple[str, ...]  # the columns with a clock each, in table order
    json_fields: frozenset[str] = frozenset()  # JSON columns (PostgreSQL's json has no =)

    @property
    def trigger_name(self) -> str:
        return f"crm_sync_{self.name}"


def _synced(table: Table) -> SyncedTable:
    skip = NOT_FIELDS | DERIVED.get(table.name, frozenset())
    fields = tuple(c.name for c in table.columns if c.name not in skip)
    json = frozenset(c.name for c in table.columns if isinstance(c.type, JSON) and c.name in fields)
    return SyncedTable(table.name, fields, json)


@functools.cache
def synced_tables() -> tuple[SyncedTable, ...]:
    """The synchronised tables, parents before children (the metadata's dependency
    order), so applying them in this order satisfies foreign keys."""
    tracked = {
        cast(Table, mapper.local_table).name
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Tracked)
    }
    return tuple(
        _synced(table)
        for table in Base.metadata.sorted_tables
        if table.name in tracked and table.name not in LOCAL_TABLES
    )


@functools.cache
def synced_by_name() -> dict[str, SyncedTable]:
    return {t.name: t for t in synced_tables()}
