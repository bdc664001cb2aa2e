"""Exceptions a user may see. Each carries the CLI exit status of ARCHITECTURE.md.

Messages are already translated into the active language when raised.
"""

from __future__ import annotations


class CrmError(Exception):
    """Base of every error the program reports to a user in one sentence."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class BadInput(CrmError):
    """Bad input or usage: an invalid value, a malformed file, a bad URL (exit 2)."""

    exit_code = 2


class ValidationError(BadInput):
    """One field holds an invalid value."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class NotFound(BadInput):
    """The record named by the user does not exist."""


class Refused(CrmError):
    """The program refuses to do it (exit 3)."""

    exit_code = 3


class PermissionDenied(Refused):
    pass


class LicenseExhausted(Refused):
    """Every seat of the license is taken (the message names who holds them)."""


class LicenseInvalid(Refused):
    """The installed license is damaged, forged, altered or expired."""


class Locked(Refused):
    pass


class PasswordRequired(Refused):
    pass


class SchemaMismatch(Refused):
    """The database schema is newer or older than this program allows."""


class Conflict(Refused):
    """The record was changed by someone else meanwhile."""


class ServerUnavailable(CrmError):
    """The database server cannot be reached; trying later may work (exit 75)."""

    exit_code = 75


def stale_record_message() -> str:
    """The sentence for an edit based on a copy someone else changed meanwhile."""
    from crm_desktop.i18n import _

    return _(
        "The record was changed by someone else meanwhile; open it again and repeat your change."
    )
