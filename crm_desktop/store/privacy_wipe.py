"""The unit of work of an erasure of personal data: on SQLite no old page may keep what
was erased. The connection overwrites freed content with zeros (`secure_delete`), the
full-text index is rewritten without the deleted entries (`optimize`: FTS5 keeps a
deleted document's terms in older segments until they merge), and after the commit the
write-ahead log is copied into the file and truncated (`wal_checkpoint(TRUNCATE)`), so
neither the log nor a free page holds the old values. PostgreSQL needs nothing here: a
later VACUUM reuses the dead rows (the server's administrator runs it)."""

from __future__ import annotations

import contextlib
import json
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from sqlalchemy import (
    ColumnElement,
    Connection,
    Text,
    TextClause,
    cast,
    column,
    false,
    func,
    or_,
    select,
    table,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from crm_desktop.models import AuditEntry
from crm_desktop.store.audit_chain import value_hash
from crm_desktop.store.database import CrmSession, Database

CHUNK = 500  # ids in one IN (...)


@contextlib.contextmanager
def erasing_unit_of_work(db: Database, login: str | None) -> Iterator[CrmSession]:
    """Like `db.unit_of_work(login)`, for an erasure."""
    sqlite = db.location.is_sqlite
    with db.unit_of_work(login) as session:
        if sqlite:
            session.connection().exec_driver_sql("PRAGMA secure_delete = ON")
        yield session
        if sqlite:
            session.flush()
            has_fts = session.execute(
                text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'client_fts'")
            ).scalar()
            if has_fts:
                session.execute(text("INSERT INTO client_fts(client_fts) VALUES ('optimize')"))
    if sqlite:
        checkpoint(db)


def checkpoint(db: Database) -> tuple[int, int, int]:
    """Copy the write-ahead log into the database file and truncate it; (busy, log
    pages, pages copied) as SQLite reports them: busy 1 when a reader kept it from
    finishing (the next checkpoint completes it)."""
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
        row = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        conn.commit()
    return int(row[0]), int(row[1]), int(row[2])


# --- finding a person's data in any text --------------------------------------------------

SQL_MATCH = "crm_erasure_match"  # the SQLite function `TextMatcher.where` registers


def _unescaped(value: str) -> str:
    r"""A JSON text as its reader sees it: "\u041f" is "П"."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), value)


def _both_cases(needle: str) -> str:
    """A regular expression of `needle` that does not rely on the server's locale to fold
    case: "Ан" is "[аА][нН]" (a cluster made with the C locale folds only ASCII)."""
    out = []
    for ch in needle:
        low, up = ch.lower(), ch.upper()
        if low != up and len(low) == 1 and len(up) == 1:
            out.append(f"[{low}{up}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


class TextMatcher:
    """Finds a person's identifying strings in any text, whatever its case: `plain`
    strings (names, e-mails, digits) and regular expressions (`patterns`: a phone
    written with separators). Also finds them in JSON text whose non-ASCII letters are
    escaped, and in bytes that are UTF-8 text. `where` is the same test in SQL: on
    PostgreSQL a regular expression (`~*`), on SQLite a function registered on the
    connection (`release` takes it away), so a table is scanned in one pass of SQL."""

    def __init__(
        self, plain: Iterable[str], patterns: Iterable[str] = (), min_length: int = 4
    ) -> None:
        self.plain = sorted({p for p in plain if p and len(p) >= min_length}, key=len)[::-1]
        self.patterns = list(patterns)
        python = [re.escape(p) for p in self.plain] + self.patterns
        self.regex = re.compile("|".join(python), re.IGNORECASE) if python else None
        self.postgres = "|".join([_both_cases(p) for p in self.plain] + self.patterns)

    def __bool__(self) -> bool:
        return self.regex is not None

    def found(self, value: Any) -> bool:
        if value is None or self.regex is None:
            return False
        if isinstance(value, bytes | memoryview):
            value = bytes(value).decode("utf-8", "replace")
        elif not isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False, default=str)
        if self.regex.search(value):
            return True
        return "\\u" in value and bool(self.regex.search(_unescaped(value)))

    def scrub(self, value: str, placeholder: str) -> str:
        if self.regex is None:
            return value
        return self.regex.sub(placeholder.replace("\\", "\\\\"), value)

    def where(self, conn: Connection | Session, column: Any) -> ColumnElement[bool]:
        """SQL true where `column` holds one of the strings."""
        if self.regex is None:
            return false()
        connection = conn.connection() if isinstance(conn, Session) else conn
        if connection.dialect.name == "postgresql":
            return cast(column, Text).op("~*")(self.postgres)
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.create_function(
            SQL_MATCH, 1, lambda value: int(self.found(value)), deterministic=True
        )
        return func.crm_erasure_match(column) == 1

    @staticmethod
    def release(conn: Connection | Session) -> None:
        """Take the SQLite function away again (it holds the strings)."""
        connection = conn.connection() if isinstance(conn, Session) else conn
        if connection.dialect.name == "sqlite":
            driver = connection.connection.driver_connection
            if driver is not None:
                driver.create_function(SQL_MATCH, 1, None)


def blank_entries(
    conn: Connection, record_ids: Iterable[uuid.UUID], matcher: TextMatcher | None
) -> int:
    """Blank values in the change history for a lawful erasure, keeping their hashes (so
    the chain still verifies): every value of the records `record_ids`, and any value
    elsewhere that `matcher` finds. Returns how many entries were blanked."""
    log = AuditEntry.metadata.tables["audit_log"]
    found = set(record_ids)
    ids = sorted(found)
    selected: dict[int, Any] = {}
    columns = (log.c.id, log.c.record_id, log.c.changes, log.c.erased)
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        for row in conn.execute(select(*columns).where(log.c.record_id.in_(part))):
            selected[row.id] = row
    if matcher:
        for row in conn.execute(select(*columns).where(matcher.where(conn, log.c.changes))):
            selected[row.id] = row
    blanked = 0
    for entry_id in sorted(selected):
        row = selected[entry_id]
        changes = dict(row.changes or {})
        erased = dict(row.erased or {})
        touched = False
        for name, pair in changes.items():
            old, new = [*(pair or []), None, None][:2]
            if old is None and new is None:
                continue
            personal = row.record_id in found or (
                matcher is not None and (matcher.found(old) or matcher.found(new))
            )
            if not personal:
                continue
            erased[name] = [value_hash(old), value_hash(new)]
            changes[name] = [None, None]
            touched = True
        if touched:
            conn.execute(
                update(log).where(log.c.id == entry_id).values(changes=changes, erased=erased)
            )
            blanked += 1
    return blanked


def scrub_sync_conflicts(conn: Connection, matcher: TextMatcher, ids: Iterable[uuid.UUID]) -> int:
    """What the sync kept of conflicting edits: a laptop's `sync_conflicts` rows of these
    records or holding the person's data go; on the office server the conflicts kept
    with each pushed batch (`sync_batches.conflicts`) lose the values (`kept`, `other`).
    Returns the rows changed."""
    hexes = {i.hex for i in ids}
    strings = {str(i) for i in ids}
    if conn.dialect.name == "sqlite":
        present = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_conflicts'"
        ).scalar()
        if not present:
            return 0
        gone = 0
        rows = text("SELECT id, row_id, kept, other FROM sync_conflicts ORDER BY id")
        doomed = [
            row_id
            for row_id, record, kept, other in conn.execute(rows)
            if record in hexes or record in strings or matcher.found(kept) or matcher.found(other)
        ]
        for row_id in doomed:
            conn.execute(text("DELETE FROM sync_conflicts WHERE id = :id"), {"id": row_id})
            gone += 1
        return gone
    present = conn.exec_driver_sql("SELECT to_regclass('public.sync_batches')").scalar()
    if not present:
        return 0
    batches = table("sync_batches", column("batch_id"), column("conflicts", JSONB))
    query = select(batches.c.batch_id, batches.c.conflicts).where(batches.c.conflicts.is_not(None))
    wanted: list[ColumnElement[bool] | TextClause] = [
        text(
            "EXISTS (SELECT 1 FROM jsonb_array_elements(conflicts) AS c "
            "WHERE c->>'row_id' = ANY(:ids))"
        ).bindparams(ids=sorted(strings))
    ]
    if matcher:
        wanted.append(matcher.where(conn, batches.c.conflicts))
    query = query.where(or_(*wanted))
    changed = 0
    for batch_id, conflicts in conn.execute(query).all():
        scrubbed = []
        for conflict in conflicts or []:
            conflict = dict(conflict)
            if (
                str(conflict.get("row_id")) in strings
                or matcher.found(conflict.get("kept"))
                or matcher.found(conflict.get("other"))
            ):
                conflict["kept"] = None
                conflict["other"] = None
            scrubbed.append(conflict)
        if scrubbed != conflicts:
            conn.execute(
                update(batches).where(batches.c.batch_id == batch_id).values(conflicts=scrubbed)
            )
            changed += 1
    return changed


def phone_pattern(e164: str) -> str:
    """A phone written by hand in a text: "+7 (912) 345-67-89", "8 912 3456789"."""
    digits = re.sub(r"\D", "", e164)
    if not digits:
        return ""
    if digits.startswith("7") and len(digits) == 11:
        national = digits[1:]
        prefix = r"(?:\+?7|8)?[\s().-]*"
    else:
        national = digits
        prefix = r"\+?"
    return prefix + r"[\s().-]*".join(national)


def person_matcher(
    names: Iterable[str], phones: Iterable[str], others: Iterable[str], min_length: int = 4
) -> TextMatcher:
    """The matcher of a person's data: names (also surname and first name swapped),
    phones in E.164 (also as bare digits and written with separators), and other
    strings as they are (e-mails, INN, messengers, addresses)."""
    plain: list[str] = []
    patterns: list[str] = []
    for name in names:
        name = " ".join((name or "").split())
        plain.append(name)
        words = name.split()
        if len(words) >= 2:
            plain.append(" ".join(reversed(words)))
    for phone in phones:
        digits = re.sub(r"\D", "", phone or "")
        if len(digits) < 5:
            continue
        plain += [phone, digits]
        patterns.append(phone_pattern(phone))
    plain += [o for o in others if o]
    return TextMatcher(plain, [p for p in patterns if p], min_length)


# --- an erasure reaching a laptop ---------------------------------------------------------

PERSONAL_FIELDS = ("name", "full_name", "inn", "phone", "email", "address", "messenger")
CONTACT_TABLES = {
    "phones": "e164",
    "emails": "address",
    "messengers": "handle",
    "addresses": "text",
}


class PulledState(Protocol):
    """What the sync pulls (`sync.merge.RecordState`), as far as this module reads it."""

    @property
    def table(self) -> str: ...
    @property
    def row_id(self) -> uuid.UUID: ...
    @property
    def values(self) -> Mapping[str, Any]: ...


def looks_erased(row_id: uuid.UUID, values: Mapping[str, Any]) -> bool:
    """A client the office erased: named "erased person #<its id's tail>" (in whatever
    language the office speaks), deleted, its full name gone."""
    name = str(values.get("name") or "")
    return (
        name.endswith("#" + row_id.hex[-8:])
        and values.get("deleted_at") is not None
        and not values.get("full_name")
    )


def _has_table(conn: Connection, name: str) -> bool:
    found = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).scalar()
    return bool(found)


class ArrivingErasure:
    """Clients a pulled page erases, and what this laptop knew of them before it."""

    def __init__(self, ids: list[uuid.UUID], names: set[str], phones: set[str]) -> None:
        self.ids = ids
        self.names = names
        self.phones = phones
        self.others: set[str] = set()
        self.wipes = False  # the page erases something (a client, or blanks a contact)

    def __bool__(self) -> bool:
        return bool(self.ids)


def _blanked_contact(state: PulledState) -> bool:
    """A phone, e-mail, messenger or address an erasure emptied (the page of a large
    erasure may bring them apart from their client)."""
    field_name = CONTACT_TABLES.get(state.table)
    return bool(
        field_name
        and state.values
        and state.values.get(field_name) == ""
        and state.values.get("deleted_at") is not None
    )


def erasures_arriving(conn: Connection, states: Sequence[PulledState]) -> ArrivingErasure:
    """Before a pulled page is applied on a laptop: the clients in it the office erased
    (`looks_erased`) that this laptop does not have erased yet, with the name, phones,
    e-mails ... it holds of them now (the page may already carry their blanks)."""
    ids = [
        s.row_id
        for s in states
        if s.table == "clients" and s.values and looks_erased(s.row_id, s.values)
    ]
    arriving = ArrivingErasure([], set(), set())
    if conn.dialect.name != "sqlite":
        return arriving
    arriving.wipes = bool(ids) or any(_blanked_contact(s) for s in states)
    if arriving.wipes:  # the values the page replaces are overwritten where they were
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
    if not ids:
        return arriving
    arriving.ids = ids
    clients = AuditEntry.metadata.tables["clients"]
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        rows = conn.execute(
            select(clients.c.name, clients.c.full_name, clients.c.inn).where(clients.c.id.in_(part))
        )
        for name, full_name, inn in rows:
            arriving.names.update(n for n in (name, full_name) if n)
            if inn:
                arriving.others.add(inn)
        for table_name, column_name in CONTACT_TABLES.items():
            contacts = AuditEntry.metadata.tables[table_name]
            query = select(contacts.c[column_name]).where(contacts.c.client_id.in_(part))
            for (value,) in conn.execute(query):
                if value:
                    (arriving.phones if table_name == "phones" else arriving.others).add(value)
    return arriving


def forget_erased(conn: Connection, arriving: ArrivingErasure) -> int:
    """After the page is applied, in its transaction: this laptop's own change history
    of the erased clients is blanked (their entries, and any entry elsewhere holding
    what the laptop knew of them: before the pull, or in its history), their sync
    conflicts go, freed pages are overwritten and the search index is rewritten. The
    caller checkpoints after the commit (`checkpoint`). Returns the entries blanked."""
    if not arriving.wipes or conn.dialect.name != "sqlite":
        return 0
    if not arriving:  # contacts blanked apart from their client: the index only
        _optimize_search(conn)
        return 0
    names, phones, others = set(arriving.names), set(arriving.phones), set(arriving.others)
    record_ids: set[uuid.UUID] = set(arriving.ids)
    history = _has_table(conn, "audit_log")
    log = AuditEntry.metadata.tables["audit_log"]
    for start in range(0, len(arriving.ids), CHUNK):
        part = arriving.ids[start : start + CHUNK]
        for table_name in CONTACT_TABLES:
            contacts = AuditEntry.metadata.tables[table_name]
            record_ids.update(
                conn.scalars(select(contacts.c.id).where(contacts.c.client_id.in_(part)))
            )
        if not history:
            continue
        for (changes,) in conn.execute(select(log.c.changes).where(log.c.record_id.in_(part))):
            for field, pair in (changes or {}).items():
                if field not in PERSONAL_FIELDS:
                    continue
                for value in pair or []:
                    if not isinstance(value, str) or not value:
                        continue
                    if field in ("name", "full_name"):
                        names.add(value)
                    elif field == "phone":
                        phones.add(value)
                    else:
                        others.add(value)
    erased_names = {n for n in names if any(n.endswith("#" + i.hex[-8:]) for i in arriving.ids)}
    matcher = person_matcher(names - erased_names, phones, others)
    try:
        blanked = blank_entries(conn, record_ids, matcher) if history else 0
        scrub_sync_conflicts(conn, matcher, record_ids)
    finally:
        TextMatcher.release(conn)
    _optimize_search(conn)
    return blanked


def _optimize_search(conn: Connection) -> None:
    """FTS5 keeps a changed document's old terms in older segments until they merge."""
    if _has_table(conn, "client_fts"):
        conn.exec_driver_sql("INSERT INTO client_fts(client_fts) VALUES ('optimize')")
