"""Deck summaries and statistics count from card_state alone: they must agree with joining the items."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from kratom_quiz import services
from kratom_quiz.domain.model import Evidence
from kratom_quiz.domain.study import Learner, LearnerSettings, Rating
from kratom_quiz.storage import Database
from tests.services.conftest import NOW, card, deck

FMT = "%Y-%m-%d %H:%M:%S.%f"


def _at(db: Database, when: datetime) -> object:
    """An instant as the store keeps it: UTC text on SQLite, a naive UTC timestamp on a server."""
    naive = when.astimezone(UTC).replace(tzinfo=None)
    return naive.strftime(FMT) if db.is_sqlite else naive


def _n(cond: str) -> str:
    """How many rows meet ``cond`` (portable: PostgreSQL has no sum over booleans)."""
    return f"coalesce(sum(CASE WHEN {cond} THEN 1 ELSE 0 END), 0)"


def _setup(db: Database, learner: Learner) -> None:
    """Two decks; items new, learning, in review (due and not), suspended, archived while studied."""
    services.save_settings(
        db, learner.id, LearnerSettings(new_per_day=100, reviews_per_day=100, timezone="UTC")
    )
    pharm = [card(c, topic=t, evidence=e) for c, t, e in (
        ("a", "alkaloids", Evidence.DEFINITION), ("b", "alkaloids", Evidence.PRECLINICAL),
        ("c", "receptors", Evidence.PRECLINICAL), ("d", "receptors", Evidence.CLAIM),
        ("e", "risks", Evidence.REGULATORY), ("f", "risks", Evidence.CLAIM),
    )]  # fmt: skip
    risk = [card(c, deck_id="risk", topic="risks") for c in ("x", "y", "z")]
    services.sync_decks(db, [deck(*pharm), deck(*risk, deck_id="risk", title="Risk")])
    ratings = {"a": Rating.EASY, "b": Rating.GOOD, "c": Rating.EASY, "e": Rating.EASY, "x": Rating.EASY,
               "y": Rating.AGAIN}  # fmt: skip
    for days, (card_id, rating) in enumerate(ratings.items()):
        deck_id = "risk" if card_id in "xyz" else "pharm"
        at = NOW - timedelta(days=20 - 3 * days)
        services.record_review(db, learner.id, (deck_id, card_id, 0), rating, now=at, suggested=None,
                               answer="", correct=True, duration_ms=1)  # fmt: skip
    services.set_suspended(db, learner.id, ("pharm", "c", 0), True)
    # "e" (studied) and "z" (new) leave their files: archived, still in card_state.
    services.sync_decks(db, [deck(*(c for c in pharm if c.id != "e")), deck(*risk[:2], deck_id="risk",
                                                                             title="Risk")])  # fmt: skip


def _expected_decks(
    db: Database, learner_id: int, day_end: datetime, now: datetime
) -> list[tuple[object, ...]]:
    with db.read() as s:
        return [tuple(r) for r in s.execute(text(
            "SELECT i.deck_id, count(*), "
            + _n("c.state = 'new' AND NOT c.suspended") + ", "
            + _n("c.state IN ('learning', 'relearning') AND NOT c.suspended AND c.due <= :end") + ", "
            + _n("c.state = 'review' AND NOT c.suspended AND c.due <= :end") + ", "
            + _n("c.strong_until > :now") + " "
            "FROM items i JOIN card_state c ON c.item_id = i.id "
            "WHERE c.learner_id = :l AND NOT i.archived GROUP BY i.deck_id ORDER BY i.deck_id"
        ), {"l": learner_id, "end": _at(db, day_end), "now": _at(db, now)})]  # fmt: skip


def test_deck_summaries_leave_out_archived_items(db: Database, learner: Learner) -> None:
    _setup(db, learner)
    for later in (timedelta(0), timedelta(days=3), timedelta(days=40)):
        now = NOW + later
        day_end = now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1, hours=4)
        if now.hour < 4:
            day_end -= timedelta(days=1)
        got = [(d.deck_id, d.total, d.new, d.learning, d.due, round(d.mastery * d.total))
               for d in services.today(db, learner.id, now).decks]  # fmt: skip
        assert got == _expected_decks(db, learner.id, day_end, now)
    assert [d.total for d in services.today(db, learner.id, NOW).decks] == [5, 2]


def test_stats_forecast_and_mastery_leave_out_archived_and_suspended_items(
    db: Database, learner: Learner
) -> None:
    _setup(db, learner)
    st = services.stats(db, learner.id, NOW)
    with db.read() as s:
        dues = [r[0] for r in s.execute(text(
            "SELECT c.due FROM card_state c JOIN items i ON i.id = c.item_id WHERE c.learner_id = :l "
            "AND NOT i.archived AND NOT c.suspended AND c.state != 'new'"
        ), {"l": learner.id})]  # fmt: skip
        strong = {r[0]: r[1] for r in s.execute(text(
            "SELECT i.topic, " + _n("c.strong_until > :now") + " FROM card_state c JOIN items i "
            "ON i.id = c.item_id WHERE c.learner_id = :l AND NOT i.archived GROUP BY i.topic"
        ), {"l": learner.id, "now": _at(db, NOW)})}  # fmt: skip
    assert sum(n for _, n in st.forecast) == sum(
        1 for d in dues if d < _at(db, (NOW + timedelta(days=30)).replace(hour=4, minute=0))
    )
    assert [(t, n) for t, _, n in st.mastery_by_topic] == [("alkaloids", 2), ("receptors", 2), ("risks", 3)]
    assert {t: round(m * n) for t, m, n in st.mastery_by_topic} == strong
    assert [(e, n) for e, _, n in st.mastery_by_evidence] == [
        ("claim", 2),
        ("definition", 3),
        ("preclinical", 2),
    ]
    assert st.total_reviews == 6
