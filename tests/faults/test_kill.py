"""SIGKILL during a sync, an undo, a migration or an export: the old state or the new one, never a mix.

CI runs a few kill points per operation; ``pytest --long`` runs many more.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from kratom_quiz.storage.guard import Verdict, inspect_file
from kratom_quiz.storage.revisions import HEAD_REVISION
from tests.conftest import DECKS


def kill_points(long_run: bool, span: float) -> list[float]:
    count = 16 if long_run else 3
    return [0.15 + span * i / count for i in range(count)]


def run_and_kill(args: list[str], after: float, env: dict[str, str] | None = None) -> int:
    """Start the CLI with ``args`` and SIGKILL it ``after`` seconds later (if still running)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "kratom_quiz", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    time.sleep(after)
    if child.poll() is None:
        child.send_signal(signal.SIGKILL)
    return child.wait(60)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kratom_quiz", *args], capture_output=True, text=True, check=False
    )


def count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


@pytest.fixture(scope="module")
def synced_items(tmp_path_factory: pytest.TempPathFactory) -> int:
    db = tmp_path_factory.mktemp("ref") / "ref.db"
    assert cli("--db", f"sqlite:///{db}", "decks", "sync").returncode == 0
    return count(db, "SELECT count(*) FROM items")


def test_sync_killed_leaves_no_items_or_all_of_them(
    tmp_path: Path, long_run: bool, synced_items: int
) -> None:
    for i, after in enumerate(kill_points(long_run, 2.5)):
        db = tmp_path / f"sync{i}.db"
        assert cli("--db", f"sqlite:///{db}", "learners", "add", "ada").returncode == 0
        run_and_kill(["--db", f"sqlite:///{db}", "--decks", str(DECKS), "decks", "sync"], after)
        assert inspect_file(db).verdict is Verdict.OURS  # opens cleanly: not damaged
        assert count(db, "SELECT count(*) FROM items") in (0, synced_items)
        assert cli("--db", f"sqlite:///{db}", "decks", "sync").returncode == 0


def test_export_killed_leaves_the_old_file_or_a_whole_new_one(tmp_path: Path, long_run: bool) -> None:
    db = tmp_path / "kq.db"
    out = tmp_path / "kq.apkg"
    assert cli("--db", f"sqlite:///{db}", "export", "anki", "-o", str(out)).returncode == 0
    old = out.read_bytes()
    for after in kill_points(long_run, 1.5):
        run_and_kill(["--db", f"sqlite:///{db}", "export", "anki", "-o", str(out)], after)
        data = out.read_bytes()
        if data != old:
            with zipfile.ZipFile(out) as zf:
                assert zf.testzip() is None and "collection.anki2" in zf.namelist()
        # An interrupted export leaves at most its hidden temporary file, never a half-written kq.apkg.
        assert {p.name for p in tmp_path.iterdir() if p.name.startswith("kq.apkg")} == {"kq.apkg"}


def test_undo_killed_takes_back_one_answer_or_none(tmp_path: Path, long_run: bool) -> None:
    db = tmp_path / "kq.db"
    url = f"sqlite:///{db}"
    assert cli("--db", url, "learners", "add", "ada").returncode == 0
    session = subprocess.run(
        [sys.executable, "-m", "kratom_quiz", "--db", url, "study", "--plain", "--limit", "6"],
        input="1\n\n" * 6, capture_output=True, text=True, check=False,
    )  # fmt: skip
    answered = count(db, "SELECT count(*) FROM review_log")
    assert answered >= 2, session.stdout[-500:]
    for after in kill_points(long_run, 1.5):
        before = count(db, "SELECT count(*) FROM review_log")
        # Undo at the first prompt of a new plain session: "u" takes back that session's answers only,
        # so answer one first, then undo it.
        child = subprocess.Popen(
            [sys.executable, "-m", "kratom_quiz", "--db", url, "study", "--plain", "--limit", "1"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        assert child.stdin is not None
        child.stdin.write("1\n\nu\n")
        child.stdin.flush()
        time.sleep(after)
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
        child.wait(60)
        after_count = count(db, "SELECT count(*) FROM review_log")
        assert after_count in (before, before + 1)
        assert inspect_file(db).verdict is Verdict.OURS


def test_migration_killed_leaves_the_old_schema_or_the_new(tmp_path: Path, long_run: bool) -> None:
    from alembic import command

    from kratom_quiz.storage import Database, migrate

    for i, after in enumerate(kill_points(long_run, 2.0)):
        db = tmp_path / f"old{i}.db"
        old = Database(f"sqlite:///{db}")
        cfg = migrate.alembic_config()
        with old.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, migrate.KNOWN_REVISIONS[0])
        old.close()
        run_and_kill(["--db", f"sqlite:///{db}", "learners", "list"], after)
        reader = sqlite3.connect(db)
        revision = reader.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        reader.close()
        assert revision in (migrate.KNOWN_REVISIONS[0], HEAD_REVISION)
        assert cli("--db", f"sqlite:///{db}", "learners", "list").returncode == 0
