"""A record's change history in plain words, and putting a field (or the whole record)
back the way an entry shows it.

The entries come from `audit_log` (written by the database's triggers, see
store/audit_capture.py). Values are kept there as text; here they are read back with the
column's own type (money, dates, times in the user's zone, phones formatted, a manager's
name for a login, a client's name for its id) and told as one line each:
"Петрова изменила телефон: +7 912 345-67-89 → +7 916 000-00-01, 12.03.2026 14:05".
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator, TypeEngine

from crm_desktop.errors import NotFound, ValidationError
from crm_desktop.i18n import _, language
from crm_desktop.i18n.formats import format_date, format_datetime, format_number
from crm_desktop.models import AuditEntry, Base, Client, User
from crm_desktop.models.base import ScaledDecimal
from crm_desktop.services.phones import format_phone
from crm_desktop.store.audit_capture import AUDITED, CHILDREN, audited_fields
from crm_desktop.store.privacy_wipe import TextMatcher, blank_entries

CHILD_FIELDS = {c.field: c for c in CHILDREN}
PAGE = 200


def _labels() -> dict[str, str]:
    return {
        "name": _("name"),
        "legal_form": _("legal form"),
        "full_name": _("full name"),
        "company_id": _("company"),
        "position": _("position"),
        "inn": _("INN"),
        "kpp": _("KPP"),
        "ogrn": _("OGRN"),
        "birth_date": _("date of birth"),
        "owner": _("manager"),
        "source": _("source"),
        "note": _("note"),
        "last_contact_at": _("last contact"),
        "unsubscribed_at": _("unsubscribed"),
        "merged_into_id": _("merged into"),
        "deleted_at": _("deleted"),
        "kind": _("kind"),
        "phone": _("phone"),
        "email": _("e-mail"),
        "address": _("address"),
        "messenger": _("messenger"),
        "title": _("title"),
        "client_id": _("client"),
        "pipeline_id": _("pipeline"),
        "stage_id": _("stage"),
        "amount": _("amount"),
        "currency": _("currency"),
        "probability": _("probability"),
        "expected_close": _("expected close"),
        "closed_at": _("closed"),
        "lost_reason": _("reason lost"),
        "stage_entered_at": _("on the stage since"),
        "due_at": _("due"),
        "remind_at": _("reminder"),
        "deal_id": _("deal"),
        "assignee": _("assignee"),
        "priority": _("priority"),
        "status": _("status"),
        "completed_at": _("completed"),
        "description": _("description"),
        "price": _("price"),
        "vat_rate": _("VAT rate"),
        "number": _("number"),
        "total": _("total"),
        "issue_date": _("issue date"),
        "due_date": _("due date"),
    }


def field_label(name: str) -> str:
    return _labels().get(name, name.replace("_", " "))


# Russian sentences put the field after "изменила": the accusative of the labels that differ
ACCUSATIVE = {
    "правовая форма": "правовую форму",
    "дата рождения": "дату рождения",
    "воронка": "воронку",
    "сумма": "сумму",
    "валюта": "валюту",
    "причина проигрыша": "причину проигрыша",
    "сделка": "сделку",
    "исполнитель": "исполнителя",
    "цена": "цену",
    "ставка НДС": "ставку НДС",
    "дата выставления": "дату выставления",
    "компания": "компанию",
    "клиент": "клиента",
    "выполнена": "дату выполнения",
    "на этапе с": "дату входа в этап",
    "удалён": "удаление",
    "объединён с": "объединение",
}


def _in_sentence(label: str) -> str:
    return ACCUSATIVE.get(label, label) if language() == "ru" else label


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: Any  # the value as the program holds it (Decimal, date, login ...), or None
    new: Any
    old_text: str
    new_text: str
    erased: bool = False


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: dt.datetime
    login: str | None
    who: str  # the user's name, else the login
    computer: str | None
    table: str
    record_id: uuid.UUID
    action: str
    changes: tuple[FieldChange, ...] = field(default_factory=tuple)
    tx: int | None = None  # one save's entries share it

    @property
    def when(self) -> str:
        return format_datetime(self.at)

    def sentence(self) -> str:
        return describe(self)


# -- reading values back ---------------------------------------------------------------


def _column_type(table: str, name: str) -> TypeEngine[Any] | None:
    t: Table = Base.metadata.tables[table]
    return t.columns[name].type if name in t.columns else None


def decode(table: str, name: str, raw: Any, dialect: str) -> Any:
    """A stored text (or, on SQLite, the raw number) as the program's value."""
    if raw is None:
        return None
    if table == "clients" and name in CHILD_FIELDS:
        return str(raw)
    kind = _column_type(table, name)
    if kind is None:
        return raw
    if isinstance(kind, ScaledDecimal):
        if dialect == "sqlite":
            return Decimal(int(raw)).scaleb(-kind.scale).quantize(Decimal(1).scaleb(-kind.scale))
        return Decimal(str(raw))
    impl: Any = kind.impl if isinstance(kind, TypeDecorator) else kind
    try:
        python: type[Any] = impl.python_type
    except NotImplementedError:
        return raw
    text = str(raw)
    if python is dt.datetime:
        moment = dt.datetime.fromisoformat(text.replace("T", " ").replace("Z", "+00:00"))
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    if python is dt.date:
        return dt.date.fromisoformat(text[:10])
    if python is bool:
        return text.lower() in ("1", "true", "t")
    if python is int:
        return int(float(text))
    if python is uuid.UUID:
        return uuid.UUID(text)
    if python in (dict, list):
        return json.loads(text) if isinstance(raw, str) else raw
    return text if not isinstance(raw, str) else raw


