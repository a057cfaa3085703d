"""Rolling backups of a SQLite store, checked copies made with SQLite's online backup API, and restores.

A backup is a whole database file, copied page by page from a live connection (so a backup taken while
another instance writes is still consistent), checked with ``integrity_check`` before it counts, and kept
under the user's data folder. Restoring never deletes anything: the file it replaces is kept aside.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kratom_quiz.errors import UserError

KEEP = 12
"""How many backups of one database are kept (the newest)."""
DAILY = timedelta(hours=20)
"""A rolling backup is skipped when the newest is younger than this (about once a day, whatever the hour)."""
_STAMP = "%Y%m%d-%H%M%S"
SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file: when it was made and how many answers it holds."""

    path: Path
    made: datetime
    reviews: int | None  # None when the file cannot be read


def backup_dir(data_dir: Path, db_file: Path) -> Path:
    """The folder of one database's backups: named after its file, distinct for two files of one name."""
    digest = hashlib.sha256(str(db_file.resolve()).encode()).hexdigest()[:8]
    return data_dir / "backups" / f"{db_file.stem}-{digest}"


def make_backup(db_file: Path, folder: Path, now: datetime, *, reason: str = "") -> BackupInfo:
    """Copy ``db_file`` into ``folder`` as a checked backup and prune old ones; returns the new backup.

    Raises:
        UserError: the copy failed or does not pass ``integrity_check`` (nothing is kept then).
    """
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{db_file.stem}-{now.astimezone(UTC).strftime(_STAMP)}{'-' + reason if reason else ''}.db"
    target = folder / name
    partial = folder / f".{name}.partial"
    try:
        source = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(partial)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no WAL beside it
                problems = _problems(dest)
            finally:
                dest.close()
        finally:
            source.close()
        if problems:
            raise UserError(f"the backup of {db_file} fails its check ({problems}); not kept")
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise UserError(f"could not back up {db_file}: {exc}") from None
    except OSError as exc:
        raise UserError(f"could not write a backup in {folder}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    prune(folder)
    return describe_backup(target)


def rolling_backup(db_file: Path, folder: Path, now: datetime) -> BackupInfo | None:
    """A backup when the newest is about a day old (or there is none); None when one is recent enough."""
    if not db_file.is_file():
        return None
    newest = list_backups(folder)
    if newest and now - newest[0].made < DAILY:
        return None
    return make_backup(db_file, folder, now)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [describe_backup(p) for p in folder.glob("*.db") if not p.name.startswith(".")]
    # Two backups of the same second (a daily one, then one asked for) are told apart by the file's time.
    return sorted(found, key=lambda b: (b.made, _mtime(b.path)), reverse=True)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def prune(folder: Path, keep: int = KEEP) -> None:
    """Delete all but the ``keep`` newest backups (backups only: never the database or a file set aside)."""
    for old in list_backups(folder)[keep:]:
        with contextlib.suppress(OSError):
            old.path.unlink()


def restore(db_file: Path, backup: Path, now: datetime) -> Path | None:
    """Put ``backup`` in place of ``db_file``; the file it replaces (and its side files) is kept aside.

    Returns where the replaced file now is (None when there was none). The caller must have closed every
    connection to ``db_file``.

    Raises:
        UserError: the backup does not pass ``integrity_check``, or a file cannot be moved or written.
    """
    info = describe_backup(backup)
    if info.reviews is None:
        raise UserError(f"{backup} is not a readable backup; nothing was changed")
    aside: Path | None = None
    partial = db_file.with_name(f".{db_file.name}.restoring")
    try:
        shutil.copyfile(backup, partial)
        conn = sqlite3.connect(partial)
        try:
            problems = _problems(conn)
        finally:
            conn.close()
        if problems:
            raise UserError(f"{backup} fails its check ({problems}); nothing was changed")
        if db_file.exists():
            aside = db_file.with_name(f"{db_file.name}.before-restore-{now.astimezone(UTC).strftime(_STAMP)}")
            os.replace(db_file, aside)
            for suffix in SIDE_FILES:
                side = Path(f"{db_file}{suffix}")
                if side.exists():
                    os.replace(side, Path(f"{aside}{suffix}"))
        os.replace(partial, db_file)
    except sqlite3.Error as exc:
        raise UserError(f"{backup} is not a readable backup ({exc}); nothing was changed") from None
    except OSError as exc:
        raise UserError(f"could not restore {db_file}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return aside


def _problems(conn: sqlite3.Connection) -> str:
    """What ``integrity_check`` finds in the database, in one short line; empty when it is sound."""
    found = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
    return "" if found == ["ok"] else "; ".join(found)[:120]


def describe_backup(path: Path) -> BackupInfo:
    """A backup file with its time and answer count (``reviews`` None when it cannot be read)."""
    made = _made(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            reviews = int(conn.execute("SELECT count(*) FROM review_log").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        reviews = None
    return BackupInfo(path, made, reviews)


def _made(path: Path) -> datetime:
    """The time in the file's name (the file time when the name has none)."""
    parts = path.stem.split("-")
    for i in range(len(parts) - 1):
        try:
            return datetime.strptime(f"{parts[i]}-{parts[i + 1]}", _STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)
