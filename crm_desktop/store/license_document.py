"""The license: a small JSON document (customer, seats, expiry) signed with Ed25519.

The program embeds only the public key; the private key stays with whoever issues
licenses (`tools/issue_license.py` reads it from a file named on its command line). A
license file is JSON: {"document": "<the signed text>", "signature": "<base64>"}; the
text is stored in the server's license table as it was signed, so changing a byte of it
(the seat count, say) or of the signature makes it fail the check on every connect.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from crm_desktop.errors import BadInput, LicenseInvalid
from crm_desktop.i18n import _

# The product's public key (raw 32 bytes, hex). Tests replace this attribute in their own
# process with a key pair they make; nothing a customer can set changes it.
PUBLIC_KEY = "992b76b6211241236d7f3b878da5a069feaae4484629185e173348e3323aed3d"


@dataclass(frozen=True)
class License:
    customer: str
    seats: int
    expires: dt.date
    document: str
    signature: str

    def to_json(self) -> dict[str, Any]:
        return {"customer": self.customer, "seats": self.seats, "expires": self.expires.isoformat()}

    def expired(self, today: dt.date | None = None) -> bool:
        return self.expires < (today or dt.date.today())


def make_document(customer: str, seats: int, expires: dt.date) -> str:
    body = {"customer": customer, "seats": seats, "expires": expires.isoformat()}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sign(private_key: Ed25519PrivateKey, document: str) -> str:
    return base64.b64encode(private_key.sign(document.encode("utf-8"))).decode("ascii")


def license_file_text(document: str, signature: str) -> str:
    return json.dumps({"document": document, "signature": signature}, ensure_ascii=False) + "\n"


def verify(document: str, signature: str) -> License:
    """The license the document states, or LicenseInvalid when the signature is not the
    product's over exactly this text (or the text is not a license)."""
    invalid = LicenseInvalid(
        _("The installed license is damaged or not genuine: install the license file again.")
    )
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(PUBLIC_KEY))
        key.verify(base64.b64decode(signature, validate=True), document.encode("utf-8"))
        body = json.loads(document)
        seats = body["seats"]
        if not isinstance(seats, int) or isinstance(seats, bool) or not 1 <= seats <= 10_000:
            raise invalid
        return License(
            customer=str(body["customer"]),
            seats=seats,
            expires=dt.date.fromisoformat(body["expires"]),
            document=document,
            signature=signature,
        )
    except (InvalidSignature, binascii.Error, ValueError, KeyError, TypeError):
        raise invalid from None


def read_license_file(path: Path) -> License:
    """A license file checked (BadInput when it is no license file at all)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        document, signature = raw["document"], raw["signature"]
        if not isinstance(document, str) or not isinstance(signature, str):
            raise TypeError
    except FileNotFoundError:
        raise BadInput(_("{path}: no such file", path=path)) from None
    except (OSError, ValueError, KeyError, TypeError):
        raise BadInput(_("{path} is not a crm-desktop license file", path=path)) from None
    return verify(document, signature)
