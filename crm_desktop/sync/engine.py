"""Push and pull between a laptop's replica (SQLite) and the office server (PostgreSQL),
over the same authenticated connection the app uses: no extra server process.

Push: the queued records go in batches with ids made on the laptop. A batch id is given
to its records in a local transaction before anything is sent, so a retry after a lost
acknowledgement sends the same id; the server records the id in the transaction that
applies the batch and applies an id it knows no second time; the laptop deletes the
batch's queue entries only once the server has answered. A record edited again while
its batch was on the way loses its batch id, so it goes out again in the next one.

Pull: from the replica's cursor (the server's transaction horizon it has seen all of),
in pages ordered by (transaction, table, id); each page is applied together with its
position in one local transaction, so a killed pull resumes after the last page it
applied. The new cursor is the horizon (`pg_snapshot_xmin`) taken when the pull began:
every transaction below it had ended, so no change that committed late is skipped.

The first download of a new replica is `sync.bootstrap`'s bulk copy; the pull after it
brings what changed meanwhile. Failpoints for tests: `sync.failpoints`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select, text, update
from sqlalchemy.exc import DBAPIError

from crm_desktop.errors import (
    BadInput,
    LicenseExhausted,
    NotFound,
    SchemaMismatch,
    ServerUnavailable,
)
from crm_desktop.i18n import _
from crm_desktop.models import Base, utcnow
from crm_desktop.store import change_capture as capture
from crm_desktop.store import privacy_wipe
from crm_desktop.store.database import Database, translate_db_errors
from crm_desktop.store.schema import REVISIONS, current_revision
from crm_desktop.store.synced_tables import synced_by_name, synced_tables
from crm_desktop.sync import compaction, duplicates, hlc, replica
from crm_desktop.sync.apply import apply_states, read_states
from crm_desktop.sync.bootstrap import bootstrap
from crm_desktop.sync.failpoints import failpoint
from crm_desktop.sync.merge import Conflict, ConflictKind, RecordState
from crm_desktop.sync.visibility import evict_invisible

log = logging.getLogger(__name__)
PUSH_BATCH = 500
PULL_PAGE = 1000
BOOTSTRAP_PAGE = 5000  # the first download: fewer, larger transactions
Progress = Callable[[str, int], None]


@dataclass
class SyncReport:
    pushed: int = 0  # records sent
    pulled: int = 0  # records received that changed something here
    conflicts: int = 0  # conflicts found in this run
    pending: int = 0  # records still queued afterwards
    duplicates: int = 0  # new duplicate candidates: clients made twice on two computers

    def to_json(self) -> dict[str, int]:
        return {
            "pushed": self.pushed,
            "pulled": self.pulled,
            "conflicts": self.conflicts,
            "pending": self.pending,
        }


@dataclass
class _Batch:
    batch_id: str
    entries: list[tuple[str, uuid.UUID]] = field(default_factory=list)
    since: dict[uuid.UUID, int] = field(default_factory=dict)  # first new edit's clock


def _next_batch(laptop: Database, size: int) -> _Batch | None:
    """The batch to send: one sent before and not acknowledged, else a new one."""
    with laptop.engine.begin() as conn:
        sent = conn.exec_driver_sql(
            "SELECT batch_id FROM sync_outbox WHERE batch_id IS NOT NULL LIMIT 1"
        ).scalar()
        batch_id = str(sent) if sent is not None else uuid.uuid4().hex
        if sent is None:
            seqs = [
                int(r[0])
                for r in conn.exec_driver_sql(
                    f"SELECT seq FROM sync_outbox WHERE batch_id IS NULL ORDER BY seq LIMIT {size}"
                )
            ]
            if not seqs:
                return None
            conn.execute(
                text("UPDATE sync_outbox SET batch_id = :b WHERE seq IN :seqs").bindparams(
                    bindparam("seqs", expanding=True)
                ),
                {"b": batch_id, "seqs": seqs},
            )
        rows = conn.execute(
            text(
                "SELECT table_name, row_id, since FROM sync_outbox WHERE batch_id = :b ORDER BY seq"
            ),
            {"b": batch_id},
        ).all()
        return _Batch(
            batch_id,
            [(str(t), uuid.UUID(str(r))) for t, r, _s in rows],
            {uuid.UUID(str(r)): int(since) for _t, r, since in rows},
        )


def _states(conn: Connection, entries: Sequence[tuple[str, uuid.UUID]]) -> list[RecordState]:
    known = synced_by_name()
    wanted: dict[str, list[uuid.UUID]] = {}
    for table, row_id in entries:
        wanted.setdefault(table, []).append(row_id)
    states: list[RecordState] = []
    for synced in synced_tables():
        if synced.name in wanted and synced.name in known:
            states += read_states(conn, synced, wanted[synced.name]).values()
    return states


@functools.cache
def _references(table: str) -> list[tuple[str, str, str]]:
    """(column, referenced table, referenced column) of `table`'s foreign keys into
    synchronised tables (a client's company by id, its owner by login)."""
    synced = synced_by_name()
    return [
        (fk.parent.name, fk.column.table.name, fk.column.name)
        for fk in Base.metadata.tables[table].foreign_keys
        if fk.column.table.name in synced
    ]


def _missing_parents(
    laptop: Database, server: Connection, states: Sequence[RecordState]
) -> list[RecordState]:
    """The records a page's rows refer to that this laptop does not hold yet, read from
    the server with the page (and their own parents, level by level). Pages go in the
    order changes were made, so a phone added to a client renamed since comes before
    the client's own entry: without this its foreign key would have nothing to point to."""
    have: dict[tuple[str, str], set[Any]] = {}

    def note(found: Sequence[RecordState]) -> None:
        for s in found:
            for column in ("id", *synced_by_name()[s.table].fields):
                value = s.row_id if column == "id" else s.values.get(column)
                if value is not None and not isinstance(value, dict | list):  # JSON: no key
                    have.setdefault((s.table, column), set()).add(value)

    note(states)
    found: list[RecordState] = []
    level = list(states)
    while level:
        wanted: dict[tuple[str, str], set[Any]] = {}
        for state in level:
            for column, parent, target in _references(state.table):
                ref = state.values.get(column)
                if ref is not None and ref not in have.get((parent, target), set()):
                    wanted.setdefault((parent, target), set()).add(ref)
        if not wanted:
            break
        missing: list[tuple[str, uuid.UUID]] = []
        for (parent, target), refs in wanted.items():
            table = Base.metadata.tables[parent]
            with laptop.engine.connect() as local:
                held = set(local.scalars(select(table.c[target]).where(table.c[target].in_(refs))))
            absent = list(refs - held)
            if absent:
                ids = server.scalars(select(table.c.id).where(table.c[target].in_(absent)))
                missing += [(parent, i) for i in ids]
            have.setdefault((parent, target), set()).update(refs)
        level = _states(server, missing)
        note(level)
        found += level
    return found


def _max_clock(states: Sequence[RecordState]) -> int:
    best = 0
    for state in states:
        for entry in state.clocks.values():
            if entry:
                best = max(best, int(entry[0]))
    return best


def send_batch(
    server: Database, batch_id: str, site: str, states: Sequence[RecordState]
) -> list[Conflict]:
    """The server's side of a push, in one transaction: record the batch id, and apply
    the states only if the id is new (a retry of an applied batch changes nothing)."""
    with server.engine.begin() as conn:
        fresh = conn.execute(
            text(
                "INSERT INTO sync_batches (batch_id, site, records) "
                "VALUES (CAST(:b AS uuid), :s, :n) ON CONFLICT (batch_id) DO NOTHING "
                "RETURNING batch_id"
            ),
            {"b": batch_id, "s": site, "n": len(states)},
        ).first()
        if fresh is None:  # applied before, its answer lost: the same conflicts again
            kept = conn.execute(
                text("SELECT conflicts FROM sync_batches WHERE batch_id = CAST(:b AS uuid)"),
                {"b": batch_id},
            ).scalar()
            return [_conflict_from_json(c) for c in (kept or [])]
        if not states:
            return []
        newest = _max_clock(states)
        hlc.check_not_ahead(newest)
        conn.execute(text("SELECT crm_sync_observe(:c)"), {"c": newest})
        conflicts = apply_states(conn, states).conflicts
        if conflicts:
            conn.execute(
                text(
                    "UPDATE sync_batches SET conflicts = CAST(:c AS jsonb) "
                    "WHERE batch_id = CAST(:b AS uuid)"
                ),
                {
                    "c": json.dumps([_conflict_json(c) for c in conflicts], default=str),
                    "b": batch_id,
                },
            )
        return conflicts


def _conflict_json(c: Conflict) -> dict[str, Any]:
    return {
        "table": c.table,
        "row_id": str(c.row_id),
        "kind": c.kind.value,
        "field": c.field,
        "kept": c.kept,
        "other": c.other,
        "kept_stamp": list(c.kept_stamp),
        "other_stamp": list(c.other_stamp),
    }


def _conflict_from_json(raw: dict[str, Any]) -> Conflict:
    return Conflict(
        str(raw["table"]),
        uuid.UUID(str(raw["row_id"])),
        ConflictKind(str(raw["kind"])),
        str(raw["field"]),
        raw["kept"],
        raw["other"],
        (int(raw["kept_stamp"][0]), str(raw["kept_stamp"][1])),
        (int(raw["other_stamp"][0]), str(raw["other_stamp"][1])),
    )


def after_push(server: Database, site: str) -> None:
    """What the office decides once laptop `site`'s records are all in
    (`capture.after_push`: the invoices it issued without a network get their numbers,
    their lines having arrived; not another laptop's, whose push may have stopped
    halfway), as the office's own edits in one transaction: captured, so every replica
    receives them. Run at every sync of that laptop, so what a killed sync left undone
    is done by its next one."""
    if not capture.after_push:
        return
    with server.engine.begin() as conn:
        session = server.sessions(bind=conn)
        try:
            for hook in capture.after_push:
                hook(session, site)
            session.flush()
        finally:
            session.close()


def push(laptop: Database, server: Database, *, batch_size: int = PUSH_BATCH) -> SyncReport:
    report = SyncReport()
    site = _site(laptop)
    while True:
        batch = _next_batch(laptop, batch_size)
        if batch is None:
            break
        with laptop.engine.connect() as conn:
            states = [
                replace(s, origin=site, new_since=batch.since.get(s.row_id, 0))
                for s in _states(conn, batch.entries)
            ]
        failpoint("before-send")
        conflicts = send_batch(server, batch.batch_id, site, states)
        failpoint("after-server-commit")
        with laptop.engine.begin() as conn:
            conn.execute(text("DELETE FROM sync_outbox WHERE batch_id = :b"), {"b": batch.batch_id})
            replica.record_conflicts(conn, conflicts, utcnow())
        report.pushed += len(states)
        report.conflicts += len(conflicts)
    after_push(server, site)
    return report


def _site(laptop: Database) -> str:
    with laptop.engine.connect() as conn:
        site = capture.site_id(conn)
    if site is None:
        raise BadInput(_("This database is no laptop replica."))
    return site.hex


def _horizon(server: Database) -> str:
    with server.engine.connect() as conn:
        return str(conn.exec_driver_sql("SELECT pg_snapshot_xmin(pg_current_snapshot())").scalar())


def _adopt(local: Connection, office: Connection, inserted: dict[str, set[uuid.UUID]]) -> int:
    """Records new here whose own records did not change lately (a client just handed to
    this login: its phones, deals, invoices were written long ago) bring those along,
    level by level, from the office in the same local transaction. Returns how many."""
    level = {name: ids for name, ids in inserted.items() if ids}
    seen: set[tuple[str, uuid.UUID]] = set()
    adopted = 0
    while level:
        entries: list[tuple[str, uuid.UUID]] = []
        for synced in synced_tables():
            table = Base.metadata.tables[synced.name]
            for fk in table.foreign_keys:
                parent = fk.column.table.name
                # a person's company too: hers, at a company she now sees, gets it back
                if fk.column.name != "id" or parent not in level:
                    continue
                ids = list(level[parent])
                for start in range(0, len(ids), PUSH_BATCH):
                    part = ids[start : start + PUSH_BATCH]
                    found = office.scalars(
                        select(table.c.id).where(table.c[fk.parent.name].in_(part))
                    )
                    entries += [(synced.name, i) for i in found if (synced.name, i) not in seen]
        if not entries:
            break
        seen.update(entries)
        applied = apply_states(local, _states(office, entries))
        adopted += applied.applied
        level = {name: ids for name, ids in applied.inserted.items() if ids}
    return adopted


def _new_clients(conn: Connection, inserted: dict[str, set[uuid.UUID]]) -> list[uuid.UUID]:
    """Clients new here, and those that received a new phone or e-mail: where a duplicate
    made on another computer can show."""
    found = set(inserted.get("clients", ()))
    for name in ("phones", "emails"):
        table = Base.metadata.tables[name]
        ids = list(inserted.get(name, ()))
        for start in range(0, len(ids), PUSH_BATCH):
            part = ids[start : start + PUSH_BATCH]
            found.update(conn.scalars(select(table.c.client_id).where(table.c.id.in_(part))))
    return sorted(found)


def pull(
    laptop: Database,
    server: Database,
    *,
    page_size: int = PULL_PAGE,
    progress: Progress | None = None,
    adopt: bool = False,
) -> SyncReport:
    """Bring what changed at the office since the cursor. `adopt`: this login sees part
    of the office (row-level security), so a record that becomes visible brings its
    older records along (`_adopt`)."""
    report = SyncReport()
    with laptop.engine.begin() as conn:
        current = replica.state(conn)
        if current.pull_next is None:
            replica.start_pull(conn, _horizon(server))
            current = replica.state(conn)
    position = current.page or (current.pull_cursor, "", str(uuid.UUID(int=0)))
    wiped = False  # an erasure came: no old page of the file, nor the log, may keep it
    while True:
        with server.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT txid::text, table_name, row_id FROM sync_row "
                    "WHERE txid >= CAST(:cursor AS xid8) AND (txid, table_name, row_id) > "
                    "(CAST(:x AS xid8), CAST(:t AS varchar), CAST(:r AS uuid)) "
                    # by the xid8 column, not the text of the same name (98 < 100)
                    "ORDER BY sync_row.txid, sync_row.table_name, sync_row.row_id LIMIT :n"
                ),
                {
                    "cursor": current.pull_cursor,
                    "x": position[0],
                    "t": position[1],
                    "r": position[2],
                    "n": page_size,
                },
            ).all()
            states = _states(conn, [(str(t), uuid.UUID(str(r))) for _x, t, r in rows])
            states += _missing_parents(laptop, conn, states)
        if not rows:
            with server.engine.connect() as office:
                purged = compaction.purged_since(office, current.pull_cursor)
            compaction.remove_purged(laptop, purged)
            with laptop.engine.begin() as conn:
                replica.pull_done(conn, utcnow())
            try:
                with server.engine.begin() as office:
                    compaction.note_progress(office, _site(laptop), str(current.pull_next))
            except DBAPIError:  # kept under another login: this laptop counts as away
                log.warning("the office did not take this laptop's progress", exc_info=True)
            break
        last = rows[-1]
        position = (str(last[0]), str(last[1]), str(last[2]))
        with laptop.engine.begin() as conn:
            erasing = privacy_wipe.erasures_arriving(conn, states)
            applied = apply_states(conn, states)
            if adopt and applied.inserted:
                with server.engine.connect() as office:
                    applied.applied += _adopt(conn, office, applied.inserted)
            report.duplicates += duplicates.record(
                conn, _new_clients(conn, applied.inserted), utcnow()
            )
            failpoint("mid-apply")
            newest = _max_clock(states)
            conn.execute(
                text("UPDATE sync_site SET hlc = max(hlc, :c) WHERE id = 1"), {"c": newest}
            )
            replica.record_conflicts(conn, applied.conflicts, utcnow())
            privacy_wipe.forget_erased(conn, erasing)  # the laptop's own history of them
            replica.page_done(conn, *position)
        wiped = wiped or erasing.wipes
        report.pulled += applied.applied
        report.conflicts += len(applied.conflicts)
        if progress is not None:
            progress("pull", report.pulled)
        failpoint("after-pull-page")
    if wiped:
        privacy_wipe.checkpoint(laptop)
    return report


