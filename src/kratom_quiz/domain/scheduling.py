"""Scheduling as Anki does it with FSRS-6: memory state, learning steps and whole-day intervals.

The API (all datetimes tz-aware; ``clock`` is the learner's ``StudyClock``: zone and day-start hour)::

    sched = Scheduler(parameters, desired_retention, fuzz=False)   # parameters None: FSRS-6 defaults
    after = sched.review(memory, Rating.GOOD, now, clock)           # Memory after answering at now
    outcome = sched.outcomes(memory, now, clock)[Rating.HARD]       # each rating's result, fuzz off:
    outcome.days                                                    #   whole study days to the next review
    outcome.memory.stability, outcome.memory.difficulty             #   (days None for a learning step)
    sched.replay([(rating, at), ...], clock)                        # the Memory a review log leads to

Time model (see ``domain/studyday.py``): elapsed days between two reviews are study days passed (rollovers
at the day-start hour in the learner's zone), which is what FSRS's weights are fitted on. A review card is
due on a study day: ``Memory.due`` holds the instant that day starts, so a daylight-saving change between
now and then cannot move it (``Memory.due_day(clock)`` gives the day back). Learning and relearning steps
are due at an instant, or at the start of a later study day when the step runs past the next rollover.

On top of FSRS-6 (``domain/fsrs6.py``) come Anki's rules (``domain/intervals.py``): a review's Hard, Good
and Easy are whole days with Good >= Hard + 1 and Easy >= Good + 1; a passing review never gets less than
the previous interval while that still lies in the new interval's fuzz range; Easy from (re)learning is at
least Good + 1; stability is capped at 36,500 days. Same-day answers (0 study days elapsed) update the memory
with FSRS-6's short-term stability formula. Learning steps 1m, 10m; relearning step 10m: Again goes to the
first step, Hard repeats the step (the first of two steps waits their average, a single step 1.5 times it),
Good moves on and graduates after the last step, Easy graduates at once.

Fuzz (``fuzz=True``) is drawn from ``seed`` (the item id) and the review count, so replaying a log with the
same seed gives the same intervals. Known differences from Anki, by design: Anki counts elapsed days as whole
24-hour periods to its next rollover, which around a daylight-saving change can differ by one from the study
days passed; its fuzz comes from a different random generator.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import fsrs

from kratom_quiz.domain import fsrs6, intervals
from kratom_quiz.domain.study import CardState, Rating
from kratom_quiz.domain.studyday import StudyClock

DEFAULT_PARAMETERS: tuple[float, ...] = fsrs6.DEFAULT_PARAMETERS
LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
RELEARNING_STEPS = (timedelta(minutes=10),)
MAXIMUM_INTERVAL_DAYS = 36500
LEECH_LAPSES = 8
"""An item is flagged a leech when its lapse count reaches this."""

_DAY_SECONDS = 86_400
_LEARNING_FUZZ_MAX_SECONDS = 300


@dataclass(frozen=True, slots=True)
class Memory:
    """The scheduling state of one item for one learner.

    ``step`` is the index of the current learning or relearning step. ``due`` is when the item is next due:
    for a review card, the start of its due study day.
    """

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

    def due_day(self, clock: StudyClock) -> date | None:
        """The study day the item is due on."""
        return None if self.due is None else clock.day(self.due)

    def interval_days(self, clock: StudyClock) -> int:
        """A review card's current interval: study days from its last review to its due day (else 0)."""
        if self.state is not CardState.REVIEW or self.due is None or self.last_review is None:
            return 0
        return max(0, (clock.day(self.due) - clock.day(self.last_review)).days)

    def shown_interval(self, now: datetime, clock: StudyClock) -> timedelta:
        """The interval to show after an answer at ``now``: whole days for a review card, else the wait."""
        if self.state is CardState.REVIEW:
            return timedelta(days=self.interval_days(clock))
        return timedelta(0) if self.due is None else self.due - now


