"""Settings → General: the company's logo, stamp and signature, side by side, each with
its preview and "Choose…"/"Remove". An administrator changes them; everyone else sees
them. Files are read, checked and saved in a worker, the previews made there too."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.company_images import (
    IMAGE_KINDS,
    company_images,
    read_image_file,
    set_company_image,
)
from crm_desktop.services.users import is_admin
from crm_desktop.store.database import CrmSession, Database
from crm_desktop.ui.background import Background
from crm_desktop.ui.field_messages import error_label, hint_label, show_error
from crm_desktop.ui.unexpected import one_sentence, report_connection

T = TypeVar("T")
PREVIEW_WIDTH = 160
PREVIEW_HEIGHT = 100
PLACEHOLDER_STYLE = "QLabel { color: #90a4ae; background: #eceff1; border: 1px dashed #b0bec5; }"
PREVIEW_STYLE = "QLabel { background: #ffffff; border: 1px solid #cfd8dc; }"


def preview(data: bytes | None) -> QImage | None:
    """The picture scaled to fit the preview (made in the worker: QImage is safe there,
    QPixmap is not); None when there is none or Qt cannot read it."""
    if not data:
        return None
    image = QImage.fromData(data)
    if image.isNull():
        return None
    return image.scaled(
        PREVIEW_WIDTH,
        PREVIEW_HEIGHT,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


@dataclass(frozen=True)
class _Loaded:
    previews: dict[str, QImage | None]
    may_edit: bool


def _load(session: CrmSession) -> _Loaded:
    images = company_images(session)
    return _Loaded({kind: preview(images[kind]) for kind in IMAGE_KINDS}, is_admin(session))


def _store_file(session: CrmSession, kind: str, path: Path) -> QImage | None:
    data = read_image_file(path, kind)
    set_company_image(session, kind, data)
    return preview(data)


@dataclass
class ImageTile:
    """One picture's column: title, preview, buttons and its message."""

    box: QWidget
    preview: QLabel
    choose: QPushButton
    remove: QPushButton
    error: QLabel
    loaded: bool = False


