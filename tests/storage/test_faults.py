"""Database faults reach the learner as one line with the way out, from the CLI as from the app."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kratom_quiz.storage.faults import DatabaseFault, describe, user_error

CLI = [sys.executable, "-m", "kratom_quiz"]


def _cli(db: Path, *args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def limited() -> None:  # in the child: a file-size limit behaves like a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [*CLI, "--db", f"sqlite:///{db}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limited,
        check=False,
    )


def test_a_file_size_limit_is_one_line_and_saving_resumes_when_lifted(tmp_path: Path) -> None:
    db = tmp_path / "kq.db"
    assert _cli(db, "learners", "add", "ada").returncode == 0
    size = db.stat().st_size + sum(p.stat().st_size for p in tmp_path.glob("kq.db-*"))
    full = _cli(db, "decks", "sync", limit=size + 8192)
    assert full.returncode == 1, full.stderr
    assert "Traceback" not in full.stderr and full.stderr.count("\n") == 1
    assert full.stderr.startswith(f"kratom-quiz: could not write to {db} (the disk may be full or failing)")
    again = _cli(db, "decks", "sync")
    assert again.returncode == 0, again.stderr
    assert "ada" in _cli(db, "learners", "list").stdout


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs, where a real ENOSPC happens (needs permission to mount: skipped without it)."""
    mount = tmp_path / "small"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True, check=False
    )
    if made.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_one_line_and_nothing_saved_is_lost(small_disk: Path) -> None:
    db = small_disk / "kq.db"
    assert _cli(db, "learners", "add", "ada").returncode == 0
    filler = small_disk / "filler"
    with filler.open("wb") as fh:  # fill the disk to the last block
        try:
            while True:
                fh.write(b"x" * 65536)
                fh.flush()
        except OSError:
            pass
    full = _cli(db, "learners", "add", "bo")
    assert full.returncode == 1, full.stderr
    assert "Traceback" not in full.stderr and full.stderr.count("\n") == 1
    assert "is full" in full.stderr or "may be full" in full.stderr
    filler.unlink()
    assert _cli(db, "learners", "add", "bo").returncode == 0
    assert {"ada", "bo"} <= set(_cli(db, "learners", "list").stdout.split())


def test_a_database_locked_past_the_busy_timeout_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "kq.db"
    assert _cli(db, "learners", "add", "ada").returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        result = _cli(db, "learners", "add", "bo")
        waited = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert "locked by another program for more than 5 seconds" in result.stderr
    assert waited >= 4.5  # it waited for the other program first


def test_driver_errors_become_faults_of_their_kind(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x UNIQUE)").connection.close()
    ro = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as readonly:
        ro.execute("INSERT INTO t VALUES (1)")
    ro.close()
    fault = user_error(readonly.value, str(path))
    assert isinstance(fault, DatabaseFault) and fault.kind == "read-only"
    assert str(fault) == f"{path} is read-only: nothing can be saved; make it writable"

    rw = sqlite3.connect(path)
    rw.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(sqlite3.IntegrityError) as dup:
        rw.execute("INSERT INTO t VALUES (1)")
    rw.close()
    damaged = user_error(dup.value, str(path))
    assert isinstance(damaged, DatabaseFault) and damaged.kind == "damaged" and "db check" in str(damaged)

    class Wrapped(Exception):  # what SQLAlchemy raises: the driver's error as ``orig``
        orig = readonly.value

    wrapped = user_error(Wrapped("INSERT INTO t ... [parameters: (1,)]"), "kq.db")
    assert wrapped is not None and "INSERT" not in str(wrapped)
    assert user_error(ValueError("a bug"), "kq.db") is None


def test_a_url_is_named_without_its_password() -> None:
    assert (
        describe("postgresql+psycopg://teacher:s3cret@db.local/class")
        == "postgresql+psycopg://db.local/class"
    )
    assert describe("sqlite:////home/ada/kq.db") == "/home/ada/kq.db"


def test_unknown_scheme_and_bare_path_exit_1_with_one_line(tmp_path: Path) -> None:
    for url, said in [("garbage://x", "unknown database URL scheme"), ("x.db", "write sqlite:///x.db")]:
        result = subprocess.run(
            [*CLI, "--db", url, "learners", "list"], capture_output=True, text=True, timeout=60, check=False,
            cwd=tmp_path, env={**os.environ},
        )  # fmt: skip
        assert result.returncode == 1 and said in result.stderr and "Traceback" not in result.stderr