NEW = Memory()


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one rating would do: the memory after it and how long until the item is due again."""

    memory: Memory
    days: int | None
    """Whole study days until the next review when the item is (or becomes) a review card, else None."""
    wait: timedelta
    """From the answer until the item is due (a review card: until its due study day starts)."""

    @property
    def shown_interval(self) -> timedelta:
        """The interval to show the learner: whole days for a review card, the wait for a step."""
        return self.wait if self.days is None else timedelta(days=self.days)


def valid_parameters(parameters: Sequence[float]) -> bool:
    """Whether FSRS accepts these weights (count and bounds)."""
    try:
        fsrs.Scheduler(parameters=parameters)
    except ValueError:
        return False
    return True


class Scheduler:
    """Anki's answer rules over FSRS-6, counting time in the learner's study days."""

    def __init__(
        self,
        parameters: Sequence[float] | None = None,
        desired_retention: float = 0.9,
        *,
        fuzz: bool = True,
        maximum_interval: int = MAXIMUM_INTERVAL_DAYS,
    ) -> None:
        self._w = tuple(float(p) for p in parameters) if parameters else DEFAULT_PARAMETERS
        if len(self._w) != len(DEFAULT_PARAMETERS):
            raise ValueError(f"FSRS-6 needs {len(DEFAULT_PARAMETERS)} parameters, got {len(self._w)}")
        self.desired_retention = desired_retention
        self.fuzz = fuzz
        self.maximum_interval = max(1, maximum_interval)

    @property
    def parameters(self) -> tuple[float, ...]:
        return self._w

    def review(
        self, memory: Memory, rating: Rating, now: datetime, clock: StudyClock, *, seed: int = 0
    ) -> Memory:
        """The memory after answering ``rating`` at ``now`` (fuzzed when the scheduler fuzzes)."""
        return self._answer(memory, Rating(rating), now, clock, self._fuzz_draws(seed, memory)).memory

    def outcomes(self, memory: Memory, now: datetime, clock: StudyClock) -> dict[Rating, Outcome]:
        """What each rating would do if answered at ``now``, without fuzz."""
        return {r: self._answer(memory, r, now, clock, None) for r in Rating}

    def preview(
        self, memory: Memory, now: datetime, clock: StudyClock
    ) -> tuple[tuple[Rating, timedelta], ...]:
        """The interval each rating would give, as the grade bar shows it (whole days for review cards)."""
        return tuple((r, o.shown_interval) for r, o in self.outcomes(memory, now, clock).items())

    def retrievability(self, memory: Memory, now: datetime, clock: StudyClock) -> float:
        """The predicted probability of recalling the item at ``now`` (0 for a new item)."""
        if memory.state is CardState.NEW or memory.stability is None or memory.last_review is None:
            return 0.0
        elapsed = clock.days_between(memory.last_review, now)
        return fsrs6.retrievability(self._w, elapsed, max(memory.stability, fsrs6.S_MIN))

    def replay(
        self,
        reviews: Iterable[tuple[Rating, datetime]],
        clock: StudyClock,
        *,
        start: Memory = NEW,
        seed: int = 0,
    ) -> Memory:
        """The memory an item ends with after these reviews, in order (the same as answering them live)."""
        memory = start
        for rating, at in reviews:
            memory = self.review(memory, rating, at, clock, seed=seed)
        return memory

    # -- the rules ---------------------------------------------------------------------------------------

    def _fuzz_draws(self, seed: int, memory: Memory) -> tuple[float, float] | None:
        """Two numbers in [0, 1) (review fuzz, learning-step fuzz), fixed by the item and its review count."""
        if not self.fuzz:
            return None
        rng = random.Random(seed * 1_000_003 + memory.reps)
        return rng.random(), rng.random()

    def _answer(
        self, m: Memory, rating: Rating, now: datetime, clock: StudyClock, draws: tuple[float, float] | None
    ) -> Outcome:
        if now.tzinfo is None:
            raise ValueError("scheduling needs a tz-aware datetime")
        w, dr = self._w, self.desired_retention
        before: fsrs6.MemoryState | None = None
        elapsed = 0
        if m.state is not CardState.NEW and m.stability is not None and m.difficulty is not None:
            before = fsrs6.MemoryState(m.stability, m.difficulty)
            elapsed = 0 if m.last_review is None else clock.days_between(m.last_review, now)
        states = {r: fsrs6.step(w, before, int(r), elapsed) for r in Rating}
        ideal = {r: fsrs6.interval(w, states[r].stability, dr) for r in Rating}
        factor = None if draws is None else draws[0]
        learn_factor = None if draws is None else draws[1]
        after = replace(
            m,
            stability=states[rating].stability,
            difficulty=states[rating].difficulty,
            last_review=now,
            reps=m.reps + 1,
        )
        top = self.maximum_interval

        def graduate(days: int) -> Outcome:
            due = clock.start(clock.day(now) + timedelta(days=days))
            return Outcome(replace(after, state=CardState.REVIEW, step=None, due=due), days, due - now)

        def to_step(state: CardState, index: int, seconds: int) -> Outcome:
            due = self._step_due(now, clock, seconds, learn_factor)
            return Outcome(replace(after, state=state, step=index, due=due), None, due - now)

        def easy_days() -> int:
            good = intervals.fuzzed(ideal[Rating.GOOD], 1, top, factor)
            return intervals.fuzzed(
                max(intervals.round_half_up(ideal[Rating.EASY]), 1), good + 1, top, factor
            )

        if m.state is CardState.REVIEW:
            if rating is Rating.AGAIN:
                after = replace(after, lapses=m.lapses + 1)
                return to_step(CardState.RELEARNING, 0, _seconds(RELEARNING_STEPS[0]))
            days = intervals.review_intervals(
                (ideal[Rating.HARD], ideal[Rating.GOOD], ideal[Rating.EASY]),
                m.interval_days(clock),
                top,
                factor,
            )
            return graduate(days[int(rating) - 2])
        learning = m.state is not CardState.RELEARNING
        steps = LEARNING_STEPS if learning else RELEARNING_STEPS
        kind = CardState.LEARNING if learning else CardState.RELEARNING
        index = 0 if m.state is CardState.NEW or m.step is None else min(max(m.step, 0), len(steps) - 1)
        if rating is Rating.AGAIN:
            return to_step(kind, 0, _seconds(steps[0]))
        if rating is Rating.HARD:
            return to_step(kind, index, _hard_delay(steps, index))
        if rating is Rating.GOOD:
            if index + 1 < len(steps):
                return to_step(kind, index + 1, _seconds(steps[index + 1]))
            return graduate(
                intervals.fuzzed(max(intervals.round_half_up(ideal[Rating.GOOD]), 1), 1, top, factor)
            )
        return graduate(easy_days())

    @staticmethod
    def _step_due(now: datetime, clock: StudyClock, seconds: int, learn_factor: float | None) -> datetime:
        """When a step of ``seconds`` ends: a step that runs past the next rollover waits for a later
        study day's start instead (Anki's day-learning); otherwise Anki adds up to 25 % (at most 5 min)."""
        today = clock.day(now)
        to_rollover = int((clock.start(today + timedelta(days=1)) - now).total_seconds())
        if seconds >= to_rollover:
            days = (seconds - to_rollover) // _DAY_SECONDS + 1
            return clock.start(today + timedelta(days=days))
        if learn_factor is not None:
            upper = seconds + min(math.floor(seconds * 0.25), _LEARNING_FUZZ_MAX_SECONDS)
            seconds = math.floor(seconds + learn_factor * (upper - seconds))
        return now + timedelta(seconds=seconds)


def _seconds(step: timedelta) -> int:
    return int(step.total_seconds())


def _hard_delay(steps: Sequence[timedelta], index: int) -> int:
    """Hard repeats the current step; on the first step it waits between Again and Good, as Anki does."""
    current = _seconds(steps[index])
    if index > 0:
        return current
    if len(steps) > 1:
        return _round_days((current + _seconds(steps[1])) // 2)
    return _round_days(min(current * 3 // 2, current + _DAY_SECONDS))


def _round_days(seconds: int) -> int:
    if seconds > _DAY_SECONDS:
        return round(seconds / _DAY_SECONDS) * _DAY_SECONDS
    return seconds
