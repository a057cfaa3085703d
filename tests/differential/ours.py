"""Our scheduler answering the same reviews, reported in the oracle's terms (see anki_oracle.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from kratom_quiz.domain.scheduling import NEW, Memory, Scheduler
from kratom_quiz.domain.study import CardState, Rating
from kratom_quiz.domain.studyday import study_day
from tests.differential.anki_oracle import Interval


@dataclass(frozen=True, slots=True)
class OurReview:
    intervals: dict[int, Interval]
    stability: float
    difficulty: float
    due_date: date | None
    due_at: int | None


class OurLearner:
    """Every card's memory for one learner, answered with fuzz off."""

    def __init__(self, zone: ZoneInfo, parameters: tuple[float, ...], start_hour: int = 4) -> None:
        self.zone = zone
        self.start_hour = start_hour
        self.scheduler = Scheduler(parameters, 0.9, fuzz=False)
        self.memory: dict[int, Memory] = {}

    def _outcome(self, memory: Memory, at: datetime) -> tuple[Interval, date | None, int | None]:
        assert memory.due is not None
        if memory.state is CardState.REVIEW:
            due = study_day(memory.due, self.zone, self.start_hour)
            days = (due - study_day(at, self.zone, self.start_hour)).days
            return Interval(days=days), due, None
        return Interval(secs=round((memory.due - at).total_seconds())), None, int(memory.due.timestamp())

    def review(self, card: int, rating: int, at: datetime) -> OurReview:
        memory = self.memory.get(card, NEW)
        intervals = {int(r): self._outcome(self.scheduler.review(memory, r, at), at)[0] for r in Rating}
        after = self.memory[card] = self.scheduler.review(memory, Rating(rating), at)
        assert after.stability is not None and after.difficulty is not None
        _, due_date, due_at = self._outcome(after, at)
        return OurReview(intervals, after.stability, after.difficulty, due_date, due_at)
