"""An in-memory stand-in for kratom_quiz.services, used until the store lands (and for failure tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from kratom_quiz.domain.model import Deck, StudyItem, study_items
from kratom_quiz.domain.study import (
    CardState,
    DayTotals,
    DeckSummary,
    DueCard,
    ItemKey,
    Learner,
    LearnerSettings,
    Rating,
    ReviewResult,
    Stats,
    SyncReport,
)

INTERVALS = {
    Rating.AGAIN: timedelta(minutes=1),
    Rating.HARD: timedelta(minutes=6),
    Rating.GOOD: timedelta(days=1),
    Rating.EASY: timedelta(days=4),
}


@dataclass
class FakeDb:
    items: dict[ItemKey, StudyItem] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    learners: list[Learner] = field(default_factory=list)
    settings: dict[int, LearnerSettings] = field(default_factory=dict)
    due: dict[tuple[int, ItemKey], datetime] = field(default_factory=dict)
    reviews: list[tuple[int, ItemKey, Rating, str]] = field(default_factory=list)
    suspended: set[tuple[int, ItemKey]] = field(default_factory=set)


class FakeServices:
    def __init__(self) -> None:
        self.db = FakeDb()

    def open_database(self, url: str) -> FakeDb:
        return self.db

    def sync_decks(self, db: FakeDb, decks: list[Deck]) -> SyncReport:
        for deck in decks:
            db.titles[deck.id] = deck.title
            for card in deck.cards:
                for item in study_items(card):
                    db.items[item.key] = item
        return SyncReport(added=len(db.items))

    def list_learners(self, db: FakeDb) -> list[Learner]:
        return list(db.learners)

    def add_learner(self, db: FakeDb, name: str) -> Learner:
        learner = Learner(len(db.learners) + 1, name)
        db.learners.append(learner)
        return learner

    def get_settings(self, db: FakeDb, learner_id: int) -> LearnerSettings:
        return db.settings.get(learner_id, LearnerSettings())

    def save_settings(self, db: FakeDb, learner_id: int, settings: LearnerSettings) -> None:
        db.settings[learner_id] = settings

    def _due_now(self, db: FakeDb, learner_id: int, now: datetime, deck_id: str | None) -> list[ItemKey]:
        return [
            k
            for k in db.items
            if (deck_id is None or k[0] == deck_id)
            and (learner_id, k) not in db.suspended
            and db.due.get((learner_id, k), now) <= now
        ]

    def next_card(
        self, db: FakeDb, learner_id: int, now: datetime, *, deck_id: str | None = None
    ) -> DueCard | None:
        keys = self._due_now(db, learner_id, now, deck_id)
        if not keys:
            return None
        key = keys[0]
        reps = sum(1 for r in db.reviews if r[0] == learner_id and r[1] == key)
        return DueCard(
            db.items[key],
            CardState.NEW if not reps else CardState.REVIEW,
            None,
            reps,
            0,
            False,
            tuple(INTERVALS.items()),
        )

    def record_review(
        self,
        db: FakeDb,
        learner_id: int,
        key: ItemKey,
        rating: Rating,
        *,
        now: datetime,
        mode: Any = None,
        review_id: str | None = None,
        **_: Any,
    ) -> ReviewResult:
        db.reviews.append((learner_id, key, rating, str(mode)))
        due = now + INTERVALS[rating]
        if str(mode) != "practice":
            db.due[(learner_id, key)] = due
        return ReviewResult(review_id or "", key, rating, CardState.REVIEW, due, INTERVALS[rating], 0, False)

    def undo_last(self, db: FakeDb, learner_id: int) -> ItemKey | None:
        for i in range(len(db.reviews) - 1, -1, -1):
            if db.reviews[i][0] == learner_id:
                _, key, _, _ = db.reviews.pop(i)
                db.due.pop((learner_id, key), None)
                return key
        return None

    def set_suspended(self, db: FakeDb, learner_id: int, key: ItemKey, suspended: bool) -> None:
        (db.suspended.add if suspended else db.suspended.discard)((learner_id, key))

    def day_totals(self, db: FakeDb, learner_id: int, now: datetime) -> DayTotals:
        return DayTotals(len(db.reviews), len(self._due_now(db, learner_id, now, None)), 0, 0)

    def deck_summaries(self, db: FakeDb, learner_id: int, now: datetime) -> list[DeckSummary]:
        out = []
        for deck_id, title in db.titles.items():
            due = len(self._due_now(db, learner_id, now, deck_id))
            total = sum(1 for k in db.items if k[0] == deck_id)
            out.append(DeckSummary(deck_id, title, total, due, 0, 0, 0.25))
        return out

    def practice_items(self, db: FakeDb, learner_id: int, count: int, **_: Any) -> list[StudyItem]:
        return list(db.items.values())[:count]

    def stats(self, db: FakeDb, learner_id: int, now: datetime) -> Stats:
        today = now.date()
        days = tuple((date.fromordinal(today.toordinal() + i), i % 5) for i in range(30))
        return Stats(
            days, ((today, 0.9, 12),), days, (("alkaloids", 0.5, 4),), (("definition", 0.7, 3),), 2, 40
        )

    def install(self, monkeypatch: Any) -> None:
        from kratom_quiz import services

        for name in dir(self):
            if not name.startswith("_") and name not in ("db", "install"):
                monkeypatch.setattr(services, name, getattr(self, name), raising=False)