class _Names:
    """Names for the ids and logins a history shows, fetched once per page."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.users: dict[str, str] | None = None
        self.clients: dict[uuid.UUID, str] = {}
        self.stages: dict[uuid.UUID, str] = {}

    def user(self, login: str | None) -> str:
        if not login:
            return _("someone")
        if self.users is None:
            rows = self.session.execute(select(User.login, User.full_name)).all()
            self.users = {r[0]: (r[1] or r[0]) for r in rows}
        return self.users.get(login, login)

    def client(self, client_id: uuid.UUID) -> str:
        if client_id not in self.clients:
            name = self.session.execute(
                select(Client.name).where(Client.id == client_id)
            ).scalar_one_or_none()
            self.clients[client_id] = name or str(client_id)[:8]
        return self.clients[client_id]

    def stage(self, stage_id: uuid.UUID) -> str:
        """A stage's or a pipeline's name (the same ids recur on every page of a deal)."""
        from crm_desktop.models import Pipeline, Stage

        if stage_id not in self.stages:
            self.stages[stage_id] = str(stage_id)[:8]
            for model in (Stage, Pipeline):
                name = self.session.execute(
                    select(model.name).where(model.id == stage_id)
                ).scalar_one_or_none()
                if name:
                    self.stages[stage_id] = str(name)
                    break
        return self.stages[stage_id]


def show_value(table: str, name: str, value: Any, names: _Names) -> str:
    if value is None:
        return "—"
    if name == "phone":
        number, _sep, rest = str(value).partition(";")
        return format_phone(number) + rest
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return format_number(value, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    if isinstance(value, uuid.UUID):
        if name in ("client_id", "company_id", "merged_into_id"):
            return names.client(value)
        if name in ("stage_id", "pipeline_id"):
            return names.stage(value)
        return str(value)[:8]
    if name in ("owner", "assignee"):
        return names.user(str(value))
    return str(value)


def _entry(row: AuditEntry, dialect: str, names: _Names) -> HistoryEntry:
    changes = []
    erased = row.erased or {}
    for name in sorted(row.changes, key=_field_order(row.table_name)):
        raw_old, raw_new = [*row.changes[name], None, None][:2]
        old = decode(row.table_name, name, raw_old, dialect)
        new = decode(row.table_name, name, raw_new, dialect)
        blank = name in erased
        changes.append(
            FieldChange(
                name,
                field_label(name),
                old,
                new,
                _("(erased)")
                if blank and raw_old is None and erased[name][0] != "-"
                else show_value(row.table_name, name, old, names),
                _("(erased)")
                if blank and raw_new is None and erased[name][1] != "-"
                else show_value(row.table_name, name, new, names),
                blank,
            )
        )
    return HistoryEntry(
        row.id,
        row.at,
        row.login,
        names.user(row.login),
        row.computer,
        row.table_name,
        row.record_id,
        row.action,
        tuple(changes),
        row.tx,
    )


def _field_order(table: str) -> Any:
    order = {name: i for i, name in enumerate(audited_fields(table))} if table in AUDITED else {}
    return lambda name: (order.get(name, len(order)), name)


def record_history(
    session: Session, record_id: uuid.UUID, *, before: int | None = None, limit: int = PAGE
) -> list[HistoryEntry]:
    """The record's entries, newest first (a page: pass the last id shown as `before`)."""
    query = select(AuditEntry).where(AuditEntry.record_id == record_id)
    if before is not None:
        query = query.where(AuditEntry.id < before)
    rows = session.execute(query.order_by(AuditEntry.id.desc()).limit(limit)).scalars().all()
    names = _Names(session)
    dialect = session.get_bind().dialect.name
    return [_entry(row, dialect, names) for row in rows]