def take_sync_seat(server: Database) -> None:
    """A sync takes a license seat like any desktop of an app user (held until the
    server's `dispose`). With every seat taken, trying later will do: `ServerUnavailable`
    (exit 75), saying who holds them; the laptop keeps its queue."""
    try:
        server.take_seat()
    except LicenseExhausted as err:
        server.dispose()
        raise ServerUnavailable(err.message) from err


def check_versions(laptop: Database, server: Database) -> None:
    """The handshake. The office server says which schema versions of the laptops it
    takes (its own and the one before: `change_capture.ACCEPTS`, written by `server
    init`): an older program reads and writes only the columns it knows. A laptop
    newer than the server, or older than that, is refused with what to do, and keeps
    working offline with its queue."""
    with server.engine.connect() as conn:
        theirs = current_revision(conn)
        accepts = capture.accepted_versions(conn)
    with laptop.engine.connect() as conn:
        mine = current_revision(conn)
    if mine == theirs or mine in accepts:
        return
    if (
        mine in REVISIONS
        and theirs in REVISIONS
        and REVISIONS.index(mine) > REVISIONS.index(theirs)
    ):
        raise SchemaMismatch(
            _(
                "The office server's database ({server}) is older than this program: ask "
                "the administrator to upgrade it with 'crm-desktop server init'. Your "
                "changes stay on this computer until then.",
                server=theirs,
            )
        )
    raise SchemaMismatch(
        _(
            "The office server runs a newer version of crm-desktop's database ({server}): "
            "update this program to synchronise. Your changes stay on this computer until "
            "then.",
            server=theirs or "?",
        )
    )


