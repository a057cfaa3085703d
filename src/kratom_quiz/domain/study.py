"""Value objects of studying: learners, ratings, due cards, review results, summaries and stats."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import IntEnum, StrEnum

from kratom_quiz.domain.model import StudyItem
from kratom_quiz.domain.studyday import local_zone

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


LEARNER_NAME_MAX = 40
MAX_NEW_PER_DAY = 9999
MAX_REVIEWS_PER_DAY = 99999


def learner_name(raw: str) -> str:
    """A learner name as stored (runs of whitespace made one space); ValueError when it cannot be one."""
    name = " ".join(raw.split())
    if not name or not name.isprintable() or len(name) > LEARNER_NAME_MAX:
        raise ValueError(f"a learner name must be 1 to {LEARNER_NAME_MAX} printable characters")
    return name


def settings_problem(st: LearnerSettings) -> str | None:
    """Why these settings cannot be saved, or None: the one set of rules for the CLI and the TUI."""
    if not 0.7 <= st.desired_retention <= 0.99:
        return "desired retention goes from 0.70 to 0.99"
    if not (0 <= st.new_per_day <= MAX_NEW_PER_DAY and 0 <= st.reviews_per_day <= MAX_REVIEWS_PER_DAY):
        return f"daily limits go from 0 to {MAX_NEW_PER_DAY} new cards and {MAX_REVIEWS_PER_DAY} reviews"
    if not 0 <= st.day_start_hour <= 23:
        return "the study day starts at an hour from 0 to 23"
    try:
        local_zone(st.timezone)
    except ValueError as exc:
        return str(exc)
    return None


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
    """Study answers, as every other count (home, per-day table, plain summary) counts them."""
    practice_answers: int = 0
    """Practice-quiz answers, counted apart: they never touch the schedule."""


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
    """Right answers out of all answers for one topic, in a study session or a practice quiz."""

    topic: str
    right: int
    total: int

    @property
    def accuracy(self) -> float:
        """Share of right answers, 0 when nothing was answered."""
        return self.right / self.total if self.total else 0.0


def score_by_topic(answers: Iterable[tuple[str, bool]]) -> list[TopicScore]:
    """Right answers per topic from (topic, right) pairs, topics in first-asked order."""
    totals: dict[str, list[int]] = {}
    for topic, right in answers:
        t = totals.setdefault(topic, [0, 0])
        t[0] += int(right)
        t[1] += 1
    return [TopicScore(topic, r, n) for topic, (r, n) in totals.items()]


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
    """The weights scheduling uses from now on (the current ones when the fitted ones were no better)."""
    adopted: bool = True
    """Whether the fitted weights were kept: only when their log loss is lower than the current weights'."""
