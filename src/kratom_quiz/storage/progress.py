"""Per-learner item state and the review log: the queries behind the study queue, undo and summaries."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Row,
    Select,
    bindparam,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from kratom_quiz.domain.model import StudyItem
from kratom_quiz.domain.scheduling import Memory
from kratom_quiz.domain.study import CardState, ItemKey, Mode
from kratom_quiz.errors import UserError
from kratom_quiz.storage.cardjson import card_from_json
from kratom_quiz.storage.models import ItemRow, ReviewRow, StateRow

AnyRow = Row[*tuple[Any, ...]]
AnySelect = Select[*tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class Progress:
    """One learner's state of one item, as stored."""

    item_id: int
    memory: Memory
    suspended: bool = False
    leech: bool = False
    buried_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class LoggedReview:
    """A review log row, as the services need it."""

    id: str
    item_id: int
    key: ItemKey
    rating: int
    reviewed_at: datetime
    mode: Mode
    before: Progress | None


def item_id(s: Session, key: ItemKey) -> int:
    """The item's row id; UserError for a key the store does not know."""
    found = s.scalar(
        select(ItemRow.id).where(
            ItemRow.deck_id == key[0], ItemRow.card_id == key[1], ItemRow.ordinal == key[2]
        )
    )
    if found is None:
        raise UserError(f"no card {key[1]!r} (item {key[2]}) in deck {key[0]!r}")
    return found


_ITEM = (ItemRow.deck_id, ItemRow.card_id, ItemRow.ordinal, ItemRow.card_json)
_STUDY_ITEM = select(*_ITEM).where(ItemRow.id == bindparam("item_id"))


def study_item(s: Session, item_id: int) -> StudyItem:
    row = s.connection().execute(_STUDY_ITEM, {"item_id": item_id}).one()
    return _study_item(row)


def _study_item(row: AnyRow) -> StudyItem:
    return StudyItem(card_from_json(row.deck_id, row.card_id, row.card_json), row.ordinal)


def item_key(s: Session, item_id: int) -> ItemKey:
    row = s.execute(
        select(ItemRow.deck_id, ItemRow.card_id, ItemRow.ordinal).where(ItemRow.id == item_id)
    ).one()
    return (row[0], row[1], row[2])


# The hot paths (next card, record review) run prebuilt Core statements on the session's connection: building
# an ORM query and loading entities costs several times more than the SQL itself.
STATE_COLUMNS = (
    StateRow.item_id, StateRow.state, StateRow.step, StateRow.stability, StateRow.difficulty, StateRow.due,
    StateRow.last_review, StateRow.reps, StateRow.lapses, StateRow.suspended, StateRow.leech,
    StateRow.buried_until,
)  # fmt: skip


def _progress(row: StateRow | AnyRow) -> Progress:
    memory = Memory(
        state=CardState(row.state),
        step=row.step,
        stability=row.stability,
        difficulty=row.difficulty,
        due=row.due,
        last_review=row.last_review,
        reps=row.reps,
        lapses=row.lapses,
    )
    return Progress(row.item_id, memory, row.suspended, row.leech, row.buried_until)


_GET_PROGRESS = select(*STATE_COLUMNS).where(
    StateRow.learner_id == bindparam("learner_id"), StateRow.item_id == bindparam("item_id")
)


PROGRESS_OF_KEY = (
    select(*STATE_COLUMNS)
    .join(ItemRow, ItemRow.id == StateRow.item_id)
    .where(
        ItemRow.deck_id == bindparam("deck_id"),
        ItemRow.card_id == bindparam("card_id"),
        ItemRow.ordinal == bindparam("ordinal"),
        StateRow.learner_id == bindparam("learner_id"),
    )
)


def progress_of(s: Session, learner_id: int, key: ItemKey) -> Progress:
    """The learner's state of the item with this key (one query); UserError for an unknown item."""
    params = {"deck_id": key[0], "card_id": key[1], "ordinal": key[2], "learner_id": learner_id}
    row = s.connection().execute(PROGRESS_OF_KEY, params).first()
    if row is None:
        return get_progress(s, learner_id, item_id(s, key))  # raises the fitting error
    return _progress(row)


def get_progress(s: Session, learner_id: int, item_id: int) -> Progress:
    row = s.connection().execute(_GET_PROGRESS, {"learner_id": learner_id, "item_id": item_id}).first()
    if row is None:
        raise UserError(f"no progress for item {item_id} of learner {learner_id}")
    return _progress(row)


def progress_values(p: Progress) -> dict[str, Any]:
    """The state row's column values for this progress."""
    m = p.memory
    return {
        "state": m.state.value,
        "step": m.step,
        "stability": m.stability,
        "difficulty": m.difficulty,
        "due": m.due,
        "last_review": m.last_review,
        "strong_until": m.strong_until,
        "reps": m.reps,
        "lapses": m.lapses,
        "suspended": p.suspended,
        "leech": p.leech,
        "buried_until": p.buried_until,
    }


_PUT_PROGRESS = update(StateRow).where(
    StateRow.learner_id == bindparam("b_learner_id"), StateRow.item_id == bindparam("b_item_id")
)


