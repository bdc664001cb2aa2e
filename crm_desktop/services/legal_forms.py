"""Company names and their legal forms: "ООО «Ромашка»", "Ромашка ООО",
"Общество с ограниченной ответственностью \"Ромашка\"" all become ("ООО", "Ромашка")."""

from __future__ import annotations

import re

# Full forms first: a longer match wins.
_FULL_FORMS = {
    "общество с ограниченной ответственностью": "ООО",
    "публичное акционерное общество": "ПАО",
    "непубличное акционерное общество": "АО",
    "закрытое акционерное общество": "ЗАО",
    "открытое акционерное общество": "ОАО",
    "акционерное общество": "АО",
    "индивидуальный предприниматель": "ИП",
    "автономная некоммерческая организация": "АНО",
    "некоммерческая организация": "НКО",
    "государственное унитарное предприятие": "ГУП",
    "муниципальное унитарное предприятие": "МУП",
    "крестьянское фермерское хозяйство": "КФХ",
    "limited liability company": "LLC",
}
SHORT_FORMS = (
    "ООО",
    "ПАО",
    "НАО",
    "ЗАО",
    "ОАО",
    "АО",
    "ИП",
    "АНО",
    "НКО",
    "ФГУП",
    "ГУП",
    "МУП",
    "КФХ",
    "ТОО",
    "ЧУП",
    "LLC",
    "LTD",
    "INC",
    "GMBH",
)
_QUOTES = "\"'«»“”„‟‘’`"
_INITIAL_AT_END = re.compile(r"(?:^|[\s.])\w\.$")
_FORMS = "|".join(SHORT_FORMS)
_EDGE = "[\\s\"'«»“”„‟‘’`]*"
# A short form counts only at either end of the name ("ООО «Ромашка»", "Ромашка ООО"):
# inside it, "ИП" or "АО" is part of the name ("Ассоциация ИП Москвы").
_SHORT = re.compile(
    rf"^{_EDGE}({_FORMS})(?![\w-])|(?<![\w-])({_FORMS}){_EDGE}\.?{_EDGE}$", re.IGNORECASE
)


def _strip_quotes(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;").lstrip(".")
    if text.endswith(".") and not _INITIAL_AT_END.search(text):  # keep "Иванов И. И."
        text = text.rstrip(" ,.;")
    while len(text) >= 2 and text[0] in _QUOTES:
        text = text[1:].strip()
    while text and text[-1] in _QUOTES:
        text = text[:-1].strip()
    return re.sub(r"\s+", " ", text.replace('""', '"')).strip(" ,;")


def split_legal_form(raw: str) -> tuple[str | None, str]:
    """(legal form or None, name without form and surrounding quotes)."""
    text = re.sub(r"\s+", " ", raw).strip()
    low = text.casefold()
    for full, short in _FULL_FORMS.items():
        pos = low.find(full)
        if pos >= 0:
            rest = text[:pos] + " " + text[pos + len(full) :]
            return short, _strip_quotes(rest)
    match = _SHORT.search(text)
    if match:
        group = 1 if match.group(1) else 2
        rest = text[: match.start(group)] + " " + text[match.end(group) :]
        name = _strip_quotes(rest)
        if name:
            return match.group(group).upper(), name
    return None, _strip_quotes(text)


def normalize_legal_form(raw: str) -> str:
    """A legal form as given on the command line or a form ("ооо" → "ООО")."""
    text = raw.strip()
    full = _FULL_FORMS.get(text.casefold())
    return full or text.upper()
