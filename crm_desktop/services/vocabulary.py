"""The kinds and roles the screens offer (person or company, call or meeting, manager or
accountant, a messenger, an address, a custom field's type ...), so that the UI names
them without reaching into the tables."""

from crm_desktop.models import (
    AddressKind,
    AssignMethod,
    ClientKind,
    Direction,
    FieldType,
    InteractionKind,
    InvoiceStatus,
    MessengerKind,
    Role,
    StageOutcome,
    VatMode,
)

__all__ = [
    "AddressKind",
    "AssignMethod",
    "ClientKind",
    "Direction",
    "FieldType",
    "InteractionKind",
    "InvoiceStatus",
    "MessengerKind",
    "Role",
    "StageOutcome",
    "VatMode",
]
