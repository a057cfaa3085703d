"""FSRS scheduling: the only module that imports ``fsrs``."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import fsrs

from kratom_quiz.domain.study import CardState, Rating

DEFAULT_PARAMETERS: tuple[float, ...] = tuple(fsrs.scheduler.DEFAULT_PARAMETERS)
LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
RELEARNING_STEPS = (timedelta(minutes=10),)
MAXIMUM_INTERVAL_DAYS = 36500
LEECH_LAPSES = 8
"""An item is flagged a leech when its lapse count reaches this."""

_TO_FSRS = {
    CardState.LEARNING: fsrs.State.Learning,
    CardState.REVIEW: fsrs.State.Review,
    CardState.RELEARNING: fsrs.State.Relearning,
}
_FROM_FSRS = {v: k for k, v in _TO_FSRS.items()}


@dataclass(frozen=True, slots=True)
class Memory:
    """The scheduling state of one item for one learner."""

    state: CardState = CardState.NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0

    @property
    def strong_until(self) -> datetime | None:
        """When predicted recall falls below 90 %.

        FSRS defines stability as the number of days after which recall drops to 90 %, and computes
        retrievability from whole elapsed days, so recall stays >= 90 % while elapsed days <= stability.
        """
        if self.last_review is None or self.stability is None:
            return None
        return self.last_review + timedelta(days=math.floor(self.stability) + 1)


NEW = Memory()


def valid_parameters(parameters: Sequence[float]) -> bool:
    """Whether FSRS accepts these weights (count and bounds)."""
    try:
        fsrs.Scheduler(parameters=parameters)
    except ValueError:
        return False
    return True


class Scheduler:
    """Reviews items with FSRS; all datetimes tz-aware UTC."""

    def __init__(
        self,
        parameters: Sequence[float] | None = None,
        desired_retention: float = 0.9,
        *,
        fuzz: bool = True,
        maximum_interval: int = MAXIMUM_INTERVAL_DAYS,
    ) -> None:
        kwargs = {
            "parameters": tuple(parameters) if parameters else DEFAULT_PARAMETERS,
            "desired_retention": desired_retention,
            "learning_steps": LEARNING_STEPS,
            "relearning_steps": RELEARNING_STEPS,
            "maximum_interval": maximum_interval,
        }
        self._fsrs = fsrs.Scheduler(**kwargs, enable_fuzzing=fuzz)  # type: ignore[arg-type]
        # Previews show the plain interval: fuzz is a random nudge the learner need not see.
        self._plain = fsrs.Scheduler(**kwargs, enable_fuzzing=False)  # type: ignore[arg-type]

    @property
    def parameters(self) -> tuple[float, ...]:
        return tuple(self._fsrs.parameters)

    def review(self, memory: Memory, rating: Rating, now: datetime) -> Memory:
        """The memory after answering ``rating`` at ``now``."""
        return self._review(self._fsrs, memory, rating, now)

    def preview(self, memory: Memory, now: datetime) -> tuple[tuple[Rating, timedelta], ...]:
        """The interval each rating would give if answered at ``now``."""
        out = []
        for rating in Rating:
            after = self._review(self._plain, memory, rating, now)
            assert after.due is not None
            out.append((rating, after.due - now))
        return tuple(out)

    def retrievability(self, memory: Memory, now: datetime) -> float:
        """The predicted probability of recalling the item at ``now`` (0 for a new item)."""
        if memory.state is CardState.NEW:
            return 0.0
        return float(self._fsrs.get_card_retrievability(_to_card(memory), _utc(now)))

    def replay(self, reviews: Iterable[tuple[Rating, datetime]], start: Memory = NEW) -> Memory:
        """The memory an item ends with after these reviews, in order (fuzz must be off to match)."""
        memory = start
        for rating, at in reviews:
            memory = self.review(memory, rating, at)
        return memory

    @staticmethod
    def _review(sched: fsrs.Scheduler, memory: Memory, rating: Rating, now: datetime) -> Memory:
        card, _ = sched.review_card(_to_card(memory), fsrs.Rating(int(rating)), _utc(now))
        lapsed = memory.state is CardState.REVIEW and rating is Rating.AGAIN
        return replace(
            memory,
            state=_FROM_FSRS[card.state],
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=card.due,
            last_review=card.last_review,
            reps=memory.reps + 1,
            lapses=memory.lapses + (1 if lapsed else 0),
        )


def _utc(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("scheduling needs a tz-aware datetime")
    return at.astimezone(UTC)


def _to_card(memory: Memory) -> fsrs.Card:
    if memory.state is CardState.NEW:
        # card_id given so fsrs does not derive one from the clock (and sleep a millisecond).
        return fsrs.Card(card_id=0, state=fsrs.State.Learning, step=0, due=datetime(1970, 1, 1, tzinfo=UTC))
    return fsrs.Card(
        card_id=0,
        state=_TO_FSRS[memory.state],
        step=memory.step,
        stability=memory.stability,
        difficulty=memory.difficulty,
        due=memory.due,
        last_review=None if memory.last_review is None else _utc(memory.last_review),
    )
