"""Files the app must not write to: each refused with one line, left byte for byte as they were found."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kratom_quiz import services
from kratom_quiz.domain.model import Card, CardKind, Deck, Evidence, SourceRef
from kratom_quiz.domain.study import Rating
from kratom_quiz.errors import UserError
from kratom_quiz.storage.guard import APPLICATION_ID, DamagedDatabase, Verdict, inspect_file

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


def _deck() -> Deck:
    cards = tuple(
        Card("g", f"c{n}", CardKind.TYPED, f"Question {n}?", "Why.", "t", Evidence.DEFINITION,
             SourceRef("doc", "S"), answers=("x",))
        for n in range(30)
    )  # fmt: skip
    return Deck(id="g", title="Guard", version=1, cards=cards)


def make_store(path: Path, reviews: int = 20) -> None:
    """A real kratom-quiz database with a learner, a deck and some answers."""
    db = services.open_database(f"sqlite:///{path}", fuzz=False)
    try:
        services.sync_decks(db, [_deck()])
        learner = services.add_learner(db, "ada")
        for i in range(reviews):
            services.record_review(
                db, learner.id, ("g", f"c{i % 30}", 0), Rating.GOOD, now=NOW + timedelta(minutes=i),
                suggested=Rating.GOOD, answer="x", correct=True, duration_ms=900, review_id=f"r{i}",
            )  # fmt: skip
    finally:
        db.close()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pristine") / "kq.db"
    make_store(path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["kq.db"]
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of the folder and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def refused_unchanged(path: Path, match: str) -> None:
    """Opening ``path`` is refused with one line matching ``match``, and nothing in its folder changes."""
    before = snapshot(path.parent)
    with pytest.raises(UserError, match=match) as caught:
        services.open_database(f"sqlite:///{path}")
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    assert snapshot(path.parent) == before


def test_a_store_we_wrote_is_ours_and_carries_our_application_id(pristine: Path) -> None:
    assert inspect_file(pristine).verdict is Verdict.OURS
    assert int.from_bytes(pristine.read_bytes()[68:72], "big") == APPLICATION_ID


def test_a_zero_length_file_is_refused_not_set_up(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    refused_unchanged(empty, "is empty")


def test_another_programs_database_is_not_switched_to_wal(tmp_path: Path) -> None:
    foreign = tmp_path / "notes.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.close()
    refused_unchanged(foreign, "another program")
    assert foreign.read_bytes()[18:20] == b"\x01\x01"  # still a rollback-journal database


def test_another_application_id_is_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
    conn.commit()
    conn.close()
    refused_unchanged(foreign, "another program .application id 0x4d2")


def test_a_newer_schema_is_refused(pristine: Path, tmp_path: Path) -> None:
    future = tmp_path / "future.db"
    shutil.copy(pristine, future)
    with sqlite3.connect(future) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    refused_unchanged(future, "newer version of kratom-quiz .schema 9999")


@pytest.mark.parametrize("size", [50, 4096, 9000])
def test_a_truncated_file_is_refused(pristine: Path, tmp_path: Path, size: int) -> None:
    cut = tmp_path / "cut.db"
    cut.write_bytes(pristine.read_bytes()[:size])
    refused_unchanged(cut, "damaged|not a kratom-quiz database")


def test_a_damaged_page_is_refused_and_never_written(pristine: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    data = bytearray(pristine.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    # Empty the last page: an index or table page of the review log (integrity fails below the schema).
    data[-page:] = bytes(page)
    broken.write_bytes(bytes(data))
    refused_unchanged(broken, "is damaged .* db restore")
    with pytest.raises(DamagedDatabase):
        inspect_file(broken)


def test_the_read_only_byte_of_the_format_is_respected(pristine: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked.db"
    data = bytearray(pristine.read_bytes())
    data[18] = 3  # a write version SQLite does not know: it may read the file but must not write it
    locked.write_bytes(bytes(data))
    refused_unchanged(locked, "read-only")


def test_another_programs_wal_beside_our_file_is_not_copied_into_it(pristine: Path, tmp_path: Path) -> None:
    ours = tmp_path / "kq.db"
    shutil.copy(pristine, ours)
    # A WAL left by a different database, renamed to sit beside ours.
    other = tmp_path / "other" / "x.db"
    other.parent.mkdir()
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE junk (x)")
    conn.executemany("INSERT INTO junk VALUES (?)", [(os.urandom(64),) for _ in range(200)])
    conn.commit()
    shutil.copy(Path(f"{other}-wal"), Path(f"{ours}-wal"))
    conn.close()
    refused_unchanged(ours, "another program|damaged")


def test_a_crash_left_wal_of_our_own_is_read_not_lost(tmp_path: Path) -> None:
    live = tmp_path / "live" / "kq.db"
    live.parent.mkdir()
    make_store(live, reviews=3)
    db = services.open_database(f"sqlite:///{live}", fuzz=False)
    try:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
            learner = services.list_learners(db)[0]
            services.record_review(
                db, learner.id, ("g", "c7", 0), Rating.GOOD, now=NOW + timedelta(days=1),
                suggested=Rating.GOOD, answer="x", correct=True, duration_ms=900, review_id="in-the-wal",
            )  # fmt: skip
            # The machine "crashes" now: copy the file and its WAL as they are on disk.
            crashed = tmp_path / "crashed.db"
            shutil.copy(live, crashed)
            shutil.copy(Path(f"{live}-wal"), Path(f"{crashed}-wal"))
    finally:
        db.close()
    reopened = services.open_database(f"sqlite:///{crashed}")
    try:
        with reopened.engine.connect() as conn:
            ids = {row[0] for row in conn.exec_driver_sql("SELECT id FROM review_log")}
    finally:
        reopened.close()
    assert "in-the-wal" in ids


def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def attempt() -> None:
        try:
            services.open_database(f"sqlite:///{fifo}")
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "opening a named pipe hung"
    assert isinstance(outcome[0], UserError) and "not a regular file" in str(outcome[0])


@pytest.mark.parametrize(
    ("url", "match"),
    [
        ("x.db", r"not a database URL: 'x.db' \(for a file, write sqlite:///x.db\)"),
        ("garbage://nowhere", "unknown database URL scheme 'garbage'"),
    ],
)
def test_urls_a_user_can_get_wrong(url: str, match: str) -> None:
    with pytest.raises(UserError, match=match):
        services.open_database(url)