def synchronise(laptop: Database, server: Database, *, page_size: int = PULL_PAGE) -> SyncReport:
    """Push, then pull: what `crm-desktop sync` does. A server lost halfway is
    `ServerUnavailable` (try later: what was not acknowledged is still queued)."""
    check_versions(laptop, server)
    with translate_db_errors(server.location):
        limited = not server.is_server_admin()  # row-level security decides what it sees
        pushed = push(laptop, server)
        current = compaction.refresh_if_behind(
            laptop,
            server,
            lambda: _horizon(server),
            lambda: bootstrap(
                laptop, server, page_size=BOOTSTRAP_PAGE, horizon=lambda: _horizon(server)
            ),
        )
        pulled = SyncReport()
        if current:  # else: behind the compaction with edits just queued, next time
            pulled = pull(laptop, server, page_size=page_size, adopt=limited)
            if limited:
                evict_invisible(laptop, server)
    with laptop.engine.connect() as conn:
        pending = replica.pending(conn)
    return SyncReport(
        pushed.pushed,
        pulled.pulled,
        pushed.conflicts + pulled.conflicts,
        pending,
        pulled.duplicates,
    )


def init_replica(
    laptop: Database,
    server: Database,
    server_url: str,
    login: str | None,
    *,
    page_size: int = BOOTSTRAP_PAGE,
) -> SyncReport:
    """Make `laptop` (a new, migrated SQLite file) a replica of `server` and download
    what the server lets this login see. Resumable: run again after an interruption."""
    with laptop.engine.begin() as conn:
        capture.install(conn)
        replica.create(conn, server_url, login)
    copied = bootstrap(laptop, server, page_size=page_size, horizon=lambda: _horizon(server))
    report = pull(laptop, server, page_size=page_size, adopt=not server.is_server_admin())
    report.pulled += copied
    return report


