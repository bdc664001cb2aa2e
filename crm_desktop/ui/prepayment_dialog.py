"""How much prepayment to invoice when an order is submitted: the order's total at first,
100 %, 50 % or 30 % of it in one click, or any amount typed ("15 000,50"). The amount is
checked as it is typed; OK stays disabled while it is not a number, is zero, or is more
than the order's total."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import ValidationError
from crm_desktop.i18n.formats import format_money, format_number
from crm_desktop.services.amounts import parse_amount
from crm_desktop.ui.field_messages import error_label, hint_label, show_error, with_error

CENT = Decimal("0.01")
SHARES = (100, 50, 30)  # the quick choices, in percent of the total


def share_of(total: Decimal, percent: int) -> Decimal:
    """`percent` of `total` in kopecks, rounded half up."""
    return (total * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)


class PrepaymentDialog(QDialog):
    def __init__(
        self,
        total: Decimal,
        *,
        number: str | None = None,
        currency: str = "RUB",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.total = total
        self.currency = currency
        self.setWindowTitle(self.tr("Prepayment to invoice"))
        self.setMinimumWidth(420)
        if total > 0:
            text = self.tr("Order {number}: the total is {total}.").format(
                number=number or "", total=format_money(total, currency)
            )
        else:
            text = self.tr("Order {number} has no total yet: type the prepayment.").format(
                number=number or ""
            )
        about = hint_label(text)

        self.amount_edit = QLineEdit(format_number(total, 2) if total > 0 else "")
        self.amount_edit.setPlaceholderText(self.tr("for example 15 000,50"))
        self.error = error_label()
        self.share_buttons: dict[int, QPushButton] = {}
        shares = QHBoxLayout()
        for percent in SHARES:
            button = QPushButton(f"{percent} %")
            button.setToolTip(self.tr("{percent} % of the order's total").format(percent=percent))
            button.setEnabled(total > 0)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, p=percent: self.choose_share(p))
            shares.addWidget(button)
            self.share_buttons[percent] = button
        shares.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("Amount:"), with_error(self.amount_edit, self.error))
        form.addRow(self.tr("Share:"), shares)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Submit"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("A draft invoice for this amount goes to accounting.")))
        layout.addWidget(self.buttons)

        self.amount_edit.textChanged.connect(lambda _t: self._check())
        self._check()
        self.amount_edit.setFocus()
        self.amount_edit.selectAll()

    def choose_share(self, percent: int) -> None:
        self.amount_edit.setText(format_number(share_of(self.total, percent), 2))

    def amount(self) -> Decimal | None:
        """The amount typed, when it may be invoiced; None otherwise."""
        amount, _problem = self._parsed()
        return amount

    def _parsed(self) -> tuple[Decimal | None, str | None]:
        text = self.amount_edit.text().strip()
        if not text:
            return None, self.tr("Type the amount to invoice")
        try:
            amount = parse_amount(text, "prepayment")
        except ValidationError as exc:
            return None, exc.message
        if amount <= 0:
            return None, self.tr("The prepayment must be more than zero")
        if self.total > 0 and amount > self.total:
            return None, self.tr("More than the order's total of {total}").format(
                total=format_money(self.total, self.currency)
            )
        return amount, None

    def _check(self) -> None:
        amount, problem = self._parsed()
        show_error(self.error, problem if self.amount_edit.text().strip() else None)
        self.ok_button.setEnabled(amount is not None)

    def accept(self) -> None:
        if self.amount() is not None:
            super().accept()
