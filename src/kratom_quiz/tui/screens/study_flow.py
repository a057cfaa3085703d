"""The database tasks of a study session, run in workers: the next card, how many are left, practice picks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kratom_quiz.domain.model import StudyItem
from kratom_quiz.domain.study import DayTotals, DeckSummary, DueCard

if TYPE_CHECKING:
    from kratom_quiz.services import Database


@dataclass(frozen=True, slots=True)
class Loaded:
    """The next card to show (None when the session is over) and how many cards are left after it."""

    due: DueCard | None
    left: int


def remaining(totals: DayTotals, summaries: list[DeckSummary], deck_id: str | None) -> int:
    """Cards still to study today, counting the one about to be shown."""
    if deck_id is None:
        return totals.new_left + totals.due_left
    deck = next((s for s in summaries if s.deck_id == deck_id), None)
    if deck is None:
        return 0
    return deck.new + deck.learning + deck.due


def load_next_task(learner_id: int, now: datetime, deck_id: str | None) -> Callable[[Database], Loaded]:
    """A task that finds the next due card of one deck (or all) and counts what is left."""

    def task(db: Database) -> Loaded:
        from kratom_quiz import services

        due = services.next_card(db, learner_id, now, deck_id=deck_id)
        if due is None:
            return Loaded(None, 0)
        totals = services.day_totals(db, learner_id, now)
        summaries = services.deck_summaries(db, learner_id, now) if deck_id else []
        return Loaded(due, max(1, remaining(totals, summaries, deck_id)))

    return task


def practice_task(
    learner_id: int, count: int, deck_ids: tuple[str, ...], topics: tuple[str, ...]
) -> Callable[[Database], list[StudyItem]]:
    """A task that picks ``count`` practice questions from the chosen decks or topics."""

    def task(db: Database) -> list[StudyItem]:
        from kratom_quiz import services

        return services.practice_items(db, learner_id, count, deck_ids=deck_ids, topics=topics)

    return task
