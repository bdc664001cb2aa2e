"""The company's logo, stamp and signature: checked when loaded (a real picture of a
sensible size), reduced to at most 1200 pixels a side and kept as PNG in the profile,
transparency and all (a stamp or signature cut out of its background is the usual case).
The invoice PDF prints them when present (documents/pdf_images.py)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import PermissionDenied, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import CompanyProfile
from crm_desktop.services.users import require_admin

IMAGE_KINDS = ("logo", "stamp", "signature")
FORMATS = ("PNG", "JPEG", "GIF", "BMP", "WEBP")
MAX_BYTES = 10 * 1024 * 1024  # a file larger than this is no logo
MAX_MB = MAX_BYTES // (1024 * 1024)
MAX_SIDE_IN = 10_000  # pixels: a scan at 600 dpi of a sheet of A4 is 7016
MAX_PIXELS = 40_000_000
STORED_SIDE = 1200  # pixels: 300 dpi over 100 mm, larger than any of them is printed
KEPT_MODES = ("RGB", "RGBA", "L", "LA")  # stored as they are; anything else is converted
ORIENTATION = 0x0112  # the EXIF tag


def _check_kind(kind: str) -> None:
    if kind not in IMAGE_KINDS:
        raise ValidationError(
            "kind",
            _('"{kind}" is not one of the images (logo, stamp, signature)', kind=kind),
        )


def _not_an_image(kind: str) -> ValidationError:
    return ValidationError(
        kind, _("The file is not a picture: choose a PNG, JPEG, GIF, BMP or WebP image.")
    )


def _opened(data: bytes, kind: str) -> Image.Image:
    """The picture decoded, or ValidationError: not a picture of an accepted format, a
    damaged one, or one of absurd dimensions (checked before its pixels are decoded)."""
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as probe:
            width, height = probe.size
            if (
                min(width, height) < 1
                or max(width, height) > MAX_SIDE_IN
                or (width * height > MAX_PIXELS)
            ):
                raise ValidationError(
                    kind,
                    _(
                        "The picture is {width}×{height} pixels: too large for a logo, "
                        "stamp or signature (at most {side} pixels a side).",
                        width=width,
                        height=height,
                        side=MAX_SIDE_IN,
                    ),
                )
            probe.verify()
        image = Image.open(io.BytesIO(data), formats=FORMATS)  # verify() spends the first
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            kind,
            _(
                "The picture is too large for a logo, stamp or signature "
                "(at most {side} pixels a side).",
                side=MAX_SIDE_IN,
            ),
        ) from None
    except UnidentifiedImageError:
        raise _not_an_image(kind) from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError):  # Pillow's "damaged"
        raise ValidationError(
            kind, _("The picture is damaged or incomplete: save it again and load the copy.")
        ) from None
    return image


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def check_image(data: bytes, kind: str) -> bytes:
    """The picture as it is stored: PNG, at most 1200 pixels a side, transparency kept;
    ValidationError (naming `kind`) for anything that is not a usable picture."""
    _check_kind(kind)
    if not data:
        raise ValidationError(kind, _("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ValidationError(
            kind, _("The file is larger than {n} MB: save the picture smaller.", n=MAX_MB)
        )
    image = _opened(data, kind)
    with image:
        upright = image.getexif().get(ORIENTATION, 1) == 1
        small = max(image.size) <= STORED_SIDE
        if image.format == "PNG" and upright and small and image.mode in KEPT_MODES:
            return data  # already as it would be stored
        # a photo taken sideways stands upright
        turned = image if upright else ImageOps.exif_transpose(image)
        if turned.mode not in KEPT_MODES:
            turned = turned.convert("RGBA" if _has_transparency(turned) else "RGB")
        if max(turned.size) > STORED_SIDE:
            turned.thumbnail((STORED_SIDE, STORED_SIDE), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        turned.save(buffer, "PNG")
    return buffer.getvalue()


def read_image_file(path: Path, kind: str) -> bytes:
    """A picture file read and checked (see `check_image`); ValidationError naming `kind`
    when there is no such file, it cannot be read or is not a usable picture."""
    _check_kind(kind)
    try:
        if not path.is_file():
            raise ValidationError(kind, _('There is no file "{path}".', path=str(path)))
        if path.stat().st_size > MAX_BYTES:  # before reading it all
            raise ValidationError(
                kind, _("The file is larger than {n} MB: save the picture smaller.", n=MAX_MB)
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            kind,
            _('Cannot read "{path}": {reason}.', path=str(path), reason=exc.strerror or exc),
        ) from None
    return check_image(data, kind)


def _profile(session: Session) -> CompanyProfile | None:
    query = select(CompanyProfile).where(CompanyProfile.deleted_at.is_(None))
    return session.scalars(query.order_by(CompanyProfile.created_at).limit(1)).first()


def company_images(session: Session) -> dict[str, bytes | None]:
    """The stored pictures by kind (None where there is none)."""
    profile = _profile(session)
    return {kind: getattr(profile, kind) if profile else None for kind in IMAGE_KINDS}


def loaded_images(session: Session) -> dict[str, bool]:
    """Which pictures are stored, without reading them."""
    columns = [getattr(CompanyProfile, kind).is_not(None) for kind in IMAGE_KINDS]
    query = select(*columns).where(CompanyProfile.deleted_at.is_(None))
    row = session.execute(query.order_by(CompanyProfile.created_at).limit(1)).first()
    return {kind: bool(row[i]) if row else False for i, kind in enumerate(IMAGE_KINDS)}


def set_company_image(session: Session, kind: str, data: bytes | None) -> None:
    """Store the picture `kind` (checked and converted by `check_image`), or remove it
    when `data` is None. Only an administrator may, once the company is described."""
    _check_kind(kind)
    try:
        require_admin(session)
    except PermissionDenied:
        raise PermissionDenied(
            _("Only an administrator can change the company's logo, stamp and signature.")
        ) from None
    profile = _profile(session)
    if profile is None:
        raise ValidationError(
            kind, _("Enter and save the company's requisites first: the pictures belong to them.")
        )
    setattr(profile, kind, check_image(data, kind) if data is not None else None)
    session.flush()