# -- conflicts ------------------------------------------------------------------------


def _coerce(table: Table, name: str, raw: Any) -> Any:
    """A value from a conflict record (JSON) or the command line, as the column takes it."""
    if raw is None:
        return None
    column = table.c[name]
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return raw
    if kind is Decimal:
        return Decimal(str(raw))
    if kind is uuid.UUID:
        return uuid.UUID(str(raw))
    if kind is dt.date:
        return dt.date.fromisoformat(str(raw))
    if kind is dt.datetime:
        return dt.datetime.fromisoformat(str(raw))
    if kind is int:
        return int(raw)
    return raw if isinstance(raw, kind) else kind(raw)


def resolve_conflict(
    laptop: Database, conflict_id: int, *, value: str | None = None, keep: str | None = None
) -> replica.StoredConflict:
    """Settle a conflict with a new edit: `keep` "mine" or "theirs", or a `value` typed by
    the person. The edit is this computer's, so it goes to everyone with the next sync."""
    with laptop.engine.begin() as conn:
        site = capture.site_id(conn)
        found = {c.id: c for c in replica.open_conflicts(conn)}.get(conflict_id)
        if found is None or site is None:
            raise NotFound(_("No open conflict has the number {id}.", id=conflict_id))
        table = Base.metadata.tables[found.table]
        mine_kept = found.kept_site == site.hex
        if found.kind in (ConflictKind.HIDDEN, ConflictKind.ISSUED, ConflictKind.PURGED):
            pass  # someone else's now, or an issued invoice: settling takes it off the list
        elif found.kind == "deleted":
            # kept is the deletion: restoring means choosing the edit's side
            if value is not None:
                raise BadInput(
                    _("A deleted record's conflict is settled with --keep mine or --keep theirs.")
                )
            restore = (keep == "mine") != mine_kept
            if restore:
                conn.execute(
                    update(table).where(table.c.id == found.row_id).values(deleted_at=None)
                )
        else:
            if value is not None:
                chosen: Any = value
            elif keep == "mine":
                chosen = found.kept if mine_kept else found.other
            else:
                chosen = found.other if mine_kept else found.kept
            conn.execute(
                update(table)
                .where(table.c.id == found.row_id)
                .values(**{found.field: _coerce(table, found.field, chosen)})
            )
        conn.execute(
            text("UPDATE sync_conflicts SET resolved_at = :now WHERE id = :i"),
            {"now": utcnow().isoformat(), "i": conflict_id},
        )
    return found


