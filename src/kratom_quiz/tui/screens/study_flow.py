"""The study session's pieces without Textual: hints, the pending answer, and the tasks its workers run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kratom_quiz.domain.model import CardKind, StudyItem
from kratom_quiz.domain.study import DayTotals, DeckSummary, DueCard, Grade, Mode, Rating, ReviewResult

if TYPE_CHECKING:
    from kratom_quiz.services import Database


KIND_HINTS: dict[CardKind, str] = {
    CardKind.MCQ: "Press the number of your answer (or ↑↓ and Enter).",
    CardKind.MULTI: "Tick every right answer with its number (or ↑↓ and space), then press Enter.",
    CardKind.TRUEFALSE: "Press t for true or f for false.",
    CardKind.TYPED: "Type your answer and press Enter.",
    CardKind.CLOZE: "Type the missing words and press Enter.",
    CardKind.BASIC: "Think of the answer, then press space to see the back.",
}


@dataclass(frozen=True, slots=True)
class Pending:
    """An answer waiting to be saved; its review id makes a retried save count once."""

    item: StudyItem
    grade: Grade
    answer: str
    duration_ms: int
    review_id: str


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
        today = services.today(db, learner_id, now)
        return Loaded(due, max(1, remaining(today.totals, today.decks, deck_id)))

    return task


def practice_task(
    learner_id: int, count: int, deck_ids: tuple[str, ...], topics: tuple[str, ...]
) -> Callable[[Database], list[StudyItem]]:
    """A task that picks ``count`` practice questions from the chosen decks or topics."""

    def task(db: Database) -> list[StudyItem]:
        from kratom_quiz import services

        return services.practice_items(db, learner_id, count, deck_ids=deck_ids, topics=topics)

    return task


def record_task(
    learner_id: int, pending: Pending, rating: Rating, correct: bool, now: datetime, mode: Mode
) -> Callable[[Database], ReviewResult]:
    """A task that saves one answer (its review id makes a retry after a failure count once)."""

    def task(db: Database) -> ReviewResult:
        from kratom_quiz import services

        return services.record_review(
            db,
            learner_id,
            pending.item.key,
            rating,
            now=now,
            suggested=pending.grade.suggested,
            answer=pending.answer,
            correct=correct,
            duration_ms=pending.duration_ms,
            mode=mode,
            review_id=pending.review_id,
        )

    return task
