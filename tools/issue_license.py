"""Issue a crm-desktop license file (for the vendor, not for customers).

    python tools/issue_license.py --key PRIVATE.pem --customer "ООО «Вектор»" \\
        --seats 10 --expires 2027-12-31 -o vector.lic
    python tools/issue_license.py --new-key PRIVATE.pem   # make a key pair once

The private key is read from the file named here and never enters the repository; the
program embeds only the public key (`crm_desktop/store/license_document.py`, PUBLIC_KEY),
which `--new-key` prints. The customer installs the file with
`crm-desktop --db ADMIN_URL license install vector.lic`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crm_desktop.errors import LicenseInvalid
from crm_desktop.store.license_document import license_file_text, make_document, sign, verify


def _new_key(path: Path) -> int:
    if path.exists():
        print(f"{path} exists: not overwritten", file=sys.stderr)
        return 2
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.write_bytes(pem)
    path.chmod(0o600)
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    print(f"private key: {path} (keep it off the repository)")
    print(f"PUBLIC_KEY = {public.hex()!r}")
    return 0


def _load_key(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise SystemExit(f"{path}: not an Ed25519 private key")
    return key


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--new-key", type=Path, metavar="PRIVATE.pem")
    parser.add_argument("--key", type=Path, metavar="PRIVATE.pem")
    parser.add_argument("--customer")
    parser.add_argument("--seats", type=int)
    parser.add_argument("--expires", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    if args.new_key:
        return _new_key(args.new_key)
    if not (args.key and args.customer and args.seats and args.expires and args.output):
        parser.error("--key, --customer, --seats, --expires and -o are needed")
    if args.seats < 1:
        parser.error("--seats: at least 1")
    key = _load_key(args.key)
    document = make_document(args.customer, args.seats, args.expires)
    signature = sign(key, document)
    args.output.write_text(license_file_text(document, signature), encoding="utf-8")
    try:
        verify(document, signature)
        trusted = "the program's public key accepts it"
    except LicenseInvalid:
        trusted = "NOTE: this key is not the one the program embeds"
    print(f"{args.output}: {args.customer}, {args.seats} seats until {args.expires} ({trusted})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
