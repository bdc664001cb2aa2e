"""The license on the office server: installing it, who holds which seat, ending a
session (the administrator's side of `seats`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from crm_desktop.errors import BadInput, PermissionDenied
from crm_desktop.i18n import _
from crm_desktop.store.audit_trail import write_audit
from crm_desktop.store.license_document import License, verify
from crm_desktop.store.seats import SeatHolder
from crm_desktop.store.server_functions import FREE_SEATS
from crm_desktop.store.server_roles import stored_roles
from crm_desktop.store.server_security import unassigned_policy


@dataclass(frozen=True)
class LicenseStatus:
    license: License | None
    holders: list[SeatHolder]

    @property
    def seats(self) -> int:
        return self.license.seats if self.license is not None else FREE_SEATS

    def to_json(self) -> dict[str, Any]:
        return {
            "seats": self.seats,
            "in_use": len(self.holders),
            "holders": [h.to_json() for h in self.holders],
            "customer": self.license.customer if self.license else None,
            "expires": self.license.expires.isoformat() if self.license else None,
        }


def _require_server(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        raise BadInput(
            _("Licenses belong to the office server: on a local file there is one seat.")
        )


def license_status(conn: Connection) -> LicenseStatus:
    """The installed license (checked: LicenseInvalid when altered) and the seats held."""
    _require_server(conn)
    row = conn.execute(text("SELECT document, signature FROM public.crm_license_info()")).first()
    installed = verify(str(row[0]), str(row[1])) if row is not None else None
    holders = [
        SeatHolder(int(r[0]), str(r[1]), str(r[2]), r[3])
        for r in conn.execute(text("SELECT slot, login, host, since FROM public.crm_seat_status()"))
    ]
    return LicenseStatus(installed, holders)


def install_license(conn: Connection, lic: License) -> None:
    """Store a checked license (an administrator only: the table is the owner's)."""
    _require_server(conn)
    try:
        conn.execute(
            text(
                "INSERT INTO public.crm_license (id, document, signature) "
                "VALUES (1, :document, :signature) ON CONFLICT (id) DO UPDATE SET "
                "document = EXCLUDED.document, signature = EXCLUDED.signature, "
                "installed_at = now(), installed_by = session_user"
            ),
            {"document": lic.document, "signature": lic.signature},
        )
        write_audit(conn, "license.installed", "crm_license", 1, lic.to_json())
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42501":
            raise PermissionDenied(
                _("Only the server's administrator can install a license.")
            ) from None
        raise


def kick_seat(conn: Connection, slot: int) -> int:
    """End the sessions holding or joined to `slot`; how many were ended."""
    _require_server(conn)
    try:
        ended = int(
            conn.execute(text("SELECT public.crm_kick_seat(:slot)"), {"slot": slot}).scalar_one()
        )
        return ended
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42501":
            raise PermissionDenied(_("Only an administrator can end a session.")) from None
        raise


def set_unassigned_visible(conn: Connection, visible: bool) -> None:
    _require_server(conn)
    conn.execute(
        text("UPDATE public.crm_server_settings SET unassigned_visible = :v WHERE id = 1"),
        {"v": visible},
    )
    roles = stored_roles(conn)
    if roles is not None:  # the setting is a policy of its own (server_security)
        conn.exec_driver_sql("DROP POLICY IF EXISTS crm_manager_unassigned ON public.clients")
        if visible:
            conn.exec_driver_sql(unassigned_policy(roles).sql())
    write_audit(conn, "server.settings", "crm_server_settings", 1, {"unassigned_visible": visible})
