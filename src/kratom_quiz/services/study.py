"""Studying: the next card, recording and undoing answers, suspending, practice quizzes."""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy.orm import Session

from kratom_quiz.domain.model import StudyItem, apart
from kratom_quiz.domain.scheduling import LEECH_LAPSES
from kratom_quiz.domain.study import DueCard, ItemKey, Mode, Rating, ReviewResult
from kratom_quiz.errors import UserError
from kratom_quiz.services import studyqueue
from kratom_quiz.storage import Database, progress, queue, versions
from kratom_quiz.storage.hot import HotConnection
from kratom_quiz.storage.progress import LoggedReview, Queued
from kratom_quiz.storage.retry import retry_conflicts
from kratom_quiz.storage.versions import Counters


def next_card(db: Database, learner_id: int, now: datetime, *, deck_id: str | None = None) -> DueCard | None:
    """The item to study now (learning steps due, then reviews, then new items), or None when done.

    Served from the learner's in-memory queue (``services.studyqueue``): a pop, plus one read of the item.
    """
    hot = db.hot()
    with hot.lock:  # the TUI answers from worker threads: one action at a time on the cache too
        confirmed = _confirmed(db, hot, learner_id, now, deck_id)
        if confirmed is not None:
            cache, found = confirmed
        else:
            with hot.read():
                cache = studyqueue.cache_for(db, hot, learner_id, now)
                item_id = studyqueue.pick(hot, cache, deck_id, now)
                if item_id is None:
                    return None
                found = queue.queued(hot, learner_id, item_id)
        cache.shown[found.item.key] = found
        cache.related[found.item.key] = frozenset(found.item.card.related)
    m = found.progress.memory
    return DueCard(
        item=found.item,
        state=m.state,
        due=m.due,
        reps=m.reps,
        lapses=m.lapses,
        leech=found.progress.leech,
        intervals=cache.day.scheduler.preview(m, now, cache.day.clock),
    )


def _confirmed(
    db: Database, hot: HotConnection, learner_id: int, now: datetime, deck_id: str | None
) -> tuple[studyqueue.StudyCache, Queued] | None:
    """On a server, the next card of a kept cache in one statement: the item is picked from memory, then
    the learner's change counters and the item are read together (one snapshot, no transaction block).
    None when that is not enough: no such cache, it needs the store to pick, or the counters moved."""
    cache = None if hot.is_sqlite else studyqueue.warm(db, learner_id, now)
    if cache is None:
        return None
    try:
        item_id = studyqueue.pick(None, cache, deck_id, now)
    except studyqueue.NeedsStore:
        return None
    if item_id is None:
        return None  # done for now, as far as memory knows: the full path tells for sure
    with hot.single():
        version, found = versions.confirm(hot, learner_id, item_id)
    if version is None or version != cache.version or found is None:
        return None
    return cache, found


@retry_conflicts
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
    """Log one answer and (in study mode) reschedule its item; the same ``review_id`` twice is a no-op.

    One short write transaction on the hot connection: an update of the item's state and an insert into
    the log (plus a read of the state when the item was not just shown by ``next_card``).
    """
    rating, mode = Rating(rating), Mode(mode)
    hot = db.hot()
    try:
        with hot.lock:  # the TUI answers from worker threads: one action at a time on the cache too
            with hot.write():
                # On a server the learner's change counters come with the review id check (one statement).
                counters = None if hot.is_sqlite else versions.read(hot, learner_id, review_id)
                if counters is not None:
                    retried = counters.logged
                else:
                    retried = review_id is not None and queue.review_exists(hot, review_id)
                if not retried:
                    answer_ = _Answer(rating, now, suggested, answer, correct, duration_ms, mode, review_id)
                    result = _record(db, hot, learner_id, key, answer_, counters)
            studyqueue.settle(db, learner_id)  # after the COMMIT, before another action can run
    except BaseException:
        db.study_cache.clear()  # the transaction was rolled back: the cache may be ahead of the store
        raise
    if retried:
        assert review_id is not None
        with db.read() as s:
            logged = progress.find_review(s, review_id)
            assert logged is not None
            return _result_of(s, learner_id, logged)
    return result


class _Answer(NamedTuple):
    rating: Rating
    now: datetime
    suggested: Rating | None
    answer: str
    correct: bool
    duration_ms: int
    mode: Mode
    review_id: str | None


def _record(
    db: Database, hot: HotConnection, learner_id: int, key: ItemKey, a: _Answer, counters: Counters | None
) -> ReviewResult:
    rating, now, mode = a.rating, a.now, a.mode
    cache = studyqueue.cache_for(db, hot, learner_id, now, counters)
    # What next_card showed is the truth only while nobody else can have written since (the check in
    # cache_for, on SQLite or a server, says so).
    shown = cache.shown.get(key) if studyqueue.trusted(hot, cache) else None
    before = shown.progress if shown is not None else queue.progress_of(hot, learner_id, key)
    if before is None:
        raise UserError(f"no card {key[1]!r} (item {key[2]}) in deck {key[0]!r}")
    rid = a.review_id or str(uuid.uuid4())
    draft = progress.ReviewDraft(
        id=rid, learner_id=learner_id, item_id=before.item_id, rating=int(rating),
        suggested=None if a.suggested is None else int(a.suggested), answer=a.answer, correct=a.correct,
        reviewed_at=now, duration_ms=max(0, int(a.duration_ms)), mode=mode, before=before,
    )  # fmt: skip
    if mode is Mode.PRACTICE:
        queue.add_review(hot, draft, changes_state=False)
        studyqueue.wrote(hot, cache)
        m = before.memory
        return ReviewResult(rid, key, rating, m.state, m.due or now, timedelta(0), m.lapses, False)
    day = cache.day
    memory = day.scheduler.review(before.memory, rating, now, day.clock, seed=before.item_id)
    leech = before.leech or memory.lapses >= LEECH_LAPSES
    queue.put_progress(hot, learner_id, replace(before, memory=memory, leech=leech))
    queue.add_review(hot, draft, changes_state=True)
    cache.answered(key, before, memory)
    studyqueue.wrote(hot, cache)
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


@retry_conflicts
def undo_last(db: Database, learner_id: int, review_ids: Sequence[str] | None = None) -> ItemKey | None:
    """Take back an answer: restore the item's earlier state exactly, delete the log row.

    Args:
        review_ids: the answers this session gave (a study screen's, a plain session's): the newest of
            them is taken back, never another instance's answer. None takes back the learner's newest.

    Returns the key of the item whose answer was undone, or None when there is nothing to undo.

    Raises:
        UserError: the item was answered again since, in another window: taking back the earlier answer
            would lose the later one.
    """
    with db.write() as s:
        if review_ids is None:
            logged = progress.last_review(s, learner_id)
        else:
            logged = progress.last_of(s, learner_id, review_ids) if review_ids else None
        if logged is None:
            return None
        if review_ids is not None and progress.answered_after(s, learner_id, logged):
            raise UserError(
                "that card was answered again in another window since; undo there first (nothing was undone)"
            )
        if logged.before is not None:
            progress.put_progress(s, learner_id, logged.before)
        progress.delete_review(s, logged.id)
        return logged.key


@retry_conflicts
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
        return apart([progress.study_item(s, iid) for iid in chosen])
