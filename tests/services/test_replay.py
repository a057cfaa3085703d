"""The review log is the truth: replaying it rebuilds exactly the state the app stored while studying."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from kratom_quiz import services
from kratom_quiz.domain.scheduling import Memory
from kratom_quiz.domain.study import ItemKey, LearnerSettings, Rating
from kratom_quiz.storage import Database, progress, replay
from kratom_quiz.storage.models import ReviewRow
from tests.services.conftest import card, deck

KEYS: list[ItemKey] = [("pharm", "a", 0), ("pharm", "b", 0)]
# Starts just before New York's fall-back and spring-forward nights, so answers straddle them.
STARTS = [datetime(2026, 10, 30, 20, tzinfo=UTC), datetime(2026, 3, 6, 22, tzinfo=UTC)]

answers = st.tuples(
    st.sampled_from(KEYS),
    st.sampled_from(list(Rating)),
    # minutes to a few weeks after the previous answer, with next-morning gaps well represented
    st.one_of(st.integers(0, 30), st.integers(300, 1_500), st.integers(1_000, 40_000)),
    st.booleans(),  # undo this answer right away (sometimes)
)


def stored_and_replayed(db: Database, learner_id: int) -> list[tuple[Memory, Memory]]:
    with db.read() as s:
        conn = s.connection()
        scheduler, clock = replay.learner_scheduling(conn, learner_id, fuzz=True)
        out = []
        for key in KEYS:
            stored = progress.progress_of(s, learner_id, key)
            history = [(Rating(r), at) for r, at in progress_history(s, learner_id, stored.item_id)]
            out.append((stored.memory, scheduler.replay(history, clock, seed=stored.item_id)))
        return out


def progress_history(s: Session, learner_id: int, item_id: int) -> list[tuple[int, datetime]]:
    rows = s.execute(
        select(ReviewRow.rating, ReviewRow.reviewed_at)
        .where(ReviewRow.learner_id == learner_id, ReviewRow.item_id == item_id, ReviewRow.mode == "study")
        .order_by(ReviewRow.seq)
    )
    return [(r, at) for r, at in rows]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(STARTS), st.lists(answers, min_size=1, max_size=18))
def test_replaying_the_log_rebuilds_the_stored_state_exactly(
    start: datetime, history: list[tuple[ItemKey, Rating, int, bool]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = services.open_database(f"sqlite:///{Path(folder) / 'p.db'}", fuzz=True)
        try:
            who = services.add_learner(db, "ada")
            services.save_settings(db, who.id, LearnerSettings(timezone="America/New_York"))
            services.sync_decks(db, [deck(card("a"), card("b"))])
            at = start
            for key, rating, minutes, undo in history:
                at += timedelta(minutes=minutes)
                services.record_review(db, who.id, key, rating, now=at, suggested=None, answer="",
                                       correct=True, duration_ms=1)  # fmt: skip
                if undo:
                    services.undo_last(db, who.id)
            for stored, replayed in stored_and_replayed(db, who.id):
                assert stored == replayed
            # and rebuilding the states from the log (what migration 0003 does) changes nothing
            before = stored_and_replayed(db, who.id)
            with db.write() as s:
                replay.rebuild(s.connection(), [who.id])
            assert stored_and_replayed(db, who.id) == before
        finally:
            db.close()
