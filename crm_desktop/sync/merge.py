"""Merging two computers' copies of one record: per field, the later write wins.

A record's state is its field values, its causal length and its clocks as change capture
keeps them (`store.change_capture`). Merging two states takes, for each field, the value whose
entry has the greater `(clock, site)`, and the greater causal length (odd: alive, even:
deleted). The result does not depend on the order in which states meet, nor on how often
the same state arrives (the merge is commutative, associative and idempotent), which is
what lets every replica and the server end up identical.

Where silently keeping the later edit would hurt (a client's name and INN, a deal's
amount and stage, notes), two edits of the same field made concurrently (neither made on
top of the other: see `capture.field_base`) yield a `Conflict` showing both values; the
later value is kept until a person resolves it. An edit that meets a deletion it did not
see keeps the deletion and yields a conflict too; the edit's values are merged all the
same, so restoring the record brings it back with the edit.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from crm_desktop.store.change_capture import ALL_FIELDS

Stamp = tuple[int, str]
NOTHING: Stamp = (0, "")
DELETED_AT = "deleted_at"

# The fields where a concurrent edit is shown to a person instead of settled silently.
GUARDED: Mapping[str, frozenset[str]] = {
    "clients": frozenset({"name", "inn", "note"}),
    "deals": frozenset({"amount", "stage_id", "note"}),
    "tasks": frozenset({"description"}),
    "interactions": frozenset({"text"}),
    "orders": frozenset({"note"}),
    "invoices": frozenset({"note"}),
}


@dataclass(frozen=True, order=True)
class Entry:
    """The write that set a field: its stamp, and the stamp of the entry it replaced."""

    stamp: Stamp = NOTHING
    base: Stamp = NOTHING

    def to_json(self) -> list[Any]:
        if self.base == NOTHING:
            return [self.stamp[0], self.stamp[1]]
        return [self.stamp[0], self.stamp[1], self.base[0], self.base[1]]

    @classmethod
    def from_json(cls, raw: Sequence[Any] | None) -> Entry:
        if not raw:
            return cls()
        base = (int(raw[2]), str(raw[3])) if len(raw) >= 4 else NOTHING
        return cls((int(raw[0]), str(raw[1])), base)

    def saw(self, other: Entry) -> bool:
        """Whether this write was made by a computer that had `other` (or something
        later) for the field: the two are then in sequence, not concurrent."""
        return self.base >= other.stamp


@dataclass(frozen=True)
class RecordState:
    """One computer's copy of one record, as the sync moves it."""

    table: str
    row_id: uuid.UUID
    cl: int  # causal length: odd alive, even deleted
    values: Mapping[str, Any]  # every synchronised field (empty for a hard-deleted row)
    clocks: Mapping[str, Sequence[Any]]  # as sync_row keeps them
    # Set on a pushed state: the pushing site, and the clock from which its own entries
    # are edits made since its last acknowledged push (new to the server).
    origin: str = ""
    new_since: int | None = None

    def is_new_edit(self, entry: Entry) -> bool:
        return (
            self.new_since is not None
            and entry.stamp[1] == self.origin
            and entry.stamp[0] >= self.new_since
        )

    @property
    def alive(self) -> bool:
        return self.cl % 2 == 1

    def entry(self, name: str) -> Entry:
        own = self.clocks.get(name)
        if own:
            return Entry.from_json(own)
        return Entry.from_json(self.clocks.get(ALL_FIELDS))

    def resolved(self, fields: Sequence[str]) -> dict[str, tuple[Entry, Any]]:
        """Each field's entry and value: two states are the same record state when
        these, and the causal length, are equal (however their clocks are written)."""
        return {f: (self.entry(f), self.values.get(f)) for f in fields}


class ConflictKind(enum.StrEnum):
    FIELD = "field"  # the same guarded field edited concurrently on two computers
    DELETED = "deleted"  # a record edited on one computer, deleted on another
    HIDDEN = "hidden"  # edited on a laptop, handed meanwhile to someone else at the office
    ISSUED = "issued"  # a draft's edit that arrived after the office issued the invoice
    PURGED = "purged"  # an edit of a record the office removed for good meanwhile


@dataclass(frozen=True)
class Conflict:
    table: str
    row_id: uuid.UUID
    kind: ConflictKind
    field: str  # the field; for a deleted record, the first field the edit changed
    kept: Any  # the value the record now shows (for DELETED: the deletion time)
    other: Any  # the value that lost (for DELETED: the edit's value of `field`)
    kept_stamp: Stamp
    other_stamp: Stamp


@dataclass
class Merged:
    state: RecordState
    conflicts: list[Conflict] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)  # fields whose value differs from local


