"""Our scheduler answering the same reviews, reported in the oracle's terms (see anki_oracle.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from kratom_quiz.domain import optimizer
from kratom_quiz.domain.optimizer import Fit
from kratom_quiz.domain.scheduling import DEFAULT_PARAMETERS, NEW, Memory, Scheduler
from kratom_quiz.domain.study import CardState, Rating
from kratom_quiz.domain.studyday import StudyClock
from tests.differential.anki_oracle import Interval
from tests.differential.histories import Answer


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
        self.clock = StudyClock(zone, start_hour)
        self.scheduler = Scheduler(parameters, 0.9, fuzz=False)
        self.memory: dict[int, Memory] = {}

    def _due(self, memory: Memory, at: datetime) -> tuple[date | None, int | None]:
        """A review card's due study day, or a step's due second (its day when the step runs past today)."""
        assert memory.due is not None
        day = self.clock.day(memory.due)
        if memory.state is CardState.REVIEW or day > self.clock.day(at):
            return day, None
        return None, int(memory.due.timestamp())

    def review(self, card: int, rating: int, at: datetime) -> OurReview:
        memory = self.memory.get(card, NEW)
        intervals = {
            int(r): Interval(days=o.days)
            if o.days is not None
            else Interval(secs=round(o.wait.total_seconds()))
            for r, o in self.scheduler.outcomes(memory, at, self.clock).items()
        }
        after = self.memory[card] = self.scheduler.review(memory, Rating(rating), at, self.clock)
        assert after.stability is not None and after.difficulty is not None
        due_date, due_at = self._due(after, at)
        return OurReview(intervals, after.stability, after.difficulty, due_date, due_at)


def our_fit(
    answers: Sequence[Answer], zone: ZoneInfo, start_hour: int, *, anki_grid_at: datetime | None = None
) -> Fit:
    """Our optimizer on these answers (all of one learner), starting from the default parameters.

    With ``anki_grid_at``, each answer's day is counted as Anki's optimizer counts it when run at that
    time: whole 24-hour periods back from the next rollover (rslib RevlogEntry::days_elapsed).
    """
    clock = StudyClock(zone, start_hour)

    def day(at: datetime) -> date:
        if anki_grid_at is None:
            return clock.day(at)
        next_day = clock.day(anki_grid_at) + timedelta(days=1)
        return next_day - timedelta(days=1 + (clock.start(next_day) - at) // timedelta(days=1))

    histories: dict[int, list[optimizer.Answer]] = {}
    for a in answers:
        histories.setdefault(a.card, []).append(optimizer.Answer(a.rating, day(a.at), a.at))
    return optimizer.fit(list(histories.items()), DEFAULT_PARAMETERS)
