"""Transactions that lose a race are run again, a bounded number of times; other errors are not retried."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kratom_quiz import services
from kratom_quiz.domain.study import Learner, Rating
from kratom_quiz.storage import Database, queue, retry
from tests.services.conftest import NOW, card, deck
from tests.services.test_study import answer


class _Raced(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


class _Wrapped(Exception):  # as SQLAlchemy wraps a driver error: the driver's in .orig
    def __init__(self, orig: Exception) -> None:
        super().__init__(str(orig))
        self.orig = orig


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waits: list[float] = []
    monkeypatch.setattr("kratom_quiz.storage.retry.time.sleep", waits.append)
    return waits


@pytest.mark.parametrize("error", [_Raced("40001"), _Raced("40P01"), _Wrapped(_Raced("40001"))])
def test_a_serialization_failure_or_deadlock_is_retried_until_it_succeeds(error: Exception) -> None:
    calls: list[int] = []

    @retry.retry_conflicts
    def action() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise error
        return "done"

    assert action() == "done"
    assert len(calls) == 3


def test_retries_are_bounded_and_the_last_error_goes_up(_no_waiting: list[float]) -> None:
    calls: list[int] = []

    @retry.retry_conflicts
    def action() -> None:
        calls.append(1)
        raise _Raced("40001")

    with pytest.raises(_Raced):
        action()
    assert len(calls) == retry.ATTEMPTS
    assert len(_no_waiting) == retry.ATTEMPTS - 1
    assert all(0 < w <= retry.MAX_WAIT for w in _no_waiting)
    assert _no_waiting[-1] > _no_waiting[0] / 2  # it backs off rather than hammering


def test_other_errors_are_not_retried() -> None:
    calls: list[int] = []

    @retry.retry_conflicts
    def action() -> None:
        calls.append(1)
        raise _Raced("08006")  # connection failure: reported, not retried

    with pytest.raises(_Raced):
        action()
    assert calls == [1]


def test_on_a_server_a_write_that_raced_another_is_refused_and_run_again(
    db_url: str, db: Database, learner: Learner
) -> None:
    if db.is_sqlite:
        pytest.skip("SQLite serialises writers (BEGIN IMMEDIATE): no race to lose")
    services.sync_decks(db, [deck(card("a"))])
    key = ("pharm", "a", 0)
    attempts: list[int] = []
    with services.open_database(db_url, fuzz=False) as other:

        @retry.retry_conflicts
        def mark_leech() -> None:
            hot = db.hot()
            with hot.write():
                before = queue.progress_of(hot, learner.id, key)  # this transaction's snapshot is taken
                assert before is not None
                if not attempts:  # meanwhile another connection answers the same item and commits
                    answer(other, learner, key, Rating.GOOD, NOW)
                attempts.append(1)
                queue.put_progress(hot, learner.id, replace(before, leech=True))

        mark_leech()
    assert len(attempts) == 2  # the first update was refused (SQLSTATE 40001), not applied over the answer
    hot = db.hot()
    with hot.read():
        after = queue.progress_of(hot, learner.id, key)
    assert after is not None and after.leech and after.memory.reps == 1  # both changes kept
