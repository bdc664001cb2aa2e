"""Fields an administrator adds to clients, and their values: defined, listed, checked by
type (text, number, date, yes/no, a choice from a list) and kept one row per field and
client (a cleared value becomes a tombstone, revived when the field is filled again)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import CustomField, CustomFieldValue, FieldType, utcnow
from crm_desktop.services.dates import parse_date
from crm_desktop.store.search_index import fold

CustomValue = str | Decimal | dt.date | bool
CLIENT = "client"
LABEL_MAX, CODE_MAX, TEXT_MAX, CHOICE_MAX = 200, 60, 2000, 200
NUMBER_DIGITS, NUMBER_PLACES = 14, 4  # the column is NUMERIC(18, 4)
YES_WORDS = frozenset({"yes", "y", "true", "1", "on", "+", "да", "д"})
NO_WORDS = frozenset({"no", "n", "false", "0", "off", "-", "нет", "н"})
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")


@dataclass(frozen=True)
class CustomFieldView:
    id: uuid.UUID
    code: str
    label: str
    type: FieldType
    choices: tuple[str, ...]
    required: bool
    position: int

    @property
    def key(self) -> str:
        """The name its errors carry (`ValidationError.field`) and the card's key."""
        return field_key(self.code)


def field_key(code: str) -> str:
    return f"custom_fields.{code}"


def _view(row: CustomField) -> CustomFieldView:
    return CustomFieldView(
        id=row.id,
        code=row.code,
        label=row.label,
        type=row.type,
        choices=tuple(str(c) for c in row.choices or ()),
        required=row.required,
        position=row.position,
    )


def list_custom_fields(session: Session, entity: str = CLIENT) -> list[CustomFieldView]:
    """The live fields defined for `entity`, in the order the card shows them."""
    rows = session.scalars(
        select(CustomField)
        .where(CustomField.entity == entity, CustomField.deleted_at.is_(None))
        .order_by(CustomField.position, CustomField.label, CustomField.id)
    )
    return [_view(row) for row in rows]


def code_for(name: str) -> str:
    """The stable key of a field named `name`: folded, words joined with "_"."""
    return re.sub(r"\W+", "_", fold(name)).strip("_")[:CODE_MAX]


def define_custom_field(
    session: Session,
    name: str,
    type: FieldType | str,
    options: Sequence[str] | None = None,
    *,
    required: bool = False,
    entity: str = CLIENT,
) -> CustomFieldView:
    """A new field (a choice field needs its options). A field of that name that was
    removed earlier comes back with the new type and options."""
    label = " ".join(name.split())
    code = code_for(label)
    if not code:
        raise ValidationError("name", _("A field needs a name"))
    if len(label) > LABEL_MAX:
        raise ValidationError(
            "name", _("Too long: at most {n} characters, given {m}", n=LABEL_MAX, m=len(label))
        )
    try:
        kind = FieldType(str(type).strip().lower())
    except ValueError:
        raise ValidationError(
            "type",
            _(
                '"{value}" is not a field type (one of: {types})',
                value=type,
                types=", ".join(t.value for t in FieldType),
            ),
        ) from None
    choices = list(dict.fromkeys(" ".join(o.split()) for o in options or () if o.strip()))
    if kind == FieldType.CHOICE and not choices:
        raise ValidationError("options", _("A choice field needs at least one option"))
    if kind != FieldType.CHOICE and choices:
        raise ValidationError("options", _("Only a choice field has options"))
    for choice in choices:
        if len(choice) > CHOICE_MAX:
            raise ValidationError(
                "options",
                _("Too long: at most {n} characters, given {m}", n=CHOICE_MAX, m=len(choice)),
            )
    row = session.scalar(
        select(CustomField).where(CustomField.entity == entity, CustomField.code == code)
    )
    if row is not None and row.deleted_at is None:
        raise ValidationError("name", _('There is a field "{name}" already', name=row.label))
    last = session.scalar(
        select(func.max(CustomField.position)).where(
            CustomField.entity == entity, CustomField.deleted_at.is_(None)
        )
    )
    position = (last or 0) + 1
    if row is None:
        row = CustomField(entity=entity, code=code)
        session.add(row)
    row.label, row.type, row.choices, row.required = label, kind, choices, required
    row.position, row.deleted_at = position, None
    session.flush()
    return _view(row)


# --- one value ----------------------------------------------------------------------------


def parse_number(raw: str, field: str) -> Decimal:
    """A number as people type it: "1 500,50", "-3.25", "1500"."""
    text = re.sub(r"(?<=\d)[\s\u00a0\u202f']+(?=\d)", "", raw.strip())
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")
    if not _NUMBER.match(text):
        raise ValidationError(field, _('"{value}" is not a number', value=raw.strip()))
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise ValidationError(field, _('"{value}" is not a number', value=raw.strip())) from None
    if abs(value) >= Decimal(10) ** NUMBER_DIGITS:
        raise ValidationError(field, _("The number is too large"))
    if value != value.quantize(Decimal(1).scaleb(-NUMBER_PLACES)):
        raise ValidationError(
            field, _("At most {n} digits after the decimal point", n=NUMBER_PLACES)
        )
    return value


