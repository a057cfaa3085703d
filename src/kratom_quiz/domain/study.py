"""Value objects of studying: learners, ratings, due cards, review results, summaries and stats."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import IntEnum, StrEnum

from kratom_quiz.domain.model import StudyItem

ItemKey = tuple[str, str, int]
"""(deck id, card id, cloze ordinal or 0): how a study item is identified everywhere."""


class Rating(IntEnum):
    """The learner's grade of one answer, as in Anki and FSRS."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        """'Again', 'Hard', 'Good' or 'Easy'."""
        return self.name.capitalize()


class Mode(StrEnum):
    """Whether a review feeds the scheduler (study) or not (practice)."""

    STUDY = "study"
    PRACTICE = "practice"


class CardState(StrEnum):
    """Where an item is in its life with one learner."""

    NEW = "new"
    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"


@dataclass(frozen=True, slots=True)
class Learner:
    """One person studying in this database."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class LearnerSettings:
    """A learner's study preferences."""

    desired_retention: float = 0.9
    new_per_day: int = 20
    reviews_per_day: int = 200
    day_start_hour: int = 4
    theme: str = "textual-dark"
    timezone: str | None = None
    """IANA zone the study day follows (e.g. "Europe/Berlin"); None means the system's local zone."""


@dataclass(frozen=True, slots=True)
class Grade:
    """The app's verdict on an answer and the rating it suggests (the learner may override it)."""

    correct: bool
    score: float
    suggested: Rating
    feedback: str = ""


@dataclass(frozen=True, slots=True)
class DueCard:
    """An item to show now, with its state and the next interval each rating would give."""

    item: StudyItem
    state: CardState
    due: datetime | None
    reps: int
    lapses: int
    leech: bool
    intervals: tuple[tuple[Rating, timedelta], ...]

    def interval(self, rating: Rating) -> timedelta:
        """The interval until the next review if the learner answers ``rating`` now."""
        return dict(self.intervals)[rating]


@dataclass(frozen=True, slots=True)
class ReviewResult:
    """What recording one answer did."""

    review_id: str
    key: ItemKey
    rating: Rating
    state: CardState
    due: datetime
    interval: timedelta
    lapses: int
    became_leech: bool


@dataclass(frozen=True, slots=True)
class DeckSummary:
    """A deck's counts for one learner today."""

    deck_id: str
    title: str
    total: int
    new: int
    learning: int
    due: int
    mastery: float


@dataclass(frozen=True, slots=True)
class DayTotals:
    """Today's totals for a learner, for the home screen."""

    reviewed: int
    new_left: int
    due_left: int
    streak: int


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What a deck sync changed."""

    added: int = 0
    updated: int = 0
    archived: int = 0
    restored: int = 0
    unchanged: int = 0


@dataclass(frozen=True, slots=True)
class Stats:
    """A learner's statistics."""

    reviews_per_day: tuple[tuple[date, int], ...]
    retention_by_week: tuple[tuple[date, float | None, int], ...]
    forecast: tuple[tuple[date, int], ...]
    mastery_by_topic: tuple[tuple[str, float, int], ...]
    mastery_by_evidence: tuple[tuple[str, float, int], ...]
    streak: int
    total_reviews: int


@dataclass(frozen=True, slots=True)
class BrowseRow:
    """One item in the card browser, with the learner's progress on it."""

    key: ItemKey
    question: str
    kind: str
    topic: str
    evidence: str
    state: CardState
    due: datetime | None
    reps: int
    lapses: int
    leech: bool
    suspended: bool
    retrievability: float


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """One logged answer to an item, for its history."""

    review_id: str
    reviewed_at: datetime
    rating: Rating
    suggested: Rating | None
    answer: str
    correct: bool
    duration_ms: int
    mode: Mode
    state_before: CardState


@dataclass(frozen=True, slots=True)
class TopicScore:
    """How a practice quiz went for one topic."""

    topic: str
    correct: int
    total: int

    @property
    def share(self) -> float:
        return self.correct / self.total if self.total else 0.0


def score_by_topic(answers: Sequence[tuple[StudyItem, bool]]) -> list[TopicScore]:
    """Right answers per topic of a practice quiz, topics in first-asked order."""
    totals: dict[str, list[int]] = {}
    for item, correct in answers:
        t = totals.setdefault(item.card.topic, [0, 0])
        t[0] += int(correct)
        t[1] += 1
    return [TopicScore(topic, c, n) for topic, (c, n) in totals.items()]


@dataclass(frozen=True, slots=True)
class OptimizeReport:
    """What fitting a learner's FSRS weights did."""

    reviews: int
    items: int
    old_log_loss: float
    new_log_loss: float
    old_rmse: float
    new_rmse: float
    parameters: tuple[float, ...]
