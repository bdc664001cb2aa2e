"""`company set --logo/--stamp/--signature` and what `company show` says of them, in a
subprocess on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.cli.conftest import Cli
from tests.cli.test_company_commands import REQUISITES


def picture(path: Path, size: tuple[int, int] = (300, 120)) -> Path:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste((20, 20, 120, 255), (10, 50, size[0] - 10, 70))
    image.save(path, "PNG")
    return path


def test_pictures_are_loaded_shown_and_removed(cli: Cli, tmp_path: Path) -> None:
    logo = picture(tmp_path / "logo.png", (2400, 600))
    saved = cli.ok(
        "company", "set", *REQUISITES, "--logo", str(logo), "--json"
    ).json()  # the requisites and the logo in one go
    assert saved["images"] == {"logo": True, "stamp": False, "signature": False}
    assert saved["short_name"] == "ООО «Вектор»"
    stamp = picture(tmp_path / "печать.png", (400, 400))
    cli.ok("company", "set", "--stamp", str(stamp), "--signature", str(logo))
    shown = cli.ok("company", "show", "--json").json()
    assert shown["images"] == {"logo": True, "stamp": True, "signature": True}
    assert "Pictures" in cli.ok("company", "show").out
    cleared = cli.ok("company", "set", "--logo", "", "--signature", "", "--json").json()
    assert cleared["images"] == {"logo": False, "stamp": True, "signature": False}
    line = next(x for x in cli.ok("company", "show").out.splitlines() if "Pictures" in x)
    assert line.split()[-1] == "stamp"
    russian = cli.ok("company", "show", lang="ru").out
    assert "Изображения" in russian and "печать" in russian


def test_a_file_that_is_not_a_picture_exits_2_naming_the_option(cli: Cli, tmp_path: Path) -> None:
    cli.ok("company", "set", *REQUISITES)
    text = tmp_path / "stamp.txt"
    text.write_text("ООО «Вектор», печать\n", encoding="utf-8")
    result = cli("company", "set", "--stamp", str(text), "--json")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("crm-desktop: --stamp: ") and "not a picture" in result.err
    assert result.err.count("\n") == 1
    missing = cli("company", "set", "--logo", str(tmp_path / "none.png"))
    assert missing.code == 2 and missing.out == "" and "--logo: There is no file" in missing.err
    shown = cli.ok("company", "show", "--json").json()
    assert shown["images"] == {"logo": False, "stamp": False, "signature": False}


def test_pictures_need_a_described_company(cli: Cli, tmp_path: Path) -> None:
    result = cli("company", "set", "--signature", str(picture(tmp_path / "s.png")))
    assert result.code == 2 and result.out == ""
    assert "--signature: " in result.err and "requisites first" in result.err
