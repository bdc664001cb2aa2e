"""Sales pipelines and their stages: the default "Продажи", an administrator's set-up
(stages added, renamed, reordered, removed; each stage's checklist and required fields),
and the pipelines as the board and the deal card read them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.errors import NotFound, PermissionDenied, Refused, ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import Deal, Pipeline, Stage, StageChecklistItem, StageOutcome, utcnow
from crm_desktop.services.users import require_admin
from crm_desktop.store.search_index import fold

DEFAULT_PIPELINE = "Продажи"
DEFAULT_STAGES: tuple[tuple[str, int, StageOutcome], ...] = (
    ("Новый", 10, StageOutcome.OPEN),
    ("Квалификация", 20, StageOutcome.OPEN),
    ("КП отправлено", 40, StageOutcome.OPEN),
    ("Переговоры", 60, StageOutcome.OPEN),
    ("Счёт выставлен", 80, StageOutcome.OPEN),
    ("Успешно", 100, StageOutcome.WON),
    ("Проиграно", 0, StageOutcome.LOST),
)
# The deal fields a stage may require before a deal leaves it (see deals.missing_fields).
REQUIRED_FIELDS = ("amount", "expected_close", "owner", "note", "products")
NAME_MAX, ITEM_MAX = 100, 200


@dataclass(frozen=True)
class ChecklistItemView:
    id: uuid.UUID
    text: str
    position: int

    def to_json(self) -> dict[str, Any]:
        return {"id": str(self.id), "text": self.text}


@dataclass(frozen=True)
class StageView:
    id: uuid.UUID
    pipeline_id: uuid.UUID
    name: str
    position: int
    probability: int
    outcome: StageOutcome
    required_fields: tuple[str, ...] = ()
    checklist: tuple[ChecklistItemView, ...] = ()

    @property
    def is_closed(self) -> bool:
        return self.outcome != StageOutcome.OPEN

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "position": self.position,
            "probability": self.probability,
            "outcome": self.outcome.value,
            "required_fields": list(self.required_fields),
            "checklist": [item.to_json() for item in self.checklist],
        }


@dataclass(frozen=True)
class PipelineView:
    id: uuid.UUID
    name: str
    is_default: bool
    position: int
    stages: tuple[StageView, ...]

    def stage(self, stage_id: uuid.UUID) -> StageView:
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise NotFound(_("No stage with id {id}", id=stage_id))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "is_default": self.is_default,
            "stages": [s.to_json() for s in self.stages],
        }


# --- reading ------------------------------------------------------------------------------


def list_pipelines(session: Session) -> list[PipelineView]:
    """Every pipeline (the default first, then in their order) with its stages in order
    and each stage's checklist: three queries whatever the number of stages."""
    pipelines = list(
        session.scalars(
            select(Pipeline)
            .where(Pipeline.deleted_at.is_(None))
            .order_by(Pipeline.is_default.desc(), Pipeline.position, Pipeline.name, Pipeline.id)
        )
    )
    return _views(session, pipelines)


def get_pipeline(session: Session, pipeline_id: uuid.UUID) -> PipelineView:
    return _views(session, [_live_pipeline(session, pipeline_id)])[0]


def find_pipeline(
    session: Session, ref: uuid.UUID | str | None = None, *, create: bool = True
) -> PipelineView:
    """A pipeline by id or name (case and ё ignored); None: the default pipeline, made
    now if the database has none yet (unless `create` is false: then `NotFound`)."""
    if ref is None:
        if create:
            return ensure_default_pipeline(session)
        found = default_pipeline(session)
        if found is None:
            raise NotFound(_("There is no pipeline yet"))
        return found
    if create and _default(session) is None:  # "Продажи" is there from the start
        ensure_default_pipeline(session)
    pipeline_id = _as_id(ref)
    if pipeline_id is not None:
        return get_pipeline(session, pipeline_id)
    wanted = fold(" ".join(str(ref).split()))
    for pipeline in session.scalars(select(Pipeline).where(Pipeline.deleted_at.is_(None))):
        if fold(pipeline.name) == wanted:
            return get_pipeline(session, pipeline.id)
    raise NotFound(_('No pipeline "{name}"', name=ref))


