"""The learner report reads the whole class in a few grouped statements, with each learner's own figures.

The reference is what each learner's own screens say (``stats`` and the home screen's totals), asked one
learner at a time, as the report did before it was grouped.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from kratom_quiz import services
from kratom_quiz.domain.study import LearnerSettings, Mode, Rating
from kratom_quiz.services import analysis, insight, reports
from kratom_quiz.storage import Database
from tests.services.conftest import NOW, card, deck

TOPICS = ("alkaloids", "pharmacology", "history")


def _cards(archived: bool = False) -> list[Any]:
    cards = [card(f"c{i:02d}", topic=TOPICS[i % 3]) for i in range(18)]
    return cards if archived else [*cards, card("gone", topic="history")]


def _per_learner(db: Database, now: datetime) -> list[analysis.LearnerLine]:
    """The report as each learner's own screens give it, one learner at a time."""
    out = []
    for learner in services.list_learners(db):
        st = insight.stats(db, learner.id, now)
        totals = reports.today(db, learner.id, now).totals
        answered = {e.item for e in _history(db, learner.id)}
        review = [e for e in _history(db, learner.id) if e.mode == "study" and e.state_before == "review"]
        recalled = sum(1 for e in review if e.rating > 1)
        out.append(analysis.LearnerLine(
            learner.name, len(answered), st.total_reviews, recalled / len(review) if review else None,
            totals.due_left, st.streak, st.mastery_by_topic, st.mastery_by_evidence,
        ))  # fmt: skip
    return out


def _history(db: Database, learner_id: int) -> list[Any]:
    with db.engine.connect() as conn:
        return list(conn.execute(sa.text(
            "SELECT item_id AS item, mode, state_before, rating FROM review_log WHERE learner_id = :l"
        ), {"l": learner_id}))  # fmt: skip


def _study(db: Database, learner_id: int, days: list[int], per_day: int, skill: int) -> None:
    """Study ``per_day`` answers on each of ``days`` (days before NOW), rating by a made-up skill."""
    for back in sorted(days, reverse=True):
        day = NOW - timedelta(days=back, hours=2)  # 10:00 UTC: the same date in every zone here
        for n in range(per_day):
            now = day + timedelta(minutes=7 * n)
            due = services.next_card(db, learner_id, now)
            if due is None:
                break
            passed = (Rating.HARD, Rating.GOOD, Rating.EASY)[n % 3]
            rating = Rating.AGAIN if (n + back) % skill == 0 else passed
            services.record_review(db, learner_id, due.item.key, rating, now=now, suggested=None,
                                   answer="Mitragynine", correct=rating > 1, duration_ms=800)  # fmt: skip


def _class(db: Database) -> None:
    """Learners in different zones and day starts, limits, streaks (broken, unbroken, long), practice
    answers, a suspended item, an archived one, and one learner who never answered."""
    services.sync_decks(db, [deck(*_cards())])
    plans = [
        ("Ada", LearnerSettings(timezone="UTC"), list(range(0, 12)), 9, 3),
        ("Bea", LearnerSettings(timezone="America/New_York", day_start_hour=6, reviews_per_day=2),
         [1, 2, 3, 5, 6, 9], 7, 4),
        ("Cem", LearnerSettings(timezone="Asia/Kolkata", day_start_hour=0, new_per_day=5),
         [2, 3, 4, 8], 6, 5),
        ("Dov", LearnerSettings(timezone="UTC", day_start_hour=23), list(range(1, 70)), 2, 2),
        ("Eli", LearnerSettings(timezone="Pacific/Auckland"), [], 0, 1),
    ]  # fmt: skip
    for name, settings, days, per_day, skill in plans:
        learner = services.add_learner(db, name)
        services.save_settings(db, learner.id, settings)
        _study(db, learner.id, days, per_day, skill)
    bea = services.find_learner(db, "Bea").id
    services.set_suspended(db, bea, ("pharm", "c01", 0), True)
    services.record_review(db, bea, ("pharm", "c02", 0), Rating.GOOD, now=NOW - timedelta(hours=1),
                           suggested=None, answer="Caffeine", correct=False, duration_ms=500,
                           mode=Mode.PRACTICE)  # fmt: skip
    services.sync_decks(db, [deck(*_cards(archived=True))])  # 'gone' leaves the deck, its history stays


def test_the_grouped_report_says_what_each_learners_own_screens_say(db: Database) -> None:
    _class(db)
    grouped = analysis.learner_report(db, NOW)
    assert grouped == _per_learner(db, NOW)
    lines = {x.name: x for x in grouped}
    assert list(lines) == ["Ada", "Bea", "Cem", "Dov", "Eli"]
    # The fixture is varied enough to mean something: streaks of each kind, limits, retention measured.
    assert [lines[n].streak for n in ("Ada", "Bea", "Cem", "Eli")] == [12, 3, 0, 0]
    assert lines["Dov"].streak == 69  # longer than one streak statement looks back (64 days)
    eli = lines["Eli"]
    assert (eli.cards_studied, eli.reviews, eli.true_retention, eli.due_now) == (0, 0, None, 0)
    assert any(x.true_retention is not None for x in grouped)
    assert any(x.due_now > 0 for x in grouped)
    later = NOW + timedelta(days=3)  # more falls due; the streaks of those who stopped are broken
    assert analysis.learner_report(db, later) == _per_learner(db, later)


@contextmanager
def _statements(db: Database) -> Iterator[list[str]]:
    """Every statement the SQLite driver runs (hot path included), while in the block."""
    seen: list[str] = []

    def trace(dbapi_conn: Any, *_: object) -> None:
        dbapi_conn.set_trace_callback(seen.append)

    def untrace(dbapi_conn: Any, *_: object) -> None:
        dbapi_conn.set_trace_callback(None)

    sa.event.listen(db.engine, "checkout", trace)
    sa.event.listen(db.engine, "checkin", untrace)
    try:
        yield seen
    finally:
        sa.event.remove(db.engine, "checkout", trace)
        sa.event.remove(db.engine, "checkin", untrace)


@pytest.mark.sqlite_only
def test_the_learner_report_runs_as_many_statements_for_nine_learners_as_for_three(db: Database) -> None:
    services.sync_decks(db, [deck(*_cards(archived=True))])

    def statements(learners: int) -> int:
        for i in range(len(services.list_learners(db)), learners):
            learner = services.add_learner(db, f"learner{i:02d}")
            services.save_settings(db, learner.id, LearnerSettings(timezone="UTC"))
            _study(db, learner.id, [1, 2], 3, 2)
        with _statements(db) as seen:
            analysis.learner_report(db, NOW)
        return len(seen)

    few = statements(3)
    assert few <= 10
    assert statements(9) == few
