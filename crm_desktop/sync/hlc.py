"""Hybrid logical clocks: `(physical milliseconds << 16) | counter` in one 64-bit integer.

Every tracked field carries the clock of the write that set it and the site (database)
that made that write; a merge keeps the greater `(clock, site)`. The physical part keeps
clocks close to wall time, so "the later edit wins" means what people expect; the counter
orders writes within one millisecond and carries a site past what it has seen from
others, so a computer whose clock is slow still orders its new edits after everything it
has pulled (`observe`). The same arithmetic runs inside the databases' triggers
(`store.change_capture`); this module is its reference and what the sync engine uses.
"""

from __future__ import annotations

import time

from crm_desktop.errors import Refused
from crm_desktop.i18n import _

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1
# A push whose clocks run further ahead of the server's clock than this is refused: its
# edits would win every merge for as long as the other computers' clocks lag behind.
MAX_AHEAD_MS = 5 * 60 * 1000


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def pack(physical_ms: int, counter: int = 0) -> int:
    if physical_ms < 0 or not 0 <= counter <= COUNTER_MASK:
        raise ValueError("a clock's physical part is >= 0 and its counter fits 16 bits")
    return (physical_ms << COUNTER_BITS) | counter


def physical(clock: int) -> int:
    """The clock's wall time in milliseconds since 1970."""
    return clock >> COUNTER_BITS


def counter(clock: int) -> int:
    return clock & COUNTER_MASK


def tick(last: int, wall_ms: int | None = None) -> int:
    """The clock of a new local write: after `last` (the greatest clock this site has
    issued or seen) and not behind the wall clock."""
    wall = now_ms() if wall_ms is None else wall_ms
    return max(last + 1, pack(wall))


def observe(last: int, remote: int, wall_ms: int | None = None) -> int:
    """This site's clock after seeing `remote` (a pulled change): past both."""
    wall = now_ms() if wall_ms is None else wall_ms
    return max(last + 1, remote + 1, pack(wall))


def wins(clock: int, site: str, other_clock: int, other_site: str) -> bool:
    """Whether a field written at `(clock, site)` replaces one written at
    `(other_clock, other_site)`: the greater pair wins, the site breaking ties, so every
    computer picks the same value whatever order the changes arrive in."""
    return (clock, site) > (other_clock, other_site)


class ClockAhead(Refused):
    """A pushed change is stamped too far in the future of the server's clock."""


def check_not_ahead(clock: int, wall_ms: int | None = None) -> None:
    """Refuse a clock more than `MAX_AHEAD_MS` ahead of this computer's wall clock."""
    wall = now_ms() if wall_ms is None else wall_ms
    ahead = physical(clock) - wall
    if ahead > MAX_AHEAD_MS:
        raise ClockAhead(
            _(
                "The laptop's clock is {minutes} minutes ahead of the server's: set the "
                "right date and time on it, then synchronise again.",
                minutes=ahead // 60_000,
            )
        )
