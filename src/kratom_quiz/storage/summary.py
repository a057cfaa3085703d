"""Aggregate queries: per-deck counts, days with reviews, due forecasts, mastery by group."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    CTE,
    Integer,
    ScalarSelect,
    Select,
    and_,
    bindparam,
    case,
    column,
    exists,
    func,
    select,
    true,
    values,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from kratom_quiz.domain.study import CardState, Mode
from kratom_quiz.domain.today import (
    LEARNING_STATES,
    STREAK_CHUNK,
    ArchivedState,
    DeckCounts,
    without_archived,
)
from kratom_quiz.storage.hot import run
from kratom_quiz.storage.models import DeckRow, ItemRow, ReviewRow, StateRow
from kratom_quiz.storage.types import UTCDateTime

AnySelect = Select[*tuple[Any, ...]]


def _flag(cond: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0).cast(Integer)


# Counts run on card_state alone, through ix_card_state_deck (learner, deck, state, suspended, due,
# strong_until), as index range counts: joining 100,000 item rows just to skip archived ones cost 100 ms.
# Archived items are found through their partial index and subtracted in Python (usually there are none).
_LEARNER = StateRow.learner_id == bindparam("learner_id")
_NOT_SUSPENDED = StateRow.suspended.is_(False)
_DUE_TODAY = StateRow.due < bindparam("day_end")  # a review card is due at its day's start
_STUDIED = (CardState.LEARNING.value, CardState.REVIEW.value, CardState.RELEARNING.value)


def _deck_count(*conds: ColumnElement[bool]) -> ScalarSelect[int]:
    return select(func.count()).where(_LEARNER, StateRow.deck_id == DeckRow.id, *conds).scalar_subquery()


DECK_COUNTS = (
    select(
        DeckRow.id,
        DeckRow.title,
        _deck_count(),
        _deck_count(StateRow.state == CardState.NEW.value, _NOT_SUSPENDED),
        _deck_count(StateRow.state.in_(LEARNING_STATES), _NOT_SUSPENDED, _DUE_TODAY),
        _deck_count(StateRow.state == CardState.REVIEW.value, _NOT_SUSPENDED, _DUE_TODAY),
        _deck_count(StateRow.strong_until > bindparam("now")),
    )
    .where(DeckRow.archived.is_(False))
    .order_by(DeckRow.path, DeckRow.id)  # the deck files' order: new learners meet the basics first
)

ARCHIVED_STATES = (
    select(ItemRow.deck_id, StateRow.state, StateRow.suspended, StateRow.due, StateRow.strong_until)
    .join(StateRow, and_(StateRow.item_id == ItemRow.id, _LEARNER))
    .where(ItemRow.archived == true())  # `archived = 1` as written in the partial index, so it is used
)

COUNTS_SINCE = (
    select(ReviewRow.state_before, func.count())
    .where(
        ReviewRow.learner_id == bindparam("learner_id"),
        ReviewRow.reviewed_at >= bindparam("since"),
        ReviewRow.mode == Mode.STUDY.value,
    )
    .group_by(ReviewRow.state_before)
)


def counts_since(s: Session, learner_id: int, since: datetime) -> dict[str, int]:
    """Study-mode answers since ``since``, by the state the item was in before ('new', 'review', ...)."""
    rows = s.connection().execute(COUNTS_SINCE, {"learner_id": learner_id, "since": since})
    return {state: n for state, n in rows}


def archived_states(s: Session, learner_id: int) -> list[ArchivedState]:
    """The learner's state rows of archived items (which the counts over card_state take back out)."""
    rows = s.connection().execute(ARCHIVED_STATES, {"learner_id": learner_id})
    return [ArchivedState(*row) for row in rows]


def deck_counts(s: Session, learner_id: int, now: datetime, day_end: datetime) -> list[DeckCounts]:
    """Per active deck: items, new, in learning, reviews due this study day, and items recalled >= 90 %."""
    params = {"learner_id": learner_id, "now": now, "day_end": day_end}
    rows = s.connection().execute(DECK_COUNTS, params).all()
    return without_archived(rows, archived_states(s, learner_id), now, day_end)


def _windows(n: int) -> CTE:
    """``n`` time windows [lo_i, hi_i) as a table (i, lo, hi), from the parameters ``lo0``, ``hi0``, ...

    Counting over such a table runs one statement whatever the number of windows; each window is still an
    index range on the database side.
    """
    rows = [
        (i, bindparam(f"lo{i}", type_=UTCDateTime()), bindparam(f"hi{i}", type_=UTCDateTime()))
        for i in range(n)
    ]
    cols = (column("i", Integer), column("lo", UTCDateTime()), column("hi", UTCDateTime()))
    return values(*cols, name="w").data(rows).cte("w")


def window_params(windows: Sequence[tuple[datetime, datetime]]) -> dict[str, datetime]:
    """The parameters of a windows table for these (start, end) pairs."""
    params = {}
    for i, (lo, hi) in enumerate(windows):
        params[f"lo{i}"], params[f"hi{i}"] = lo, hi
    return params


def _studied_days(n: int) -> AnySelect:
    w = _windows(n)
    studied = exists().where(
        ReviewRow.learner_id == bindparam("learner_id"),
        ReviewRow.reviewed_at >= w.c.lo,
        ReviewRow.reviewed_at < w.c.hi,
        ReviewRow.mode == Mode.STUDY.value,
    )
    return select(w.c.i).where(studied)


STUDIED_DAYS = _studied_days(STREAK_CHUNK)


