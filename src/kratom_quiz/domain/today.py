"""Today's view for a learner: per-deck counts within the daily limits, totals and streak.

The arithmetic lives here once; the numbers come from a ``TodaySource``. Two stores implement it: the
SQLAlchemy session (every use case) and a plain ``sqlite3`` reader that shows the first home screen before
SQLAlchemy has finished importing (``storage.quick``). Tests hold the two to the same answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from functools import cache
from typing import Protocol

from kratom_quiz.domain.study import CardState, DayTotals, DeckSummary, LearnerSettings
from kratom_quiz.domain.studyday import day_bounds, day_start, study_day

STREAK_CHUNK = 64
"""Study days one streak query looks at (the store's statement has this many windows)."""

LEARNING_STATES = (CardState.LEARNING.value, CardState.RELEARNING.value)


@dataclass(frozen=True, slots=True)
class DeckCounts:
    """An active deck's items, new items, learning and review items due this study day, strong items."""

    deck_id: str
    title: str
    total: int
    new: int
    learning: int
    review_due: int
    strong: int


@dataclass(frozen=True, slots=True)
class ArchivedState:
    """A learner's state of an item whose card left its deck file (the counts take these back out)."""

    deck_id: str
    state: str
    suspended: bool
    due: datetime | None
    strong_until: datetime | None


def without_archived(
    rows: Iterable[tuple[str, str, int, int, int, int, int]],
    archived: Iterable[ArchivedState],
    now: datetime,
    day_end: datetime,
) -> list[DeckCounts]:
    """Deck counts taken over every state row (``rows``), minus the rows of archived items.

    Counting over the learner's state rows alone walks one index; joining the items to skip archived ones
    cost 100 ms at 100,000 items, and there are usually none.
    """
    gone: dict[str, list[int]] = {}
    for a in archived:
        due_today = a.due is not None and a.due < day_end and not a.suspended
        flags = (
            True,
            a.state == CardState.NEW.value and not a.suspended,
            a.state in LEARNING_STATES and due_today,
            a.state == CardState.REVIEW.value and due_today,
            a.strong_until is not None and a.strong_until > now,
        )
        totals = gone.setdefault(a.deck_id, [0] * 5)
        for i, flag in enumerate(flags):
            totals[i] += int(flag)
    out = []
    for deck_id, title, *counts in rows:
        minus = gone.get(deck_id, [0] * 5)
        out.append(DeckCounts(deck_id, title, *(int(c or 0) - m for c, m in zip(counts, minus, strict=True))))
    return out


def daily_left(settings: LearnerSettings, done: dict[str, int]) -> tuple[int, int]:
    """(new items, reviews) still allowed today, given today's study answers by the item's state before."""
    new_left = max(0, settings.new_per_day - done.get(CardState.NEW.value, 0))
    reviews_left = max(0, settings.reviews_per_day - done.get(CardState.REVIEW.value, 0))
    return new_left, reviews_left


class TodaySource(Protocol):
    """The queries behind today's view."""

    def counts_since(self, learner_id: int, since: datetime) -> dict[str, int]:
        """Study answers since ``since``, by the item's state before the answer."""
        ...

    def deck_counts(self, learner_id: int, now: datetime, day_end: datetime) -> list[DeckCounts]:
        """Each active deck's counts, in deck-file order."""
        ...

    def studied(self, learner_id: int, windows: Sequence[tuple[datetime, datetime]]) -> list[bool]:
        """For each window [start, end) (at most ``STREAK_CHUNK``), whether any study answer falls in it."""
        ...


@dataclass(frozen=True, slots=True)
class Today:
    """What the home screen shows: each deck's counts and the day's totals."""

    decks: list[DeckSummary]
    totals: DayTotals


def streak(source: TodaySource, learner_id: int, now: datetime, zone: tzinfo, hour: int) -> int:
    """Consecutive study days with answers, up to today (today may still be empty without breaking it)."""

    def studied(asked: Mapping[int, Sequence[tuple[datetime, datetime]]]) -> dict[int, list[bool]]:
        return {lid: source.studied(lid, windows) for lid, windows in asked.items()}

    return streaks(studied, {learner_id: (zone, hour)}, now)[learner_id]


StudiedWindows = Callable[[Mapping[int, Sequence[tuple[datetime, datetime]]]], Mapping[int, Sequence[bool]]]
"""For each learner's windows [start, end), whether any study answer of theirs falls in each."""


def streaks(
    studied: StudiedWindows, clocks: Mapping[int, tuple[tzinfo, int]], now: datetime
) -> dict[int, int]:
    """Each learner's streak (as ``streak``), for learners with their (time zone, day-start hour).

    ``studied`` is asked about the next STREAK_CHUNK days of every learner whose streak is still unbroken,
    all at once: a class's streaks cost a statement per 64 days of the longest streak, not per learner.
    """
    today = {lid: study_day(now, zone, hour) for lid, (zone, hour) in clocks.items()}
    start = cache(day_start)  # most of a class shares a clock: each day's start is worked out once
    counts = dict.fromkeys(clocks, 0)
    going = dict(today)  # learner -> the latest study day not looked at yet
    while going:
        days = {lid: [d - timedelta(days=back) for back in range(STREAK_CHUNK)] for lid, d in going.items()}
        asked = {}
        for lid, d in going.items():
            zone, hour = clocks[lid]
            starts = [start(x, zone, hour) for x in (d + timedelta(days=1), *days[lid])]
            asked[lid] = list(zip(starts[1:], starts[:-1], strict=True))
        flags = studied(asked)
        unbroken = {}
        for lid, looked in days.items():
            for x, hit in zip(looked, flags[lid], strict=True):
                if hit:
                    counts[lid] += 1
                elif x != today[lid]:  # today may still be empty without breaking it
                    break
            else:
                unbroken[lid] = going[lid] - timedelta(days=STREAK_CHUNK)
        going = unbroken
    return counts


def today(
    source: TodaySource, learner_id: int, settings: LearnerSettings, zone: tzinfo, now: datetime
) -> Today:
    """Each deck's counts capped by what the daily limits still allow, the day's totals and the streak."""
    start, end = day_bounds(now, zone, settings.day_start_hour)
    done = source.counts_since(learner_id, start)
    new_left, reviews_left = daily_left(settings, done)
    counts = source.deck_counts(learner_id, now, end)
    decks = [
        DeckSummary(
            deck_id=c.deck_id,
            title=c.title,
            total=c.total,
            new=min(c.new, new_left),
            learning=c.learning,
            due=min(c.review_due, reviews_left),
            mastery=c.strong / c.total if c.total else 0.0,
        )
        for c in counts
    ]
    totals = DayTotals(
        reviewed=sum(done.values()),
        new_left=min(new_left, sum(c.new for c in counts)),
        due_left=min(reviews_left, sum(c.review_due for c in counts)) + sum(c.learning for c in counts),
        streak=streak(source, learner_id, now, zone, settings.day_start_hour),
    )
    return Today(decks, totals)
