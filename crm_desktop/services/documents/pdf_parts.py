"""Pieces every printed document shares: the paragraph styles, the company's images as
flowables, the signatures with the stamp, the diagonal mark of a draft, the page setup."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import getAscent, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import BaseDocTemplate

from crm_desktop.services.documents.fonts import register_fonts
from crm_desktop.services.documents.pdf_images import draw_image, fitted_size, prepare_image

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = 15 * mm
RIGHT_MARGIN = 12 * mm
TOP_MARGIN = 12 * mm
BOTTOM_MARGIN = 14 * mm
FRAME_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
GREY = colors.Color(0.4, 0.4, 0.4)
MARK_COLOUR = colors.Color(0.8, 0.1, 0.1, alpha=0.16)

PageCallback = Callable[[Canvas, BaseDocTemplate], None]


def escape(text: str) -> str:
    """Text for a Paragraph (which reads a little markup)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fitting(text: str, style: ParagraphStyle, width: float) -> str | Flowable:
    """A table cell's text: a plain string when it fits on one line (the cheapest to lay
    out and draw; the table's FONT must match the style), else text that wraps."""
    padding = 6
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= width - padding:
        return text
    return PlainText(text, style)


class PlainText(Flowable):
    """Plain text in one style, broken into lines at spaces to the width it is given:
    what a Paragraph draws for it, at a fraction of the cost (no markup to parse)."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.lines = [text]
        self.height = float(style.leading)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        style = self.style
        self.lines = simpleSplit(self.text, style.fontName, style.fontSize, availWidth) or [""]
        self.width = availWidth
        self.height = float(style.leading) * len(self.lines)
        return availWidth, self.height

    def draw(self) -> None:
        style = self.style
        canvas = self.canv
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        y = self.height - getAscent(style.fontName, style.fontSize)
        for line in self.lines:
            canvas.drawString(0, y, line)
            y -= style.leading


def text_block(text: str, style: ParagraphStyle) -> Flowable:
    """Plain text as a flowable (wrapped to the width it gets)."""
    return PlainText(text, style)


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=8.5, leading=10.5)
    return {
        "base": base,
        "small": ParagraphStyle("small", base, fontSize=7, leading=8.5, textColor=GREY),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=10),
        "bold": ParagraphStyle("bold", base, fontName=bold),
        "words": ParagraphStyle("words", base, fontName=bold, fontSize=9.5, leading=12),
        "title": ParagraphStyle(
            "title", base, fontName=bold, fontSize=14, leading=17, alignment=TA_LEFT
        ),
        "header": ParagraphStyle("header", base, fontSize=9, leading=11.5),
        "header_name": ParagraphStyle("header_name", base, fontName=bold, fontSize=11, leading=13),
    }


class FittedImage(Flowable):
    """An image scaled to fit a box, keeping its proportions."""

    def __init__(self, data: bytes, max_width: float, max_height: float) -> None:
        super().__init__()
        self.image = prepare_image(data)
        self.width, self.height = fitted_size(self.image, max_width, max_height)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_image(self.canv, self.image, 0, 0, self.width, self.height)


class SignatureBlock(Flowable):
    """ "Руководитель ______ Соколов А. В.   Бухгалтер ______ Орлова Е. Н.", with the
    signature image over the director's line and the stamp overlapping, as signed
    paper looks."""

    def __init__(
        self,
        people: list[tuple[str, str]],
        signature: bytes | None = None,
        stamp: bytes | None = None,
    ) -> None:
        super().__init__()
        self.people = people  # (role, name) left to right
        self.signature = signature
        self.stamp = stamp
        self.height = 40 * mm if stamp else 30 * mm

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return self.width, self.height

    def draw(self) -> None:
        regular, bold = register_fonts()
        canvas = self.canv
        column = self.width / max(len(self.people), 1)
        y = self.height - 12 * mm
        for index, (role, name) in enumerate(self.people):
            x = index * column
            canvas.setFont(bold, 9)
            canvas.setFillColor(colors.black)
            canvas.drawString(x, y, role)
            line_start = x + stringWidth(role, bold, 9) + 2 * mm
            line_end = line_start + 30 * mm
            canvas.setLineWidth(0.6)
            canvas.line(line_start, y - 1, line_end, y - 1)
            _fit_string(
                canvas, initials(name), line_end + 2 * mm, y, x + column - line_end - 4 * mm
            )
            canvas.setFont(regular, 6)
            canvas.setFillColor(GREY)
            canvas.drawCentredString((line_start + line_end) / 2, y - 8, "подпись")
            if name:
                canvas.drawString(line_end + 2 * mm, y - 8, "расшифровка подписи")
            if index == 0 and self.signature:
                image = prepare_image(self.signature)
                width, height = fitted_size(image, 32 * mm, 15 * mm)
                left = (line_start + line_end - width) / 2
                draw_image(canvas, image, left, y - 4 * mm, width, height)
        canvas.setFillColor(colors.black)
        if self.stamp:
            image = prepare_image(self.stamp)
            width, height = fitted_size(image, 38 * mm, 38 * mm)
            draw_image(canvas, image, 24 * mm, 0, width, height)
        else:
            canvas.setFont(regular, 8)
            canvas.drawString(4 * mm, y - 9 * mm, "М.П.")


def _fit_string(canvas: Canvas, text: str, x: float, y: float, room: float) -> None:
    """The name on the line, smaller if it would not fit."""
    regular, _bold = register_fonts()
    size = 9.0
    while size > 6 and stringWidth(text, regular, size) > room:
        size -= 0.5
    canvas.setFont(regular, size)
    canvas.setFillColor(colors.black)
    canvas.drawString(x, y, text)


def draw_mark(canvas: Canvas, text: str) -> None:
    """A large diagonal word across the page ("ЧЕРНОВИК")."""
    _regular, bold = register_fonts()
    canvas.saveState()
    canvas.setFillColor(MARK_COLOUR)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(50)
    size = 110.0
    while stringWidth(text, bold, size) > PAGE_HEIGHT * 0.85 and size > 40:
        size -= 5
    canvas.setFont(bold, size)
    canvas.drawCentredString(0, -size / 3, text)
    canvas.restoreState()


def page_decorator(mark: str | None, footer: str) -> PageCallback:
    """What each page gets besides its flowables: the mark, and from page 2 a footer
    naming the document and the page."""

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if mark:
            draw_mark(canvas, mark)
        page = canvas.getPageNumber()
        if page > 1:
            regular, _bold = register_fonts()
            canvas.saveState()
            canvas.setFont(regular, 7)
            canvas.setFillColor(GREY)
            canvas.drawRightString(
                PAGE_WIDTH - RIGHT_MARGIN, BOTTOM_MARGIN / 2, f"{footer} — стр. {page}"
            )
            canvas.restoreState()

    return decorate


def build_pdf(
    out: BinaryIO | Path,
    story: list[Flowable],
    *,
    title: str,
    author: str,
    mark: str | None = None,
) -> None:
    """Lay the flowables out on A4 pages (a frame without padding: tables span exactly
    the width between the margins) and write the PDF."""
    target: BinaryIO | str = str(out) if isinstance(out, Path) else out
    template = BaseDocTemplate(
        target,
        pagesize=A4,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author=author,
        creator="crm-desktop",
        initialFontName=register_fonts()[0],  # no Helvetica left unembedded in the file
    )
    frame = Frame(
        LEFT_MARGIN,
        BOTTOM_MARGIN,
        FRAME_WIDTH,
        PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    page = PageTemplate("page", [frame], onPage=page_decorator(mark, title), pagesize=A4)
    template.addPageTemplates([page])
    template.build(story)


def initials(full_name: str) -> str:
    """ "Соколов А. В." for "Соколов Андрей Викторович" (as signatures are printed); a
    name already short, or of another shape, is kept."""
    words = full_name.split()
    if len(words) in (2, 3) and all(len(w) > 2 and w[0].isupper() for w in words[1:]):
        return " ".join([words[0], *(f"{w[0]}." for w in words[1:])])
    return full_name
