"""Search-as-you-type over clients, the same on SQLite and PostgreSQL.

The fragment is folded like the index text (lower case, ё→е); a fragment that looks like
a phone ("345-67", "8 912 345", "+7 912") searches its digits. Results: clients whose
name starts with the fragment first, alphabetically (a range scan of the folded-name
btree), then other hits from the trigram index (FTS5 on SQLite, pg_trgm on PostgreSQL),
fetched unordered up to the limit and shown by name. Sorting every hit of a common
fragment would cost far more than the index lookup (ARCHITECTURE.md, pitfalls).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, Select, and_, column, literal_column, not_, table
from sqlalchemy.orm import Session

from crm_desktop.models import Client
from crm_desktop.services.client_list import ClientFilter
from crm_desktop.services.client_views import ClientView, client_rows_query, views_from_rows
from crm_desktop.store.search_index import fold

DEFAULT_LIMIT = 50
MIN_SUBSTRING = 3  # the trigram indexes need three characters
_PHONEISH = re.compile(r"^\+?[\d\s()\-.]+$")
_PREFIX_END = "\U0010ffff"
_fts = table("client_fts", column("rowid", Integer))


@dataclass(frozen=True)
class Fragment:
    text: str
    digits_only: bool


def parse_fragment(raw: str) -> Fragment | None:
    text = raw.strip()
    if not text:
        return None
    if _PHONEISH.match(text) and any(ch.isdigit() for ch in text):
        return Fragment(re.sub(r"\D", "", text), digits_only=True)
    return Fragment(" ".join(fold(text).split()), digits_only=False)


def search_clients(
    session: Session, raw: str, *, limit: int = DEFAULT_LIMIT, where: ClientFilter | None = None
) -> list[ClientView]:
    fragment = parse_fragment(raw)
    if fragment is None or limit <= 0:
        return []
    base = (where or ClientFilter()).conditions()
    frag = fragment.text
    prefix = and_(Client.name_folded >= frag, Client.name_folded < frag + _PREFIX_END)

    rows: list[Any] = []
    if not fragment.digits_only:
        rows = list(
            session.execute(
                client_rows_query()
                .where(*base, prefix)
                .order_by(Client.name_folded, Client.id)
                .limit(limit)
            ).all()
        )
    if len(rows) < limit and len(frag) >= MIN_SUBSTRING:
        query = _substring_query(session, frag).where(*base)
        if rows:
            query = query.where(not_(prefix))
        more = list(session.execute(query.limit(limit - len(rows))).all())
        more.sort(key=lambda row: (row[0].name_folded, row[0].id))
        rows.extend(more)
    return views_from_rows(session, rows)


def _substring_query(session: Session, frag: str) -> Select[Client, str]:
    if session.get_bind().dialect.name == "sqlite":
        phrase = '"' + frag.replace('"', '""') + '"'
        return (
            client_rows_query()
            .join(_fts, _fts.c.rowid == Client.search_rowid)
            .where(literal_column("client_fts").op("MATCH")(phrase))
        )
    pattern = "%" + frag.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return client_rows_query().where(Client.search_text.like(pattern, escape="\\"))
