"""What the orders' screens call a move of the workflow (the button that makes it) and
the queues they show."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crm_desktop.services.orders import OrderStatus

ALL, ACCOUNTING, PRODUCTION = "all", "accounting", "production"
QUEUES = (ALL, ACCOUNTING, PRODUCTION)
# Statuses whose due date no longer matters (the order is out of the workshop).
FINISHED = frozenset({OrderStatus.SHIPPED, OrderStatus.CLOSED, OrderStatus.CANCELLED})


def _tr(text: str) -> str:
    return QCoreApplication.translate("OrderMoves", text)


def move_label(target: OrderStatus) -> str:
    """The button that moves an order to `target`."""
    labels = {
        OrderStatus.AWAITING_PREPAYMENT: _tr("Submit for prepayment"),
        OrderStatus.PREPAID: _tr("Confirm prepayment"),
        OrderStatus.IN_PRODUCTION: _tr("Accept into production"),
        OrderStatus.READY: _tr("Mark as ready"),
        OrderStatus.SHIPPED: _tr("Mark as shipped"),
        OrderStatus.CLOSED: _tr("Close the order"),
        OrderStatus.CANCELLED: _tr("Cancel the order"),
        OrderStatus.DRAFT: _tr("Back to draft"),
    }
    return labels[target]


def queue_label(queue: str) -> str:
    labels = {
        ALL: _tr("All orders"),
        ACCOUNTING: _tr("Accounting: awaiting prepayment"),
        PRODUCTION: _tr("Production: in work"),
    }
    return labels[queue]
