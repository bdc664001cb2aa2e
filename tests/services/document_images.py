"""Pictures a company profile may carry (logo, stamp, signature), drawn for the tests as
PNG with transparency, like scans cut out of their background."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path(__file__).resolve().parents[2] / "crm_desktop/resources/fonts/DejaVuSans-Bold.ttf"
INK = (30, 60, 170, 210)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def logo_png() -> bytes:
    image = Image.new("RGBA", (480, 120), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(10, 110), (60, 10), (110, 110)], fill=(200, 40, 40, 255))
    font = ImageFont.truetype(str(FONT), 60)
    draw.text((125, 60), "ВЕКТОР", font=font, fill=(40, 40, 40, 255), anchor="lm")
    return _png(image)


def stamp_png() -> bytes:
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 390, 390), outline=INK, width=8)
    draw.ellipse((50, 50, 350, 350), outline=INK, width=4)
    draw.text((200, 200), "ВЕКТОР", font=ImageFont.truetype(str(FONT), 44), fill=INK, anchor="mm")
    small = ImageFont.truetype(str(FONT), 22)
    draw.text((200, 150), "г. Москва", font=small, fill=INK, anchor="mm")
    draw.text((200, 255), "ИНН 7707083893", font=small, fill=INK, anchor="mm")
    return _png(image)


def signature_png() -> bytes:
    image = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    stroke = [(10, 90), (40, 30), (60, 95), (90, 20), (110, 80), (150, 40), (170, 70)]
    stroke += [(200, 30), (240, 60), (290, 50)]
    ImageDraw.Draw(image).line(stroke, fill=(20, 20, 120, 255), width=5, joint="curve")
    return _png(image)
