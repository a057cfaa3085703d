"""Card states rebuilt from the review log, the source of truth: for migrations and checks.

Written against plain table and column names (not the ORM models) so that a migration calling it keeps
working whatever later revisions add to the models.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from kratom_quiz.domain.scheduling import Memory, Scheduler
from kratom_quiz.domain.study import LearnerSettings, Rating
from kratom_quiz.domain.studyday import StudyClock, local_zone
from kratom_quiz.storage.types import UTCDateTime

_learners = sa.table("learners", sa.column("id", sa.Integer))
_settings = sa.table(
    "learner_settings",
    sa.column("learner_id", sa.Integer),
    sa.column("desired_retention", sa.Float),
    sa.column("day_start_hour", sa.Integer),
    sa.column("timezone", sa.String),
)
_parameters = sa.table(
    "fsrs_parameters", sa.column("learner_id", sa.Integer), sa.column("parameters", sa.Text)
)
_reviews = sa.table(
    "review_log",
    sa.column("seq", sa.Integer),
    sa.column("id", sa.String),
    sa.column("learner_id", sa.Integer),
    sa.column("item_id", sa.Integer),
    sa.column("rating", sa.Integer),
    sa.column("reviewed_at", UTCDateTime()),
    sa.column("mode", sa.String),
    sa.column("before", sa.Text),
)
_states = sa.table(
    "card_state",
    sa.column("learner_id", sa.Integer),
    sa.column("item_id", sa.Integer),
    sa.column("state", sa.String),
    sa.column("step", sa.Integer),
    sa.column("stability", sa.Float),
    sa.column("difficulty", sa.Float),
    sa.column("due", UTCDateTime()),
    sa.column("last_review", UTCDateTime()),
    sa.column("strong_until", UTCDateTime()),
    sa.column("reps", sa.Integer),
    sa.column("lapses", sa.Integer),
)
_MEMORY_COLUMNS = (
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "strong_until",
    "reps",
    "lapses",
)


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """How much a rebuild touched."""

    learners: int
    items: int
    reviews: int


@dataclass(frozen=True, slots=True)
class _Logged:
    id: str
    item_id: int
    rating: int
    reviewed_at: datetime
    before: str | None


def learner_scheduling(conn: Connection, learner_id: int, *, fuzz: bool) -> tuple[Scheduler, StudyClock]:
    """The scheduler and study-day clock a learner's answers are scheduled with."""
    row = conn.execute(sa.select(_settings).where(_settings.c.learner_id == learner_id)).first()
    defaults = LearnerSettings()
    retention = defaults.desired_retention if row is None else row.desired_retention
    hour = defaults.day_start_hour if row is None else row.day_start_hour
    zone = local_zone(None if row is None else row.timezone)
    found = conn.execute(
        sa.select(_parameters.c.parameters).where(_parameters.c.learner_id == learner_id)
    ).scalar()
    parameters = None if found is None else tuple(json.loads(found))
    return Scheduler(parameters, retention, fuzz=fuzz), StudyClock(zone, hour)


def _histories(conn: Connection, learner_id: int) -> Iterator[tuple[int, list[_Logged]]]:
    rows = conn.execute(
        sa.select(
            _reviews.c.id, _reviews.c.item_id, _reviews.c.rating, _reviews.c.reviewed_at, _reviews.c.before
        )
        .where(_reviews.c.learner_id == learner_id, _reviews.c.mode == "study")
        .order_by(_reviews.c.item_id, _reviews.c.seq)
    )
    item: int | None = None
    history: list[_Logged] = []
    for row in rows:
        if row.item_id != item:
            if item is not None:
                yield item, history
            item, history = row.item_id, []
        history.append(_Logged(row.id, row.item_id, row.rating, row.reviewed_at, row.before))
    if item is not None:
        yield item, history


def memory_values(m: Memory) -> dict[str, Any]:
    """The card_state columns that hold a memory."""
    return {
        "state": m.state.value, "step": m.step, "stability": m.stability, "difficulty": m.difficulty,
        "due": m.due, "last_review": m.last_review, "strong_until": m.strong_until, "reps": m.reps,
        "lapses": m.lapses,
    }  # fmt: skip


def _before_json(text: str, m: Memory) -> str:
    """The logged earlier state (undo restores it) with its memory replaced by the rebuilt one."""
    values = json.loads(text)
    for name, value in memory_values(m).items():
        values[name] = value.isoformat() if isinstance(value, datetime) else value
    return json.dumps(values)


def rebuild(conn: Connection, learner_ids: Sequence[int] | None = None, *, fuzz: bool = True) -> Rebuilt:
    """Recompute every studied item's state, and each study answer's logged earlier state, from the log.

    Nothing is deleted: review rows keep their ids, times, ratings and answers.
    """
    ids = (
        list(learner_ids)
        if learner_ids is not None
        else list(conn.execute(sa.select(_learners.c.id)).scalars())
    )
    set_state = (
        sa.update(_states)
        .where(_states.c.learner_id == sa.bindparam("b_learner"), _states.c.item_id == sa.bindparam("b_item"))
        .values({name: sa.bindparam(name) for name in _MEMORY_COLUMNS})
    )
    set_before = (
        sa.update(_reviews)
        .where(_reviews.c.id == sa.bindparam("b_id"))
        .values(before=sa.bindparam("b_before"))
    )
    items = reviews = 0
    for learner_id in ids:
        scheduler, clock = learner_scheduling(conn, learner_id, fuzz=fuzz)
        states: list[dict[str, Any]] = []
        befores: list[dict[str, Any]] = []
        for item_id, history in _histories(conn, learner_id):
            memories = scheduler.walk(
                ((Rating(r.rating), r.reviewed_at) for r in history), clock, seed=item_id
            )
            states.append({"b_learner": learner_id, "b_item": item_id, **memory_values(memories[-1])})
            befores.extend(
                {"b_id": r.id, "b_before": _before_json(r.before, m)}
                for r, m in zip(history, memories, strict=False)
                if r.before is not None
            )
            items += 1
            reviews += len(history)
        if states:
            conn.execute(set_state, states)
        if befores:
            conn.execute(set_before, befores)
    return Rebuilt(len(ids), items, reviews)


def stale_learners(conn: Connection, *, fuzz: bool = True) -> dict[int, int]:
    """Learners whose stored study states differ from what their logs replay to: learner id -> items.

    Read only; ``rebuild`` repairs them (the log is the truth).
    """
    stored_rows = conn.execute(sa.select(_states.c.learner_id, _states.c.item_id, *(
        _states.c[name] for name in _MEMORY_COLUMNS
    )).where(_states.c.reps > 0))  # fmt: skip
    stored = {(r.learner_id, r.item_id): r for r in stored_rows}
    stale: dict[int, int] = {}
    for learner_id in list(conn.execute(sa.select(_learners.c.id)).scalars()):
        scheduler, clock = learner_scheduling(conn, learner_id, fuzz=fuzz)
        for item_id, history in _histories(conn, learner_id):
            replayed = memory_values(
                scheduler.replay(((Rating(r.rating), r.reviewed_at) for r in history), clock, seed=item_id)
            )
            row = stored.get((learner_id, item_id))
            if row is None or any(not _same(getattr(row, k), v) for k, v in replayed.items()):
                stale[learner_id] = stale.get(learner_id, 0) + 1
    return stale


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(b))
    return bool(a == b)
