"""Read-only views of progress: deck summaries, today's totals, statistics."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from kratom_quiz.domain.model import StudyItem
from kratom_quiz.domain.study import BrowseRow, DayTotals, DeckSummary, ItemKey, ReviewEntry
from kratom_quiz.domain.studyday import day_start, study_day
from kratom_quiz.services.context import LearnerDay, learner_day
from kratom_quiz.services.study import daily_left
from kratom_quiz.storage import Database, progress, summary
from kratom_quiz.storage import browse as storage_browse
from kratom_quiz.storage.cardjson import card_from_json


def deck_summaries(db: Database, learner_id: int, now: datetime) -> list[DeckSummary]:
    """Each active deck's counts for today; new and due are capped by what the daily limits still allow."""
    with db.read() as s:
        day = learner_day(db, s, learner_id, now)
        new_left, reviews_left = daily_left(s, day)
        return [
            DeckSummary(
                deck_id=c.deck_id,
                title=c.title,
                total=c.total,
                new=min(c.new, new_left),
                learning=c.learning,
                due=min(c.review_due, reviews_left),
                mastery=c.strong / c.total if c.total else 0.0,
            )
            for c in summary.deck_counts(s, learner_id, now, day.end)
        ]


def streak(s: Session, day: LearnerDay) -> int:
    """Consecutive study days with answers, up to today (today may still be empty without breaking it)."""
    today = study_day(day.now, day.zone, day.settings.day_start_hour)
    hour = day.settings.day_start_hour

    def studied(d: date) -> bool:
        return summary.reviewed_between(
            s, day.learner_id, day_start(d, day.zone, hour), day_start(d + timedelta(days=1), day.zone, hour)
        )

    count = 1 if studied(today) else 0
    d = today - timedelta(days=1)
    while studied(d):
        count += 1
        d -= timedelta(days=1)
    return count


def day_totals(db: Database, learner_id: int, now: datetime) -> DayTotals:
    """Answers given today, new items and due reviews left today, and the streak."""
    with db.read() as s:
        day = learner_day(db, s, learner_id, now)
        new_left, reviews_left = daily_left(s, day)
        counts = summary.deck_counts(s, learner_id, now, day.end)
        done = sum(progress.counts_since(s, learner_id, day.start).values())
        return DayTotals(
            reviewed=done,
            new_left=min(new_left, sum(c.new for c in counts)),
            due_left=min(reviews_left, sum(c.review_due for c in counts)) + sum(c.learning for c in counts),
            streak=streak(s, day),
        )


def browse(
    db: Database,
    learner_id: int,
    now: datetime,
    *,
    query: str = "",
    leeches_only: bool = False,
    suspended_only: bool = False,
    topic: str | None = None,
    evidence: str | None = None,
) -> list[BrowseRow]:
    """Items with the learner's progress, filtered as the card browser asks."""
    with db.read() as s:
        day = learner_day(db, s, learner_id, now)
        found = storage_browse.browse(
            s,
            learner_id,
            query=query,
            leeches_only=leeches_only,
            suspended_only=suspended_only,
            topic=topic,
            evidence=evidence,
        )
        rows = []
        for b in found:
            item = StudyItem(card_from_json(b.deck_id, b.card_id, b.card_json), b.ordinal)
            m = b.progress.memory
            rows.append(BrowseRow(
                key=item.key, question=item.question, kind=b.kind, topic=b.topic, evidence=b.evidence,
                state=m.state, due=m.due, reps=m.reps, lapses=m.lapses, leech=b.progress.leech,
                suspended=b.progress.suspended, retrievability=day.scheduler.retrievability(m, now),
            ))  # fmt: skip
        return rows


def card_history(db: Database, learner_id: int, key: ItemKey) -> list[ReviewEntry]:
    """Every answer the learner gave to this item, oldest first."""
    with db.read() as s:
        return storage_browse.history(s, learner_id, progress.item_id(s, key))
