"""The office server's audit trail: who did what to whom, written by the server itself
(`crm_write_audit`, a SECURITY DEFINER function: the login and the time are the server's,
and no app user may read or change the table). The administrator's actions on users,
licenses, seats and client ownership are recorded; a local SQLite file has no trail yet
(the change-history issue extends it)."""

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