def find_stage(session: Session, pipeline_id: uuid.UUID, ref: uuid.UUID | str) -> StageView:
    """A stage of the pipeline by id or by name (case and ё ignored)."""
    pipeline = get_pipeline(session, pipeline_id)
    stage_id = _as_id(ref)
    if stage_id is not None:
        for stage in pipeline.stages:
            if stage.id == stage_id:
                return stage
        raise NotFound(
            _('No stage with id {id} in pipeline "{pipeline}"', id=stage_id, pipeline=pipeline.name)
        )
    wanted = fold(" ".join(str(ref).split()))
    for stage in pipeline.stages:
        if fold(stage.name) == wanted:
            return stage
    names = ", ".join(_('"{name}"', name=s.name) for s in pipeline.stages)
    raise NotFound(
        _(
            'No stage "{name}" in pipeline "{pipeline}" (its stages: {stages})',
            name=ref,
            pipeline=pipeline.name,
            stages=names,
        )
    )


def first_open_stage(pipeline: PipelineView) -> StageView:
    for stage in pipeline.stages:
        if stage.outcome == StageOutcome.OPEN:
            return stage
    raise Refused(_('Pipeline "{name}" has no open stage', name=pipeline.name))


def default_pipeline(session: Session) -> PipelineView | None:
    """The pipeline new deals go to when none is named; None before there is any."""
    pipeline = _default(session)
    return None if pipeline is None else get_pipeline(session, pipeline.id)


def _default(session: Session) -> Pipeline | None:
    return session.scalar(
        select(Pipeline)
        .where(Pipeline.is_default.is_(True), Pipeline.deleted_at.is_(None))
        .order_by(Pipeline.position, Pipeline.id)
        .limit(1)
    )


def ensure_default_pipeline(session: Session) -> PipelineView:
    """The default pipeline, "Продажи" with its seven stages, made the first time."""
    pipeline = _default(session)
    if pipeline is None:
        pipeline = Pipeline(name=DEFAULT_PIPELINE, is_default=True, position=0)
        session.add(pipeline)
        session.flush()
        for position, (name, probability, outcome) in enumerate(DEFAULT_STAGES):
            session.add(
                Stage(
                    pipeline_id=pipeline.id,
                    name=name,
                    position=position,
                    probability=probability,
                    outcome=outcome,
                    required_fields="",
                )
            )
        session.flush()
    return get_pipeline(session, pipeline.id)


# --- an administrator's set-up ------------------------------------------------------------


def add_pipeline(
    session: Session, name: str, *, stages: Sequence[str] = (), default: bool = False
) -> PipelineView:
    """A new pipeline with the given open stages (in order) followed by a won and a
    lost stage ("Успешно", "Проиграно"), so that every pipeline can close a deal."""
    _require_admin(session)
    checked = _checked_name("name", name)
    _unique_pipeline_name(session, checked, None)
    last = session.scalar(select(func.max(Pipeline.position)).where(Pipeline.deleted_at.is_(None)))
    pipeline = Pipeline(name=checked, is_default=False, position=(last or 0) + 1)
    session.add(pipeline)
    session.flush()
    open_names = [_checked_name("stage", s) for s in stages] or [DEFAULT_STAGES[0][0]]
    _no_duplicates(open_names)
    closing = [(n, p, o) for n, p, o in DEFAULT_STAGES if o != StageOutcome.OPEN]
    count = len(open_names)
    rows = [
        (n, round(100 * (i + 1) / (count + 1)), StageOutcome.OPEN) for i, n in enumerate(open_names)
    ]
    for position, (stage_name, probability, outcome) in enumerate([*rows, *closing]):
        session.add(
            Stage(
                pipeline_id=pipeline.id,
                name=stage_name,
                position=position,
                probability=probability,
                outcome=outcome,
                required_fields="",
            )
        )
    session.flush()
    if default:
        set_default_pipeline(session, pipeline.id)
    return get_pipeline(session, pipeline.id)


