"""A local database file serves one desktop app at a time (a file lock held while the app
runs); a file on a network share is recognised so that the user is warned."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from pathlib import Path

from crm_desktop.store.location import network_share
from crm_desktop.ui.startup import lock_database_file

HOLDER = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QCoreApplication
    from crm_desktop.ui.startup import lock_database_file
    app = QCoreApplication([])
    lock, _host = lock_database_file(__import__("pathlib").Path(sys.argv[1]))
    print("locked" if lock is not None else "refused", flush=True)
    time.sleep(60)
    """
)


def test_a_second_app_on_the_same_file_is_refused_until_the_first_ends(
    qapp: object, tmp_path: Path
) -> None:
    path = tmp_path / "crm.sqlite3"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        lock, host = lock_database_file(path)
        assert lock is None
        assert host == socket.gethostname()
    finally:
        holder.kill()  # a crash: the lock it leaves is stale
        holder.wait()
    lock, _host = lock_database_file(path)
    assert lock is not None
    lock.unlock()


def test_a_file_on_a_network_share_is_recognised(tmp_path: Path) -> None:
    mounts = (
        "/dev/sda1 / ext4 rw 0 0\n"
        "//office-pc/crm /mnt/office cifs rw 0 0\n"
        "server:/export /mnt/nfs nfs4 rw 0 0\n"
    )
    assert network_share(Path("/mnt/office/crm.sqlite3"), mounts) == "//office-pc/crm"
    assert network_share(Path("/mnt/nfs/a/crm.sqlite3"), mounts) == "server:/export"
    assert network_share(Path("/home/anna/crm.sqlite3"), mounts) is None
    assert network_share(Path("/mnt/officex/crm.sqlite3"), mounts) is None
    assert network_share(Path("//office-pc/share/crm.sqlite3")) == "//office-pc/share/crm.sqlite3"