# -- telling it in words ------------------------------------------------------------------


def _feminine(name: str) -> bool | None:
    """Whether a Russian name reads as a woman's (the verb agrees): by the patronymic,
    else by the surname's ending; None when nothing tells."""
    words = name.split()
    if len(words) >= 3:
        if words[2].endswith(("вна", "чна", "кызы")):
            return True
        if words[2].endswith(("вич", "ич", "оглы")):
            return False
    if words:
        first = words[0]
        if first.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "ая")):
            return True
        if first.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ой", "ий")):
            return False
    return None


def _verb(who: str, action: str) -> str:
    if language() != "ru":
        return {"insert": "created", "update": "changed", "delete": "removed"}[action]
    forms = {
        "insert": ("создала", "создал", "создал(а)"),
        "update": ("изменила", "изменил", "изменил(а)"),
        "delete": ("удалила", "удалил", "удалил(а)"),
        "add": ("добавила", "добавил", "добавил(а)"),
        "bin": ("переместила в корзину", "переместил в корзину", "переместил(а) в корзину"),
        "back": ("восстановила", "восстановил", "восстановил(а)"),
    }[action]
    feminine = _feminine(who)
    return forms[0] if feminine else forms[1] if feminine is False else forms[2]


def _short_who(who: str) -> str:
    return who.split()[0] if who.split() else who


def describe(entry: HistoryEntry) -> str:
    """One line: who did what, and when."""
    line = _describe(entry)
    return line[:1].upper() + line[1:]


def _describe(entry: HistoryEntry) -> str:
    who = _short_who(entry.who)
    when = entry.when
    ru = language() == "ru"
    if entry.action in ("insert", "delete") and (
        entry.table != "clients" or not _only_children(entry)
    ):
        what = _("the record")
        return f"{who} {_verb(entry.who, entry.action)} {what}, {when}"
    parts = []
    for change in entry.changes:
        if change.field == "deleted_at":
            action = "bin" if change.new is not None else "back"
            parts.append(
                _verb(entry.who, action)
                if ru
                else ("moved it to the recycle bin" if change.new is not None else "restored it")
            )
            continue
        if change.old is None and change.new is not None and change.field in CHILD_FIELDS:
            verb = _verb(entry.who, "add") if ru else "added"
            parts.append(f"{verb} {_in_sentence(change.label)} {change.new_text}")
        elif change.new is None and change.old is not None and change.field in CHILD_FIELDS:
            verb = _verb(entry.who, "delete") if ru else "removed"
            parts.append(f"{verb} {_in_sentence(change.label)} {change.old_text}")
        else:
            verb = _verb(entry.who, "update")
            label = _in_sentence(change.label)
            parts.append(f"{verb} {label}: {change.old_text} → {change.new_text}")
    return f"{who} {'; '.join(parts)}, {when}"


