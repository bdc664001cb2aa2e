"""Automatic assignment: who gets a new task or a new incoming client.

A rule per scope ("task:call", "task:meeting", "task:documents", "task:other", "task"
for any task without a rule of its own, "client" for new incoming clients and leads)
names a method: in turn over the managers (round robin), the manager with the fewest
open tasks (workload), or in turn over the members of a queue. Users on holiday
(`User.absent`) and disabled users are skipped. With no rule, new work goes round robin
over the active managers.

The round's cursor is the rule row's `last_login`; with no rule the cursor lives in a
row of its own (scope "default"). Every assignment locks its rule row (SELECT ... FOR
UPDATE on PostgreSQL; SQLite's writing unit of work holds the file's write lock from
BEGIN), so two desktops assigning at once take turns instead of handing out the same one.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound, PermissionDenied, Refused, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import (
    AssignmentRule,
    AssignMethod,
    Queue,
    QueueMember,
    Role,
    Task,
    TaskKind,
    TaskStatus,
    User,
    utcnow,
)
from crm_desktop.services.users import get_user, require_admin

TASK_SCOPES = tuple(f"task:{kind.value}" for kind in TaskKind)
SCOPES: tuple[str, ...] = (*TASK_SCOPES, "task", "client")
DEFAULT_SCOPE = "default"  # the implicit rule: its row only keeps the round's cursor
QUEUE_NAME_MAX = 100


class NobodyAvailable(Refused):
    """No one may take the work: everybody is absent, disabled or not a manager."""


@dataclass(frozen=True)
class Assignment:
    login: str
    rule: str  # the method's name: "round_robin", "workload" or "queue"
    queue_id: uuid.UUID | None = None


@dataclass(frozen=True)
class QueueView:
    id: uuid.UUID
    name: str
    members: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"id": str(self.id), "name": self.name, "members": self.members}


@dataclass(frozen=True)
class RuleView:
    scope: str
    method: AssignMethod
    queue_id: uuid.UUID | None
    queue_name: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "method": self.method.value,
            "queue_id": str(self.queue_id) if self.queue_id else None,
            "queue": self.queue_name,
        }


# --- what the UI shows ---------------------------------------------------------------------


def method_label(method: AssignMethod | str) -> str:
    """The method in the user's words."""
    labels = {
        AssignMethod.ROUND_ROBIN: _("in turn"),
        AssignMethod.WORKLOAD: _("least workload"),
        AssignMethod.QUEUE: _("in turn within a queue"),
    }
    try:
        return labels[AssignMethod(method)]
    except ValueError:
        return str(method)


def rule_label(rule_name: str | None) -> str:
    """What a task shows about who chose its assignee: "assigned automatically: least
    workload"; empty when a person chose."""
    if not rule_name:
        return ""
    return _("assigned automatically: {method}", method=method_label(rule_name))


def scope_label(scope: str) -> str:
    labels = {
        "task:call": _("call tasks"),
        "task:meeting": _("meeting tasks"),
        "task:documents": _("document tasks"),
        "task:other": _("other tasks"),
        "task": _("tasks without a rule of their own"),
        "client": _("new incoming clients"),
    }
    return labels.get(scope, scope)


def parse_scope(raw: str) -> str:
    scope = raw.strip().lower()
    if scope not in SCOPES:
        raise ValidationError(
            "scope",
            _('Unknown scope "{scope}" (one of: {scopes})', scope=raw, scopes=", ".join(SCOPES)),
        )
    return scope


def parse_method(raw: str | AssignMethod) -> AssignMethod:
    try:
        return AssignMethod(str(raw).strip().lower())
    except ValueError:
        methods = ", ".join(m.value for m in AssignMethod)
        raise ValidationError(
            "method",
            _('Unknown method "{method}" (one of: {methods})', method=raw, methods=methods),
        ) from None


# --- who may set it up ---------------------------------------------------------------------


def _require_admin(session: Session) -> None:
    try:
        require_admin(session)
    except PermissionDenied:
        raise PermissionDenied(
            _("Only an administrator can set up queues and automatic assignment.")
        ) from None


