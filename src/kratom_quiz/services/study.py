"""Studying: the next card, recording and undoing answers, suspending, practice quizzes."""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from kratom_quiz.domain import today
from kratom_quiz.domain.model import StudyItem
from kratom_quiz.domain.scheduling import LEECH_LAPSES
from kratom_quiz.domain.study import CardState, DueCard, ItemKey, Mode, Rating, ReviewResult
from kratom_quiz.services.context import LearnerDay, learner_day
from kratom_quiz.storage import Database, progress, summary
from kratom_quiz.storage.progress import LoggedReview, Queued

LEARN_AHEAD = timedelta(minutes=20)
"""When nothing else is left, learning steps due within this are shown early (as Anki does)."""

LEARNING = (CardState.LEARNING, CardState.RELEARNING)
_TICK = timedelta(microseconds=1)
"""The finest step stored times take: ``due <= end - _TICK`` is ``due < end``."""


def daily_left(s: Session, day: LearnerDay) -> tuple[int, int]:
    """(new items, reviews) the learner may still do this study day."""
    return today.daily_left(day.settings, summary.counts_since(s, day.learner_id, day.start))


def _pick(s: Session, day: LearnerDay, deck_id: str | None) -> Queued | None:
    lid, now = day.learner_id, day.now
    found = progress.first_due(s, lid, LEARNING, now, now, deck_id=deck_id)
    if found is not None:
        return found
    new_left, reviews_left = daily_left(s, day)
    bury = day.start  # a cloze deletion waits for tomorrow once a sibling was studied today
    if reviews_left > 0:
        # A review card is due on a study day (its due is that day's start): due today if before tomorrow.
        found = progress.first_due(
            s, lid, (CardState.REVIEW,), day.end - _TICK, now, deck_id=deck_id, bury_since=bury
        )
        if found is not None:
            return found
    if new_left > 0:
        found = progress.first_new(s, lid, now, deck_id=deck_id, bury_since=bury)
        if found is not None:
            return found
    return progress.first_due(s, lid, LEARNING, now + LEARN_AHEAD, now, deck_id=deck_id)


def next_card(db: Database, learner_id: int, now: datetime, *, deck_id: str | None = None) -> DueCard | None:
    """The item to study now (learning steps due, then reviews, then new items), or None when done."""
    with db.read() as s:
        day = learner_day(db, s, learner_id, now)
        found = _pick(s, day, deck_id)
        if found is None:
            return None
        m = found.progress.memory
        return DueCard(
            item=found.item,
            state=m.state,
            due=m.due,
            reps=m.reps,
            lapses=m.lapses,
            leech=found.progress.leech,
            intervals=day.scheduler.preview(m, now, day.clock),
        )


def record_review(
    db: Database,
    learner_id: int,
    key: ItemKey,
    rating: Rating,
    *,
    now: datetime,
    suggested: Rating | None,
    answer: str,
    correct: bool,
    duration_ms: int,
    mode: Mode = Mode.STUDY,
    review_id: str | None = None,
) -> ReviewResult:
    """Log one answer and (in study mode) reschedule its item; the same ``review_id`` twice is a no-op."""
    rating = Rating(rating)
    with db.write() as s:
        if review_id is not None:
            logged = progress.find_review(s, review_id)
            if logged is not None:
                return _result_of(s, learner_id, logged)
        rid = review_id or str(uuid.uuid4())
        before = progress.progress_of(s, learner_id, key)
        iid = before.item_id
        draft = progress.ReviewDraft(
            id=rid, learner_id=learner_id, item_id=iid, rating=int(rating),
            suggested=None if suggested is None else int(suggested), answer=answer, correct=correct,
            reviewed_at=now, duration_ms=max(0, int(duration_ms)), mode=Mode(mode), before=before,
        )  # fmt: skip
        if mode is Mode.PRACTICE:
            progress.add_review(s, draft, changes_state=False)
            m = before.memory
            return ReviewResult(rid, key, rating, m.state, m.due or now, timedelta(0), m.lapses, False)
        day = learner_day(db, s, learner_id, now)
        memory = day.scheduler.review(before.memory, rating, now, day.clock, seed=iid)
        leech = before.leech or memory.lapses >= LEECH_LAPSES
        progress.put_progress(s, learner_id, replace(before, memory=memory, leech=leech))
        progress.add_review(s, draft, changes_state=True)
        assert memory.due is not None
        return ReviewResult(
            rid,
            key,
            rating,
            memory.state,
            memory.due,
            memory.shown_interval(now, day.clock),
            memory.lapses,
            leech and not before.leech,
        )


def _result_of(s: Session, learner_id: int, logged: LoggedReview) -> ReviewResult:
    """The result of an answer already saved (a retried save)."""
    now = progress.get_progress(s, learner_id, logged.item_id)
    m = now.memory
    due = m.due or logged.reviewed_at
    became = logged.before is not None and not logged.before.leech and now.leech
    return ReviewResult(
        logged.id,
        logged.key,
        Rating(logged.rating),
        m.state,
        due,
        due - logged.reviewed_at if logged.mode is Mode.STUDY else timedelta(0),
        m.lapses,
        became,
    )


def undo_last(db: Database, learner_id: int) -> ItemKey | None:
    """Take back the learner's latest answer: restore the item's earlier state exactly, delete the log row.

    Returns the key of the item whose answer was undone, or None when there is nothing to undo.
    """
    with db.write() as s:
        logged = progress.last_review(s, learner_id)
        if logged is None:
            return None
        if logged.before is not None:
            progress.put_progress(s, learner_id, logged.before)
        progress.delete_review(s, logged.id)
        return logged.key


def set_suspended(db: Database, learner_id: int, key: ItemKey, suspended: bool) -> None:
    """Take an item out of (or back into) the learner's study rotation; its history is kept."""
    with db.write() as s:
        iid = progress.item_id(s, key)
        progress.get_progress(s, learner_id, iid)
        progress.set_suspended(s, learner_id, iid, suspended)


def practice_items(
    db: Database,
    learner_id: int,
    count: int,
    *,
    deck_ids: Sequence[str] = (),
    topics: Sequence[str] = (),
    seed: int | None = None,
) -> list[StudyItem]:
    """Up to ``count`` random items from the chosen decks and topics (all when empty) for a practice quiz."""
    with db.read() as s:
        ids = progress.practice_pool(s, learner_id, deck_ids, topics)
        chosen = random.Random(seed).sample(ids, min(max(count, 0), len(ids)))
        return [progress.study_item(s, iid) for iid in chosen]
