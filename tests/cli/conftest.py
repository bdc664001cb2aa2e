from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@dataclass
class Cli:
    """Runs `crm-desktop` as a user would: a separate process, no terminal."""

    db: str | None
    home: Path

    def __call__(
        self,
        *args: str,
        stdin: str | None = None,
        user: str | None = None,
        db: str | None = None,
        lang: str = "en",
        extra_env: dict[str, str] | None = None,
        without_env: tuple[str, ...] = (),
    ) -> Result:
        cmd = [sys.executable, "-m", "crm_desktop", "--lang", lang]
        target = db if db is not None else self.db
        if target:
            cmd += ["--db", target]
        if user:
            cmd += ["--user", user]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CRM_DESKTOP", "PG"))}
        # the tests' own settings, not this machine's (a developer's PGUSER, say)
        env.update(
            HOME=str(self.home),
            XDG_DATA_HOME=str(self.home / "data"),
            XDG_CONFIG_HOME=str(self.home / "config"),
            XDG_STATE_HOME=str(self.home / "state"),
            LANG="C.UTF-8",
        )
        env.update(extra_env or {})
        for name in without_env:
            env.pop(name, None)
        proc = subprocess.run(
            [*cmd, *args], input=stdin or "", capture_output=True, text=True, env=env, timeout=120
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def ok(self, *args: str, **kw: Any) -> Result:
        result = self(*args, **kw)
        assert result.code == 0, result.err
        assert result.err == "" or "json" not in args
        return result


@pytest.fixture(params=["sqlite", "postgresql"])
def cli(request: pytest.FixtureRequest, tmp_path: Path) -> Cli:
    if request.param == "sqlite":
        db = str(tmp_path / "crm.sqlite3")
    else:
        db = request.getfixturevalue("pg_database")
    runner = Cli(db=db, home=tmp_path / "home")
    runner.ok("init")
    return runner


@pytest.fixture
def bare_cli(tmp_path: Path) -> Cli:
    """No --db: the default local file under the (temporary) user data directory."""
    return Cli(db=None, home=tmp_path / "home")