def _only_children(entry: HistoryEntry) -> bool:
    return all(c.field in CHILD_FIELDS for c in entry.changes)


def merged(entries: Sequence[HistoryEntry]) -> list[HistoryEntry]:
    """Entries of one moment by one person on one record read as one: a phone removed
    and another added in the same save is "changed the phone: A → B"."""
    out: list[HistoryEntry] = []
    for entry in entries:
        last = out[-1] if out else None
        if (
            last is not None
            and last.record_id == entry.record_id
            and last.login == entry.login
            and (last.tx == entry.tx if last.tx is not None else last.at == entry.at)
            and last.action == entry.action == "update"
        ):
            out[-1] = _join(last, entry)
        else:
            out.append(entry)
    return out


def _join(a: HistoryEntry, b: HistoryEntry) -> HistoryEntry:
    changes = list(a.changes)
    for change in b.changes:
        match = next(
            (
                i
                for i, c in enumerate(changes)
                if c.field == change.field
                and c.field in CHILD_FIELDS
                and (c.old is None) != (c.new is None)  # a lone addition or removal
                and (change.old is None) != (change.new is None)
                and (c.old is None) != (change.old is None)
            ),
            None,
        )
        if match is None:
            changes.append(change)
            continue
        other = changes[match]
        added, removed = (other, change) if other.old is None else (change, other)
        changes[match] = FieldChange(
            change.field,
            change.label,
            removed.old,
            added.new,
            removed.old_text,
            added.new_text,
        )
    return HistoryEntry(
        a.id, a.at, a.login, a.who, a.computer, a.table, a.record_id, a.action, tuple(changes), a.tx
    )


# -- restoring ----------------------------------------------------------------------------


def _model(table: str) -> type[Any]:
    for mapper in Base.registry.mappers:
        if getattr(mapper.local_table, "name", None) == table:
            return mapper.class_
    raise NotFound(_("Nothing to restore: unknown table {table}", table=table))


def _load_entry(session: Session, entry_id: int) -> AuditEntry:
    entry = session.get(AuditEntry, entry_id)
    if entry is None:
        raise NotFound(_("History entry {id} not found", id=entry_id))
    return entry


def _editable(session: Session, table: str, record_id: uuid.UUID) -> Any:
    obj = session.get(_model(table), record_id)
    if obj is None:
        raise NotFound(_("The record is no longer there: it cannot be restored"))
    status = getattr(obj, "status", None)
    if table == "invoices" and getattr(status, "value", status) != "draft":
        raise ValidationError("invoice", _("An issued invoice cannot be changed: restore refused"))
    return obj


def restore_field(session: Session, entry_id: int, field_name: str) -> None:
    """Put `field_name` back to the value it had before entry `entry_id` changed it."""
    entry = _load_entry(session, entry_id)
    if field_name not in entry.changes:
        raise ValidationError("field", _("This entry did not change {field}", field=field_name))
    if field_name in (entry.erased or {}):
        raise ValidationError("field", _("This value was erased and cannot be restored"))
    dialect = session.get_bind().dialect.name
    raw_old = [*entry.changes[field_name], None][0]
    if entry.table_name == "clients" and field_name in CHILD_FIELDS:
        # one save may remove a phone and add another (two entries): undo them together
        same_save = [entry]
        if entry.tx is not None:
            same_save = list(
                session.execute(
                    select(AuditEntry).where(
                        AuditEntry.record_id == entry.record_id, AuditEntry.tx == entry.tx
                    )
                ).scalars()
            )
        removed, added = [], []
        for row in same_save:
            if field_name in row.changes and field_name not in (row.erased or {}):
                before, after = [*row.changes[field_name], None, None][:2]
                removed += [before] if before is not None else []
                added += [after] if after is not None else []
        _restore_child(session, entry.record_id, field_name, removed, added)
        return
    obj = _editable(session, entry.table_name, entry.record_id)
    _set(obj, field_name, decode(entry.table_name, field_name, raw_old, dialect))


