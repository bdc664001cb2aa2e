"""Failpoints for tests: the environment variable `CRM_SYNC_FAILPOINT` names a point
where the process ends at once, as if killed (`before-send`, `after-server-commit`,
`after-pull-page`, `mid-apply`, `after-bootstrap-page`)."""

from __future__ import annotations

import os

FAILPOINT_VARIABLE = "CRM_SYNC_FAILPOINT"
FAILPOINT_EXIT = 86


def failpoint(name: str) -> None:
    """End the process here, as a kill would, when the test environment asks for it."""
    if os.environ.get(FAILPOINT_VARIABLE) == name:
        os._exit(FAILPOINT_EXIT)
