"""Read-only views of progress: deck summaries, today's totals, statistics."""

from __future__ import annotations

from datetime import datetime

from kratom_quiz.domain import today as domain_today
from kratom_quiz.domain.model import StudyItem
from kratom_quiz.domain.study import BrowseRow, ItemKey, ReviewEntry
from kratom_quiz.domain.today import Today
from kratom_quiz.services import studyqueue
from kratom_quiz.services.context import learner_day
from kratom_quiz.storage import Database, progress
from kratom_quiz.storage import browse as storage_browse
from kratom_quiz.storage.cardjson import card_from_json


def today(db: Database, learner_id: int, now: datetime) -> Today:
    """Each active deck's counts for today (new and due capped by the daily limits), totals and streak."""
    hot = db.hot()
    with hot.read():  # from the study cache: today's counters and the past streak days are kept
        cache = studyqueue.cache_for(db, hot, learner_id, now)
        source = studyqueue.CachedToday(hot, cache)
        return domain_today.today(source, learner_id, cache.day.settings, cache.day.zone, now)


def streak(db: Database, learner_id: int, now: datetime) -> int:
    """Consecutive study days with answers, up to today (today may still be empty without breaking it).

    Past days are read once per study day (the study cache keeps them); today's from its counters.
    """
    hot = db.hot()
    with hot.read():
        cache = studyqueue.cache_for(db, hot, learner_id, now)
        source, day = studyqueue.CachedToday(hot, cache), cache.day
        return domain_today.streak(source, learner_id, now, day.zone, day.settings.day_start_hour)


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
            recall = day.scheduler.retrievability(m, now, day.clock)
            rows.append(BrowseRow(
                key=item.key, question=item.question, kind=b.kind, topic=b.topic, evidence=b.evidence,
                state=m.state, due=m.due, reps=m.reps, lapses=m.lapses, leech=b.progress.leech,
                suspended=b.progress.suspended, retrievability=recall,
            ))  # fmt: skip
        return rows


def card_history(db: Database, learner_id: int, key: ItemKey) -> list[ReviewEntry]:
    """Every answer the learner gave to this item, oldest first."""
    with db.read() as s:
        return storage_browse.history(s, learner_id, progress.item_id(s, key))
