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
        OrderStatus.AWAITING_PREPAYMENT: QCoreApplication.translate(
            "OrderMoves", "Submit for prepayment"
        ),
        OrderStatus.PREPAID: QCoreApplication.translate("OrderMoves", "Confirm prepayment"),
        OrderStatus.IN_PRODUCTION: QCoreApplication.translate(
            "OrderMoves", "Accept into production"
        ),
        OrderStatus.READY: QCoreApplication.translate("OrderMoves", "Mark as ready"),
        OrderStatus.SHIPPED: QCoreApplication.translate("OrderMoves", "Mark as shipped"),
        OrderStatus.CLOSED: QCoreApplication.translate("OrderMoves", "Close the order"),
        OrderStatus.CANCELLED: QCoreApplication.translate("OrderMoves", "Cancel the order"),
        OrderStatus.DRAFT: QCoreApplication.translate("OrderMoves", "Back to draft"),
    }
    return labels[target]


def queue_label(queue: str) -> str:
    labels = {
        ALL: QCoreApplication.translate("OrderMoves", "All orders"),
        ACCOUNTING: QCoreApplication.translate("OrderMoves", "Accounting: awaiting prepayment"),
        PRODUCTION: QCoreApplication.translate("OrderMoves", "Production: in work"),
    }
    return labels[queue]
