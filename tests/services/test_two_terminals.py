"""One learner in two terminals: each sees what the other did at its next card, though both keep their
queue in memory between answers (on SQLite through ``data_version``, on a server through the learner's
change counters of migration 0005)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from kratom_quiz import services
from kratom_quiz.domain.study import Learner, LearnerSettings, Rating
from kratom_quiz.storage import Database, progress, versions
from kratom_quiz.storage.hot import HotConnection
from tests.services.conftest import NOW, card, deck
from tests.services.test_study import answer

LATER = NOW + timedelta(seconds=30)


@pytest.fixture
def other(db_url: str) -> Iterator[Database]:
    """A second terminal of the same learner: its own connections and its own in-memory queue."""
    with services.open_database(db_url, fuzz=False) as second:
        yield second


def _warm(db: Database, learner: Learner) -> str:
    """Answer the first card, so the terminal's queue is built and kept; the id of the card shown next."""
    first = services.next_card(db, learner.id, NOW)
    assert first is not None
    answer(db, learner, first.item.key, Rating.EASY, NOW)  # out of today's way (days from now)
    shown = services.next_card(db, learner.id, NOW)
    assert shown is not None
    return shown.item.key[1]


def test_a_card_answered_in_the_other_terminal_is_not_shown_again(
    db: Database, other: Database, learner: Learner
) -> None:
    services.sync_decks(db, [deck(card("a"), card("b"), card("c"))])
    shown = _warm(db, learner)
    assert shown == "b"
    answer(other, learner, ("pharm", "b", 0), Rating.GOOD, NOW)  # there: b is in learning, due in 10 min
    after = services.next_card(db, learner.id, LATER)
    assert after is not None and after.item.key[1] == "c"
    # Answering b here anyway (it was on screen) starts from the state the other terminal left.
    answer(db, learner, ("pharm", "b", 0), Rating.GOOD, LATER)
    with db.read() as s:
        assert progress.progress_of(s, learner.id, ("pharm", "b", 0)).memory.reps == 2
    assert services.stats(db, learner.id, LATER).total_reviews == 3


def test_a_deck_sync_is_seen_at_the_next_card(db: Database, other: Database, learner: Learner) -> None:
    services.sync_decks(db, [deck(card("a"), card("b"), card("c"))])
    assert _warm(db, learner) == "b"
    # Elsewhere the deck file changed: b and c are gone (archived), d is new.
    services.sync_decks(other, [deck(card("a"), card("d"))])
    after = services.next_card(db, learner.id, LATER)
    assert after is not None and after.item.key[1] == "d"


def test_settings_changed_in_the_other_terminal_apply_at_the_next_card(
    db: Database, other: Database, learner: Learner
) -> None:
    services.sync_decks(db, [deck(card("a"), card("b"), card("c"))])
    assert _warm(db, learner) == "b"
    services.save_settings(other, learner.id, LearnerSettings(new_per_day=1, timezone="UTC"))
    assert services.next_card(db, learner.id, LATER) is None  # the one new card of the day was a


@pytest.fixture
def statements(db: Database, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The SQL the hot path runs, as it runs it (its own connection's two ways of running a statement)."""
    seen: list[str] = []
    execute, execute_sql = HotConnection.execute, HotConnection.execute_sql

    def spy(self: HotConnection, statement: object, params: object) -> object:
        seen.append(str(statement))
        return execute(self, statement, params)  # type: ignore[arg-type]

    def spy_sql(self: HotConnection, sql: str, values: object) -> object:
        seen.append(sql)
        return execute_sql(self, sql, values)

    monkeypatch.setattr(HotConnection, "execute", spy)
    monkeypatch.setattr(HotConnection, "execute_sql", spy_sql)
    return seen


def test_on_a_server_an_answer_and_the_next_card_keep_the_queue_in_memory(
    db: Database, learner: Learner, statements: list[str]
) -> None:
    if db.is_sqlite:
        pytest.skip("the server's change counters (SQLite's check is in test_hot_path)")
    services.sync_decks(db, [deck(*(card(f"c{i}") for i in range(30)))])
    at, due = NOW, services.next_card(db, learner.id, NOW)
    for _ in range(10):
        assert due is not None
        answer(db, learner, due.item.key, Rating.EASY, at)
        at += timedelta(seconds=20)
        due = services.next_card(db, learner.id, at)
    assert due is not None
    statements.clear()
    answer(db, learner, due.item.key, Rating.EASY, at)
    after = services.next_card(db, learner.id, at)
    assert after is not None and after.item.key != due.item.key
    # Counters with the review id check, UPDATE, INSERT, counters again; then the next card confirmed with
    # the counters in one statement. Nothing of the queue is read again.
    assert len(statements) == 5, statements
    assert not any("GROUP BY" in s or "ORDER BY" in s for s in statements), statements
    # The counters the queue holds are the server's: another connection's change would show.
    hot = db.hot()
    with hot.read():
        assert versions.read(hot, learner.id).version == db.study_cache[learner.id].version


def test_on_a_server_an_answer_and_the_next_card_wait_for_three_round_trips(
    db: Database, learner: Learner, tmp_path: Path
) -> None:
    if db.is_sqlite:
        pytest.skip("round trips to a server")
    services.sync_decks(db, [deck(*(card(f"c{i}") for i in range(10)))])
    due = services.next_card(db, learner.id, NOW)
    for _ in range(6):  # past psycopg's preparing of repeated statements
        assert due is not None
        answer(db, learner, due.item.key, Rating.EASY, NOW)
        due = services.next_card(db, learner.id, NOW)
    assert due is not None
    trace, pgconn = tmp_path / "protocol.txt", db.hot()._conn.pgconn
    with trace.open("w") as out:
        pgconn.trace(out.fileno())
        answer(db, learner, due.item.key, Rating.EASY, NOW)
        assert services.next_card(db, learner.id, NOW) is not None
        pgconn.untrace()
    # libpq's protocol trace: a line per message, "F" from us, "B" from the server. Each time the server
    # answers after we sent something, we waited for it: (BEGIN + counters), (UPDATE, INSERT, counters,
    # COMMIT), (counters + next item).
    senders = [line.split("\t")[1] for line in trace.read_text().splitlines() if line.count("\t") >= 2]
    waits = sum(1 for sent, got in pairwise(senders) if (sent, got) == ("F", "B"))
    assert waits == 3, trace.read_text()
