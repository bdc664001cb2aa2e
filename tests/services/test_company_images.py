"""The company's logo, stamp and signature: checked, reduced and kept as PNG with their
transparency; only an administrator changes them; the invoice prints them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from crm_desktop.errors import PermissionDenied, ValidationError
from crm_desktop.models import Role
from crm_desktop.services.company_images import (
    check_image,
    company_images,
    loaded_images,
    read_image_file,
    set_company_image,
)
from crm_desktop.services.invoicing import InvoiceLineInput
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from tests.services.document_images import signature_png, stamp_png
from tests.services.invoice_setup import set_up
from tests.services.test_invoice_pdf import document, make_invoice, render


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_a_png_with_transparency_is_kept_as_it_is() -> None:
    stamp = stamp_png()
    stored = check_image(stamp, "stamp")
    assert stored == stamp
    image = decoded(stored)
    assert image.format == "PNG" and image.mode == "RGBA" and image.size == (400, 400)
    alpha = image.getchannel("A")
    assert alpha.getextrema() == (0, 210)  # a transparent background around the ink


def test_a_jpeg_on_white_becomes_a_png_as_it_is() -> None:
    source = Image.new("RGB", (500, 300), (255, 255, 255))
    source.paste((20, 40, 160), (100, 100, 400, 200))
    stored = check_image(encoded(source, "JPEG", quality=95), "stamp")
    image = decoded(stored)
    assert image.format == "PNG" and image.mode == "RGB" and image.size == (500, 300)
    assert image.getpixel((5, 5)) == pytest.approx((255, 255, 255), abs=3)
    assert image.getpixel((250, 150)) == pytest.approx((20, 40, 160), abs=8)


def test_a_gif_with_a_transparent_colour_keeps_its_transparency() -> None:
    source = Image.new("P", (120, 60), 0)
    source.putpalette([255, 255, 255, 10, 10, 120] + [0, 0, 0] * 254)
    source.paste(1, (20, 20, 100, 40))
    image = decoded(check_image(encoded(source, "GIF", transparency=0), "signature"))
    assert image.format == "PNG" and image.mode == "RGBA"
    assert image.getpixel((2, 2))[3] == 0 and image.getpixel((50, 30)) == (10, 10, 120, 255)


def test_a_large_picture_is_reduced_to_1200_pixels_a_side() -> None:
    big = Image.new("RGBA", (3000, 1500), (0, 0, 0, 0))
    big.paste((200, 0, 0, 255), (0, 0, 1500, 1500))
    image = decoded(check_image(encoded(big, "PNG"), "logo"))
    assert image.size == (1200, 600) and image.mode == "RGBA"
    assert image.getpixel((1190, 10))[3] == 0 and image.getpixel((10, 10)) == (200, 0, 0, 255)
    tall = Image.new("RGB", (900, 2400), (255, 255, 255))
    assert decoded(check_image(encoded(tall, "BMP"), "logo")).size == (450, 1200)
    webp = Image.new("RGB", (1600, 800), (0, 90, 0))
    assert decoded(check_image(encoded(webp, "WEBP"), "logo")).size == (1200, 600)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"Hello, this is a text file, not a picture\n", "not a picture"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "not a picture"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "not a picture"),
        (encoded(Image.effect_noise((200, 200), 60), "PNG")[:400], "damaged"),
        (encoded(Image.new("RGB", (200, 200)), "JPEG")[:300], "damaged"),
        (encoded(Image.new("RGB", (20, 20)), "TIFF"), "not a picture"),  # not offered
        (encoded(Image.new("1", (1, 20000)), "PNG"), "20000 pixels"),
        (b"x" * (10 * 1024 * 1024 + 1), "larger than 10 MB"),
    ],
)
def test_anything_but_a_usable_picture_is_refused(data: bytes, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_image(data, "signature")
    assert caught.value.field == "signature"
    assert words in caught.value.message and caught.value.message.endswith(".")


def test_files_are_read_and_named_in_the_message(tmp_path: Path) -> None:
    text = tmp_path / "stamp.txt"
    text.write_text("not a stamp", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_image_file(text, "stamp")
    assert caught.value.field == "stamp" and "not a picture" in caught.value.message
    with pytest.raises(ValidationError, match="no file"):
        read_image_file(tmp_path / "missing.png", "logo")
    good = tmp_path / "signature.png"
    good.write_bytes(signature_png())
    assert read_image_file(good, "signature") == signature_png()
    with pytest.raises(ValidationError):
        check_image(signature_png(), "seal")


def test_the_administrator_loads_and_removes_pictures(db: Database) -> None:
    set_up(db)
    with db.unit_of_work(write=False) as session:
        assert company_images(session) == {"logo": None, "stamp": None, "signature": None}
        assert loaded_images(session) == {"logo": False, "stamp": False, "signature": False}
    jpeg = encoded(Image.new("RGB", (2400, 1200), (250, 250, 250)), "JPEG")
    with db.unit_of_work() as session:
        set_company_image(session, "stamp", stamp_png())
        set_company_image(session, "logo", jpeg)
    with db.unit_of_work(write=False) as session:
        images = company_images(session)
        assert loaded_images(session) == {"logo": True, "stamp": True, "signature": False}
    assert images["stamp"] == stamp_png() and images["signature"] is None
    assert images["logo"] is not None and decoded(images["logo"]).size == (1200, 600)
    with db.unit_of_work() as session:
        set_company_image(session, "stamp", None)
    with db.unit_of_work(write=False) as session:
        assert loaded_images(session) == {"logo": True, "stamp": False, "signature": False}
    with db.unit_of_work() as session, pytest.raises(ValidationError) as caught:
        set_company_image(session, "signature", b"GIF89a broken")
    assert caught.value.field == "signature"


def test_only_an_administrator_changes_pictures(db: Database) -> None:
    set_up(db)
    with db.unit_of_work() as session:
        add_user(session, "anna", Role.MANAGER)
        set_company_image(session, "stamp", stamp_png())
    with db.unit_of_work("anna") as session, pytest.raises(PermissionDenied) as caught:
        set_company_image(session, "stamp", None)
    assert "Only an administrator" in caught.value.message
    with db.unit_of_work("anna", write=False) as session:
        assert company_images(session)["stamp"] == stamp_png()  # everyone sees them


def test_pictures_need_a_described_company(db: Database) -> None:
    with db.unit_of_work() as session, pytest.raises(ValidationError) as caught:
        set_company_image(session, "logo", stamp_png())
    assert caught.value.field == "logo" and "requisites first" in caught.value.message


def test_the_invoice_prints_the_pictures_loaded(db: Database) -> None:
    client_id = set_up(db)
    lines = [InvoiceLineInput(name="Доставка", quantity="1", unit="усл", price="1500")]
    invoice_id = make_invoice(db, client_id, lines, issue=True)
    assert len(render(document(db, invoice_id)).pages[0].images) == 0
    jpeg_signature = Image.new("RGB", (1800, 600), (255, 255, 255))
    jpeg_signature.paste((10, 10, 90), (100, 250, 1700, 350))
    with db.unit_of_work() as session:
        set_company_image(session, "stamp", stamp_png())
        set_company_image(session, "signature", encoded(jpeg_signature, "JPEG"))
    page = render(document(db, invoice_id)).pages[0]
    sizes = sorted(image.image.size for image in page.images)
    assert sizes == sorted([(400, 400), (900, 300)])  # the PDF's own reduction to 900
