"""``db check``, ``db backup``, ``db restore``: a damaged file is never written, a backup brings it back."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from kratom_quiz.cli import app
from kratom_quiz.storage import backup

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


def cli(db: Path, *args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(app, ["--db", f"sqlite:///{db}", *args], input=stdin)


def answers(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM review_log").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "kq.db"
    assert cli(db, "learners", "add", "ada").exit_code == 0
    assert cli(db, "decks", "sync").exit_code == 0
    conn = sqlite3.connect(db)
    item, learner = conn.execute(
        "SELECT (SELECT min(id) FROM items), (SELECT min(id) FROM learners)"
    ).fetchone()
    conn.executemany(
        "INSERT INTO review_log (id, learner_id, item_id, rating, suggested, answer, correct, reviewed_at, "
        "duration_ms, mode, state_before, before) "
        "VALUES (?, ?, ?, 3, 3, 'x', 1, ?, 900, 'study', 'new', NULL)",
        [(f"r{i}", learner, item, f"2026-05-0{i + 1} 12:00:00.000000") for i in range(3)],
    )
    conn.commit()
    conn.close()
    return db


def damage(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:  # the last b-tree page (the very last page may be an overflow page of a long text)
        btree = "SELECT max(pageno) FROM dbstat WHERE pagetype IN ('leaf', 'internal')"
        (last,) = conn.execute(btree).fetchone()
    finally:
        conn.close()
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[(last - 1) * page : last * page] = bytes(page)  # emptied: a b-tree page of the store is gone
    db.write_bytes(bytes(data))


def test_backup_then_damage_then_restore_brings_the_answers_back(store: Path) -> None:
    made = cli(store, "db", "backup")
    assert made.exit_code == 0 and "backed up 3 answers" in made.stdout
    damage(store)
    damaged_bytes = store.read_bytes()

    refused = cli(store, "stats")
    assert refused.exit_code == 1
    assert "is damaged" in str(refused.exception) and "db restore" in str(refused.exception)
    assert store.read_bytes() == damaged_bytes  # never written

    checked = cli(store, "db", "check")
    assert checked.exit_code == 1 and "problem: damaged" in checked.stdout
    assert store.read_bytes() == damaged_bytes

    restored = cli(store, "db", "restore", "--yes")
    assert restored.exit_code == 0, restored.output
    assert "  1. " in restored.stdout and "3 answers" in restored.stdout
    assert answers(store) == 3
    (aside,) = store.parent.glob("kq.db.before-restore-*[0-9]")
    assert aside.read_bytes() == damaged_bytes
    assert cli(store, "stats").exit_code == 0


def test_restore_asks_first_and_changes_nothing_on_no(store: Path) -> None:
    assert cli(store, "db", "backup").exit_code == 0
    before = store.read_bytes()
    result = cli(store, "db", "restore", stdin="n\n")
    assert result.exit_code == 1 and "Nothing was changed." in result.stdout
    assert store.read_bytes() == before
    assert not list(store.parent.glob("*.before-restore-*"))


def test_check_repairs_what_is_safe_and_a_second_run_finds_nothing(store: Path) -> None:
    conn = sqlite3.connect(store)
    conn.execute("DELETE FROM card_state WHERE rowid IN (SELECT rowid FROM card_state LIMIT 2)")
    conn.commit()
    conn.close()
    first = cli(store, "db", "check")
    assert first.exit_code == 0, first.output
    assert "repaired: missing study states (added as new): 2" in first.stdout
    second = cli(store, "db", "check")
    assert second.exit_code == 0 and second.stdout == f"ok: {store}\n"


def test_unknown_backup_number_is_one_line(store: Path) -> None:
    assert cli(store, "db", "backup").exit_code == 0
    result = cli(store, "db", "restore", "99", "--yes")
    assert result.exit_code == 1
    assert "no backup number 99" in str(result.exception)


def test_backups_are_taken_before_a_migration_and_about_daily(tmp_path: Path) -> None:
    from kratom_quiz.services.safety import backup_on_open

    db = tmp_path / "kq.db"
    assert cli(db, "learners", "add", "ada").exit_code == 0
    folder = tmp_path / "b"
    assert backup.rolling_backup(db, folder, NOW) is not None
    assert backup.rolling_backup(db, folder, NOW + timedelta(hours=3)) is None
    assert backup.rolling_backup(db, folder, NOW + timedelta(days=1)) is not None
    made = backup_on_open(db, "0001", NOW + timedelta(days=1, minutes=1))
    assert made is not None and "before-schema" in made.path.name


def test_only_the_newest_backups_are_kept(tmp_path: Path) -> None:
    db = tmp_path / "kq.db"
    assert cli(db, "learners", "add", "ada").exit_code == 0
    folder = tmp_path / "b"
    for day in range(backup.KEEP + 3):
        backup.make_backup(db, folder, NOW + timedelta(days=day))
    kept = backup.list_backups(folder)
    assert len(kept) == backup.KEEP
    assert kept[0].made == NOW + timedelta(days=backup.KEEP + 2)
    assert db.is_file()


def test_check_rebuilds_a_study_state_that_contradicts_the_log(tmp_path: Path) -> None:
    from kratom_quiz import services
    from kratom_quiz.domain.study import Rating
    from tests.services.conftest import card, deck

    db_file = tmp_path / "kq.db"
    db = services.open_database(f"sqlite:///{db_file}")
    try:
        services.sync_decks(db, [deck(card("a"), card("b"))])
        learner = services.add_learner(db, "ada")
        for n, rating in enumerate((Rating.GOOD, Rating.GOOD, Rating.HARD)):
            services.record_review(
                db, learner.id, ("pharm", "a", 0), rating, now=NOW + timedelta(days=n * 3), suggested=rating,
                answer="x", correct=True, duration_ms=900,
            )  # fmt: skip
    finally:
        db.close()
    conn = sqlite3.connect(db_file)
    good = conn.execute("SELECT stability FROM card_state WHERE reps > 0").fetchone()[0]
    conn.execute("UPDATE card_state SET stability = stability * 7 WHERE reps > 0")
    conn.commit()
    conn.close()

    first = cli(db_file, "db", "check")
    assert first.exit_code == 0, first.output
    assert "repaired: study states that differed from the review log (rebuilt from it): 1" in first.stdout
    conn = sqlite3.connect(db_file)
    assert conn.execute("SELECT stability FROM card_state WHERE reps > 0").fetchone()[0] == good
    conn.close()
    assert cli(db_file, "db", "check").stdout == f"ok: {db_file}\n"
