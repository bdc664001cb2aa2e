"""Search-as-you-type over clients, the same on SQLite and PostgreSQL.

The fragment is folded like the index text (lower case, ё→е); a fragment that looks like
a phone ("345-67", "8 912 345", "+7 912") searches its digits. Results: clients whose
name starts with the fragment first, alphabetically (a range scan of the folded-name
btree), then other hits from the trigram index (FTS5 on SQLite, pg_trgm on PostgreSQL),
fetched unordered up to the limit and shown by name. Sorting every hit of a common
fragment would cost far more than the index lookup (ARCHITECTURE.md, pitfalls).

Each keystroke runs at most these two small queries, built once and reused with new
parameters, and returns plain `ClientRow`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Integer,
    and_,
    bindparam,
    column,
    literal,
    literal_column,
    not_,
    select,
    table,
    union_all,
)
from sqlalchemy.orm import Session

from crm_desktop.models import Client
from crm_desktop.services.client_list import ClientFilter
from crm_desktop.services.client_rows import ClientRow, client_row_query
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
) -> list[ClientRow]:
    fragment = parse_fragment(raw)
    if fragment is None or limit <= 0:
        return []
    where = where or ClientFilter()
    frag = fragment.text
    prefix = not fragment.digits_only
    substring = len(frag) >= MIN_SUBSTRING
    if not (prefix or substring):
        return []
    connection = session.connection()  # plain rows: Core, without the ORM's loading layer
    dialect = connection.dialect.name
    params: dict[str, Any] = {"lo": frag, "hi": frag + _PREFIX_END, "n": limit}
    if substring and dialect == "sqlite":
        params["phrase"] = '"' + frag.replace('"', '""') + '"'
    elif substring:
        escaped = frag.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params["pattern"] = f"%{escaped}%"
    # A filter on the time since the last contact holds "now": such statements are not kept.
    if where.no_contact_days is None and where.segment_id is None:
        query = _search_query(dialect, where, prefix, substring)
    else:  # a filter that holds "now" or a segment's rules: not kept
        query = _search_query.__wrapped__(dialect, where, prefix, substring, session)
    found = connection.execute(query, params).all()
    rows = [ClientRow(*row[:-1]) for row in found if row[-1] == 0]
    others = sorted(
        (ClientRow(*row[:-1]) for row in found if row[-1] == 1),
        key=lambda row: (row.name_folded, row.id),
    )
    return rows + others


_in_prefix = and_(Client.name_folded >= bindparam("lo"), Client.name_folded < bindparam("hi"))


@lru_cache(maxsize=64)
def _search_query(
    dialect: str,
    where: ClientFilter,
    prefix: bool,
    substring: bool,
    session: Session | None = None,
) -> Any:
    """One statement, one round trip: the prefix matches in name order (part 0), then
    other hits of the trigram index (part 1), `:n` rows in all. The database stops
    reading the second part once the first has filled the limit."""
    parts = []
    if prefix:
        parts.append(
            client_row_query()
            .add_columns(literal(0).label("part"))
            .where(*where.conditions(session), _in_prefix)
            .order_by(Client.name_folded, Client.id)
            .limit(bindparam("n"))
            .subquery()
        )
    if substring:
        query = (
            client_row_query()
            .add_columns(literal(1).label("part"))
            .where(*where.conditions(session))
        )
        if dialect == "sqlite":
            query = query.join(_fts, _fts.c.rowid == Client.search_rowid).where(
                literal_column("client_fts").op("MATCH")(bindparam("phrase"))
            )
        else:
            query = query.where(Client.search_text.like(bindparam("pattern"), escape="\\"))
        if prefix:
            query = query.where(not_(_in_prefix))
        parts.append(query.limit(bindparam("n")).subquery())
    selects = [select(part) for part in parts]
    if len(selects) == 1:
        return selects[0]
    return union_all(*selects).limit(bindparam("n"))
