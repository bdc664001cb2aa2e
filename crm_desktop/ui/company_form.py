"""The company's requisites as a form (the first-run wizard and Settings): every field
checked as the user types, the reason under the field."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QLineEdit, QWidget

from crm_desktop.services.company_profile import CompanyDetails, company_errors
from crm_desktop.ui.field_messages import error_label, show_error, with_error


class CompanyForm(QWidget):
    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        labels = {
            "short_name": self.tr("Name:"),
            "full_name": self.tr("Full legal name:"),
            "inn": self.tr("INN:"),
            "kpp": self.tr("KPP:"),
            "ogrn": self.tr("OGRN / OGRNIP:"),
            "legal_address": self.tr("Legal address:"),
            "postal_address": self.tr("Postal address:"),
            "phone": self.tr("Phone:"),
            "email": self.tr("E-mail:"),
            "director": self.tr("Director:"),
            "chief_accountant": self.tr("Chief accountant:"),
            "bank_name": self.tr("Bank:"),
            "bic": self.tr("BIC:"),
            "corr_account": self.tr("Corr. account:"),
            "account": self.tr("Account:"),
        }
        placeholders = {
            "short_name": self.tr("ООО «Ромашка»"),
            "inn": self.tr("10 digits, or 12 for a sole trader"),
            "bic": self.tr("9 digits"),
            "account": self.tr("20 digits"),
        }
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.touched: set[str] = set()
        self.read_only = False
        groups = {
            self.tr("Company"): ("short_name", "full_name", "inn", "kpp", "ogrn"),
            self.tr("Contacts"): ("legal_address", "postal_address", "phone", "email"),
            self.tr("Bank"): ("bank_name", "bic", "corr_account", "account"),
            self.tr("Signatures"): ("director", "chief_accountant"),
        }
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        for number, (title, names) in enumerate(groups.items()):
            box = QGroupBox(title)
            form = QFormLayout(box)
            form.setVerticalSpacing(6)
            for name in names:
                edit = QLineEdit()
                edit.setPlaceholderText(placeholders.get(name, ""))
                self.edits[name] = edit
                self.errors[name] = error_label()
                form.addRow(labels[name], with_error(edit, self.errors[name]))
                edit.textEdited.connect(lambda _t, n=name: self._edited(n))
                edit.textChanged.connect(lambda _t: self._check())
            grid.addWidget(box, number % 2, number // 2)

    def set_details(self, details: CompanyDetails) -> None:
        for name, edit in self.edits.items():
            edit.setText(getattr(details, name))
        self.touched.clear()
        self._check()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for edit in self.edits.values():
            edit.setReadOnly(read_only)
        self._check()

    def _edited(self, name: str) -> None:
        self.touched.add(name)
        self._check()

    def details(self) -> CompanyDetails:
        return CompanyDetails(**{name: edit.text() for name, edit in self.edits.items()})

    def problems(self) -> dict[str, str]:
        return {} if self.read_only else company_errors(self.details())

    def _check(self) -> None:
        problems = self.problems()
        for name, label in self.errors.items():
            shown = name in self.touched or bool(self.edits[name].text().strip())
            show_error(label, problems.get(name) if shown else None)
        self.sig_changed.emit()
