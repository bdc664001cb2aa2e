"""The bundled DejaVu fonts, registered with ReportLab once per process (registering
parses the TrueType files: about 50 ms each time, so never per document)."""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
REGULAR = "DejaVuSansCondensed"
BOLD = "DejaVuSansCondensed-Bold"
_FILES = {REGULAR: "DejaVuSansCondensed.ttf", BOLD: "DejaVuSansCondensed-Bold.ttf"}


@functools.cache
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces (embedded, subset, in every PDF that uses
    them); returns their names. Cached: the second call costs nothing."""
    # Streams compressed only, not also ASCII85-encoded: the encoder is pure Python and
    # took a quarter of an invoice's time (and made files a fifth larger). Every PDF of
    # the program goes through here first.
    rl_config.useA85 = 0
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file)))
    # <b> in a Paragraph picks the bold face.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD
