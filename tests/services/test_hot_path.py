"""The hot path: a handful of statements per answer, and the in-memory queue never outlives the truth."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from kratom_quiz import services
from kratom_quiz.domain.study import Learner, LearnerSettings, Rating
from kratom_quiz.storage import Database
from tests.services.conftest import NOW, card, deck
from tests.services.test_study import answer


@contextmanager
def traced(db: Database) -> Iterator[list[str]]:
    """The SQL run on the hot path's own connection while in the block."""
    statements: list[str] = []
    conn = db.hot()._conn
    conn.set_trace_callback(statements.append)
    try:
        yield statements
    finally:
        conn.set_trace_callback(None)


def test_an_answer_and_the_next_card_take_a_few_statements_however_busy_the_day(
    db: Database, learner: Learner
) -> None:
    services.sync_decks(db, [deck(*(card(f"c{i}") for i in range(60)))])
    services.save_settings(db, learner.id, LearnerSettings(new_per_day=100, timezone="UTC"))
    at = NOW
    for _ in range(40):  # a busy day so far
        due = services.next_card(db, learner.id, at)
        assert due is not None
        answer(db, learner, due.item.key, Rating.EASY, at)
        at += timedelta(seconds=20)
    due = services.next_card(db, learner.id, at)
    assert due is not None
    with traced(db) as statements:
        answer(db, learner, due.item.key, Rating.EASY, at)
        after = services.next_card(db, learner.id, at)
    assert after is not None and after.item.key != due.item.key
    # BEGIN IMMEDIATE, data_version, review id check, UPDATE, INSERT, COMMIT; then a read of the next item.
    assert len(statements) <= 10, statements
    assert not any("GROUP BY" in s for s in statements)  # today's counts are kept, not counted again


def test_a_second_instance_sees_the_answers_of_the_first(db_url: str, db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"), card("b"))])
    shown = services.next_card(db, learner.id, NOW)
    assert shown is not None
    with services.open_database(db_url, fuzz=False) as other:
        answer(other, learner, shown.item.key, Rating.GOOD, NOW)  # now in learning, due in 10 minutes
    again = services.next_card(db, learner.id, NOW + timedelta(seconds=5))
    assert again is not None and again.item.key != shown.item.key
    today = services.today(db, learner.id, NOW + timedelta(seconds=5))
    assert today.totals.reviewed == 1


def test_suspending_the_card_shown_takes_it_out_of_the_queue(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"), card("b"))])
    shown = services.next_card(db, learner.id, NOW)
    assert shown is not None
    services.set_suspended(db, learner.id, shown.item.key, True)
    after = services.next_card(db, learner.id, NOW)
    assert after is not None and after.item.key != shown.item.key


def test_undo_brings_the_card_and_the_daily_allowance_back(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"), card("b"))])
    services.save_settings(db, learner.id, LearnerSettings(new_per_day=1, timezone="UTC"))
    shown = services.next_card(db, learner.id, NOW)
    assert shown is not None
    answer(db, learner, shown.item.key, Rating.EASY, NOW)
    assert services.next_card(db, learner.id, NOW) is None  # the one new card of the day is used
    assert services.undo_last(db, learner.id) == shown.item.key
    back = services.next_card(db, learner.id, NOW)
    assert back is not None and back.item.key == shown.item.key


def test_many_new_cards_are_read_in_chunks_in_order(db: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(*(card(f"c{i:04}") for i in range(1200)))])
    services.save_settings(db, learner.id, LearnerSettings(new_per_day=9999, timezone="UTC"))
    seen = []
    at = NOW
    for _ in range(1100):  # past the first chunk read into memory
        due = services.next_card(db, learner.id, at)
        assert due is not None
        seen.append(due.item.key[1])
        answer(db, learner, due.item.key, Rating.EASY, at)
    assert seen == [f"c{i:04}" for i in range(1100)]
