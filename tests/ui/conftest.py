"""Qt tests: each test's dialog answerers stop with it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ui.dialogs import stop_all


@pytest.fixture(autouse=True)
def _stop_answering() -> Iterator[None]:
    yield
    stop_all()
