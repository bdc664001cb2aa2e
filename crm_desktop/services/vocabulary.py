"""The kinds and roles the screens offer (person or company, call or meeting, manager or
accountant ...), so that the UI names them without reaching into the tables."""

from crm_desktop.models import ClientKind, Direction, InteractionKind, Role

__all__ = ["ClientKind", "Direction", "InteractionKind", "Role"]
