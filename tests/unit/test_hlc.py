"""Hybrid logical clocks (issue 8): monotonic, close to wall time, and past what was seen."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_desktop.sync import hlc

walls = st.integers(min_value=1_600_000_000_000, max_value=2_000_000_000_000)
counters = st.integers(min_value=0, max_value=hlc.COUNTER_MASK)


@given(walls, counters)
def test_pack_round_trips(wall: int, count: int) -> None:
    clock = hlc.pack(wall, count)
    assert hlc.physical(clock) == wall and hlc.counter(clock) == count


@given(st.lists(walls, min_size=1, max_size=50))
def test_ticks_only_move_forward_whatever_the_wall_clock_does(wall_readings: list[int]) -> None:
    last = 0
    for wall in wall_readings:  # a wall clock that jumps back and forth
        clock = hlc.tick(last, wall)
        assert clock > last
        assert hlc.physical(clock) >= wall
        last = clock


@given(walls, walls, counters)
def test_a_slow_laptop_orders_its_next_edit_after_what_it_pulled(
    laptop_wall: int, server_wall: int, count: int
) -> None:
    remote = hlc.pack(server_wall, count)
    seen = hlc.observe(hlc.tick(0, laptop_wall), remote, laptop_wall)
    assert hlc.tick(seen, laptop_wall) > remote


def test_the_clock_stays_at_wall_time_when_no_one_is_ahead() -> None:
    clock = hlc.tick(0, 1_800_000_000_000)
    assert clock == hlc.pack(1_800_000_000_000)
    assert hlc.tick(clock, 1_800_000_000_000) == clock + 1  # same millisecond: the counter


@given(walls, counters, st.text(max_size=4), walls, counters, st.text(max_size=4))
def test_every_computer_picks_the_same_winner(
    w1: int, c1: int, s1: str, w2: int, c2: int, s2: str
) -> None:
    a, b = hlc.pack(w1, c1), hlc.pack(w2, c2)
    if (a, s1) != (b, s2):
        assert hlc.wins(a, s1, b, s2) != hlc.wins(b, s2, a, s1)


def test_a_push_far_in_the_future_is_refused() -> None:
    wall = 1_800_000_000_000
    hlc.check_not_ahead(hlc.pack(wall + hlc.MAX_AHEAD_MS), wall)  # within the tolerance
    with pytest.raises(hlc.ClockAhead, match="10 minutes ahead"):
        hlc.check_not_ahead(hlc.pack(wall + 10 * 60_000), wall)
