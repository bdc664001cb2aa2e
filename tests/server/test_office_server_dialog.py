"""Settings → "Make this computer the office server": the bundled PostgreSQL prepared and
secured, the person made its administrator, the server started in a process of its own,
this desktop's connection saved for the next start (its password in the keyring)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from pytestqt.qtbot import QtBot

from crm_desktop.store import credentials
from crm_desktop.store.location import parse_location, saved_location_url
from crm_desktop.ui.office_server_dialog import OfficeServerDialog
from tests.memory_keyring import MemoryKeyring
from tests.server.test_server_host import free_port, memory_keyring, port_is_free

__all__ = ["memory_keyring"]  # the fixture, used below


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[bytes]]]:
    procs: list[subprocess.Popen[bytes]] = []
    yield procs
    for proc in procs:
        proc.terminate()
        proc.wait(60)


def test_this_pc_becomes_the_office_server(
    qtbot: QtBot,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    started: list[subprocess.Popen[bytes]],
) -> None:
    data, port = tmp_path / "server", free_port()
    log = tmp_path / "host.log"

    def start(port_: int, data_dir: Path | None) -> bool:
        cmd = [sys.executable, "-m", "crm_desktop", "--lang", "en", "server", "host",
               "--port", str(port_), "--data-dir", str(data_dir)]  # fmt: skip
        env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
        with log.open("wb") as sink:
            started.append(subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT, env=env))
        return True

    dialog = OfficeServerDialog(data_dir=data, start_server=start)
    qtbot.addWidget(dialog)
    dialog.port.setValue(port)
    dialog.login.setText("Director")
    dialog.full_name.setText("Соколов Андрей")
    dialog.password.setText("short")
    assert not dialog.make_button.isEnabled()
    dialog.password.setText("надёжный-пароль")
    dialog.repeat.setText("надёжный-пароль")
    assert dialog.make_button.isEnabled()
    with qtbot.waitSignal(dialog.sig_ready, timeout=120_000):
        dialog.make()
    server = dialog.result_server
    assert server is not None and server.superuser_password
    assert f":{port}/crm" in server.url
    assert server.url.split(":")[1].strip("/") in dialog.summary.text()
    assert server.superuser_password in dialog.summary.text()
    # this desktop's connection is saved (no password in it), the password in the keyring
    saved = saved_location_url()
    assert saved is not None and "надёжный" not in saved
    location = parse_location(saved)
    assert location.user == "director" and location.port == port
    assert credentials.load_password(location) == "надёжный-пароль"

    deadline = time.monotonic() + 90
    while "Ctrl+C" not in log.read_text(encoding="utf-8", errors="replace"):
        assert started[0].poll() is None, log.read_text(encoding="utf-8", errors="replace")
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.3)
    with psycopg.connect(
        host="127.0.0.1", port=port, user="director", password="надёжный-пароль", dbname="crm"
    ) as conn:
        conn.execute("SELECT * FROM crm_take_seat('test')")
        role = conn.execute("SELECT role FROM users WHERE login = 'director'").fetchone()
        assert role == ("admin",)
    started[0].terminate()
    started[0].wait(60)
    assert port_is_free(port)