def set_absent(session: Session, login: str, absent: bool) -> bool:
    """Mark a user on holiday (skipped by automatic assignment) or back; an administrator
    may do it for anyone, a user for themself. Returns the new state."""
    user = get_user(session, login)
    if session.info.get("login") != user.login:
        try:
            require_admin(session)
        except PermissionDenied:
            raise PermissionDenied(
                _("Only an administrator can mark someone else absent.")
            ) from None
    if user.absent != absent:
        user.absent = absent
        session.flush()
    return user.absent


# --- queues --------------------------------------------------------------------------------


def _checked_queue_name(raw: str) -> str:
    name = " ".join(raw.split())
    if not name:
        raise ValidationError("name", _("A queue needs a name"))
    if len(name) > QUEUE_NAME_MAX:
        raise ValidationError(
            "name", _("Too long: at most {n} characters, given {m}", n=QUEUE_NAME_MAX, m=len(name))
        )
    return name


def _queue(session: Session, queue_id: uuid.UUID) -> Queue:
    queue = session.get(Queue, queue_id)
    if queue is None or queue.deleted_at is not None:
        raise NotFound(_("No queue with id {id}", id=queue_id))
    return queue


def find_queue(session: Session, name_or_id: str) -> Queue:
    """A live queue by its name (case ignored) or id."""
    text = name_or_id.strip()
    try:
        return _queue(session, uuid.UUID(text))
    except ValueError:
        pass
    folded = text.casefold()
    for queue in session.scalars(select(Queue).where(Queue.deleted_at.is_(None))):
        if queue.name.casefold() == folded:
            return queue
    raise NotFound(_('No queue named "{name}"', name=text))


def _view_queue(session: Session, queue: Queue) -> QueueView:
    members = session.scalars(
        select(QueueMember.login)
        .where(QueueMember.queue_id == queue.id, QueueMember.deleted_at.is_(None))
        .order_by(QueueMember.login)
    )
    return QueueView(queue.id, queue.name, list(members))


def create_queue(session: Session, name: str) -> QueueView:
    """A new queue (a removed queue of the same name comes back, without members)."""
    _require_admin(session)
    name = _checked_queue_name(name)
    same = session.scalar(select(Queue).where(Queue.name == name))
    if same is not None and same.deleted_at is None:
        raise ValidationError("name", _('There is a queue "{name}" already', name=name))
    if same is not None:
        same.deleted_at = None
        queue = same
    else:
        queue = Queue(name=name)
        session.add(queue)
    session.flush()
    return _view_queue(session, queue)


def rename_queue(session: Session, queue_id: uuid.UUID, name: str) -> QueueView:
    _require_admin(session)
    queue = _queue(session, queue_id)
    name = _checked_queue_name(name)
    if name != queue.name:
        if session.scalar(select(Queue.id).where(Queue.name == name)) is not None:
            raise ValidationError("name", _('There is a queue "{name}" already', name=name))
        queue.name = name
        session.flush()
    return _view_queue(session, queue)


def delete_queue(session: Session, queue_id: uuid.UUID) -> None:
    """Remove a queue and its memberships; refused while a rule assigns through it."""
    _require_admin(session)
    queue = _queue(session, queue_id)
    used = session.scalars(
        select(AssignmentRule.scope).where(
            AssignmentRule.queue_id == queue.id, AssignmentRule.deleted_at.is_(None)
        )
    ).all()
    if used:
        raise Refused(
            _(
                'Queue "{name}" is used by the rule for {scopes}: change the rule first.',
                name=queue.name,
                scopes=", ".join(scope_label(s) for s in used),
            )
        )
    now = utcnow()
    queue.deleted_at = now
    for member in session.scalars(
        select(QueueMember).where(
            QueueMember.queue_id == queue.id, QueueMember.deleted_at.is_(None)
        )
    ):
        member.deleted_at = now
    session.flush()


def list_queues(session: Session) -> list[QueueView]:
    queues = session.scalars(
        select(Queue).where(Queue.deleted_at.is_(None)).order_by(Queue.name)
    ).all()
    return [_view_queue(session, q) for q in queues]


