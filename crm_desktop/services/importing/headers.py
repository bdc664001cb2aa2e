"""Which client field a column header names, in Russian and English, as people title
their columns ("ФИО", "Тел.", "Моб.", "E-mail", "Д/р", "Организация" ...)."""

from __future__ import annotations

import re

# Field names are the CLI contract's where it has them (name, phone, email, birth_date,
# inn ...); "skip" marks columns that carry nothing to import (a row counter).
FIELDS = (
    "name",
    "last_name",
    "first_name",
    "middle_name",
    "company",
    "inn",
    "position",
    "phone",
    "email",
    "birth_date",
    "city",
    "address",
    "note",
    "owner",
    "skip",
)

ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "фио",
        "ф и о",
        "фамилия имя отчество",
        "фамилия имя",
        "фамилия и имя",
        "клиент",
        "контакт",
        "контактное лицо",
        "имя клиента",
        "full name",
        "name",
        "client",
        "contact",
        "contact name",
        "customer",
    ),
    "last_name": ("фамилия", "last name", "surname", "family name"),
    "first_name": ("имя", "first name", "given name"),
    "middle_name": ("отчество", "middle name", "patronymic"),
    "company": (
        "организация",
        "компания",
        "фирма",
        "контрагент",
        "юр лицо",
        "наименование организации",
        "название компании",
        "название организации",
        "наименование",
        "наименование компании",
        "наименование контрагента",
        "company",
        "organisation",
        "organization",
        "firm",
        "account",
    ),
    "inn": ("инн", "инн организации", "inn", "tax id", "taxpayer id"),
    "position": ("должность", "position", "job title", "title", "role"),
    "phone": (
        "телефон",
        "тел",
        "телефоны",
        "моб",
        "мобильный",
        "мобильный телефон",
        "сотовый",
        "сот",
        "рабочий телефон",
        "контактный телефон",
        "домашний телефон",
        "сотовый телефон",
        "доп телефон",
        "дополнительный телефон",
        "тел 2",
        "телефон 2",
        "phone",
        "phones",
        "mobile",
        "cell",
        "tel",
        "telephone",
        "phone 2",
        "work phone",
    ),
    "email": (
        "e mail",
        "email",
        "эл почта",
        "эл адрес",
        "электронный адрес",
        "адрес эл почты",
        "адрес электронной почты",
        "электронная почта",
        "почта",
        "емейл",
        "имейл",
        "mail",
        "e mail address",
        "email address",
    ),
    "birth_date": (
        "дата рождения",
        "дата рожд",
        "д р",
        "др",
        "день рождения",
        "birth date",
        "date of birth",
        "birthday",
        "dob",
    ),
    "city": ("город", "населенный пункт", "city", "town"),
    "address": (
        "адрес",
        "адрес доставки",
        "юридический адрес",
        "фактический адрес",
        "почтовый адрес",
        "address",
        "postal address",
    ),
    "note": (
        "примечание",
        "примечания",
        "комментарий",
        "комментарии",
        "доп информация",
        "дополнительная информация",
        "заметка",
        "note",
        "notes",
        "comment",
    ),
    "owner": ("менеджер", "ответственный", "owner", "manager", "responsible", "sales rep"),
    "skip": ("№", "n", "no", "#", "п п", "номер", "№ п п", "n п п"),
}

_WORDS = re.compile(r"[^\w№#]+")
_LOOKUP = {alias: field for field, aliases in ALIASES.items() for alias in aliases}


def fold_header(text: object) -> str:
    """ "Тел.:" → "тел", "E-mail" → "e mail", "Д/р" → "д р", "№ п/п" → "№ п п"."""
    words = _WORDS.sub(" ", str(text or "").casefold().replace("ё", "е"))
    return " ".join(words.replace("_", " ").split())


def guess_field(header: object) -> str | None:
    """The field a header names, or None when it is not recognised."""
    folded = fold_header(header)
    if not folded:
        return None
    if folded in _LOOKUP:
        return _LOOKUP[folded]
    # "Телефон (моб.)", "E-mail клиента", "Дата рождения клиента": the first words decide.
    for length in (3, 2, 1):
        start = " ".join(folded.split()[:length])
        if start in _LOOKUP and _LOOKUP[start] != "skip":
            return _LOOKUP[start]
    return None


def header_score(cells: list[object]) -> int:
    """How many distinct fields a row's cells name: a header names several."""
    return len({f for f in map(guess_field, cells) if f not in (None, "skip")})
