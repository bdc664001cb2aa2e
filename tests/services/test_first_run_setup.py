"""The first run's local setup: all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_desktop.errors import ValidationError
from crm_desktop.services.company_profile import CompanyDetails
from crm_desktop.services.first_run import FirstUser, make_local


def test_a_failed_setup_leaves_no_file_behind(tmp_path: Path) -> None:
    """Else the next start would find a database and open it empty, with no wizard."""
    path = tmp_path / "crm.sqlite3"
    with pytest.raises(ValidationError):
        make_local(path, CompanyDetails(short_name="ООО «Вектор»"), FirstUser("Мария", "", None))
    assert list(tmp_path.iterdir()) == []


def test_a_good_setup_opens_as_its_first_user(tmp_path: Path) -> None:
    db, login = make_local(
        tmp_path / "crm.sqlite3",
        CompanyDetails(short_name="ИП Петров"),
        FirstUser("petrov", "", None),
    )
    assert login == "petrov"
    db.dispose()
