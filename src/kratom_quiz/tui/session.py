"""The tally of one study or practice session: what was answered, how well, and how long it took."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from kratom_quiz.domain.study import ItemKey, Mode, TopicScore, score_by_topic
from kratom_quiz.tui.text import plural


@dataclass(frozen=True, slots=True)
class Answered:
    """One answer given in the session."""

    key: ItemKey
    topic: str
    correct: bool
    duration_ms: int
    review_id: str = ""  # what undo asks the store to take back: this session's answers, never another's


@dataclass
class SessionTally:
    """Answers of one session, in order; undo removes the last one."""

    mode: Mode = Mode.STUDY
    deck_id: str | None = None
    answers: list[Answered] = field(default_factory=list)
    next_due: datetime | None = None
    left_ungraded: int = 0  # answers shown, then left without a grade when the learner quit: not saved

    def add(self, answered: Answered) -> None:
        """Count one answer."""
        self.answers.append(answered)

    @property
    def review_ids(self) -> list[str]:
        """The ids of this session's saved answers, oldest first."""
        return [a.review_id for a in self.answers if a.review_id]

    def undo(self) -> Answered | None:
        """Forget the last answer (after the store undid it)."""
        return self.answers.pop() if self.answers else None

    @property
    def done(self) -> int:
        """How many answers were given."""
        return len(self.answers)

    @property
    def right(self) -> int:
        """How many of them were right."""
        return sum(a.correct for a in self.answers)

    @property
    def accuracy(self) -> float:
        """Share of right answers, 0 when nothing was answered."""
        return self.right / self.done if self.done else 0.0

    @property
    def time_ms(self) -> int:
        """Time spent answering."""
        return sum(a.duration_ms for a in self.answers)

    def saved_line(self) -> str:
        """What the session saved, e.g. 'Saved 3 answers; 1 answer was left ungraded and not saved.'."""
        line = f"Saved {plural(self.done, 'answer')}"
        if self.left_ungraded:
            line += f"; {plural(self.left_ungraded, 'answer')} left ungraded (not saved, still due)"
        return line + "."

    def by_topic(self) -> list[TopicScore]:
        """Scores per topic, in the order topics were first met."""
        return score_by_topic((a.topic, a.correct) for a in self.answers)
