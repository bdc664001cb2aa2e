"""The import wizard: choose the file and sheet, check what each column becomes (with the
first rows to look at), choose what happens to clients already there and see what the
import would do, then run it with a progress bar and Cancel, and read the report (the
rejected rows can be saved to fix and import again; the whole import can be undone)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from crm_desktop.errors import CrmError
from crm_desktop.services.custom_fields import CustomFieldView, code_for, list_custom_fields
from crm_desktop.services.importing.batches import (
    DuplicatePolicy,
    ImportReport,
    run_import,
    undo_batch,
)
from crm_desktop.services.importing.headers import FIELDS
from crm_desktop.services.importing.mapping import (
    CUSTOM,
    ColumnMapping,
    guess_mapping,
    header_key,
    load_mapping,
    save_mapping,
)
from crm_desktop.services.importing.normalise import cell_text, normalise_table
from crm_desktop.services.importing.readers import list_sheets, read_table
from crm_desktop.services.importing.rejected import write_rejected
from crm_desktop.services.importing.rows import ImportRow
from crm_desktop.services.importing.table import SheetTable
from crm_desktop.store.database import Database
from crm_desktop.ui.background import Background, Cancelled, wait_for
from crm_desktop.ui.field_messages import error_label, hint_label, show_error
from crm_desktop.ui.unexpected import one_sentence, report_connection

FILE, COLUMNS, DUPLICATES, REPORT = range(4)
PREVIEW_ROWS = 8
FILTER = "*.xlsx *.xlsm *.xls *.csv"


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("The file"))
        self.setSubTitle(
            self.tr("An Excel workbook (.xlsx, .xls) or a CSV file with one client per row.")
        )
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("Choose a file…"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose)
        self.sheet = QComboBox()
        self.sheet.setEnabled(False)
        self.error = error_label()
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("Sheet:"), self.sheet)
        form.addRow("", self.error)
        self.path.textChanged.connect(lambda _t: self._file_changed())

    def choose(self) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _selected = QFileDialog.getOpenFileName(
            self,
            self.tr("Import clients"),
            start,
            self.tr("Spreadsheets ({kinds})").format(kinds=FILTER),
        )
        if path:
            self.path.setText(path)

    def _file_changed(self) -> None:
        show_error(self.error, None)
        self.sheet.clear()
        self.sheet.setEnabled(False)
        path = Path(self.path.text().strip())
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls") and path.is_file():
            try:
                sheets = list_sheets(path)
            except CrmError as exc:
                show_error(self.error, exc.message)
            else:
                self.sheet.addItem(self.tr("The first with a header"), None)
                for name in sheets:
                    self.sheet.addItem(name, name)
                self.sheet.setEnabled(True)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        """Read the sheet (in a worker: a big workbook takes a moment)."""
        path = Path(self.path.text().strip())
        sheet = self.sheet.currentData() if self.sheet.isEnabled() else None
        ok, result = self._wizard.run(
            lambda _p: read_table(path, sheet), self.tr("Reading {file}…").format(file=path.name)
        )
        if not ok:
            show_error(self.error, one_sentence(result))
            return False
        self._wizard.set_table(result)
        return True


class ColumnsPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("The columns"))
        self.setSubTitle(
            self.tr("Check what each column becomes; the first rows of the sheet are below.")
        )
        self.labels = {
            None: self.tr("— do not import —"),
            "name": self.tr("Full name (ФИО)"),
            "last_name": self.tr("Last name"),
            "first_name": self.tr("First name"),
            "middle_name": self.tr("Middle name"),
            "company": self.tr("Company"),
            "inn": self.tr("INN"),
            "position": self.tr("Position"),
            "phone": self.tr("Phone"),
            "email": self.tr("E-mail"),
            "birth_date": self.tr("Date of birth"),
            "city": self.tr("City"),
            "address": self.tr("Address"),
            "note": self.tr("Note"),
            "owner": self.tr("Responsible manager"),
        }
        self.where = QLabel()
        self.combos: list[QComboBox] = []
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        holder = QWidget()
        holder.setLayout(self.grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.preview = QTableView()
        self.preview.verticalHeader().setVisible(False)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.error = error_label()
        save = QPushButton(self.tr("Save the mapping…"))
        save.clicked.connect(self.save)
        load = QPushButton(self.tr("Load a mapping…"))
        load.clicked.connect(self.load)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(load)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(scroll, 3)
        layout.addWidget(self.preview, 2)
        layout.addLayout(buttons)

    def show_table(self, table: SheetTable, mapping: ColumnMapping) -> None:
        self.where.setText(
            self.tr("Sheet «{sheet}», header in row {row}, {n} data rows.").format(
                sheet=table.sheet or Path(table.source).name,
                row=table.header_row,
                n=len(table.rows),
            )
        )
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.combos = []
        self.grid.addWidget(QLabel(self.tr("<b>Column in the file</b>")), 0, 0)
        self.grid.addWidget(QLabel(self.tr("<b>Becomes</b>")), 0, 1)
        self.grid.addWidget(QLabel(self.tr("<b>First value</b>")), 0, 2)
        fields = self._wizard.custom_fields
        for column, header in enumerate(table.headers):
            combo = QComboBox()
            for target in (None, *[f for f in FIELDS if f != "skip"]):
                combo.addItem(self.labels.get(target, str(target)), target)
            # The clients' own fields, and a new one named after the column.
            for field in fields:
                combo.addItem(
                    self.tr("Field «{name}»").format(name=field.label), CUSTOM + field.code
                )
            code = code_for(header_key(header))
            if code and all(f.code != code for f in fields):
                combo.addItem(
                    self.tr("New field «{name}»").format(name=header_key(header)), CUSTOM + code
                )
            target = mapping.target(column)
            if target is None and any(f.code == code for f in fields):
                target = CUSTOM + code  # a column titled as one of the fields
            combo.setCurrentIndex(max(0, combo.findData(target)))
            combo.currentIndexChanged.connect(lambda _i: self._changed())
            sample = next((cell_text(r.cell(column)) for r in table.rows if r.cell(column)), "")
            self.grid.addWidget(QLabel(header or self.tr("(no title)")), column + 1, 0)
            self.grid.addWidget(combo, column + 1, 1)
            self.grid.addWidget(hint_label(sample[:60]), column + 1, 2)
            self.combos.append(combo)
        model = QStandardItemModel(0, len(table.headers), self)
        model.setHorizontalHeaderLabels(table.headers)
        for row in table.rows[:PREVIEW_ROWS]:
            model.appendRow(
                [QStandardItem(cell_text(row.cell(c))) for c in range(len(table.headers))]
            )
        self.preview.setModel(model)
        self._changed()

    def mapping(self) -> ColumnMapping:
        return ColumnMapping(tuple(combo.currentData() for combo in self.combos))

    def problem(self) -> str | None:
        table = self._wizard.table
        if table is None:
            return None
        try:
            self.mapping().check(table.headers)
        except CrmError as exc:
            return exc.message
        return None

    def _changed(self) -> None:
        show_error(self.error, self.problem())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._wizard.table is not None and self.problem() is None

    def save(self) -> None:
        table = self._wizard.table
        if table is None:
            return
        path, _selected = QFileDialog.getSaveFileName(
            self, self.tr("Save the mapping"), "mapping.json", self.tr("Mappings (*.json)")
        )
        if path:
            try:
                save_mapping(self.mapping(), table.headers, Path(path))
            except CrmError as exc:
                show_error(self.error, exc.message)

    def load(self) -> None:
        table = self._wizard.table
        if table is None:
            return
        path, _selected = QFileDialog.getOpenFileName(
            self, self.tr("Load a mapping"), "", self.tr("Mappings (*.json)")
        )
        if path:
            try:
                mapping = load_mapping(Path(path), table.headers)
            except CrmError as exc:
                show_error(self.error, exc.message)
                return
            self.show_table(table, mapping)


class DuplicatesPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Clients already there"))
        self.setSubTitle(
            self.tr(
                "A client is the same when a phone, an e-mail, or the name and company match "
                "(in the file or in the database)."
            )
        )
        self.merge = QRadioButton(
            self.tr("Merge: fill their empty fields, add new phones and e-mails")
        )
        self.skip = QRadioButton(self.tr("Skip: leave them as they are"))
        self.create_new = QRadioButton(self.tr("Create anyway: a new client for each row"))
        self.merge.setChecked(True)
        group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for button in (self.merge, self.skip, self.create_new):
            group.addButton(button)
            layout.addWidget(button)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("font-size: 11pt; margin-top: 12px;")
        self.error = error_label()
        check = QPushButton(self.tr("Show what the import will do"))
        check.clicked.connect(self.dry_run)
        layout.addWidget(check, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.preview)
        layout.addWidget(self.error)
        layout.addStretch(1)
        group.buttonToggled.connect(lambda *_a: self.preview.clear())

    def policy(self) -> DuplicatePolicy:
        if self.skip.isChecked():
            return DuplicatePolicy.SKIP
        return DuplicatePolicy.CREATE if self.create_new.isChecked() else DuplicatePolicy.MERGE

    def dry_run(self) -> None:
        ok, result = self._wizard.import_now(dry_run=True)
        if ok:
            self.preview.setText(self._wizard.summary(result, dry_run=True))
            show_error(self.error, None)
        elif not isinstance(result, Cancelled):
            show_error(self.error, one_sentence(result))

    def validatePage(self) -> bool:
        ok, result = self._wizard.import_now(dry_run=False)
        if ok:
            self._wizard.report = result
            return True
        if not isinstance(result, Cancelled):
            show_error(self.error, one_sentence(result))
        return False


class ReportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Done"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 11pt;")
        self.errors = QTableView()
        self.errors.verticalHeader().setVisible(False)
        self.errors.horizontalHeader().setStretchLastSection(True)
        self.save_rejected = QPushButton(self.tr("Save the rejected rows…"))
        self.save_rejected.clicked.connect(self.save)
        self.undo = QPushButton(self.tr("Undo this import"))
        self.undo.clicked.connect(self.undo_import)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_rejected)
        buttons.addStretch(1)
        buttons.addWidget(self.undo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors, 1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        report = self._wizard.report
        if report is None:
            return
        self.summary.setText(self._wizard.summary(report, dry_run=False))
        model = QStandardItemModel(0, 4, self)
        model.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("What is wrong")]
        )
        for error in report.errors:
            model.appendRow(
                [
                    QStandardItem(str(error.row)),
                    QStandardItem(error.column),
                    QStandardItem(error.value),
                    QStandardItem(error.message),
                ]
            )
        self.errors.setModel(model)
        self.errors.setVisible(bool(report.errors))
        self.save_rejected.setVisible(bool(report.rejected))

    def save(self) -> None:
        table = self._wizard.table
        if table is None:
            return
        name = Path(table.source).stem + "-rejected.xlsx"
        path, _selected = QFileDialog.getSaveFileName(
            self, self.tr("Save the rejected rows"), name, self.tr("Workbooks (*.xlsx)")
        )
        if path:
            self.save_rejected_to(Path(path))

    def save_rejected_to(self, path: Path) -> None:
        table = self._wizard.table
        if table is None:
            return
        try:
            write_rejected(table, self._wizard.rows or [], path)
        except CrmError as exc:
            QMessageBox.warning(self, self.title(), exc.message)

    def undo_import(self) -> None:
        report = self._wizard.report
        if report is None or report.batch_id is None:
            return
        batch_id = report.batch_id
        ok, result = self._wizard.run_in_db(
            lambda session, _p: undo_batch(session, batch_id), self.tr("Undoing the import…")
        )
        if not ok:
            QMessageBox.warning(self, self.title(), one_sentence(result))
            return
        self.undo.setEnabled(False)
        text = self.tr("The import was undone: {removed} records removed, {restored} restored.")
        if result.kept:
            text += " " + self.tr("Changed since, so kept: {names}").format(
                names=", ".join(result.kept)
            )
        self.summary.setText(text.format(removed=result.removed, restored=result.restored))
        self._wizard.sig_imported.emit()


class ImportWizard(QWizard):
    sig_imported = Signal()  # the client list should be read again

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._login = login
        self.custom_fields: list[CustomFieldView] = []
        self.table: SheetTable | None = None
        self.rows: list[ImportRow] | None = None
        self.report: ImportReport | None = None
        self.busy = False
        self.setWindowTitle(self.tr("Import clients"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.resize(900, 640)
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.duplicates_page = DuplicatesPage(self)
        self.report_page = ReportPage(self)
        for page_id, page in (
            (FILE, self.file_page),
            (COLUMNS, self.columns_page),
            (DUPLICATES, self.duplicates_page),
            (REPORT, self.report_page),
        ):
            self.setPage(page_id, page)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.duplicates_page.setCommitPage(True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)

    def set_table(self, table: SheetTable) -> None:
        self.table = table
        with self._db.unit_of_work(self._login, write=False) as session:
            self.custom_fields = list_custom_fields(session)  # a few rows
        self.columns_page.show_table(table, guess_mapping(table.headers))

    def run(self, work: Any, text: str) -> tuple[bool, Any]:
        """`work(progress)` off the UI thread, with no database (reading the file)."""
        return self._wait(Background(None, work, progress=text, parent=self))

    def run_in_db(self, work: Any, text: str) -> tuple[bool, Any]:
        """`work(session, progress)` in one unit of work off the UI thread; Cancel rolls
        it back."""
        return self._wait(Background(self._db, work, self._login, progress=text, parent=self))

    def _wait(self, job: Background[Any]) -> tuple[bool, Any]:
        self.busy = True
        try:
            ok, value = wait_for(job, self)
        finally:
            self.busy = False
        if not ok:
            report_connection(value)
        return ok, value

    def import_now(self, *, dry_run: bool) -> tuple[bool, Any]:
        """Normalise with the mapping shown and import (or only count, with `dry_run`);
        Cancel rolls the whole import back."""
        table = self.table
        if table is None:
            return False, CrmError(self.tr("Choose a file first."))
        mapping = self.columns_page.mapping()
        policy = self.duplicates_page.policy()

        def work(session: Any, progress: Any) -> ImportReport:
            self.rows = normalise_table(table, mapping, list_custom_fields(session))
            return run_import(
                session, table, self.rows, policy=policy, dry_run=dry_run, progress=progress.report
            )

        text = self.tr("Checking the rows…") if dry_run else self.tr("Importing…")
        ok, result = self.run_in_db(work, text)
        if ok and not dry_run:
            self.sig_imported.emit()
        return ok, result

    def summary(self, report: ImportReport, *, dry_run: bool) -> str:
        text = (
            self.tr(
                "{rows} rows: {created} new clients, {merged} merged into clients already there, "
                "{skipped} skipped, {rejected} rejected; {companies} new companies."
            )
            if not dry_run
            else self.tr(
                "The import will read {rows} rows: {created} new clients, {merged} merged into "
                "clients already there, {skipped} skipped, {rejected} rejected; "
                "{companies} new companies. Nothing is written yet."
            )
        )
        return text.format(
            rows=report.rows,
            created=report.created,
            merged=report.merged,
            skipped=report.skipped,
            rejected=report.rejected,
            companies=report.companies_created,
        )

    def closeEvent(self, event: Any) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if not self.busy:
            super().reject()
