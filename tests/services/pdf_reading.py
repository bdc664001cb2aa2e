"""Reading printed documents back: which fonts a PDF uses and whether it carries them."""

from __future__ import annotations

import pypdf


def fonts_of(reader: pypdf.PdfReader) -> dict[str, bool]:
    """Every font the pages use, and whether the file carries it (a TrueType subset)."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            found[str(font["/BaseFont"])] = embedded
    return found
