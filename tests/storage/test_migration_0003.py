"""Migration 0003: a database written by the 24-hour-period scheduler gets its states rebuilt from the log."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import fsrs
from alembic import command
from sqlalchemy import select, text

from kratom_quiz import services
from kratom_quiz.domain.scheduling import Memory
from kratom_quiz.domain.study import CardState, ItemKey, LearnerSettings, Mode, Rating
from kratom_quiz.storage import Database, migrate, progress, replay, repository
from kratom_quiz.storage.models import ReviewRow
from tests.services.conftest import card, deck

KEYS: list[ItemKey] = [("pharm", c, 0) for c in "abcd"]
_STATES = {fsrs.State.Learning: CardState.LEARNING, fsrs.State.Review: CardState.REVIEW,
           fsrs.State.Relearning: CardState.RELEARNING}  # fmt: skip


def old_review(memory: Memory, rating: Rating, now: datetime) -> Memory:
    """What revision 0002's scheduler stored: py-fsrs counting 24-hour periods, due = now + n x 24 h."""
    sched = fsrs.Scheduler(learning_steps=(timedelta(minutes=1), timedelta(minutes=10)),
                           relearning_steps=(timedelta(minutes=10),), enable_fuzzing=False)  # fmt: skip
    if memory.state is CardState.NEW:
        before = fsrs.Card(card_id=0, state=fsrs.State.Learning, step=0, due=datetime(1970, 1, 1, tzinfo=UTC))
    else:
        back = {v: k for k, v in _STATES.items()}
        before = fsrs.Card(card_id=0, state=back[memory.state], step=memory.step, due=memory.due,
                           stability=memory.stability, difficulty=memory.difficulty,
                           last_review=memory.last_review)  # fmt: skip
    after, _ = sched.review_card(before, fsrs.Rating(int(rating)), now)
    lapsed = memory.state is CardState.REVIEW and rating is Rating.AGAIN
    return Memory(_STATES[after.state], after.step, after.stability, after.difficulty, after.due,
                  after.last_review, memory.reps + 1, memory.lapses + int(lapsed))  # fmt: skip


def database_at_0002(path: Path) -> Database:
    db = Database(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    return db


def write_old_history(db: Database, learner_id: int, seed: int) -> None:
    """Answers as revision 0002 logged them: the state before each (for undo) and the state after."""
    rng = random.Random(seed)
    at = datetime(2026, 10, 25, 22, tzinfo=UTC)
    for n in range(60):
        key = rng.choice(KEYS[:3])  # the fourth item stays new
        at += timedelta(minutes=rng.choice([3, 11, 600, 900, 1500, 4000, 9000]))
        rating = Rating(rng.choice([1, 2, 3, 3, 3, 4]))
        mode = Mode.PRACTICE if n % 13 == 5 else Mode.STUDY
        with db.write() as s:
            before = progress.progress_of(s, learner_id, key)
            draft = progress.ReviewDraft(
                id=f"r{learner_id}-{n}", learner_id=learner_id, item_id=before.item_id, rating=int(rating),
                suggested=None, answer="x", correct=rating > 1, reviewed_at=at, duration_ms=1000, mode=mode,
                before=before,
            )  # fmt: skip
            if mode is Mode.STUDY:
                progress.put_progress(
                    s, learner_id, replace(before, memory=old_review(before.memory, rating, at))
                )
            progress.add_review(s, draft, changes_state=mode is Mode.STUDY)


def log_rows(db: Database) -> list[tuple[Any, ...]]:
    with db.read() as s:
        rows = s.execute(select(ReviewRow.seq, ReviewRow.id, ReviewRow.learner_id, ReviewRow.item_id,
                                ReviewRow.rating, ReviewRow.reviewed_at, ReviewRow.mode, ReviewRow.answer,
                                ReviewRow.state_before).order_by(ReviewRow.seq))  # fmt: skip
        return [tuple(r) for r in rows]


def test_migration_0003_rebuilds_states_from_the_log_and_keeps_every_review(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = database_at_0002(path)
    with old.write() as s:  # as the 0002 code synced: the store's deck_headers came later (0004)
        repository.sync_decks(s, [deck(*(card(k[1]) for k in KEYS))], archive_missing=True)
    ada, bob = services.add_learner(old, "ada"), services.add_learner(old, "bob")
    services.save_settings(old, ada.id, LearnerSettings(timezone="America/New_York"))
    services.save_settings(old, bob.id, LearnerSettings(timezone="Europe/Berlin", day_start_hour=6))
    write_old_history(old, ada.id, 1)
    write_old_history(old, bob.id, 2)
    logged = log_rows(old)
    old.close()

    db = services.open_database(f"sqlite:///{path}", fuzz=True)
    with db.read() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == migrate.HEAD_REVISION
    assert log_rows(db) == logged  # no answer lost or altered
    with db.read() as s:
        conn = s.connection()
        for who in (ada, bob):
            scheduler, clock = replay.learner_scheduling(conn, who.id, fuzz=True)
            for key in KEYS:
                stored = progress.progress_of(s, who.id, key)
                history = [(Rating(r[4]), r[5]) for r in logged
                           if r[2] == who.id and r[3] == stored.item_id and r[6] == "study"]  # fmt: skip
                assert stored.memory == scheduler.replay(history, clock, seed=stored.item_id)
                if not history:
                    assert stored.memory.state is CardState.NEW
                elif stored.memory.state is CardState.REVIEW:
                    due = stored.memory.due
                    assert due is not None and due == clock.start(clock.day(due))  # due on a study day
    # Undo after the upgrade puts back the rebuilt state from before the last answer.
    last = next(r for r in reversed(logged) if r[2] == ada.id)
    with db.read() as s:
        item_history = [
            (Rating(r[4]), r[5]) for r in logged if r[2] == ada.id and r[3] == last[3] and r[6] == "study"
        ]
        scheduler, clock = replay.learner_scheduling(s.connection(), ada.id, fuzz=True)
    undone = services.undo_last(db, ada.id)
    assert undone is not None
    with db.read() as s:
        restored = progress.progress_of(s, ada.id, undone).memory
    expected = scheduler.walk(item_history, clock, seed=last[3])
    assert restored == (expected[-2] if last[6] == "study" else expected[-1])
    db.close()