def parse_custom_value(field: CustomFieldView, raw: str | None) -> CustomValue | None:
    """The typed value of `raw` for `field`; None when empty (the value is cleared).
    Raises `ValidationError(field.key)` with a message a user can act on."""
    text = (raw or "").strip()
    key = field.key
    if not text:
        if field.required:
            raise ValidationError(key, _("Fill in this field"))
        return None
    if field.type == FieldType.NUMBER:
        return parse_number(text, key)
    if field.type == FieldType.DATE:
        return parse_date(text, key)
    if field.type == FieldType.YES_NO:
        word = text.lower()
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
        raise ValidationError(key, _('"{value}" is neither yes nor no', value=text))
    if field.type == FieldType.CHOICE:
        for choice in field.choices:
            if fold(choice) == fold(text):
                return choice
        raise ValidationError(
            key,
            _(
                '"{value}" is not one of the options: {options}',
                value=text,
                options=", ".join(field.choices),
            ),
        )
    value = " ".join(text.split()) if "\n" not in text else text
    if len(value) > TEXT_MAX:
        raise ValidationError(
            key, _("Too long: at most {n} characters, given {m}", n=TEXT_MAX, m=len(value))
        )
    return value


def plain_number(value: Decimal) -> str:
    """1500.0000 -> "1500", 2.5000 -> "2.5" (never an exponent)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def custom_value_text(field: CustomFieldView, value: CustomValue | None) -> str:
    """The value written so that `parse_custom_value` reads it back (dates dd.mm.yyyy,
    yes/no as "yes"/"no")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return value


def custom_value_json(value: CustomValue) -> Any:
    """For `--json`: numbers as exact decimal strings, dates in ISO, yes/no as booleans."""
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --- the values of records ----------------------------------------------------------------


def _resolve(fields: Sequence[CustomFieldView], key: uuid.UUID | str) -> CustomFieldView:
    if isinstance(key, uuid.UUID):
        wanted: uuid.UUID | None = key
    else:
        try:
            wanted = uuid.UUID(str(key).strip())
        except ValueError:
            wanted = None
    for field in fields:
        if wanted is not None and field.id == wanted:
            return field
    text = str(key).strip()
    for field in fields:
        if text in (field.code, field.key) or fold(text) == fold(field.label):
            return field
    code = code_for(text)
    for field in fields:
        if code and field.code == code:
            return field
    raise ValidationError("custom_fields", _('There is no custom field "{name}"', name=key))


def check_custom_values(
    session: Session, raw: Mapping[uuid.UUID | str, str | None], entity: str = CLIENT
) -> dict[CustomFieldView, CustomValue | None]:
    """Each given value checked by its field's type (keys: a field's id, code or name);
    None in the result clears the value."""
    if not raw:
        return {}  # no query: an import adding many clients names no custom fields
    fields = list_custom_fields(session, entity)
    checked: dict[CustomFieldView, CustomValue | None] = {}
    for key, text in raw.items():
        field = _resolve(fields, key)
        checked[field] = parse_custom_value(field, text)
    return checked


def _stored(row: CustomFieldValue, type: FieldType) -> CustomValue | None:
    if row.deleted_at is not None:
        return None
    if type == FieldType.NUMBER:
        return row.value_number
    if type == FieldType.DATE:
        return row.value_date
    if type == FieldType.YES_NO:
        return {"yes": True, "no": False}.get(row.value_text or "")
    return row.value_text


def write_custom_values(
    session: Session, record_id: uuid.UUID, values: Mapping[CustomFieldView, CustomValue | None]
) -> bool:
    """Store checked values of one record; returns whether anything changed."""
    if not values:
        return False
    rows = {
        row.field_id: row
        for row in session.scalars(
            select(CustomFieldValue).where(
                CustomFieldValue.record_id == record_id,
                CustomFieldValue.field_id.in_([f.id for f in values]),
            )
        )
    }
    changed = False
    for field, value in values.items():
        row = rows.get(field.id)
        if row is not None and _stored(row, field.type) == value:
            continue  # a tombstone reads as None, so clearing it again is no change
        if value is None:
            if row is not None and row.deleted_at is None:
                row.deleted_at = utcnow()
                changed = True
            continue
        if row is None:
            row = CustomFieldValue(field_id=field.id, record_id=record_id)
            session.add(row)
        row.value_text = row.value_number = row.value_date = None
        if isinstance(value, bool):
            row.value_text = "yes" if value else "no"
        elif isinstance(value, Decimal):
            row.value_number = value
        elif isinstance(value, dt.date):
            row.value_date = value
        else:
            row.value_text = value
        row.deleted_at = None
        changed = True
    return changed


def custom_values_of(
    session: Session, record_ids: Iterable[uuid.UUID], entity: str = CLIENT
) -> dict[uuid.UUID, dict[str, CustomValue]]:
    """The live values of these records, by record and then by field code (in the
    fields' order)."""
    ids = list(record_ids)
    out: dict[uuid.UUID, dict[str, CustomValue]] = {}
    if not ids:
        return out
    query = (
        select(CustomFieldValue, CustomField.code, CustomField.type)
        .join(CustomField, CustomField.id == CustomFieldValue.field_id)
        .where(
            CustomFieldValue.record_id.in_(ids),
            CustomFieldValue.deleted_at.is_(None),
            CustomField.deleted_at.is_(None),
            CustomField.entity == entity,
        )
        .order_by(CustomField.position, CustomField.label, CustomField.id)
    )
    for row, code, type in session.execute(query):
        value = _stored(row, type)
        if value is not None:
            out.setdefault(row.record_id, {})[code] = value
    return out