def add_member(session: Session, queue_id: uuid.UUID, login: str) -> QueueView:
    _require_admin(session)
    queue = _queue(session, queue_id)
    user = get_user(session, login)
    member = session.scalar(
        select(QueueMember).where(QueueMember.queue_id == queue.id, QueueMember.login == user.login)
    )
    if member is None:
        session.add(QueueMember(queue_id=queue.id, login=user.login))
    elif member.deleted_at is not None:
        member.deleted_at = None
    session.flush()
    return _view_queue(session, queue)


def remove_member(session: Session, queue_id: uuid.UUID, login: str) -> QueueView:
    _require_admin(session)
    queue = _queue(session, queue_id)
    member = session.scalar(
        select(QueueMember).where(
            QueueMember.queue_id == queue.id,
            QueueMember.login == login.strip().lower(),
            QueueMember.deleted_at.is_(None),
        )
    )
    if member is None:
        raise NotFound(
            _('"{login}" is not a member of queue "{name}"', login=login, name=queue.name)
        )
    member.deleted_at = utcnow()
    session.flush()
    return _view_queue(session, queue)


# --- rules ---------------------------------------------------------------------------------


def _rule_row(session: Session, scope: str, *, lock: bool = False) -> AssignmentRule | None:
    query = select(AssignmentRule).where(AssignmentRule.scope == scope)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.scalar(query)


def _view_rule(session: Session, rule: AssignmentRule) -> RuleView:
    queue_name = None
    if rule.queue_id is not None:
        queue = session.get(Queue, rule.queue_id)
        queue_name = queue.name if queue is not None else None
    return RuleView(rule.scope, rule.method, rule.queue_id, queue_name)


def set_rule(
    session: Session,
    scope: str,
    method: AssignMethod | str,
    *,
    queue_id: uuid.UUID | None = None,
) -> RuleView:
    """Choose how work of `scope` is assigned. The queue method needs a queue, the
    others take none."""
    _require_admin(session)
    scope = parse_scope(scope)
    method = parse_method(method)
    if method == AssignMethod.QUEUE:
        if queue_id is None:
            raise ValidationError("queue", _("Assigning by queue needs a queue"))
        _queue(session, queue_id)
    elif queue_id is not None:
        raise ValidationError("queue", _("Only assigning by queue takes a queue"))
    rule = _rule_row(session, scope, lock=True)
    if rule is None:
        rule = AssignmentRule(scope=scope, method=method, queue_id=queue_id)
        session.add(rule)
    else:
        if rule.method != method or rule.queue_id != queue_id:
            rule.last_login = None  # a new round
        rule.method, rule.queue_id, rule.deleted_at = method, queue_id, None
    session.flush()
    return _view_rule(session, rule)


def clear_rule(session: Session, scope: str) -> None:
    """Work of `scope` falls back to the general rule ("task") or the default round."""
    _require_admin(session)
    rule = _rule_row(session, parse_scope(scope))
    if rule is not None and rule.deleted_at is None:
        rule.deleted_at = utcnow()
        session.flush()


def list_rules(session: Session) -> list[RuleView]:
    """The configured rules, in the order of SCOPES."""
    rules = {
        r.scope: r
        for r in session.scalars(
            select(AssignmentRule).where(
                AssignmentRule.deleted_at.is_(None), AssignmentRule.scope.in_(SCOPES)
            )
        )
    }
    return [_view_rule(session, rules[s]) for s in SCOPES if s in rules]


def rule_for(session: Session, scope: str) -> RuleView | None:
    """The rule that applies to `scope` (its own, else "task" for a task), or None for the
    default round robin over the managers."""
    for candidate in _fallbacks(parse_scope(scope)):
        rule = _rule_row(session, candidate)
        if rule is not None and rule.deleted_at is None:
            return _view_rule(session, rule)
    return None


def _fallbacks(scope: str) -> tuple[str, ...]:
    return (scope, "task") if scope.startswith("task:") else (scope,)


