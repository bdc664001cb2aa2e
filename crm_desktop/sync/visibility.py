"""What a laptop holds follows what the office server lets its login see (row-level
security: a manager sees her clients). A client handed to a colleague leaves her laptop
at the next sync (after her queued edits went out: the sync pushes first, and nothing
leaves while anything is queued), with the records that cannot be without it; the
clocks of what left go too, so it comes back whole if it is handed back.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from crm_desktop.models import Base
from crm_desktop.store.database import Database
from crm_desktop.sync.bootstrap import drop_dangling_references
from crm_desktop.sync.unchecked import unchecked

CHUNK = 500


def _local_clients(raw: Any) -> list[str]:
    """The clients held here, but not those still queued (new here, not yet at the
    office)."""
    rows = raw.execute(
        "SELECT id FROM clients WHERE id NOT IN "
        "(SELECT row_id FROM sync_outbox WHERE table_name = 'clients')"
    ).fetchall()
    return [str(r[0]) for r in rows]


def evict_invisible(laptop: Database, server: Database) -> int:
    """Remove the clients this login no longer sees on the server (a login row-level
    security limits: not an administrator); returns how many."""
    clients = Base.metadata.tables["clients"]
    with unchecked(laptop) as raw:
        held = _local_clients(raw)
        gone: list[str] = []
        with server.engine.connect() as conn:
            for start in range(0, len(held), CHUNK):
                part = held[start : start + CHUNK]
                seen = {
                    r.hex
                    for r in conn.scalars(
                        select(clients.c.id).where(clients.c.id.in_([uuid.UUID(i) for i in part]))
                    )
                }
                gone += [i for i in part if i not in seen]
        if not gone:
            return 0
        raw.execute("BEGIN IMMEDIATE")
        if raw.execute("SELECT 1 FROM sync_outbox LIMIT 1").fetchone() is not None:
            # written since the push (the app works on while it syncs): those edits go
            # first, with the next sync; the clients leave after that
            raw.execute("ROLLBACK")
            return 0
        raw.execute("UPDATE sync_site SET applying = 1 WHERE id = 1")
        for start in range(0, len(gone), CHUNK):
            part = gone[start : start + CHUNK]
            marks = ", ".join("?" * len(part))
            raw.execute(f"DELETE FROM clients WHERE id IN ({marks})", part)
            raw.execute(
                f"DELETE FROM sync_row WHERE table_name = 'clients' AND row_id IN ({marks})", part
            )
        drop_dangling_references(raw)
        raw.execute("UPDATE sync_site SET applying = 0 WHERE id = 1")
        raw.execute("COMMIT")
        return len(gone)