def _set(obj: Any, name: str, value: Any) -> None:
    column = obj.__table__.columns[name]
    enum_class = getattr(column.type, "enum_class", None)
    if enum_class is not None and value is not None:
        value = enum_class(value)
    setattr(obj, name, value)


def restore_version(session: Session, entry_id: int) -> int:
    """Put the whole record back as it was right after entry `entry_id` (its own fields;
    phones and e-mails are restored one by one). Returns how many fields changed."""
    entry = _load_entry(session, entry_id)
    obj = _editable(session, entry.table_name, entry.record_id)
    dialect = session.get_bind().dialect.name
    later = (
        session.execute(
            select(AuditEntry)
            .where(AuditEntry.record_id == entry.record_id, AuditEntry.id > entry.id)
            .order_by(AuditEntry.id)
        )
        .scalars()
        .all()
    )
    wanted: dict[str, Any] = {}
    for row in later:
        if row.table_name != entry.table_name:
            continue
        for name, pair in row.changes.items():
            if name in CHILD_FIELDS or name in wanted:
                continue
            if name in (row.erased or {}):
                raise ValidationError("field", _("This value was erased and cannot be restored"))
            wanted[name] = decode(entry.table_name, name, [*pair, None][0], dialect)
    changed = 0
    for name, value in wanted.items():
        if name not in obj.__table__.columns:
            continue
        _set(obj, name, value)
        changed += 1
    return changed


def _restore_child(
    session: Session,
    client_id: uuid.UUID,
    field_name: str,
    removed: Sequence[Any],
    added: Sequence[Any],
) -> None:
    from crm_desktop.services.client_views import get_client
    from crm_desktop.services.clients import ClientChanges, edit_client

    view = get_client(session, client_id)
    lists = {"phone": list(view.phones), "email": list(view.emails)}
    if field_name not in lists:
        raise ValidationError("field", _("This change cannot be restored here: edit the card"))
    values = [v for v in lists[field_name] if v not in {str(a) for a in added}]
    values += [str(r) for r in removed if str(r) not in values]
    changes = (
        ClientChanges(phones=values) if field_name == "phone" else ClientChanges(emails=values)
    )
    edit_client(session, client_id, changes)


# -- erasure (152-FZ) ---------------------------------------------------------------------


def blank_history(
    session: Session,
    record_ids: Sequence[uuid.UUID],
    needles: Sequence[str] | TextMatcher = (),
) -> int:
    """Blank values in the history for a lawful erasure, keeping their hashes (so the
    chain still verifies): every value of the records `record_ids`, and any value
    elsewhere that holds one of `needles` in any case (strings: a name, phone or
    e-mail; or the erasure's `TextMatcher`, which also finds a phone written with
    separators). Returns how many entries were blanked. The caller must be allowed to
    change the history (on the office server: the administrator)."""
    session.flush()
    own = not isinstance(needles, TextMatcher)
    matcher = (
        TextMatcher(needles, min_length=3) if not isinstance(needles, TextMatcher) else needles
    )
    conn = session.connection()
    try:
        blanked = blank_entries(conn, record_ids, matcher)
    finally:
        if own:
            TextMatcher.release(conn)
    for entry in [o for o in session.identity_map.values() if isinstance(o, AuditEntry)]:
        session.expire(entry)  # written past the session: read again when asked
    return blanked