# --- assigning -----------------------------------------------------------------------------


def assign(session: Session, scope: str) -> tuple[str, str]:
    """Who gets the next piece of work of `scope`, and by which rule: (login, rule name).
    Moves the round on; raises `NobodyAvailable` when no one can take it."""
    found = assign_detailed(session, scope)
    return found.login, found.rule


def assign_detailed(session: Session, scope: str) -> Assignment:
    """`assign` with the queue the assignee was taken from (for the queue method)."""
    scope = parse_scope(scope)
    rule = _locked_rule(session, scope)
    if rule.method == AssignMethod.QUEUE and rule.queue_id is not None:
        queue = session.get(Queue, rule.queue_id)
        candidates = _queue_members(session, rule.queue_id)
        if not candidates:
            raise NobodyAvailable(
                _(
                    'Nobody in queue "{name}" can take it: every member is absent or disabled.',
                    name=queue.name if queue is not None else "?",
                )
            )
        login = _next_in_turn(candidates, rule.last_login)
        rule.last_login = login
        session.flush()
        return Assignment(login, AssignMethod.QUEUE.value, rule.queue_id)
    candidates = _managers(session)
    if not candidates:
        raise NobodyAvailable(
            _("Nobody can take it: there is no active manager who is not absent.")
        )
    if rule.method == AssignMethod.WORKLOAD:
        return Assignment(_least_loaded(session, candidates), AssignMethod.WORKLOAD.value)
    login = _next_in_turn(candidates, rule.last_login)
    rule.last_login = login
    session.flush()
    return Assignment(login, AssignMethod.ROUND_ROBIN.value)


def _locked_rule(session: Session, scope: str) -> AssignmentRule:
    """The rule row that applies, locked until the end of the transaction; the implicit
    default row is made on first use."""
    for candidate in _fallbacks(scope):
        rule = _rule_row(session, candidate, lock=True)
        if rule is not None and rule.deleted_at is None:
            return rule
    rule = _rule_row(session, DEFAULT_SCOPE, lock=True)
    if rule is not None:
        return rule
    try:
        with session.begin_nested():
            session.add(AssignmentRule(scope=DEFAULT_SCOPE, method=AssignMethod.ROUND_ROBIN))
    except IntegrityError:  # another desktop made it meanwhile: use theirs
        pass
    rule = _rule_row(session, DEFAULT_SCOPE, lock=True)
    assert rule is not None
    return rule


def _available() -> Any:
    return and_(User.deleted_at.is_(None), User.disabled.is_(False), User.absent.is_(False))


def _managers(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(User.login).where(_available(), User.role == Role.MANAGER).order_by(User.login)
        )
    )


def _queue_members(session: Session, queue_id: uuid.UUID) -> list[str]:
    return list(
        session.scalars(
            select(User.login)
            .join(QueueMember, QueueMember.login == User.login)
            .where(
                QueueMember.queue_id == queue_id,
                QueueMember.deleted_at.is_(None),
                _available(),
            )
            .order_by(User.login)
        )
    )


def _next_in_turn(candidates: Sequence[str], last: str | None) -> str:
    """The first candidate after `last` in login order, wrapping around: everybody gets
    a turn, and one who joins or comes back is fitted in at their place."""
    if last is not None:
        for login in candidates:
            if login > last:
                return login
    return candidates[0]


def open_task_counts(session: Session, logins: Sequence[str]) -> dict[str, int]:
    """How many open tasks each of `logins` has."""
    counts = dict.fromkeys(logins, 0)
    rows = session.execute(
        select(Task.assignee, func.count())
        .where(
            Task.assignee.in_(list(logins)),
            Task.status == TaskStatus.OPEN,
            Task.deleted_at.is_(None),
        )
        .group_by(Task.assignee)
    )
    for login, count in rows:
        if login is not None:
            counts[login] = int(count)
    return counts


def _least_loaded(session: Session, candidates: Sequence[str]) -> str:
    counts = open_task_counts(session, candidates)
    return min(candidates, key=lambda login: (counts[login], login))
