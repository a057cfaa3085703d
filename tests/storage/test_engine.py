"""SQLite connection settings, and concurrent writers from two processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from kratom_quiz import services
from kratom_quiz.domain.study import Rating
from kratom_quiz.storage import Database
from tests.services.conftest import card, deck


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return services.open_database(f"sqlite:///{tmp_path / 'kq.db'}", fuzz=False)


@pytest.mark.parametrize("writing", [False, True])
def test_pragmas_are_on_in_every_session(db: Database, writing: bool) -> None:
    with db.write() if writing else db.read() as s:
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert s.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError), db.write() as s:
        s.execute(text("INSERT INTO card_state (learner_id, item_id, state, reps, lapses, suspended, leech) "
                       "VALUES (999, 999, 'new', 0, 0, 0, 0)"))  # fmt: skip


WORKER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime, timedelta
    from kratom_quiz import services
    from kratom_quiz.domain.study import Rating
    db = services.open_database(sys.argv[1], fuzz=False)
    learner = services.find_learner(db, "ada")
    start = datetime(2026, 5, 4, 12, tzinfo=UTC)
    for i in range(int(sys.argv[2])):
        at = start + timedelta(seconds=i)
        services.record_review(db, learner.id, ("pharm", "a", 0), Rating.GOOD, now=at, suggested=None,
                               answer="", correct=True, duration_ms=1)
    """
)


def test_two_processes_writing_at_once_keep_every_review(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    db = services.open_database(url, fuzz=False)
    services.sync_decks(db, [deck(card("a"))])
    ada = services.add_learner(db, "ada")
    per_process = 40
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, url, str(per_process)], stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    history = services.card_history(db, ada.id, ("pharm", "a", 0))
    assert len(history) == 2 * per_process
    # reps is read and then updated in each transaction: a lost update would leave it short.
    row = services.browse(db, ada.id, history[-1].reviewed_at)[0]
    assert row.reps == 2 * per_process
    assert Rating.GOOD in {h.rating for h in history}
