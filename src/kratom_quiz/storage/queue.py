"""The hot path's statements: answering a card and filling the in-memory study queue, on ``HotConnection``.

Each is a Core statement built once (compiled once per dialect by ``storage.hot``); rows come back as driver
tuples and are turned into domain objects here, so nothing above storage sees a row.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, insert, or_, select, update
from sqlalchemy.sql import Executable

from kratom_quiz.domain.scheduling import Memory
from kratom_quiz.domain.study import CardState, ItemKey, LearnerSettings, Mode
from kratom_quiz.domain.today import STREAK_CHUNK, ArchivedState, DeckCounts, without_archived
from kratom_quiz.errors import UserError
from kratom_quiz.storage import progress, repository, summary
from kratom_quiz.storage.cardjson import card_from_json
from kratom_quiz.storage.hot import HotConnection, utc
from kratom_quiz.storage.models import ItemRow, ReviewRow, StateRow
from kratom_quiz.storage.progress import PROGRESS_OF_KEY, STATE_COLUMNS, Progress, Queued, ReviewDraft

AnySelect = Select[*tuple[Any, ...]]

_ITEM = (ItemRow.deck_id, ItemRow.card_id, ItemRow.ordinal, ItemRow.card_json)


def _progress(row: Sequence[Any]) -> Progress:
    iid, state, step, stability, difficulty, due, last, reps, lapses, suspended, leech, buried = row[:12]
    memory = Memory(CardState(state), step, stability, difficulty, utc(due), utc(last), reps, lapses)
    return Progress(iid, memory, bool(suspended), bool(leech), utc(buried))


def queued_of(row: Sequence[Any]) -> Queued:
    """A row of ``QUEUED_COLUMNS`` as the learner's state of an item and the item itself."""
    from kratom_quiz.domain.model import StudyItem

    deck_id, card_id, ordinal, card_json = row[12:16]
    return Queued(_progress(row), StudyItem(card_from_json(deck_id, card_id, card_json), ordinal))


QUEUED_COLUMNS = (*STATE_COLUMNS, *_ITEM)
_QUEUED = (
    select(*QUEUED_COLUMNS)
    .join(ItemRow, ItemRow.id == StateRow.item_id)
    .where(StateRow.learner_id == bindparam("learner_id"), StateRow.item_id == bindparam("item_id"))
)


def queued(hot: HotConnection, learner_id: int, item_id: int) -> Queued:
    """The learner's state of an item and the item itself, by id."""
    row = hot.execute(_QUEUED, {"learner_id": learner_id, "item_id": item_id}).fetchone()
    if row is None:
        raise UserError(f"no progress for item {item_id} of learner {learner_id}")
    return queued_of(row)


def progress_of(hot: HotConnection, learner_id: int, key: ItemKey) -> Progress | None:
    """The learner's state of the item with this key, or None when the store has no such item."""
    params = {"deck_id": key[0], "card_id": key[1], "ordinal": key[2], "learner_id": learner_id}
    row = hot.execute(PROGRESS_OF_KEY, params).fetchone()
    return None if row is None else _progress(row)


_REVIEW_EXISTS = select(ReviewRow.seq).where(ReviewRow.id == bindparam("id"))


def review_exists(hot: HotConnection, review_id: str) -> bool:
    return hot.execute(_REVIEW_EXISTS, {"id": review_id}).fetchone() is not None


_PROGRESS_COLUMNS = (
    "state", "step", "stability", "difficulty", "due", "last_review", "strong_until", "reps", "lapses",
    "suspended", "leech", "buried_until",
)  # fmt: skip
# Bind names must differ from the column names in a statement's SET or VALUES: hence the ``v_`` prefix.
_PUT = (
    update(StateRow)
    .where(StateRow.learner_id == bindparam("b_learner_id"), StateRow.item_id == bindparam("b_item_id"))
    .values({name: bindparam(f"v_{name}") for name in _PROGRESS_COLUMNS})
)


def put_progress(hot: HotConnection, learner_id: int, p: Progress) -> None:
    values = {f"v_{k}": v for k, v in progress.progress_values(p).items()}
    hot.execute(_PUT, {"b_learner_id": learner_id, "b_item_id": p.item_id, **values})


_REVIEW_COLUMNS = (
    "id", "learner_id", "item_id", "rating", "suggested", "answer", "correct", "reviewed_at", "duration_ms",
    "mode", "state_before", "before",
)  # fmt: skip
_ADD_REVIEW = insert(ReviewRow).values({name: bindparam(f"v_{name}") for name in _REVIEW_COLUMNS})


def add_review(hot: HotConnection, r: ReviewDraft, *, changes_state: bool) -> None:
    values = progress.review_values(r, changes_state=changes_state)
    hot.execute(_ADD_REVIEW, {f"v_{k}": v for k, v in values.items()})


