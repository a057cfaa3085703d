"""The rows behind the item report: every learner's first answer to each item, and the items themselves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kratom_quiz.domain.model import StudyItem
from kratom_quiz.storage.cardjson import card_from_json
from kratom_quiz.storage.models import ItemRow, ReviewRow

_RANKED = select(
    ReviewRow.learner_id,
    ReviewRow.item_id,
    ReviewRow.correct,
    ReviewRow.answer,
    func.row_number()
    .over(
        partition_by=(ReviewRow.learner_id, ReviewRow.item_id),
        order_by=(ReviewRow.reviewed_at, ReviewRow.seq),
    )
    .label("nth"),
).subquery()

FIRST_ANSWERS = select(_RANKED.c.learner_id, _RANKED.c.item_id, _RANKED.c.correct, _RANKED.c.answer).where(
    _RANKED.c.nth == 1
)
"""(learner, item, correct, answer text) of each learner's first answer to each item, in any mode."""


def first_answers(s: Session) -> Iterator[tuple[int, int, bool, str]]:
    """Every learner's first answer to every item they answered (as the connection may see them)."""
    # All rows in one fetch: row by row, the driver's per-fetch checks cost more than the rows (7,500 here).
    for learner_id, item_id, correct, answer in s.connection().execute(FIRST_ANSWERS).all():
        yield int(learner_id), int(item_id), bool(correct), str(answer or "")


def items(s: Session, deck_id: str | None) -> list[tuple[int, StudyItem]]:
    """The active items (of one deck, or all), in deck and file order, with their store ids."""
    query: Any = select(ItemRow.id, ItemRow.deck_id, ItemRow.card_id, ItemRow.ordinal, ItemRow.card_json)
    query = query.where(ItemRow.archived.is_(False)).order_by(ItemRow.deck_id, ItemRow.id)
    if deck_id is not None:
        query = query.where(ItemRow.deck_id == deck_id)
    cards: dict[tuple[str, str], Any] = {}
    out: list[tuple[int, StudyItem]] = []
    for iid, deck, card_id, ordinal, text in s.connection().execute(query):
        card = cards.get((deck, card_id)) or cards.setdefault(
            (deck, card_id), card_from_json(deck, card_id, text)
        )
        out.append((int(iid), StudyItem(card, int(ordinal))))
    return out