def rename_pipeline(session: Session, pipeline_id: uuid.UUID, name: str) -> PipelineView:
    _require_admin(session)
    pipeline = _live_pipeline(session, pipeline_id)
    checked = _checked_name("name", name)
    _unique_pipeline_name(session, checked, pipeline.id)
    if pipeline.name != checked:
        pipeline.name = checked
        session.flush()
    return get_pipeline(session, pipeline.id)


def set_default_pipeline(session: Session, pipeline_id: uuid.UUID) -> PipelineView:
    """The pipeline new deals go to when none is named."""
    _require_admin(session)
    target = _live_pipeline(session, pipeline_id)
    for pipeline in session.scalars(select(Pipeline).where(Pipeline.is_default.is_(True))):
        if pipeline.id != target.id:
            pipeline.is_default = False
    target.is_default = True
    session.flush()
    return get_pipeline(session, target.id)


def add_stage(
    session: Session,
    pipeline_id: uuid.UUID,
    name: str,
    *,
    probability: int | None = None,
    outcome: StageOutcome = StageOutcome.OPEN,
    position: int | None = None,
) -> StageView:
    """A new stage; by default an open stage goes after the last open one (before the
    won and lost stages) and a closing stage at the end."""
    _require_admin(session)
    pipeline = _live_pipeline(session, pipeline_id)
    checked = _checked_name("name", name)
    stages = _live_stages(session, pipeline.id)
    _unique_stage_name(stages, checked, None)
    if position is None:
        opens = [i for i, s in enumerate(stages) if s.outcome == StageOutcome.OPEN]
        position = (opens[-1] + 1 if opens else 0) if outcome == StageOutcome.OPEN else len(stages)
    position = max(0, min(position, len(stages)))
    if probability is None:
        probability = {StageOutcome.WON: 100, StageOutcome.LOST: 0}.get(outcome, 50)
    stage = Stage(
        pipeline_id=pipeline.id,
        name=checked,
        probability=_checked_probability(probability),
        outcome=outcome,
        required_fields="",
        position=position,
    )
    session.add(stage)
    stages.insert(position, stage)
    _renumber(stages)
    session.flush()
    return _stage_view(session, stage)


def rename_stage(session: Session, stage_id: uuid.UUID, name: str) -> StageView:
    _require_admin(session)
    stage = _live_stage(session, stage_id)
    checked = _checked_name("name", name)
    _unique_stage_name(_live_stages(session, stage.pipeline_id), checked, stage.id)
    if stage.name != checked:
        stage.name = checked
        session.flush()
    return _stage_view(session, stage)


def set_stage_probability(session: Session, stage_id: uuid.UUID, probability: int) -> StageView:
    _require_admin(session)
    stage = _live_stage(session, stage_id)
    value = _checked_probability(probability)
    if stage.probability != value:
        stage.probability = value
        session.flush()
    return _stage_view(session, stage)


def reorder_stages(
    session: Session, pipeline_id: uuid.UUID, stage_ids: Sequence[uuid.UUID]
) -> PipelineView:
    """Put the pipeline's stages in the order given (every stage exactly once)."""
    _require_admin(session)
    pipeline = _live_pipeline(session, pipeline_id)
    stages = {s.id: s for s in _live_stages(session, pipeline.id)}
    if len(stage_ids) != len(set(stage_ids)) or set(stage_ids) != set(stages):
        raise ValidationError(
            "stages", _("Give every stage of the pipeline exactly once to reorder them")
        )
    _renumber([stages[i] for i in stage_ids])
    session.flush()
    return get_pipeline(session, pipeline.id)