def studied_windows(s: Session, learner_id: int, windows: Sequence[tuple[datetime, datetime]]) -> list[bool]:
    """For each of up to STREAK_CHUNK windows, whether the learner answered anything in study mode in it."""
    padded = [*windows, *[windows[-1]] * (STREAK_CHUNK - len(windows))]
    params = {"learner_id": learner_id, **window_params(padded)}
    hits = {i for (i,) in run(s.connection(), STUDIED_DAYS, params)}
    return [i in hits for i in range(len(windows))]


_IS_REVIEW = ReviewRow.state_before == CardState.REVIEW.value


@cache
def _answer_counts(n: int) -> AnySelect:
    w = _windows(n)

    def count(*conds: ColumnElement[bool]) -> ScalarSelect[int]:
        in_window = (
            ReviewRow.learner_id == bindparam("learner_id"),
            ReviewRow.reviewed_at >= w.c.lo,
            ReviewRow.reviewed_at < w.c.hi,
            ReviewRow.mode == Mode.STUDY.value,
        )
        return select(func.count()).where(*in_window, *conds).scalar_subquery()

    # Three counts per window over the covering time index, rather than one join grouped by window: the
    # grouping sorted every review of the period first (240 ms for 12 weeks of 2,700 answers a day).
    return select(w.c.i, count(), count(_IS_REVIEW), count(_IS_REVIEW, ReviewRow.rating > 1))


def answer_counts(
    s: Session, learner_id: int, windows: Sequence[tuple[datetime, datetime]]
) -> list[tuple[int, int, int]]:
    """Per window [start, end): study answers, those to review-state items, and those passed (not Again).

    One statement for all the windows.
    """
    params = {"learner_id": learner_id, **window_params(windows)}
    out = [(0, 0, 0)] * len(windows)
    for i, n, reviews, passed in run(s.connection(), _answer_counts(len(windows)), params):
        out[i] = (int(n), int(reviews), int(passed))
    return out


@cache
def _due_counts(n: int) -> AnySelect:
    w = _windows(n)
    due = select(func.count()).where(
        _LEARNER,
        StateRow.deck_id.in_(select(DeckRow.id)),  # walks the deck index: one range per deck and state
        StateRow.state.in_(_STUDIED),
        _NOT_SUSPENDED,
        StateRow.due >= w.c.lo,
        StateRow.due < w.c.hi,
    )
    return select(w.c.i, due.scalar_subquery())


_EPOCH = datetime(1, 1, 2, tzinfo=UTC)


def due_counts(s: Session, learner_id: int, bounds: Sequence[datetime]) -> list[int]:
    """Active studied items falling due before ``bounds[0]``, then in each [bounds[i], bounds[i + 1])."""
    archived = sorted(
        a.due
        for a in archived_states(s, learner_id)
        if a.due is not None and a.state in _STUDIED and not a.suspended
    )
    windows = list(zip([_EPOCH, *bounds[:-1]], bounds, strict=True))
    params = {"learner_id": learner_id, **window_params(windows)}
    rows = run(s.connection(), _due_counts(len(windows)), params)
    counts: dict[int, int | None] = {i: n for i, n in rows}
    return [
        int(counts.get(i) or 0) - (bisect_left(archived, hi) - bisect_left(archived, lo))
        for i, (lo, hi) in enumerate(windows)
    ]


_MASTERY = (
    select(ItemRow.topic, ItemRow.evidence, _flag(StateRow.strong_until > bindparam("now")), func.count())
    .select_from(StateRow)
    .join(ItemRow, ItemRow.id == StateRow.item_id)
    .where(_LEARNER, ItemRow.archived.is_(False))
    .group_by(ItemRow.topic, ItemRow.evidence)
)


def mastery(
    s: Session, learner_id: int, now: datetime
) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    """(group, items recalled >= 90 % now, items) of active items per topic, and per evidence level."""
    topics: dict[str, list[int]] = {}
    levels: dict[str, list[int]] = {}
    for topic, evidence, strong, n in s.connection().execute(
        _MASTERY, {"learner_id": learner_id, "now": now}
    ):
        for groups, key in ((topics, topic), (levels, evidence)):
            counts = groups.setdefault(str(key), [0, 0])
            counts[0] += int(strong)
            counts[1] += int(n)
    return (
        [(g, c[0], c[1]) for g, c in sorted(topics.items())],
        [(g, c[0], c[1]) for g, c in sorted(levels.items())],
    )


_TOTAL_REVIEWS = (
    select(func.count())
    .select_from(ReviewRow)
    .where(ReviewRow.learner_id == bindparam("learner_id"), ReviewRow.mode == bindparam("mode"))
)


def total_reviews(s: Session, learner_id: int, mode: Mode = Mode.STUDY) -> int:
    """The learner's answers in ``mode``: study answers are what every count means; practice is apart."""
    params = {"learner_id": learner_id, "mode": mode.value}
    return int(s.connection().execute(_TOTAL_REVIEWS, params).scalar() or 0)


def study_histories(s: Session, learner_id: int) -> list[tuple[int, list[tuple[int, datetime]]]]:
    """Per item, its id and its study answers (rating, time) in order: the optimizer's input."""
    rows = s.execute(
        select(ReviewRow.item_id, ReviewRow.rating, ReviewRow.reviewed_at)
        .where(ReviewRow.learner_id == learner_id, ReviewRow.mode == Mode.STUDY.value)
        .order_by(ReviewRow.item_id, ReviewRow.seq)
    )
    out: dict[int, list[tuple[int, datetime]]] = {}
    for item_id, rating, at in rows:
        out.setdefault(item_id, []).append((rating, at))
    return list(out.items())
