"""`server init` and `license ...` on the command line, as an administrator and as the
users of a real office server."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import create_engine, text

from crm_desktop import cli as crm_cli
from crm_desktop.store import license_document
from crm_desktop.store.license_document import license_file_text, make_document, sign
from crm_desktop.store.location import parse_location
from tests.cli.conftest import Cli
from tests.server.conftest import Office


@pytest.fixture
def run(tmp_path: Path) -> Cli:
    return Cli(db=None, home=tmp_path / "home")


def test_server_init_creates_and_then_upgrades_idempotently(pg_url: str, run: Cli) -> None:
    name = f"crm_init_{int(time.time() * 1000) % 10**9}"
    admin = parse_location(pg_url)
    try:
        first = run("server", "init", "--admin-url", pg_url, "--database", name, "--json")
        assert first.code == 0, first.err
        report = first.json()
        assert report["created"] is True and report["database"] == name
        owner = report["owner_role"]
        again = run("server", "init", "--admin-url", pg_url, "--database", name, "--json")
        assert again.code == 0, again.err
        assert again.json()["created"] is False
        engine = create_engine(replace(admin, database=name).sqlalchemy_url())
        with engine.connect() as conn:
            owners = set(
                conn.execute(
                    text("SELECT tableowner FROM pg_tables WHERE schemaname = 'public'")
                ).scalars()
            )
            unsecured = (
                conn.execute(
                    text(
                        "SELECT relname FROM pg_class c "
                        "JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relrowsecurity "
                        "AND relname <> 'alembic_version'"
                    )
                )
                .scalars()
                .all()
            )
            login = conn.execute(
                text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r"), {"r": owner}
            ).scalar()
            public_exec = conn.execute(
                text(
                    "SELECT count(*) FROM pg_proc WHERE proname LIKE 'crm_%' "
                    "AND has_function_privilege('public', oid, 'EXECUTE')"
                )
            ).scalar()
        engine.dispose()
        assert owners == {owner}
        assert unsecured == []
        assert login is False
        assert public_exec == 0
    finally:
        engine = create_engine(
            replace(admin, database="postgres").sqlalchemy_url(), isolation_level="AUTOCOMMIT"
        )
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        engine.dispose()


def test_server_init_refuses_a_login_that_is_no_superuser(office: Office, run: Cli) -> None:
    url = office.location("ivanova").url()
    result = run("server", "init", "--admin-url", url, "--database", office.database)
    assert result.code == 3 and result.out == ""
    assert "superuser" in result.err


def test_seats_status_check_busy_and_kick(office: Office, run: Cli) -> None:
    admin = office.admin_url
    assert run("--db", admin, "license", "status", "--json").json() == {
        "seats": 2, "in_use": 0, "holders": [], "customer": None, "expires": None,
    }  # fmt: skip
    anna = office.location("ivanova").url()
    holder = subprocess.Popen(
        [sys.executable, "-m", "crm_desktop", "--db", anna, "license", "check",
         "--hold", "30", "--json"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None
        taken = json.loads(holder.stdout.readline())
        assert taken == {"slot": 1, "login": "ivanova"}
        other = psycopg.connect(office.dsn("petrov"), autocommit=True)
        other.execute("SELECT * FROM crm_take_seat('laptop-petrov')")
        status = run("--db", admin, "license", "status", "--json").json()
        assert status["in_use"] == 2
        assert [(h["slot"], h["login"]) for h in status["holders"]] == [
            (1, "ivanova"),
            (2, "petrov"),
        ]
        assert status["holders"][1]["host"] == "laptop-petrov"
        busy = run("--db", office.location("smirnova").url(), "client", "list", "--json")
        assert busy.code == 3 and busy.out == ""
        assert "ivanova" in busy.err and "petrov" in busy.err
        # the administrator's commands work with every seat taken
        kicked = run("--db", admin, "license", "kick", "1")
        assert kicked.code == 0, kicked.err
        listed = run("--db", office.location("smirnova").url(), "client", "list", "--json")
        assert listed.code == 0, listed.err
        assert all(c["owner"] == "smirnova" for c in listed.json())
        other.close()
    finally:
        holder.kill()
        holder.wait()


def test_license_install_in_process(
    office: Office,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    monkeypatch.setattr(license_document, "PUBLIC_KEY", public)
    expires = dt.date.today() + dt.timedelta(days=365)
    document = make_document("ООО «Вектор»", 7, expires)
    good = tmp_path / "vector.lic"
    good.write_text(license_file_text(document, sign(key, document)), encoding="utf-8")
    assert crm_cli.main(["--db", office.admin_url, "license", "install", str(good), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["seats"] == 7 and shown["customer"] == "ООО «Вектор»"
    assert shown["expires"] == expires.isoformat()

    forged = tmp_path / "forged.lic"
    forged.write_text(
        license_file_text(document.replace('"seats":7', '"seats":70'), sign(key, document)),
        encoding="utf-8",
    )
    assert crm_cli.main(["--db", office.admin_url, "license", "install", str(forged)]) == 3
    garbage = tmp_path / "garbage.lic"
    garbage.write_text("not a license", encoding="utf-8")
    assert crm_cli.main(["--db", office.admin_url, "license", "install", str(garbage)]) == 2
    # a user cannot install one
    assert (
        crm_cli.main(["--db", office.location("ivanova").url(), "license", "install", str(good)])
        == 3
    )
    capsys.readouterr()
    assert crm_cli.main(["--db", office.admin_url, "license", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["seats"] == 7


def test_init_by_the_administrator_keeps_a_secured_server_secured(office: Office, run: Cli) -> None:
    with psycopg.connect(office.dsn("postgres"), autocommit=True) as admin:
        # a table added by an upgrade comes owned by the superuser, without policies
        admin.execute("ALTER TABLE tags OWNER TO postgres")
        admin.execute("ALTER TABLE tags DISABLE ROW LEVEL SECURITY")
    assert run("--db", office.admin_url, "init").code == 0
    with psycopg.connect(office.dsn("postgres"), autocommit=True) as admin:
        row = admin.execute(
            "SELECT tableowner, rowsecurity FROM pg_tables WHERE tablename = 'tags'"
        ).fetchone()
    assert row is not None and row[0].endswith("_owner") and row[1] is True
    # an ordinary user's init changes nothing and is no error when nothing is to do
    assert run("--db", office.location("ivanova").url(), "init").code == 0


def test_a_login_outside_the_crm_is_refused_in_one_sentence(office: Office, run: Cli) -> None:
    with psycopg.connect(office.dsn("postgres"), autocommit=True) as admin:
        admin.execute("DROP ROLE IF EXISTS outsider")
        admin.execute("CREATE ROLE outsider LOGIN")
    try:
        result = run("--db", office.location("outsider").url(), "client", "list", "--json")
        assert result.code == 3 and result.out == ""
        assert "outsider is not a user of this CRM" in result.err
        assert len(result.err.strip().splitlines()) == 1
    finally:
        with psycopg.connect(office.dsn("postgres"), autocommit=True) as admin:
            admin.execute("DROP ROLE outsider")