def conflicts_json(laptop: Database) -> list[dict[str, Any]]:
    with laptop.engine.connect() as conn:
        site = capture.site_id(conn)
        return [c.to_json(site.hex if site else "") for c in replica.open_conflicts(conn)]


def status_json(laptop: Database) -> dict[str, Any]:
    with laptop.engine.connect() as conn:
        current = replica.state(conn)
        return {
            "pending": replica.pending(conn),
            "last_sync": current.last_sync_at.isoformat() if current.last_sync_at else None,
            "server": current.server,
            "conflicts": len(replica.open_conflicts(conn)),
        }


def duplicates_json(laptop: Database) -> list[dict[str, Any]]:
    """The duplicate candidates still to decide, with both clients' names."""
    clients = Base.metadata.tables["clients"]
    with laptop.engine.connect() as conn:
        found = duplicates.open_candidates(conn)
        ids = list({i for c in found for i in (c.client_id, c.other_id)})
        names = (
            dict(
                conn.execute(
                    select(clients.c.id, clients.c.name).where(clients.c.id.in_(ids))
                ).all()
            )
            if ids
            else {}
        )
    return [
        c.to_json() | {"client": names.get(c.client_id), "other": names.get(c.other_id)}
        for c in found
    ]


def dismiss_duplicate(laptop: Database, candidate_id: int) -> None:
    """ "Different clients": the pair is not offered again."""
    with laptop.engine.begin() as conn:
        if not duplicates.dismiss(conn, candidate_id, utcnow()):
            raise NotFound(_("No open duplicate pair has the number {id}.", id=candidate_id))
