"""Stats a learner reads: answers per day, true retention by week, the due forecast, mastery and streak."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import event

from kratom_quiz import services
from kratom_quiz.domain.model import CardKind, Evidence
from kratom_quiz.domain.study import ItemKey, Learner, Mode, Rating, Stats
from kratom_quiz.storage import Database
from tests.services.conftest import NOW, card, deck

TODAY = NOW.date()  # the learner's zone is UTC and the day starts at 4 a.m.; NOW is noon


def _at(days_ago: int, hour: int = 10, minute: int = 0) -> datetime:
    return NOW.replace(hour=hour, minute=minute) - timedelta(days=days_ago)


def _answer(db: Database, learner: Learner, key: ItemKey, rating: Rating, at: datetime,
            mode: Mode = Mode.STUDY) -> None:  # fmt: skip
    services.record_review(
        db, learner.id, key, rating, now=at, suggested=rating, answer="x", correct=rating > Rating.AGAIN,
        duration_ms=4000, mode=mode,
    )  # fmt: skip


def _history(db: Database, learner: Learner) -> Stats:
    services.sync_decks(
        db,
        [
            deck(
                card("c1"),
                card("c2"),
                card("c3"),
                card("r1", topic="receptors", evidence=Evidence.PRECLINICAL, kind=CardKind.TYPED),
            )
        ],
    )
    c1, c2, c3, r1 = (("pharm", name, 0) for name in ("c1", "c2", "c3", "r1"))
    # Last week: c1 learnt (two Goods pass both learning steps) and then recalled as a review.
    _answer(db, learner, c1, Rating.GOOD, _at(7))
    _answer(db, learner, c1, Rating.GOOD, _at(7, minute=15))
    _answer(db, learner, c1, Rating.GOOD, _at(5))
    # Three days in a row up to today.
    _answer(db, learner, c2, Rating.AGAIN, _at(2))
    _answer(db, learner, c3, Rating.GOOD, _at(2, minute=5))
    _answer(db, learner, c2, Rating.GOOD, _at(1))
    _answer(db, learner, c1, Rating.AGAIN, _at(0, hour=11))  # a review forgotten: a lapse this week
    _answer(db, learner, r1, Rating.GOOD, _at(0, hour=11, minute=5), mode=Mode.PRACTICE)
    return services.stats(db, learner.id, NOW)


def test_answers_per_day_count_study_answers_by_study_day(db: Database, learner: Learner) -> None:
    stats = _history(db, learner)
    per_day = dict(stats.reviews_per_day)
    assert len(stats.reviews_per_day) == 30
    assert stats.reviews_per_day[-1][0] == TODAY
    assert [per_day[TODAY - timedelta(days=n)] for n in range(8)] == [1, 1, 2, 0, 0, 1, 0, 2]
    assert sum(per_day.values()) == 7  # the practice answer does not count


def test_true_retention_counts_only_reviews_of_learnt_cards(db: Database, learner: Learner) -> None:
    weeks = {week: (share, n) for week, share, n in _history(db, learner).retention_by_week}
    this_monday = TODAY - timedelta(days=TODAY.weekday())
    assert weeks[this_monday] == (0.0, 1)  # c1's lapse today
    assert weeks[this_monday - timedelta(weeks=1)] == (1.0, 1)  # c1 recalled last week
    assert weeks[this_monday - timedelta(weeks=2)] == (None, 0)


def test_streak_counts_consecutive_study_days(db: Database, learner: Learner) -> None:
    assert _history(db, learner).streak == 3


def test_streak_survives_a_morning_without_answers_yet(db: Database, learner: Learner) -> None:
    _history(db, learner)
    tomorrow_morning = NOW + timedelta(hours=20)  # 8 a.m. the next day, nothing answered yet
    assert services.stats(db, learner.id, tomorrow_morning).streak == 3
    two_days_later = NOW + timedelta(days=2)
    assert services.stats(db, learner.id, two_days_later).streak == 0


def test_forecast_covers_studied_items_and_drops_suspended_ones(db: Database, learner: Learner) -> None:
    stats = _history(db, learner)
    assert [d for d, _ in stats.forecast] == [TODAY + timedelta(days=n) for n in range(30)]
    assert sum(n for _, n in stats.forecast) == 3  # c1, c2, c3; r1 was only practised
    services.set_suspended(db, learner.id, ("pharm", "c3", 0), True)
    assert sum(n for _, n in services.stats(db, learner.id, NOW).forecast) == 2


def test_mastery_groups_items_by_topic_and_evidence(db: Database, learner: Learner) -> None:
    stats = _history(db, learner)
    topics = {topic: (share, n) for topic, share, n in stats.mastery_by_topic}
    assert topics["receptors"] == (0.0, 1)  # practice never builds mastery
    assert topics["alkaloids"][1] == 3
    # Each alkaloid card was answered within the last two days: its recall right now is still >= 90 %.
    assert topics["alkaloids"][0] == 1.0
    evidence = {level: n for level, _, n in stats.mastery_by_evidence}
    assert evidence == {"definition": 3, "preclinical": 1}
    # Long after the last review, recall has dropped below 90 %: nothing is mastered.
    later = services.stats(db, learner.id, NOW + timedelta(days=365))
    assert all(share == 0.0 for _, share, _ in later.mastery_by_topic)


def test_total_counts_study_answers_as_every_count_does_and_practice_apart(
    db: Database, learner: Learner
) -> None:
    stats = _history(db, learner)
    assert stats.total_reviews == sum(n for _, n in stats.reviews_per_day) == 7
    assert stats.practice_answers == 1


def test_long_streak_and_stats_take_a_few_statements(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("c1"))])
    for days_ago in range(149, -1, -1):  # 150 study days in a row, crossing two streak chunks
        _answer(db, learner, ("pharm", "c1", 0), Rating.GOOD, _at(days_ago), mode=Mode.STUDY)
    _answer(db, learner, ("pharm", "c1", 0), Rating.GOOD, _at(151))  # a gap, then an older day
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        got = services.stats(db, learner.id, NOW)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert got.streak == 150
    assert sum(n for _, n in got.reviews_per_day) == 30
    # Not one statement per streak day or per window: 444 for a one-year streak before.
    assert len(statements) <= 12, statements
