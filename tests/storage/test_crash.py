"""A review whose save returned survives the process being killed at any instant."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kratom_quiz import services
from kratom_quiz.domain.model import Card, CardKind, Deck, Evidence, SourceRef

CHILD = """
import sys
from datetime import UTC, datetime, timedelta
from kratom_quiz import services
from kratom_quiz.domain.study import Rating

db = services.open_database(sys.argv[1], fuzz=False)
learner = services.list_learners(db)[0]
start = datetime(2026, 5, 4, 12, tzinfo=UTC)
print("ready", flush=True)
for i in range(100_000):
    key = ("crash", f"c{i % 20}", 0)
    rating = Rating.GOOD if i % 3 else Rating.AGAIN
    services.record_review(db, learner.id, key, rating, now=start + timedelta(minutes=i), suggested=rating,
                           answer="x", correct=True, duration_ms=1000, review_id=f"review-{i}")
    print(f"review-{i}", flush=True)  # only once the save has returned
"""


def _deck() -> Deck:
    cards = tuple(
        Card(
            "crash",
            f"c{n}",
            CardKind.TRUEFALSE,
            f"Statement {n}.",
            "Why.",
            "topic",
            Evidence.DEFINITION,
            SourceRef("doc", "Section"),
            truth=True,
        )
        for n in range(20)
    )
    return Deck("crash", "Crash deck", 1, cards)


@pytest.mark.parametrize("kill_after", [1, 7, 23])
def test_killed_writer_loses_no_saved_review(tmp_path: Path, kill_after: int) -> None:
    path = tmp_path / "crash.db"
    url = f"sqlite:///{path}"
    with services.open_database(url, fuzz=False) as db:
        services.sync_decks(db, [_deck()])
        services.add_learner(db, "kim")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready", child.stderr.read() if child.stderr else ""
    saved = [child.stdout.readline().strip() for _ in range(kill_after)]
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    saved += [line.strip() for line in child.stdout if line.strip()]
    child.stdout.close()
    if child.stderr:
        child.stderr.close()

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        logged = {row[0] for row in conn.execute("SELECT id FROM review_log")}
    finally:
        conn.close()
    assert set(saved) <= logged
    # At most the one save under way when the kill came can be in the log without having been reported.
    assert len(logged) - len(saved) in (0, 1)
    with services.open_database(url, fuzz=False) as db:
        learner = services.list_learners(db)[0]
        history = services.card_history(db, learner.id, ("crash", "c0", 0))
        assert {e.review_id for e in history} <= logged
