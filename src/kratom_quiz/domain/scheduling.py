"""Scheduling as Anki does it with FSRS-6: memory state, learning steps and whole-day intervals.

The API (all datetimes tz-aware; ``clock`` is the learner's ``StudyClock``: zone and day-start hour)::

    sched = Scheduler(parameters, desired_retention, fuzz=False)   # parameters None: FSRS-6 defaults
    after = sched.review(memory, Rating.GOOD, now, clock)           # Memory after answering at now
    outcome = sched.outcomes(memory, now, clock)[Rating.HARD]       # each rating's result, fuzz off:
    outcome.days                                                    #   whole study days to the next review
    outcome.memory.stability, outcome.memory.difficulty             #   (days None for a learning step)
    sched.replay([(rating, at), ...], clock, seed=item_id)          # the Memory a review log leads to
    sched.walk(...)                                                 # ... and every Memory on the way
    sched.preview(memory, now, clock)                               # (rating, interval) for the grade bar

``Memory.due`` is compared as ``due < end of today's study day`` for review cards (they are due at the start
of their day) and ``due <= now`` for steps. Memory states are kept at Anki's precision (f32; stability to 4
decimals, difficulty to 3, as Anki stores them), so long histories do not drift apart from Anki's.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
    step: timedelta | None = None
    """The length of the learning or relearning step it goes to (None for a review card)."""

    @property
    def shown_interval(self) -> timedelta:
        """The interval to show on the grade bar: whole days for a review card, else the step's length
        (the item may wait longer, until the next study day starts, when the step runs past the rollover)."""
        if self.days is not None:
            return timedelta(days=self.days)
        return self.step if self.step is not None else self.wait


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
        rating = Rating(rating)
        return self._outcomes(memory, now, clock, self._fuzz_draws(seed, memory), (rating,))[rating].memory

    def outcomes(self, memory: Memory, now: datetime, clock: StudyClock) -> dict[Rating, Outcome]:
        """What each rating would do if answered at ``now``, without fuzz."""
        return self._outcomes(memory, now, clock, None, tuple(Rating))

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
        return self.walk(reviews, clock, start=start, seed=seed)[-1]

    def walk(
        self,
        reviews: Iterable[tuple[Rating, datetime]],
        clock: StudyClock,
        *,
        start: Memory = NEW,
        seed: int = 0,
    ) -> list[Memory]:
        """The memory before each of these reviews, then the memory after the last."""
        memories = [start]
        for rating, at in reviews:
            memories.append(self.review(memories[-1], rating, at, clock, seed=seed))
        return memories

    # -- the rules ---------------------------------------------------------------------------------------

    def _fuzz_draws(self, seed: int, memory: Memory) -> tuple[float, float] | None:
        """Two numbers in [0, 1) (review fuzz, learning-step fuzz), fixed by the item and its review count."""
        if not self.fuzz:
            return None
        x = _mix64(seed * 1_000_003 + memory.reps)
        return (x >> 11) / 2.0**53, (_mix64(x) >> 11) / 2.0**53

    def _outcomes(
        self,
        m: Memory,
        now: datetime,
        clock: StudyClock,
        draws: tuple[float, float] | None,
        wanted: tuple[Rating, ...],
    ) -> dict[Rating, Outcome]:
        """The outcome of each ``wanted`` rating (computing only the memory states those need)."""
        if now.tzinfo is None:
            raise ValueError("scheduling needs a tz-aware datetime")
        w, dr, top = self._w, self.desired_retention, self.maximum_interval
        before: fsrs6.MemoryState | None = None
        elapsed = 0
        if m.state is not CardState.NEW and m.stability is not None and m.difficulty is not None:
            before = fsrs6.MemoryState(m.stability, m.difficulty)
            elapsed = 0 if m.last_review is None else clock.days_between(m.last_review, now)
        states: dict[Rating, fsrs6.MemoryState] = {}

        def state(r: Rating) -> fsrs6.MemoryState:
            found = states.get(r)
            if found is None:
                found = states[r] = fsrs6.step(w, before, int(r), elapsed)
            return found

        def ideal(r: Rating) -> float:
            return fsrs6.interval(w, state(r).stability, dr)

        factor = None if draws is None else draws[0]
        learn_factor = None if draws is None else draws[1]
        today = clock.day(now)

        def memory(r: Rating, kind: CardState, step: int | None, due: datetime, lapses: int) -> Memory:
            kept = fsrs6.stored(state(r))
            return Memory(kind, step, kept.stability, kept.difficulty, due, now, m.reps + 1, lapses)

        def graduate(r: Rating, days: int) -> Outcome:
            due = clock.start(today + timedelta(days=days))
            return Outcome(memory(r, CardState.REVIEW, None, due, m.lapses), days, due - now)

        def to_step(r: Rating, kind: CardState, index: int, seconds: int, lapses: int) -> Outcome:
            due = self._step_due(now, clock, today, seconds, learn_factor)
            return Outcome(memory(r, kind, index, due, lapses), None, due - now, timedelta(seconds=seconds))

        out: dict[Rating, Outcome] = {}
        if m.state is CardState.REVIEW:
            if Rating.AGAIN in wanted:
                out[Rating.AGAIN] = to_step(
                    Rating.AGAIN, CardState.RELEARNING, 0, _seconds(RELEARNING_STEPS[0]), m.lapses + 1
                )
            if any(r is not Rating.AGAIN for r in wanted):
                passing = (Rating.HARD, Rating.GOOD, Rating.EASY)
                ideals = (ideal(Rating.HARD), ideal(Rating.GOOD), ideal(Rating.EASY))
                each = intervals.review_intervals(ideals, m.interval_days(clock), top, factor)
                out.update((r, graduate(r, d)) for r, d in zip(passing, each, strict=True) if r in wanted)
            return out
        learning = m.state is not CardState.RELEARNING
        steps = LEARNING_STEPS if learning else RELEARNING_STEPS
        kind = CardState.LEARNING if learning else CardState.RELEARNING
        index = 0 if m.state is CardState.NEW or m.step is None else min(max(m.step, 0), len(steps) - 1)
        for r in wanted:
            if r is Rating.AGAIN:
                out[r] = to_step(r, kind, 0, _seconds(steps[0]), m.lapses)
            elif r is Rating.HARD:
                out[r] = to_step(r, kind, index, _hard_delay(steps, index), m.lapses)
            elif r is Rating.GOOD and index + 1 < len(steps):
                out[r] = to_step(r, kind, index + 1, _seconds(steps[index + 1]), m.lapses)
            elif r is Rating.GOOD:
                days = intervals.fuzzed(max(intervals.round_half_up(ideal(r)), 1), 1, top, factor)
                out[r] = graduate(r, days)
            else:  # Easy graduates at once, at least a day beyond Good's graduating interval
                good = intervals.fuzzed(ideal(Rating.GOOD), 1, top, factor)
                days = intervals.fuzzed(max(intervals.round_half_up(ideal(r)), 1), good + 1, top, factor)
                out[r] = graduate(r, days)
        return out

    @staticmethod
    def _step_due(
        now: datetime, clock: StudyClock, today: date, seconds: int, learn_factor: float | None
    ) -> datetime:
        """When a step of ``seconds`` ends: a step that runs past the next rollover waits for a later
        study day's start instead (Anki's day-learning); otherwise Anki adds up to 25 % (at most 5 min)."""
        to_rollover = int((clock.start(today + timedelta(days=1)) - now).total_seconds())
        if seconds >= to_rollover:
            days = (seconds - to_rollover) // _DAY_SECONDS + 1
            return clock.start(today + timedelta(days=days))
        if learn_factor is not None:
            upper = seconds + min(math.floor(seconds * 0.25), _LEARNING_FUZZ_MAX_SECONDS)
            seconds = math.floor(seconds + learn_factor * (upper - seconds))
        return now + timedelta(seconds=seconds)


def _mix64(x: int) -> int:
    """SplitMix64's finaliser: a cheap, well-spread 64-bit hash (fuzz needs repeatable, not secret, draws)."""
    x = (x + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return x ^ (x >> 31)


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
