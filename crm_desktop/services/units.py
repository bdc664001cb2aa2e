"""Units of measure of the Russian classifier OKEI (ОКЕИ): the common ones with their code,
short name and the ways people write them in price lists ("шт.", "штук", "кв. м").
A unit not in the table is kept by its name with no code (as a user-defined unit)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _

UNIT_NAME_MAX = 20


@dataclass(frozen=True)
class Unit:
    code: str  # the OKEI code, three digits ("796"); "" for a unit not in the table
    name: str  # the short name printed on an invoice ("шт")
    title: str = ""  # the full name ("Штука")


# (code, short name, full name, other spellings); the first of a code is the default.
_TABLE: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("796", "шт", "Штука", ("шт.", "штука", "штуки", "штук", "pcs", "pc", "piece", "pieces")),
    ("356", "ч", "Час", ("час", "часа", "часов", "ч.", "h", "hour", "hours")),
    ("355", "мин", "Минута", ("мин.", "минута", "минут", "min")),
    ("359", "сут", "Сутки", ("сут.", "сутки", "день", "дн", "дн.", "day", "days")),
    ("362", "мес", "Месяц", ("мес.", "месяц", "месяцев", "month")),
    ("366", "год", "Год", ("лет", "year")),
    ("166", "кг", "Килограмм", ("кг.", "килограмм", "kg")),
    ("163", "г", "Грамм", ("г.", "гр", "гр.", "грамм", "g")),
    ("168", "т", "Тонна", ("т.", "тн", "тонна", "тонн", "t")),
    ("006", "м", "Метр", ("м.", "метр", "метров", "m")),
    ("018", "пог. м", "Погонный метр", ("пог.м", "пог м", "п.м", "п. м", "пм", "м.п.")),
    ("004", "см", "Сантиметр", ("см.", "cm")),
    ("003", "мм", "Миллиметр", ("мм.", "mm")),
    ("055", "м²", "Квадратный метр", ("м2", "кв. м", "кв.м", "кв м", "м.кв.", "sq m", "m2")),
    ("113", "м³", "Кубический метр", ("м3", "куб. м", "куб.м", "куб м", "m3")),
    ("112", "л", "Литр", ("л.", "литр", "литров", "l")),
    ("778", "упак", "Упаковка", ("уп", "уп.", "упак.", "упаковка", "pack")),
    ("839", "компл", "Комплект", ("компл.", "комплект", "к-т", "кмпл", "set")),
    ("704", "набор", "Набор", ("наб.",)),
    ("715", "пар", "Пара", ("пара", "пар.")),
    ("625", "лист", "Лист", ("л-т", "листов")),
    ("736", "рул", "Рулон", ("рул.", "рулон")),
    ("868", "бут", "Бутылка", ("бут.", "бутылка")),
    ("876", "усл. ед", "Условная единица", ("усл.ед", "усл ед", "усл. ед.", "усл", "усл.")),
    ("642", "ед", "Единица", ("ед.", "единица", "unit")),
    ("245", "кВт·ч", "Киловатт-час", ("квт·ч", "квт*ч", "квт.ч", "квтч", "kwh")),
)

UNITS: tuple[Unit, ...] = tuple(Unit(code, name, title) for code, name, title, _a in _TABLE)
DEFAULT_UNIT = UNITS[0]  # шт, 796
SERVICE_UNIT = next(u for u in UNITS if u.code == "876")

_BY_CODE = {unit.code: unit for unit in UNITS}
_SPACES = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.strip().casefold().replace("ё", "е"))


_BY_NAME: dict[str, Unit] = {}
for _code, _name, _title, _aliases in _TABLE:
    for _spelling in (_name, _title, *_aliases):
        _BY_NAME.setdefault(_key(_spelling), _BY_CODE[_code])


def unit_by_code(code: str) -> Unit | None:
    return _BY_CODE.get(code.strip())


def parse_unit(raw: str | None, field: str = "unit") -> Unit:
    """A unit by its OKEI code ("796") or a name as people write it ("шт.", "кв. м");
    another name is kept as it is, without a code. Blank means "шт"."""
    text = (raw or "").strip()
    if not text:
        return DEFAULT_UNIT
    if text.isdigit():
        unit = _BY_CODE.get(text.zfill(3)) if len(text) <= 3 else None
        if unit is None:
            raise ValidationError(
                field, _('"{value}" is not an OKEI unit code we know', value=text)
            )
        return unit
    unit = _BY_NAME.get(_key(text))
    if unit is not None:
        return unit
    name = _SPACES.sub(" ", text)
    if len(name) > UNIT_NAME_MAX:
        raise ValidationError(field, _("A unit's name has at most {n} characters", n=UNIT_NAME_MAX))
    return Unit(code="", name=name)


def unit_of(code: str | None, name: str | None) -> Unit:
    """The unit a stored row names (by its code where it has one)."""
    if code:
        known = _BY_CODE.get(code)
        if known is not None and (not name or _BY_NAME.get(_key(name)) is known):
            return known
    return Unit(code=code or "", name=name or DEFAULT_UNIT.name)
