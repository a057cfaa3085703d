"""The card browser's queries: items with a learner's progress, and one item's answer history."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kratom_quiz.domain.study import CardState, Mode, Rating, ReviewEntry
from kratom_quiz.storage.models import ItemRow, ReviewRow, StateRow
from kratom_quiz.storage.progress import Progress, _progress


@dataclass(frozen=True, slots=True)
class BrowsedItem:
    item_id: int
    deck_id: str
    card_id: str
    ordinal: int
    kind: str
    topic: str
    evidence: str
    card_json: str
    progress: Progress


def browse(
    s: Session,
    learner_id: int,
    *,
    query: str = "",
    leeches_only: bool = False,
    suspended_only: bool = False,
    topic: str | None = None,
    evidence: str | None = None,
    limit: int = 1000,
) -> list[BrowsedItem]:
    """Active items matching the filters; ``query`` matches the prompt, card id or topic, ignoring case."""
    q = (
        select(ItemRow, StateRow)
        .join(StateRow, StateRow.item_id == ItemRow.id)
        .where(StateRow.learner_id == learner_id, ItemRow.archived.is_(False))
    )
    if query:
        pattern = f"%{query.lower()}%"
        q = q.where(
            or_(
                func.lower(ItemRow.prompt).like(pattern),
                func.lower(ItemRow.card_id).like(pattern),
                func.lower(ItemRow.topic).like(pattern),
            )
        )
    if leeches_only:
        q = q.where(StateRow.leech.is_(True))
    if suspended_only:
        q = q.where(StateRow.suspended.is_(True))
    if topic is not None:
        q = q.where(ItemRow.topic == topic)
    if evidence is not None:
        q = q.where(ItemRow.evidence == evidence)
    q = q.order_by(ItemRow.deck_id, ItemRow.id).limit(limit)
    return [
        BrowsedItem(
            i.id, i.deck_id, i.card_id, i.ordinal, i.kind, i.topic, i.evidence, i.card_json, _progress(st)
        )
        for i, st in s.execute(q)
    ]


def history(s: Session, learner_id: int, item_id: int) -> list[ReviewEntry]:
    """Every logged answer to the item, oldest first (practice answers included)."""
    rows = s.scalars(
        select(ReviewRow)
        .where(ReviewRow.learner_id == learner_id, ReviewRow.item_id == item_id)
        .order_by(ReviewRow.seq)
    )
    return [
        ReviewEntry(
            review_id=r.id,
            reviewed_at=r.reviewed_at,
            rating=Rating(r.rating),
            suggested=None if r.suggested is None else Rating(r.suggested),
            answer=r.answer,
            correct=r.correct,
            duration_ms=r.duration_ms,
            mode=Mode(r.mode),
            state_before=CardState(r.state_before),
        )
        for r in rows
    ]
