"""The connection the wizard saves reads back as the same server (the keyring's key and
the port included), password aside."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crm_desktop.store.credentials import service_name
from crm_desktop.store.location import Location, parse_location

SERVERS = [
    Location(
        kind="postgresql", user="anna", port=5433, database="crm", query=(("host", "/run/pg"),)
    ),
    Location(kind="postgresql", user="anna", host="fe80::1", port=5432, database="crm"),
    Location(kind="postgresql", user="anna", host="192.168.1.10", port=5432, database="црм офис"),
    Location(
        kind="postgresql", user="anna", host="buh-server", port=6543, database="crm", password="x"
    ),
]


@pytest.mark.parametrize("location", SERVERS, ids=lambda loc: loc.url())
def test_saved_url_reads_back_as_the_same_server(location: Location) -> None:
    saved = location.url()
    assert "x@" not in saved and ":x" not in saved  # never the password
    assert parse_location(saved) == replace(location, password=None)


def test_the_keyring_key_does_not_depend_on_how_the_host_was_typed() -> None:
    typed = Location(kind="postgresql", user="anna", host="BUH-SERVER", port=5432, database="crm")
    assert service_name(parse_location(typed.url())) == service_name(typed)


def test_a_password_never_shows_in_a_repr() -> None:
    assert "secret" not in repr(replace(SERVERS[0], password="secret"))
