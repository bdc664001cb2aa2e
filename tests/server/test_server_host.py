"""`server host`: the bundled PostgreSQL as the office server, on loopback only. The first
run (`--init-only`) runs in this process with an in-memory keyring; the server itself then
runs as a service would, in a separate process, and stops on SIGTERM."""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import psycopg
import pytest

from crm_desktop import cli as crm_cli
from crm_desktop.store import server_host
from tests.memory_keyring import MemoryKeyring


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_libpq_password(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Only the password a test gives: none from this machine's PGPASSWORD or .pgpass."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no.pgpass"))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


def host(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = crm_cli.main(["--lang", "en", "server", "host", *args])
    out, err = capsys.readouterr()
    return code, out, err


def connect(port: int, password: str | None, dbname: str = "crm") -> psycopg.Connection[Any]:
    kwargs: dict[str, Any] = {"password": password} if password is not None else {}
    return psycopg.connect(
        host="127.0.0.1", port=port, user="postgres", dbname=dbname, connect_timeout=5, **kwargs
    )


def wait_until_serving(proc: subprocess.Popen[bytes], log: Path, port: int, password: str) -> None:
    """Until the command says it is running (set up, waiting for SIGTERM) and it is."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(encoding="utf-8", errors="replace")
        if "Ctrl+C" in log.read_text(encoding="utf-8", errors="replace"):
            connect(port, password).close()
            return
        time.sleep(0.3)
    raise AssertionError("the server did not start in 90 s")


def test_host_prepares_a_secured_server_then_serves_until_terminated(
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    no_libpq_password: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "office server"  # a space, as in "C:\Program Files"
    port = free_port()

    # the first run: initdb, settings, pg_hba.conf, `server init`, boot files; then stops
    code, out, err = host(
        "--data-dir", str(data), "--port", str(port), "--init-only", "--json", capsys=capsys
    )
    assert code == 0, err
    report = json.loads(out)
    assert set(report) == {
        "data_dir",
        "port",
        "url",
        "systemd_unit",
        "windows_task",
        "password_saved",
    }
    assert report["data_dir"] == str(data.resolve()) and report["port"] == port
    assert report["password_saved"] is True
    assert report["url"].startswith("postgresql://") and report["url"].endswith(f":{port}/crm")
    [password] = memory_keyring.store.values()
    assert (server_host.KEYRING_SERVICE, f"postgres@{data.resolve()}") in memory_keyring.store
    assert password not in report["url"]
    assert password in err  # shown once, to the administrator (stderr: --json owns stdout)
    assert not any(password in p.read_text("utf-8", "replace") for p in _text_files(data))
    assert port_is_free(port), "--init-only leaves no server running"

    hba = (data / "pgdata" / "pg_hba.conf").read_text(encoding="utf-8")
    rules = [line.split() for line in hba.splitlines() if line.strip() and line[0] != "#"]
    assert "trust" not in hba
    assert rules[:3] == [
        ["local", "all", "all", "scram-sha-256"],
        ["host", "all", "all", "127.0.0.1/32", "scram-sha-256"],
        ["host", "all", "all", "::1/128", "scram-sha-256"],
    ]
    for rule in rules[3:]:
        assert rule[-1] == "scram-sha-256"
        assert ipaddress.ip_network(rule[3]).is_private

    unit = Path(report["systemd_unit"]).read_text(encoding="utf-8")
    assert unit.startswith("[Unit]") and "WantedBy=multi-user.target" in unit
    exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    assert f'--data-dir "{data.resolve()}" --port {port}' in exec_start
    assert "server host" in exec_start
    task = Path(report["windows_task"]).read_text(encoding="utf-16")
    assert "<BootTrigger>" in task and f"--port {port}" in task
    assert f'--data-dir "{data.resolve()}"' in task

    # the server as a service runs it: a separate process, whose keyring is empty
    log = tmp_path / "host.out"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CRM_DESKTOP", "PG"))}
    env.update(
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        PGPASSFILE=str(tmp_path / "no.pgpass"),
        LANG="C.UTF-8",
    )
    cmd = [sys.executable, "-m", "crm_desktop", "--lang", "en", "server", "host"]
    cmd += ["--data-dir", str(data), "--port", str(port)]
    with log.open("wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT, env=env)
    try:
        wait_until_serving(proc, log, port, password)

        with pytest.raises(psycopg.OperationalError):
            connect(port, None).close()  # no password: scram refuses
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            connect(port, password + "x").close()
        with connect(port, password) as conn:
            row = conn.execute(
                "SELECT current_setting('password_encryption'), "
                "current_setting('listen_addresses'), current_setting('tcp_keepalives_idle'), "
                "current_setting('max_connections')::int"
            ).fetchone()
            assert row == ("scram-sha-256", "*", "30", 200)
            owner = conn.execute(
                "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'crm_owner'"
            ).fetchone()
            assert owner == (False,)
            tables = conn.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                "AND tableowner = 'crm_owner'"
            ).fetchone()
            assert tables is not None and tables[0] > 10
            trigrams = conn.execute("SELECT show_trgm('Петров')").fetchone()
            assert trigrams is not None and len(trigrams[0]) == 7  # empty in a C locale
            same = conn.execute("SELECT similarity('ПЕТРОВ', 'петров')").fetchone()
            assert same == (1.0,)
            folded = conn.execute("SELECT 'ПЕТРОВ' ILIKE '%петр%'").fetchone()
            assert folded == (True,)
            users = conn.execute("SELECT rolname FROM pg_authid WHERE rolcanlogin").fetchall()
            assert users == [("postgres",)]
    finally:
        proc.terminate()
        code = proc.wait(timeout=90)
    output = log.read_text(encoding="utf-8", errors="replace")
    assert code == 0, output
    assert password not in output  # shown on the first run only
    assert "running" in output
    assert port_is_free(port), "PostgreSQL stopped with the command"
    with pytest.raises(psycopg.OperationalError):
        connect(port, password).close()

    # a second first-run keeps the cluster and its password, and shows it no more
    code, out, err = host(
        "--data-dir", str(data), "--port", str(port), "--init-only", "--json", capsys=capsys
    )
    assert code == 0, err
    assert json.loads(out)["password_saved"] is True
    assert password not in out + err
    assert list(memory_keyring.store.values()) == [password]
    assert port_is_free(port)


def _text_files(base: Path) -> list[Path]:
    """The files the command wrote outside PostgreSQL's own data (which we cannot read)."""
    return [p for p in base.iterdir() if p.is_file()]


def test_host_refuses_bad_ports_and_foreign_directories(
    tmp_path: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = host("--data-dir", str(tmp_path / "a"), "--port", "0", capsys=capsys)
    assert code == 2 and "--port" in err
    foreign = tmp_path / "b"
    (foreign / "pgdata").mkdir(parents=True)
    (foreign / "pgdata" / "notes.txt").write_text("mine", encoding="utf-8")
    code, _out, err = host("--data-dir", str(foreign), "--port", str(free_port()), capsys=capsys)
    assert code == 3 and "--data-dir" in err
    assert (foreign / "pgdata" / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert memory_keyring.store == {}


def test_pg_hba_admits_scram_from_loopback_and_the_given_subnets_only() -> None:
    nets = [ipaddress.IPv4Network("192.168.10.0/24")]
    rules = [
        line.split()
        for line in server_host.hba_text(nets).splitlines()
        if line and not line.startswith("#")
    ]
    assert [r[-1] for r in rules] == ["scram-sha-256"] * 4
    assert [r[3] for r in rules if r[0] == "host"] == ["127.0.0.1/32", "::1/128", "192.168.10.0/24"]
    for net in server_host.local_subnets():
        assert net.is_private and not net.is_loopback and net.prefixlen >= 16