def settings_and_parameters(
    hot: HotConnection, learner_id: int
) -> tuple[LearnerSettings, tuple[float, ...] | None]:
    cursor = hot.execute(repository.SETTINGS_AND_PARAMETERS, {"learner_id": learner_id})
    row = cursor.fetchone()
    if row is None:
        raise UserError(f"no learner with id {learner_id}")
    values = dict(zip((d[0] for d in cursor.description), row, strict=True))
    settings = LearnerSettings() if values["learner_id"] is None else repository.settings_from(values)
    parameters = None if values["parameters"] is None else tuple(json.loads(values["parameters"]))
    return settings, parameters


def counts_since(hot: HotConnection, learner_id: int, since: datetime) -> dict[str, int]:
    return {
        state: n for state, n in hot.execute(summary.COUNTS_SINCE, {"learner_id": learner_id, "since": since})
    }


_STUDIED_TODAY = (
    select(ReviewRow.item_id, ItemRow.deck_id, ItemRow.card_id)
    .join(ItemRow, ItemRow.id == ReviewRow.item_id)
    .where(
        ReviewRow.learner_id == bindparam("learner_id"),
        ReviewRow.reviewed_at >= bindparam("since"),
        ReviewRow.mode == Mode.STUDY.value,
    )
    .distinct()
)


def studied_since(hot: HotConnection, learner_id: int, since: datetime) -> list[tuple[int, str, str]]:
    """(item id, deck id, card id) of every item answered in study mode since ``since``."""
    rows = hot.execute(_STUDIED_TODAY, {"learner_id": learner_id, "since": since})
    return [(iid, deck, card) for iid, deck, card in rows]


@dataclass(frozen=True, slots=True)
class Candidate:
    """An item the queue may offer: when it is due, and what sibling burying needs to know."""

    due: datetime | None
    item_id: int
    deck_id: str
    card_id: str
    ordinal: int


_CANDIDATE = (StateRow.due, StateRow.item_id, ItemRow.deck_id, ItemRow.card_id, ItemRow.ordinal)


def _conds(by_deck: bool) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [
        StateRow.learner_id == bindparam("learner_id"),
        StateRow.suspended.is_(False),
        or_(StateRow.buried_until.is_(None), StateRow.buried_until <= bindparam("now")),
        ItemRow.archived.is_(False),
    ]
    if by_deck:
        conds.append(StateRow.deck_id == bindparam("deck_id"))
    return conds


def _candidates(state: CardState | None, by_deck: bool) -> AnySelect:
    base = select(*_CANDIDATE).join(ItemRow, ItemRow.id == StateRow.item_id)
    if state is None:  # new items, in the order they were added
        where = base.where(StateRow.state == CardState.NEW.value, *_conds(by_deck))
        return where.order_by(StateRow.item_id).limit(bindparam("limit"))
    where = base.where(
        StateRow.state == state.value, StateRow.due <= bindparam("due_before"), *_conds(by_deck)
    )
    return where.order_by(StateRow.due, StateRow.item_id).limit(bindparam("limit"))


_CANDIDATES: dict[tuple[CardState | None, bool], Executable] = {
    (state, by_deck): _candidates(state, by_deck)
    for state in (None, CardState.LEARNING, CardState.RELEARNING, CardState.REVIEW)
    for by_deck in (False, True)
}


def candidates(
    hot: HotConnection,
    learner_id: int,
    state: CardState | None,
    *,
    now: datetime,
    due_before: datetime | None,
    deck_id: str | None,
    limit: int,
) -> list[Candidate]:
    """Up to ``limit`` items in ``state`` (new when None) the queue may offer, in the order it offers them."""
    params: dict[str, Any] = {"learner_id": learner_id, "now": now, "limit": limit}
    if state is not None:
        params["due_before"] = due_before
    if deck_id is not None:
        params["deck_id"] = deck_id
    rows = hot.execute(_CANDIDATES[(state, deck_id is not None)], params)
    return [Candidate(utc(due), iid, deck, card, ordinal) for due, iid, deck, card, ordinal in rows]


def deck_counts(hot: HotConnection, learner_id: int, now: datetime, day_end: datetime) -> list[DeckCounts]:
    """``summary.deck_counts`` on the hot connection."""
    params = {"learner_id": learner_id, "now": now, "day_end": day_end}
    counts = hot.execute(summary.DECK_COUNTS, params).fetchall()
    archived = [
        ArchivedState(deck, state, bool(suspended), utc(due), utc(strong))
        for deck, state, suspended, due, strong in hot.execute(
            summary.ARCHIVED_STATES, {"learner_id": learner_id}
        )
    ]
    return without_archived(counts, archived, now, day_end)


def studied_windows(
    hot: HotConnection, learner_id: int, windows: Sequence[tuple[datetime, datetime]]
) -> list[bool]:
    """``summary.studied_windows`` on the hot connection."""
    padded = [*windows, *[windows[-1]] * (STREAK_CHUNK - len(windows))]
    params = {"learner_id": learner_id, **summary.window_params(padded)}
    hits = {i for (i,) in hot.execute(summary.STUDIED_DAYS, params)}
    return [i in hits for i in range(len(windows))]