def delete_stage(session: Session, stage_id: uuid.UUID) -> PipelineView:
    """Remove a stage that holds no deals, not even binned ones (a pipeline keeps at
    least one open stage)."""
    _require_admin(session)
    stage = _live_stage(session, stage_id)
    # deals in the recycle bin count too: restored, they come back to this stage
    deals = session.scalar(select(func.count()).select_from(Deal).where(Deal.stage_id == stage.id))
    if deals:
        raise Refused(
            _(
                'Stage "{stage}" holds {n} deals: move them to another stage first',
                stage=stage.name,
                n=deals,
            )
        )
    stages = _live_stages(session, stage.pipeline_id)
    if stage.outcome == StageOutcome.OPEN and not any(
        s.outcome == StageOutcome.OPEN and s.id != stage.id for s in stages
    ):
        raise Refused(_("A pipeline needs at least one open stage"))
    stage.deleted_at = utcnow()
    _renumber([s for s in stages if s.id != stage.id])
    session.flush()
    return get_pipeline(session, stage.pipeline_id)


def set_checklist(session: Session, stage_id: uuid.UUID, items: Sequence[str]) -> StageView:
    """The stage's checklist, in order. An item kept (same text) keeps its id, so the
    ticks deals already have on it stay; a removed item is tombstoned."""
    _require_admin(session)
    stage = _live_stage(session, stage_id)
    texts = [" ".join(text.split()) for text in items]
    texts = [t for t in texts if t]
    for text in texts:
        if len(text) > ITEM_MAX:
            raise ValidationError(
                "checklist",
                _("Too long: at most {n} characters, given {m}", n=ITEM_MAX, m=len(text)),
            )
    _no_duplicates(texts, "checklist")
    current = {
        fold(item.text): item
        for item in session.scalars(
            select(StageChecklistItem).where(
                StageChecklistItem.stage_id == stage.id, StageChecklistItem.deleted_at.is_(None)
            )
        )
    }
    kept: set[uuid.UUID] = set()
    for position, text in enumerate(texts):
        item = current.get(fold(text))
        if item is None:
            item = StageChecklistItem(stage_id=stage.id, text=text, position=position)
            session.add(item)
        else:
            kept.add(item.id)
            if (item.text, item.position) != (text, position):
                item.text, item.position = text, position
    now = utcnow()
    for item in current.values():
        if item.id not in kept:
            item.deleted_at = now
    session.flush()
    return _stage_view(session, stage)


def set_required_fields(session: Session, stage_id: uuid.UUID, fields: Sequence[str]) -> StageView:
    """The deal fields that must be filled in before a deal leaves this stage."""
    _require_admin(session)
    stage = _live_stage(session, stage_id)
    names: list[str] = []
    for raw in fields:
        name = raw.strip().lower().replace("-", "_")
        if not name:
            continue
        if name not in REQUIRED_FIELDS:
            raise ValidationError(
                "required_fields",
                _(
                    '"{value}" is not a deal field a stage can require (one of: {fields})',
                    value=raw,
                    fields=", ".join(REQUIRED_FIELDS),
                ),
            )
        if name not in names:
            names.append(name)
    value = ",".join(names)
    if stage.required_fields != value:
        stage.required_fields = value
        session.flush()
    return _stage_view(session, stage)


# --- helpers ------------------------------------------------------------------------------


def _require_admin(session: Session) -> None:
    try:
        require_admin(session)
    except PermissionDenied:
        raise PermissionDenied(
            _("Only an administrator can set up pipelines and stages.")
        ) from None


def _as_id(ref: uuid.UUID | str) -> uuid.UUID | None:
    if isinstance(ref, uuid.UUID):
        return ref
    try:
        return uuid.UUID(ref.strip())
    except ValueError:
        return None


def _checked_name(field: str, raw: str) -> str:
    name = " ".join(raw.split())
    if not name:
        raise ValidationError(field, _("Fill in this field"))
    if len(name) > NAME_MAX:
        raise ValidationError(
            field, _("Too long: at most {n} characters, given {m}", n=NAME_MAX, m=len(name))
        )
    return name


