"""The company's logo, stamp and signature, decoded and compressed once per process and
then placed in each PDF as it is made.

ReportLab's `drawImage` decodes, hashes and compresses an image again for every document
(about 10 ms for a stamp and a signature: as long as the rest of an invoice). A batch of
a thousand invoices draws the same three images, so the finished image object is kept
and each document gets a copy of it. Anything unexpected falls back to `drawImage`."""

from __future__ import annotations

import functools
import hashlib
import io
import logging
from dataclasses import dataclass
from typing import Any

from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFImageXObject, PDFObjectReference
from reportlab.pdfgen.canvas import Canvas

log = logging.getLogger(__name__)
MAX_SIDE = 900  # pixels: 300 dpi over 76 mm, more than any of these is printed at


@dataclass(frozen=True)
class PreparedImage:
    name: str
    width: int
    height: int
    reader: ImageReader  # for the fallback
    image: dict[str, Any]  # a finished PDFImageXObject's fields
    smask: dict[str, Any] | None  # its transparency, if it has any


def _downscaled(data: bytes) -> ImageReader:
    with Image.open(io.BytesIO(data)) as opened:
        image = opened.copy()
    image.load()
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    return ImageReader(image)


@functools.lru_cache(maxsize=16)
def prepare_image(data: bytes) -> PreparedImage:
    """The image ready to place (cached by its bytes)."""
    reader = _downscaled(data)
    name = hashlib.md5(data, usedforsecurity=False).hexdigest()
    xobject = PDFImageXObject(name, reader, mask="auto")
    fields = dict(vars(xobject))
    smask = fields.pop("_smask", None)
    width, height = reader.getSize()
    return PreparedImage(
        name=name,
        width=width,
        height=height,
        reader=reader,
        image=fields,
        smask=dict(vars(smask)) if smask is not None else None,
    )


def _fresh(fields: dict[str, Any]) -> PDFImageXObject:
    xobject: PDFImageXObject = PDFImageXObject.__new__(PDFImageXObject)
    xobject.__dict__.update(fields)
    return xobject


def _register(canvas: Any, image: PreparedImage) -> str:
    """The image's name in this canvas's document, adding the object the first time
    (what `Canvas.drawImage` does, minus the decoding and compressing: it goes through
    the canvas's private parts, hence `Any`)."""
    document = canvas._doc
    reg_name: str = document.getXObjectName(image.name)
    if document.idToObject.get(reg_name) is None:
        xobject: Any = _fresh(image.image)
        canvas._setXObjects(xobject)
        document.Reference(xobject, reg_name)
        document.addForm(image.name, xobject)
        if image.smask is not None:
            smask = _fresh(image.smask)
            mask_name = document.getXObjectName(smask.name)
            if document.idToObject.get(mask_name) is None:
                canvas._setXObjects(smask)
                xobject.smask = document.Reference(smask, mask_name)
            else:
                xobject.smask = PDFObjectReference(mask_name)
    return reg_name


def draw_image(
    canvas: Canvas, image: PreparedImage, x: float, y: float, width: float, height: float
) -> None:
    try:
        reg_name = _register(canvas, image)
    except (AttributeError, TypeError, ValueError, KeyError):  # another ReportLab inside
        log.info("prepared image not placed, drawing it the ordinary way", exc_info=True)
        canvas.drawImage(image.reader, x, y, width, height, mask="auto")
        return
    inside: Any = canvas
    inside._currentPageHasImages = 1
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    inside._code.append(f"/{reg_name} Do")
    canvas.restoreState()
    inside._formsinuse.append(image.name)  # the page's resources list it


def fitted_size(image: PreparedImage, max_width: float, max_height: float) -> tuple[float, float]:
    scale = min(max_width / image.width, max_height / image.height)
    return image.width * scale, image.height * scale
