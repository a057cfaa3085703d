"""Look at a SQLite file before anything may write to it: ours, sound, at a schema we know, or refused.

SQLite writes as soon as a connection sets ``journal_mode=WAL`` or closes over a WAL file (it checkpoints),
so a file must pass these checks on a read-only connection first: a foreign database would be switched to
WAL, and another program's ``-wal`` beside the user's file would be copied into it. Only the standard
library is used, so the check costs no import time.
"""

from __future__ import annotations

import contextlib
import sqlite3
import stat
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from kratom_quiz.errors import UserError
from kratom_quiz.storage.revisions import KNOWN_REVISIONS

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100
APPLICATION_ID = 0x4B51555A
"""Stamped in the SQLite header (``PRAGMA application_id``) of every kratom-quiz database: "KQUZ"."""
SIDE_FILES = ("-wal", "-shm", "-journal")


class Verdict(Enum):
    """What a database file is, once checked."""

    NEW = "new"  # no file yet, or an SQLite file with no tables: ours to set up
    OURS = "ours"  # a kratom-quiz database at a schema this version knows


class DamagedDatabase(UserError):
    """The file is a kratom-quiz database (or may be) that fails SQLite's own check: never written to."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"{path} is damaged ({detail}); it was not changed. "
            "Run 'kratom-quiz db restore' to go back to a backup, or 'kratom-quiz db check' for details"
        )
        self.path = path
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Inspection:
    """The verdict on a file and the schema revision it is at (None for a new one)."""

    verdict: Verdict
    revision: str | None = None


@dataclass(frozen=True, slots=True)
class Header:
    """The fields of SQLite's 100-byte file header that say whose file it is and whether it may be written."""

    write_version: int  # 1 rollback journal, 2 WAL; above 2 SQLite opens the file read-only
    read_version: int
    application_id: int
    user_version: int

    @classmethod
    def parse(cls, data: bytes) -> Header:
        return cls(
            write_version=data[18],
            read_version=data[19],
            user_version=int.from_bytes(data[60:64], "big"),
            application_id=int.from_bytes(data[68:72], "big"),
        )


def inspect_file(path: Path) -> Inspection:
    """Check ``path`` without writing to it; raise a one-line ``UserError`` naming it when it is refused.

    A missing file is NEW (the caller creates it). A file is refused when it is not a regular file, is
    empty, is not SQLite, belongs to another program, was written by a newer version of the app, is marked
    read-only in its header, or fails ``PRAGMA quick_check`` (``DamagedDatabase``). Side files that the
    read-only look itself leaves behind are removed; the user's own are never touched.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return Inspection(Verdict.NEW)
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise UserError(f"{path} is a folder, not a database file")
    if not stat.S_ISREG(info.st_mode):
        raise UserError(f"{path} is not a regular file (a pipe, a device or a socket); refusing it")
    if info.st_size == 0:
        raise UserError(
            f"{path} is empty (0 bytes), not a kratom-quiz database; remove it to start a new one there"
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(HEADER_BYTES)
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not data.startswith(SQLITE_MAGIC):
        raise UserError(f"{path} is not a kratom-quiz database (not an SQLite file)")
    if len(data) < HEADER_BYTES:
        raise DamagedDatabase(path, f"truncated to {len(data)} bytes")
    header = Header.parse(data)
    if header.application_id not in (0, APPLICATION_ID):
        raise UserError(
            f"{path} is a database of another program (application id {header.application_id:#x})"
        )
    if header.write_version > 2 or header.read_version > 2:
        raise UserError(
            f"{path} is marked read-only in its header (a newer SQLite format); it was not changed"
        )
    return _look_inside(path)


def _look_inside(path: Path) -> Inspection:
    existing = {suffix for suffix in SIDE_FILES if Path(f"{path}{suffix}").exists()}
    # With no -wal or -journal beside it, the whole database is in the file: read it as immutable, which
    # creates no side files. Otherwise read through them (a crash may have left acknowledged answers in the
    # WAL), which makes SQLite create a -shm if there is none.
    uri = path.resolve().as_uri() + (
        "?mode=ro" if existing & {"-wal", "-journal"} else "?mode=ro&immutable=1"
    )
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise UserError(f"cannot open {path}: {_reason(exc)}") from None
    try:
        return _verdict(path, conn, beside=sorted(existing))
    except UserError:
        conn.close()
        # A refused file is left as it was found: no side file of ours beside it. (An accepted file keeps
        # the -shm: the store opens it next, and another instance may be using it by then.)
        _remove_side_files(path, keep=existing)
        raise
    finally:
        conn.close()


def _verdict(path: Path, conn: sqlite3.Connection, beside: list[str]) -> Inspection:
    try:
        return _read_verdict(path, conn)
    except sqlite3.DatabaseError as exc:
        detail = _reason(exc)
        if beside:
            detail += f"; read with the {' and '.join(beside)} file(s) beside it"
        raise DamagedDatabase(path, detail) from None


def _read_verdict(path: Path, conn: sqlite3.Connection) -> Inspection:
    conn.execute("BEGIN")  # one snapshot: the header and the schema are read as of the same moment
    # Read through any WAL: a foreign WAL beside our file shows here as a foreign or damaged database.
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id not in (0, APPLICATION_ID):
        raise UserError(f"{path} is a database of another program (application id {application_id:#x})")
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise sqlite3.DatabaseError("; ".join(problems))
    if not tables:
        return Inspection(Verdict.NEW)
    if "alembic_version" not in tables:
        raise UserError(f"{path} is a database of another program (no kratom-quiz schema); refusing it")
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = None if row is None else row[0]
    if revision not in KNOWN_REVISIONS:
        raise UserError(
            f"{path} was written by a newer version of kratom-quiz (schema {revision}); "
            "upgrade kratom-quiz to open it"
        )
    return Inspection(Verdict.OURS, revision)


def _remove_side_files(path: Path, keep: set[str]) -> None:
    for suffix in SIDE_FILES:
        if suffix not in keep:
            with contextlib.suppress(OSError):
                Path(f"{path}{suffix}").unlink(missing_ok=True)


def _reason(exc: BaseException) -> str:
    """SQLite's message, fit for one line (its bytes may be damaged: never let decoding fail here)."""
    text = str(exc).encode("utf-8", "replace").decode("utf-8", "replace")
    return " ".join(text.split())[:200] or type(exc).__name__
