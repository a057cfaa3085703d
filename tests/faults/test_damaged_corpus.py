"""A corpus of damaged copies of a real database: each gives the right answer or one line; none is written.

Byte flips, truncations, an empty file, another program's WAL, another program's schema and a future schema.
For every copy, ``stats --json`` and ``decks sync`` must either succeed with the same figures as the intact
database, or fail with one line (no traceback) and leave the file exactly as it was. CI runs a short corpus;
``pytest --long`` runs a larger one.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from kratom_quiz.cli import app
from kratom_quiz.storage.faults import user_error
from tests.storage.test_guard import make_store

Damage = Callable[[Path, random.Random], None]


def _flip(path: Path, rng: random.Random) -> None:
    data = bytearray(path.read_bytes())
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(100, len(data))] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(data))


def _truncate(path: Path, rng: random.Random) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: rng.randrange(0, len(data))])


def _zero_page(path: Path, rng: random.Random) -> None:
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    page = rng.randrange(1, len(data) // size)
    data[page * size : (page + 1) * size] = bytes(size)
    path.write_bytes(bytes(data))


def _foreign_wal(path: Path, rng: random.Random) -> None:
    other = path.with_name(f"other-{rng.randrange(10**6)}.db")
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE junk (x)")
    conn.executemany(
        "INSERT INTO junk VALUES (?)", [(rng.randbytes(40),) for _ in range(rng.randint(1, 300))]
    )
    conn.commit()
    shutil.copy(Path(f"{other}-wal"), Path(f"{path}-wal"))
    conn.close()


def _foreign_schema(path: Path, rng: random.Random) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE TABLE notes_{rng.randrange(100)} (body TEXT)")
    conn.commit()
    conn.close()


def _future_schema(path: Path, rng: random.Random) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = ?", (f"9{rng.randrange(100, 999)}",))
    conn.commit()
    conn.close()


def _empty(path: Path, rng: random.Random) -> None:
    path.write_bytes(b"")


DAMAGES: dict[str, Damage] = {
    "flip": _flip, "truncate": _truncate, "zero-page": _zero_page, "foreign-wal": _foreign_wal,
    "foreign-schema": _foreign_schema, "future-schema": _future_schema, "empty": _empty,
}  # fmt: skip


def _run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--db", f"sqlite:///{db}", *args])


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("pristine") / "kq.db"
    make_store(path, reviews=40)
    stats = _run(path, "stats", "--json")
    assert stats.exit_code == 0, stats.output
    return path, stats.stdout


def test_damaged_copies_answer_right_or_refuse_untouched(
    pristine: tuple[Path, str], tmp_path: Path, long_run: bool
) -> None:
    source, expected = pristine
    rng = random.Random(20261130)
    copies = 200 if long_run else 28
    tally: dict[str, int] = {"refused": 0, "answered": 0}
    for n in range(copies):
        kind = list(DAMAGES)[n % len(DAMAGES)]
        folder = tmp_path / f"copy{n}"
        folder.mkdir()
        db = folder / "kq.db"
        shutil.copy(source, db)
        DAMAGES[kind](db, rng)
        for other in folder.glob("other-*"):
            other.unlink()
        before = _files(folder)
        for command in (("stats", "--json"), ("decks", "sync")):
            result = _run(db, *command)
            raised = result.exception is not None and not isinstance(result.exception, SystemExit)
            if raised:
                # What ``main`` prints as one line: a user error, or a database fault it translates.
                assert result.exception is not None
                said = user_error(result.exception, str(db))
                assert said is not None, f"{kind} #{n}: {result.exception!r} would be a traceback"
            assert "Traceback" not in result.output
            if result.exit_code == 0:
                tally["answered"] += 1
                if command[0] == "stats":
                    assert result.stdout == expected, f"{kind} #{n}: wrong figures with exit 0"
            else:
                tally["refused"] += 1
                message = (
                    str(user_error(result.exception, str(db)))
                    if raised and result.exception
                    else result.output
                )
                assert message.strip() and "\n" not in message.strip(), f"{kind} #{n}: {message}"
                assert _files(folder) == before, f"{kind} #{n}: a refused file was written"
                break
    assert tally["refused"] > 0 and tally["answered"] > 0