class CompanyImages(QGroupBox):
    sig_loaded = Signal()
    sig_changed = Signal(str)  # the kind of picture saved or removed
    sig_failed = Signal(str)  # the kind whose change failed (its message is under it)

    def __init__(self, db: Database, login: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Logo, stamp and signature"))
        self._db = db
        self._login = login
        self.may_edit = False
        self.busy: set[str] = set()
        titles = {
            "logo": self.tr("Logo"),
            "stamp": self.tr("Stamp"),
            "signature": self.tr("Signature"),
        }
        self.names = {
            "logo": self.tr("the logo"),
            "stamp": self.tr("the stamp"),
            "signature": self.tr("the signature"),
        }
        self.tiles: dict[str, ImageTile] = {}
        row = QHBoxLayout()
        row.setSpacing(16)
        for kind in IMAGE_KINDS:
            tile = self._tile(kind, titles[kind])
            self.tiles[kind] = tile
            row.addWidget(tile.box)
        row.addStretch(1)
        self.hint = hint_label(
            self.tr(
                "The stamp and the signature print best from PNG with a transparent "
                "background. Pictures larger than 1200 pixels are reduced."
            )
        )
        self.note = hint_label()
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.hint)
        column.addWidget(self.note)
        self._update()

    def _tile(self, kind: str, title: str) -> ImageTile:
        box = QWidget()
        box.setObjectName(f"image_{kind}")
        heading = QLabel(title)
        heading.setStyleSheet("font-weight: 600;")
        shown = QLabel()
        shown.setFixedSize(PREVIEW_WIDTH + 4, PREVIEW_HEIGHT + 4)
        shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        choose = QPushButton(self.tr("Choose…"))
        choose.setToolTip(self.tr("Load a picture from a file (PNG, JPEG, GIF, BMP or WebP)"))
        choose.clicked.connect(lambda _checked=False, k=kind: self.choose(k))
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(lambda _checked=False, k=kind: self.remove(k))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(choose)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        error = error_label()
        error.setMaximumWidth(PREVIEW_WIDTH + 80)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addWidget(heading)
        column.addWidget(shown)
        column.addLayout(buttons)
        column.addWidget(error)
        column.addStretch(1)
        tile = ImageTile(box, shown, choose, remove, error)
        self._show_preview(tile, None)
        return tile

    def _show_preview(self, tile: ImageTile, image: QImage | None) -> None:
        tile.loaded = image is not None
        if image is None:
            tile.preview.clear()
            tile.preview.setText(self.tr("No image"))
            tile.preview.setStyleSheet(PLACEHOLDER_STYLE)
        else:
            tile.preview.setText("")
            tile.preview.setStyleSheet(PREVIEW_STYLE)
            tile.preview.setPixmap(QPixmap.fromImage(image))

    def _update(self) -> None:
        for kind, tile in self.tiles.items():
            idle = kind not in self.busy
            tile.choose.setVisible(self.may_edit)
            tile.remove.setVisible(self.may_edit)
            tile.choose.setEnabled(self.may_edit and idle)
            tile.remove.setEnabled(self.may_edit and idle and tile.loaded)

    def load(self) -> Background[_Loaded]:
        """Read the pictures (and whether this user may change them) in a worker."""
        job: Background[_Loaded] = Background(self._db, _load, self._login, write=False)
        return job.on_done(self._loaded).on_failed(self._load_failed).start()

    def _loaded(self, loaded: _Loaded) -> None:
        if not shiboken6.isValid(self):
            return
        self.may_edit = loaded.may_edit
        for kind, tile in self.tiles.items():
            self._show_preview(tile, loaded.previews[kind])
        self.note.setText(
            "" if self.may_edit else self.tr("Only an administrator can change the pictures.")
        )
        self._update()
        self.sig_loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        report_connection(error)
        self.note.setText(one_sentence(error))
        self.sig_loaded.emit()

    def choose(self, kind: str) -> None:
        """Ask for a file and load it as the picture `kind`."""
        if not self.may_edit or kind in self.busy:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose {what}").format(what=self.names[kind]),
            "",
            self.tr("Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;All files (*)"),
        )
        if path:
            self.choose_file(kind, Path(path))

    def choose_file(self, kind: str, path: Path) -> Background[QImage | None] | None:
        """Read, check and save the file as the picture `kind` in a worker; `sig_changed`
        follows (or `sig_failed`, with the reason under the tile)."""
        if not self.may_edit or kind in self.busy:
            return None
        job: Background[QImage | None] = Background(
            self._db, lambda s: _store_file(s, kind, path), self._login
        )
        return self._run(kind, job)

    def remove(self, kind: str, confirm: bool = True) -> Background[None] | None:
        """Remove the picture `kind` (after asking, unless `confirm` is False)."""
        tile = self.tiles[kind]
        if not self.may_edit or kind in self.busy or not tile.loaded:
            return None
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Remove the picture"),
                self.tr("Remove {what}? Invoices printed from now on go without it.").format(
                    what=self.names[kind]
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        job: Background[None] = Background(
            self._db, lambda s: set_company_image(s, kind, None), self._login
        )
        return self._run(kind, job)

    def _run(self, kind: str, job: Background[T]) -> Background[T]:
        self.busy.add(kind)
        show_error(self.tiles[kind].error, None)
        self._update()
        job.on_done(lambda result: self._changed(kind, result))
        job.on_failed(lambda error: self._failed(kind, error))
        return job.start()

    def _changed(self, kind: str, image: object) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy.discard(kind)
        self._show_preview(self.tiles[kind], image if isinstance(image, QImage) else None)
        self._update()
        self.sig_changed.emit(kind)

    def _failed(self, kind: str, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy.discard(kind)
        report_connection(error)
        show_error(self.tiles[kind].error, one_sentence(error))
        self._update()
        self.sig_failed.emit(kind)
