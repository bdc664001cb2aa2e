"""The vendor's license tool: a key pair kept in a file, licenses the program accepts
only when signed by the key whose public half it embeds."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from crm_desktop.errors import LicenseInvalid
from crm_desktop.store import license_document
from crm_desktop.store.license_document import read_license_file

sys.path.insert(0, str(Path(__file__).parents[2] / "tools"))
import issue_license


def test_a_license_issued_with_a_key_file_is_accepted_only_with_its_public_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    key_file = tmp_path / "private.pem"
    assert issue_license.main(["--new-key", str(key_file)]) == 0
    assert issue_license.main(["--new-key", str(key_file)]) == 2  # never overwritten
    out = tmp_path / "office.lic"
    args = ["--key", str(key_file), "--customer", "ИП Петров", "--seats", "3"]
    assert issue_license.main([*args, "--expires", "2027-01-31", "-o", str(out)]) == 0
    assert "not the one the program embeds" in capsys.readouterr().out
    with pytest.raises(LicenseInvalid):
        read_license_file(out)  # the product's key did not sign it
    key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    monkeypatch.setattr(license_document, "PUBLIC_KEY", public.hex())
    lic = read_license_file(out)
    assert (lic.customer, lic.seats, lic.expires) == ("ИП Петров", 3, dt.date(2027, 1, 31))
    tampered = tmp_path / "tampered.lic"
    tampered.write_text(out.read_text(encoding="utf-8").replace("3}", "30}"), encoding="utf-8")
    with pytest.raises(LicenseInvalid):
        read_license_file(tampered)
