"""The administrator's view of the license seats on the office server: the license, who
holds which seat, ending a session (the Users screen's Seats tab)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from crm_desktop.services.users import require_admin
from crm_desktop.store.license_admin import LicenseStatus, kick_seat, license_status


def _on_server(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def license_info(session: Session) -> LicenseStatus | None:
    """The installed license (checked: LicenseInvalid when altered) and the seats held;
    None on SQLite, where a local file is one seat."""
    if not _on_server(session):
        return None
    return license_status(session.connection())


def end_session(session: Session, slot: int) -> int:
    """End the sessions holding or joined to seat `slot` (an administrator only); how
    many were ended."""
    require_admin(session)
    return kick_seat(session.connection(), slot)