def put_progress(s: Session, learner_id: int, p: Progress) -> None:
    s.connection().execute(
        _PUT_PROGRESS, {"b_learner_id": learner_id, "b_item_id": p.item_id, **progress_values(p)}
    )


def _dump(p: Progress) -> str:
    # json keeps floats exact (repr round-trips), so undo restores the state bit for bit
    values = progress_values(p)
    for name in ("due", "last_review", "strong_until", "buried_until"):
        values[name] = None if values[name] is None else values[name].isoformat()
    return json.dumps(values)


def _load(item_id: int, text: str) -> Progress:
    v = json.loads(text)

    def dt(name: str) -> datetime | None:
        return None if v[name] is None else datetime.fromisoformat(v[name])

    memory = Memory(
        CardState(v["state"]),
        v["step"],
        v["stability"],
        v["difficulty"],
        dt("due"),
        dt("last_review"),
        v["reps"],
        v["lapses"],
    )
    return Progress(item_id, memory, v["suspended"], v["leech"], dt("buried_until"))


def find_review(s: Session, review_id: str) -> LoggedReview | None:
    row = s.scalar(select(ReviewRow).where(ReviewRow.id == review_id))
    return None if row is None else _logged(s, row)


def _logged(s: Session, row: ReviewRow) -> LoggedReview:
    before = None if row.before is None else _load(row.item_id, row.before)
    return LoggedReview(
        row.id, row.item_id, item_key(s, row.item_id), row.rating, row.reviewed_at, Mode(row.mode), before
    )


@dataclass(frozen=True, slots=True)
class ReviewDraft:
    """One answer about to be logged."""

    id: str
    learner_id: int
    item_id: int
    rating: int
    suggested: int | None
    answer: str
    correct: bool
    reviewed_at: datetime
    duration_ms: int
    mode: Mode
    before: Progress


_ADD_REVIEW = insert(ReviewRow)


def add_review(s: Session, r: ReviewDraft, *, changes_state: bool) -> None:
    """Append one answer to the log; the earlier state is kept only when the review changed it."""
    s.connection().execute(_ADD_REVIEW, review_values(r, changes_state=changes_state))


def review_values(r: ReviewDraft, *, changes_state: bool) -> dict[str, Any]:
    """The review log row's column values (the earlier state only when the review changed it)."""
    return {
        "id": r.id,
        "learner_id": r.learner_id,
        "item_id": r.item_id,
        "rating": r.rating,
        "suggested": r.suggested,
        "answer": r.answer,
        "correct": r.correct,
        "reviewed_at": r.reviewed_at,
        "duration_ms": r.duration_ms,
        "mode": r.mode.value,
        "state_before": r.before.memory.state.value,
        "before": _dump(r.before) if changes_state else None,
    }


def last_review(s: Session, learner_id: int) -> LoggedReview | None:
    row = s.scalar(
        select(ReviewRow).where(ReviewRow.learner_id == learner_id).order_by(ReviewRow.seq.desc()).limit(1)
    )
    return None if row is None else _logged(s, row)


def last_of(s: Session, learner_id: int, review_ids: Sequence[str]) -> LoggedReview | None:
    """The newest of these reviews of the learner that is still logged (None when none is)."""
    row = s.scalar(
        select(ReviewRow)
        .where(ReviewRow.learner_id == learner_id, ReviewRow.id.in_(list(review_ids)))
        .order_by(ReviewRow.seq.desc())
        .limit(1)
    )
    return None if row is None else _logged(s, row)


def answered_after(s: Session, learner_id: int, review: LoggedReview) -> bool:
    """Whether the item of ``review`` was answered again after it (by this or another instance)."""
    seq = select(ReviewRow.seq).where(ReviewRow.id == review.id).scalar_subquery()
    later = s.scalar(
        select(ReviewRow.seq)
        .where(ReviewRow.learner_id == learner_id, ReviewRow.item_id == review.item_id, ReviewRow.seq > seq)
        .limit(1)
    )
    return later is not None


def delete_review(s: Session, review_id: str) -> None:
    s.execute(delete(ReviewRow).where(ReviewRow.id == review_id))


def set_suspended(s: Session, learner_id: int, item_id: int, suspended: bool) -> None:
    s.execute(
        update(StateRow)
        .where(StateRow.learner_id == learner_id, StateRow.item_id == item_id)
        .values(suspended=suspended)
    )


@dataclass(frozen=True, slots=True)
class Queued:
    """An item the study queue offers, with the learner's state of it."""

    progress: Progress
    item: StudyItem


def practice_pool(s: Session, learner_id: int, deck_ids: Sequence[str], topics: Sequence[str]) -> list[int]:
    """Ids of the items a practice quiz may ask: not archived, not suspended, in the decks and topics."""
    query = (
        select(ItemRow.id)
        .join(StateRow, StateRow.item_id == ItemRow.id)
        .where(StateRow.learner_id == learner_id, StateRow.suspended.is_(False), ItemRow.archived.is_(False))
    )
    if deck_ids:
        query = query.where(ItemRow.deck_id.in_(deck_ids))
    if topics:
        query = query.where(ItemRow.topic.in_(topics))
    return sorted(s.scalars(query))
