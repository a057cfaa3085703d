"""Random learner histories answered through Anki, each review at a time a real learner might pick.

A history is built as it is answered: a card comes back at (or around) the time Anki scheduled it, so the
reviews look like real study, with the edge cases mixed in on purpose: next-morning reviews at an earlier
clock time than the last one, late-night reviews that still belong to the previous study day, same-day
relearning, reviews days late and days early, and cards started just before a daylight-saving change.
Seeded, so every run answers the same reviews.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tests.differential.anki_oracle import AnkiOracle, AnkiReview

RATING_WEIGHTS = {1: 15, 2: 10, 3: 60, 4: 15}


@dataclass(frozen=True, slots=True)
class Answer:
    """One review of one card, and what Anki made of it."""

    card: int
    rating: int
    at: datetime
    anki: AnkiReview


def transitions(zone: ZoneInfo, start: date, end: date) -> list[date]:
    """The local dates on which the zone's UTC offset changes."""
    out = []
    day = start
    while day < end:
        before = datetime.combine(day, time(0), tzinfo=zone).utcoffset()
        after = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).utcoffset()
        if before != after:
            out.append(day)
        day += timedelta(days=1)
    return out


def local_instant(day: date, hour: int, minute: int, zone: ZoneInfo, rng: random.Random) -> datetime:
    """The UTC instant of a local wall time: either one if it happens twice, an hour on if it is skipped."""
    second = rng.randint(0, 59)
    wall = datetime.combine(day, time(hour, minute, second), tzinfo=zone).replace(fold=rng.randint(0, 1))
    at = wall.astimezone(UTC)
    if at.astimezone(zone).replace(tzinfo=None) != wall.replace(tzinfo=None):
        at = (wall + timedelta(hours=1)).astimezone(UTC)  # a skipped time (spring forward)
    return at


class Learner:
    """One learner in one zone, studying ``cards`` cards in Anki between ``start`` and ``end``."""

    def __init__(
        self,
        oracle: AnkiOracle,
        rng: random.Random,
        *,
        cards: int,
        start: date,
        end: date,
        rollover: int = 4,
    ) -> None:
        self.oracle = oracle
        self.rng = rng
        self.zone = oracle.zone
        self.rollover = rollover
        self.end = datetime.combine(end, time(0), tzinfo=self.zone)
        # Half the cards start within a few days of a daylight-saving change, so intervals straddle it.
        changes = transitions(self.zone, start, end)
        self.queue: list[tuple[datetime, int]] = []
        for card in range(cards):
            if changes and rng.random() < 0.5:
                day = rng.choice(changes) + timedelta(days=rng.randint(-6, 1))
            else:
                day = start + timedelta(days=rng.randint(0, (end - start).days - 60))
            heapq.heappush(self.queue, (self.clock_time(day), card))

    def allowed(self, hour: int) -> bool:
        return self.oracle.fuzz or hour not in (2, 3)

    def clock_time(self, day: date) -> datetime:
        """A time in study day ``day``: mostly daytime, sometimes late at night (the next calendar date)."""
        rng = self.rng
        hours = [h for h in range(24) if self.allowed(h)]
        late_night = [h for h in range(self.rollover) if self.allowed(h)]
        if rng.random() < 0.15:
            hour = rng.choice(late_night)
        elif rng.random() < 0.1:
            hour = self.rollover  # just after the day starts
        else:
            hour = rng.choice([h for h in hours if h >= self.rollover])
        calendar = day + timedelta(days=1) if hour < self.rollover else day
        return local_instant(calendar, hour, rng.randint(0, 59), self.zone, rng)

    def next_time(self, now: datetime, anki: AnkiReview) -> datetime:
        rng = self.rng
        if anki.due_at is not None:  # a (re)learning step: minutes, sometimes hours, sometimes next day
            due = datetime.fromtimestamp(anki.due_at, UTC)
            roll = rng.random()
            if roll < 0.75:
                at = due + timedelta(seconds=rng.randint(0, 900))
            elif roll < 0.9:
                at = due + timedelta(minutes=rng.randint(30, 600))
            else:
                today = self.study_day(now)
                at = self.clock_time(today + timedelta(days=1))
            if not self.allowed(at.astimezone(self.zone).hour):
                at = local_instant(at.astimezone(self.zone).date(), 4, rng.randint(0, 59), self.zone, rng)
        else:
            assert anki.due_date is not None
            today = self.study_day(now)
            interval = (anki.due_date - today).days
            roll = rng.random()
            if roll < 0.6 or interval <= 1:
                day = anki.due_date
            elif roll < 0.8:
                day = anki.due_date + timedelta(days=rng.randint(1, max(1, interval)))
            else:
                day = today + timedelta(days=rng.randint(1, interval - 1))
            at = self.clock_time(day)
        return max(at, now + timedelta(minutes=1))

    def study_day(self, at: datetime) -> date:
        local = at.astimezone(self.zone)
        return local.date() - timedelta(days=1) if local.hour < self.rollover else local.date()

    def answers(self) -> Iterator[Answer]:
        """Answer the earliest due review across all cards, until every card's next review is past the end."""
        while self.queue:
            at, card = heapq.heappop(self.queue)
            if at >= self.end:
                continue
            rating = self.rng.choices(list(RATING_WEIGHTS), weights=list(RATING_WEIGHTS.values()))[0]
            anki = self.oracle.review(card, rating, at)
            yield Answer(card, rating, at, anki)
            heapq.heappush(self.queue, (self.next_time(at, anki), card))