def _checked_probability(value: int) -> int:
    if not 0 <= int(value) <= 100:
        raise ValidationError("probability", _("A probability is from 0 to 100 %"))
    return int(value)


def _no_duplicates(names: Sequence[str], field: str = "stages") -> None:
    seen: set[str] = set()
    for name in names:
        if fold(name) in seen:
            raise ValidationError(field, _('"{name}" is given twice', name=name))
        seen.add(fold(name))


def _unique_pipeline_name(session: Session, name: str, own: uuid.UUID | None) -> None:
    for pipeline in session.scalars(select(Pipeline).where(Pipeline.deleted_at.is_(None))):
        if pipeline.id != own and fold(pipeline.name) == fold(name):
            raise ValidationError("name", _('There is a pipeline "{name}" already', name=name))


def _unique_stage_name(stages: Sequence[Stage], name: str, own: uuid.UUID | None) -> None:
    for stage in stages:
        if stage.id != own and fold(stage.name) == fold(name):
            raise ValidationError("name", _('There is a stage "{name}" already', name=name))


def _renumber(stages: Sequence[Stage]) -> None:
    for position, stage in enumerate(stages):
        if stage.position != position:
            stage.position = position


def _live_pipeline(session: Session, pipeline_id: uuid.UUID) -> Pipeline:
    pipeline = session.get(Pipeline, pipeline_id)
    if pipeline is None or pipeline.deleted_at is not None:
        raise NotFound(_("No pipeline with id {id}", id=pipeline_id))
    return pipeline


def _live_stage(session: Session, stage_id: uuid.UUID) -> Stage:
    stage = session.get(Stage, stage_id)
    if stage is None or stage.deleted_at is not None:
        raise NotFound(_("No stage with id {id}", id=stage_id))
    return stage


def _live_stages(session: Session, pipeline_id: uuid.UUID) -> list[Stage]:
    return list(
        session.scalars(
            select(Stage)
            .where(Stage.pipeline_id == pipeline_id, Stage.deleted_at.is_(None))
            .order_by(Stage.position, Stage.id)
        )
    )


def required_fields_of(stage: Stage) -> tuple[str, ...]:
    return tuple(f for f in stage.required_fields.split(",") if f)


def _stage_view(session: Session, stage: Stage) -> StageView:
    pipeline = get_pipeline(session, stage.pipeline_id)
    return pipeline.stage(stage.id)


def _views(session: Session, pipelines: Sequence[Pipeline]) -> list[PipelineView]:
    if not pipelines:
        return []
    ids = [p.id for p in pipelines]
    stages = list(
        session.scalars(
            select(Stage)
            .where(Stage.pipeline_id.in_(ids), Stage.deleted_at.is_(None))
            .order_by(Stage.position, Stage.id)
        )
    )
    items: dict[uuid.UUID, list[ChecklistItemView]] = {}
    if stages:
        query = (
            select(StageChecklistItem)
            .where(
                StageChecklistItem.stage_id.in_([s.id for s in stages]),
                StageChecklistItem.deleted_at.is_(None),
            )
            .order_by(StageChecklistItem.position, StageChecklistItem.id)
        )
        for item in session.scalars(query):
            items.setdefault(item.stage_id, []).append(
                ChecklistItemView(item.id, item.text, item.position)
            )
    by_pipeline: dict[uuid.UUID, list[StageView]] = {}
    for s in stages:
        by_pipeline.setdefault(s.pipeline_id, []).append(
            StageView(
                id=s.id,
                pipeline_id=s.pipeline_id,
                name=s.name,
                position=s.position,
                probability=s.probability,
                outcome=s.outcome,
                required_fields=required_fields_of(s),
                checklist=tuple(items.get(s.id, ())),
            )
        )
    return [
        PipelineView(p.id, p.name, p.is_default, p.position, tuple(by_pipeline.get(p.id, ())))
        for p in pipelines
    ]
