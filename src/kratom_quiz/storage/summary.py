"""Aggregate queries: per-deck counts, days with reviews, due forecasts, mastery by group."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, and_, case, exists, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from kratom_quiz.domain.study import CardState, Mode
from kratom_quiz.storage.models import DeckRow, ItemRow, ReviewRow, StateRow


@dataclass(frozen=True, slots=True)
class DeckCounts:
    deck_id: str
    title: str
    total: int
    new: int
    learning: int
    review_due: int
    strong: int


def _flag(cond: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0).cast(Integer)


def deck_counts(s: Session, learner_id: int, now: datetime, day_end: datetime) -> list[DeckCounts]:
    """Per active deck: items, new, in learning, reviews due this study day, and items recalled >= 90 %."""
    active = and_(StateRow.suspended.is_(False))
    rows = s.execute(
        select(
            ItemRow.deck_id,
            func.count(),
            _flag(and_(active, StateRow.state == CardState.NEW.value)),
            _flag(
                and_(
                    active,
                    StateRow.state.in_([CardState.LEARNING.value, CardState.RELEARNING.value]),
                    StateRow.due <= day_end,
                )
            ),
            _flag(and_(active, StateRow.state == CardState.REVIEW.value, StateRow.due <= day_end)),
            _flag(StateRow.strong_until > now),
        )
        .join(StateRow, StateRow.item_id == ItemRow.id)
        .where(StateRow.learner_id == learner_id, ItemRow.archived.is_(False))
        .group_by(ItemRow.deck_id)
    ).all()
    by_deck = {r[0]: r for r in rows}
    decks = s.execute(
        select(DeckRow.id, DeckRow.title).where(DeckRow.archived.is_(False)).order_by(DeckRow.id)
    )
    out = []
    for deck_id, title in decks:
        r = by_deck.get(deck_id)
        if r is None:
            out.append(DeckCounts(deck_id, title, 0, 0, 0, 0, 0))
        else:
            out.append(DeckCounts(deck_id, title, r[1], r[2], r[3], r[4], r[5]))
    return out


def reviewed_between(s: Session, learner_id: int, start: datetime, end: datetime) -> bool:
    """Whether the learner answered anything in study mode in [start, end)."""
    return bool(
        s.scalar(
            select(
                exists().where(
                    ReviewRow.learner_id == learner_id,
                    ReviewRow.reviewed_at >= start,
                    ReviewRow.reviewed_at < end,
                    ReviewRow.mode == Mode.STUDY.value,
                )
            )
        )
    )


def answer_counts(s: Session, learner_id: int, start: datetime, end: datetime) -> tuple[int, int, int]:
    """Study answers in [start, end): all, those to review-state items, and those passed (not Again)."""
    is_review = ReviewRow.state_before == CardState.REVIEW.value
    row = s.execute(
        select(func.count(), _flag(is_review), _flag(and_(is_review, ReviewRow.rating > 1))).where(
            ReviewRow.learner_id == learner_id,
            ReviewRow.reviewed_at >= start,
            ReviewRow.reviewed_at < end,
            ReviewRow.mode == Mode.STUDY.value,
        )
    ).one()
    return int(row[0]), int(row[1]), int(row[2])


def due_count(s: Session, learner_id: int, before: datetime, since: datetime | None = None) -> int:
    """Active items already studied that fall due before ``before`` (and at or after ``since``)."""
    q = (
        select(func.count())
        .select_from(StateRow)
        .join(ItemRow, ItemRow.id == StateRow.item_id)
        .where(
            StateRow.learner_id == learner_id,
            StateRow.state.in_(
                [CardState.LEARNING.value, CardState.REVIEW.value, CardState.RELEARNING.value]
            ),
            StateRow.due < before,
            StateRow.suspended.is_(False),
            ItemRow.archived.is_(False),
        )
    )
    if since is not None:
        q = q.where(StateRow.due >= since)
    return int(s.scalar(q) or 0)


def mastery_by(s: Session, learner_id: int, column: str, now: datetime) -> list[tuple[str, int, int]]:
    """(group, items recalled >= 90 % now, items) per topic or evidence level of active items."""
    group = ItemRow.topic if column == "topic" else ItemRow.evidence
    rows = s.execute(
        select(group, _flag(StateRow.strong_until > now), func.count())
        .join(StateRow, StateRow.item_id == ItemRow.id)
        .where(StateRow.learner_id == learner_id, ItemRow.archived.is_(False))
        .group_by(group)
        .order_by(group)
    )
    return [(str(g), int(strong), int(n)) for g, strong, n in rows]


def total_reviews(s: Session, learner_id: int) -> int:
    return int(
        s.scalar(select(func.count()).select_from(ReviewRow).where(ReviewRow.learner_id == learner_id)) or 0
    )


def study_histories(s: Session, learner_id: int) -> list[list[tuple[int, datetime]]]:
    """Per item, its study answers (rating, time) in order: the optimizer's input."""
    rows = s.execute(
        select(ReviewRow.item_id, ReviewRow.rating, ReviewRow.reviewed_at)
        .where(ReviewRow.learner_id == learner_id, ReviewRow.mode == Mode.STUDY.value)
        .order_by(ReviewRow.item_id, ReviewRow.seq)
    )
    out: dict[int, list[tuple[int, datetime]]] = {}
    for item_id, rating, at in rows:
        out.setdefault(item_id, []).append((rating, at))
    return list(out.values())
