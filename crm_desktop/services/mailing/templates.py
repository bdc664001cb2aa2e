"""Letter templates with placeholders, `{{ имя }}`, `{{ компания }}`, `{{ менеджер }}`
(or their English names), filled in by Jinja2's sandbox: a template can only read the
recipient's fields, never reach Python. An unknown placeholder is refused when the
template is saved, with its name."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError, meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import MailTemplate, utcnow
from crm_desktop.store.search_index import fold

NAME_MAX, SUBJECT_MAX, BODY_MAX = 100, 300, 50_000
# placeholder → what it holds (the same under its English name)
PLACEHOLDERS = {
    "имя": "name",  # how to address the person: "Иван Петрович"; a company: its name
    "фио": "full_name",
    "компания": "company",
    "менеджер": "manager",  # the responsible manager's name
    "телефон_менеджера": "manager_phone",
}
ENGLISH = {english: english for english in PLACEHOLDERS.values()}

# What a letter may do: print the placeholders, with a few text filters and if/else. No
# loops, calls or arithmetic: a shared template must not be able to hang the computer
# that previews or sends it.
SAFE_FILTERS = ("upper", "lower", "capitalize", "title", "trim", "default", "d")
FORBIDDEN = (
    nodes.For,
    nodes.Macro,
    nodes.CallBlock,
    nodes.FilterBlock,
    nodes.Call,
    nodes.Include,
    nodes.Import,
    nodes.FromImport,
    nodes.Extends,
    nodes.Block,
    nodes.BinExpr,
    nodes.Assign,
    nodes.AssignBlock,
    nodes.With,
)


class _LetterEnvironment(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+", "-", "/", "//", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        raise SecurityError(f"'{operator}' is not allowed in a letter")


_env = _LetterEnvironment(autoescape=False, keep_trailing_newline=True)
_env.globals.clear()
_env.filters = {name: _env.filters[name] for name in SAFE_FILTERS}
_env.tests = {}


@dataclass(frozen=True)
class Recipient:
    """What a letter's placeholders are filled with."""

    name: str
    full_name: str
    company: str
    manager: str
    manager_phone: str

    def context(self) -> dict[str, str]:
        values = {
            "name": self.name,
            "full_name": self.full_name,
            "company": self.company,
            "manager": self.manager,
            "manager_phone": self.manager_phone,
        }
        return {**values, **{ru: values[en] for ru, en in PLACEHOLDERS.items()}}


SAMPLE = Recipient("Иван Петрович", "Иванов Иван Петрович", "Ромашка", "Петрова Анна", "")


def address_name(full_name: str) -> str:
    """ "Иванов Иван Петрович" → "Иван Петрович" (a Russian letter's address); a name of
    one or two words stays as it is."""
    words = full_name.split()
    return " ".join(words[1:3]) if len(words) == 3 else full_name


def check_template(field: str, text: str) -> None:
    """Raises ValidationError naming an unknown placeholder or a syntax error."""
    try:
        parsed = _env.parse(text)
    except TemplateSyntaxError as exc:
        raise ValidationError(
            field,
            _(
                "The template has an error in line {line}: {reason}",
                line=exc.lineno,
                reason=exc.message or "",
            ),
        ) from None
    for node in parsed.find_all(FORBIDDEN):
        raise ValidationError(
            field,
            _(
                "A letter may only print placeholders (with if/else and text filters): "
                "line {line} does more",
                line=node.lineno,
            ),
        )
    try:
        declared = meta.find_undeclared_variables(parsed)  # compiles: an unknown filter fails
    except TemplateSyntaxError as exc:
        raise ValidationError(
            field,
            _(
                "The template has an error in line {line}: {reason}",
                line=exc.lineno,
                reason=exc.message or "",
            ),
        ) from None
    unknown = sorted(declared - set(PLACEHOLDERS) - set(ENGLISH))
    if not unknown:
        try:  # a trial letter: what the sandbox refuses is refused now, not mid-mailing
            _env.from_string(text).render(SAMPLE.context())
        except TemplateError as exc:
            raise ValidationError(
                field, _("The template cannot be filled in: {reason}", reason=str(exc))
            ) from None
    if unknown:
        known = ", ".join(f"{{{{ {p} }}}}" for p in PLACEHOLDERS)
        raise ValidationError(
            field,
            _(
                "Unknown placeholder {{{{ {name} }}}}: the template may use {known}",
                name=unknown[0],
                known=known,
            ),
        )


def render(text: str, recipient: Recipient) -> str:
    return _env.from_string(text).render(recipient.context())


@dataclass(frozen=True)
class TemplateView:
    id: uuid.UUID
    name: str
    subject: str
    body: str

    def to_json(self) -> dict[str, Any]:
        return {"id": str(self.id), "name": self.name, "subject": self.subject, "body": self.body}


def _view(template: MailTemplate) -> TemplateView:
    return TemplateView(template.id, template.name, template.subject, template.body)


def _live(session: Session, name: str) -> MailTemplate | None:
    return session.scalars(
        select(MailTemplate).where(
            MailTemplate.name_folded == fold(name), MailTemplate.deleted_at.is_(None)
        )
    ).first()


def save_template(session: Session, name: str, subject: str, body: str) -> TemplateView:
    """Create the template `name` or replace its text; refused with the placeholder's
    name when it uses one the letters cannot fill."""
    name = " ".join(name.split())
    subject = " ".join(subject.split())
    if not name:
        raise ValidationError("name", _("Name the template"))
    if len(name) > NAME_MAX:
        raise ValidationError("name", _("At most {n} characters", n=NAME_MAX))
    if not subject:
        raise ValidationError("subject", _("A letter needs a subject"))
    if len(subject) > SUBJECT_MAX:
        raise ValidationError("subject", _("At most {n} characters", n=SUBJECT_MAX))
    if not body.strip():
        raise ValidationError("body", _("A letter needs some text"))
    if len(body) > BODY_MAX:
        raise ValidationError("body", _("At most {n} characters", n=BODY_MAX))
    check_template("subject", subject)
    check_template("body", body)
    template = _live(session, name)
    if template is None:
        template = MailTemplate(name=name, name_folded=fold(name), subject=subject, body=body)
        session.add(template)
    else:
        template.name, template.subject, template.body = name, subject, body
    session.flush()
    return _view(template)


def find_template(session: Session, ref: str | uuid.UUID) -> TemplateView:
    template: MailTemplate | None
    if isinstance(ref, uuid.UUID):
        template = session.get(MailTemplate, ref)
        if template is not None and template.deleted_at is not None:
            template = None
    else:
        template = _live(session, ref)
    if template is None:
        raise NotFound(_('No letter template "{name}"', name=ref))
    return _view(template)


def list_templates(session: Session) -> list[TemplateView]:
    query = (
        select(MailTemplate)
        .where(MailTemplate.deleted_at.is_(None))
        .order_by(MailTemplate.name_folded)
    )
    return [_view(t) for t in session.scalars(query)]


def delete_template(session: Session, ref: str | uuid.UUID) -> None:
    view = find_template(session, ref)
    template = session.get(MailTemplate, view.id)
    if template is not None:
        template.deleted_at = utcnow()
        session.flush()
