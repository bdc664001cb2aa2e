"""The office server's audit trail: who did what to whom, written by the server itself.
The server's functions and triggers record logins made, regrouped or disabled, ended
seats and every change of a client's owner (store/server_functions.py); this module lets
the server's administrator (a superuser: license installs, server settings) add theirs.
The login and the time are always the server's; no app user may read, write or change
the table. A local SQLite file has no trail yet (the change-history issue extends it)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, text


def write_audit(
    conn: Connection,
    action: str,
    table: str = "",
    record: object | None = None,
    details: dict[str, Any] | None = None,
) -> bool:
    """Record one action in the server's trail (in the caller's transaction); False on
    SQLite."""
    if conn.dialect.name != "postgresql":
        return False
    conn.execute(
        text("SELECT public.crm_write_audit(:action, :table, :record, CAST(:details AS jsonb))"),
        {
            "action": action,
            "table": table,
            "record": None if record is None else str(record),
            "details": json.dumps(details or {}, ensure_ascii=False, default=str),
        },
    )
    return True