def _compact(
    table_fields: Sequence[str], winners: Mapping[str, Entry], star: Entry
) -> dict[str, list[Any]]:
    clocks: dict[str, list[Any]] = {}
    if star.stamp != NOTHING:
        clocks[ALL_FIELDS] = star.to_json()
    for name in table_fields:
        entry = winners[name]
        if entry != star:
            clocks[name] = entry.to_json()
    return clocks


def _concurrent(mine: Entry, theirs: Entry, remote: RecordState) -> bool:
    """Whether two different entries of a field come from edits neither saw.

    A pushed state says which of its entries are edits new to the server (`new_since`):
    such an edit is in sequence only when it was made on top of exactly the entry the
    server holds; the pushed state's other entries are copies of what the laptop pulled
    earlier, never a conflict. Otherwise (a pull, where no such knowledge travels) an
    entry made on top of something at least as new as the other counts as having seen
    it: this misses a laptop's edit that met two later edits of the office, which the
    push, where conflicts are found first, does not."""
    if remote.new_since is not None:
        return remote.is_new_edit(theirs) and theirs.base != mine.stamp
    return not mine.saw(theirs) and not theirs.saw(mine)


def merge(local: RecordState | None, remote: RecordState, table_fields: Sequence[str]) -> Merged:
    """`local` and `remote` merged; `changed` says which fields the local copy must take."""
    if local is None:
        return Merged(remote, [], {f for f in table_fields if f in remote.values})
    if local.table != remote.table or local.row_id != remote.row_id:
        raise ValueError("merging two different records")
    guarded = GUARDED.get(local.table, frozenset())
    winners: dict[str, Entry] = {}
    values: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for name in table_fields:
        mine, theirs = local.entry(name), remote.entry(name)
        take_theirs = theirs.stamp > mine.stamp
        winner = theirs if take_theirs else mine
        winners[name] = winner
        if take_theirs and name in remote.values:
            values[name] = remote.values[name]
        elif name in local.values:
            values[name] = local.values[name]
        else:
            values[name] = remote.values.get(name)
        if (
            name in guarded
            and mine.stamp != theirs.stamp
            and _concurrent(mine, theirs, remote)
            and local.values.get(name) != remote.values.get(name)
        ):
            loser, lost_value = (
                (mine, local.values.get(name))
                if take_theirs
                else (
                    theirs,
                    remote.values.get(name),
                )
            )
            conflicts.append(
                Conflict(
                    local.table,
                    local.row_id,
                    ConflictKind.FIELD,
                    name,
                    values[name],
                    lost_value,
                    winner.stamp,
                    loser.stamp,
                )
            )
    cl = max(local.cl, remote.cl)
    if DELETED_AT in table_fields:
        values[DELETED_AT] = _deletion_time(local, remote, cl)
    deletion = _deletion_conflict(local, remote, table_fields, values)
    if deletion is not None:
        conflicts.append(deletion)
    star = max(local.entry(ALL_FIELDS), remote.entry(ALL_FIELDS))
    state = RecordState(
        local.table, local.row_id, cl, values, _compact(table_fields, winners, star)
    )
    changed = {
        name
        for name in table_fields
        if name in values and (name not in local.values or local.values[name] != values[name])
    }
    return Merged(state, conflicts, changed)


def _deletion_time(local: RecordState, remote: RecordState, cl: int) -> Any:
    """None while the record is alive; once deleted, the latest deletion time among the
    copies at the winning causal length. Not the value under the field's greatest entry:
    that may be a restore which lost to a later causal length; and a time taken from
    elsewhere must not pass for that entry's value, or two copies holding the same entry
    could show different times (a tie keeps the local one: they would never agree)."""
    if cl % 2 == 1:
        return None
    times = [s.values.get(DELETED_AT) for s in (local, remote) if s.cl == cl]
    present = [t for t in times if t is not None]  # a hard delete carries no time
    return max(present) if present else None


def _deletion_conflict(
    local: RecordState, remote: RecordState, table_fields: Sequence[str], merged: Mapping[str, Any]
) -> Conflict | None:
    """An edit the deleting computer had not seen, on a record that ends deleted."""
    if local.cl == remote.cl or max(local.cl, remote.cl) % 2 == 1:
        return None
    gone, kept = (local, remote) if local.cl > remote.cl else (remote, local)
    if kept.alive is False:
        return None
    deleted = gone.entry(DELETED_AT)
    for name in table_fields:
        if name == DELETED_AT:
            continue
        edit = kept.entry(name)
        # the deleting copy's own entry for the field says whether it had the edit
        if edit.stamp > gone.entry(name).stamp:
            return Conflict(
                local.table,
                local.row_id,
                ConflictKind.DELETED,
                name,
                merged.get(DELETED_AT),
                kept.values.get(name),
                deleted.stamp,
                edit.stamp,
            )
    return None
