"""Backups, restores and ``db check``: ways back when a database file is damaged or a change goes wrong."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kratom_quiz.errors import UserError
from kratom_quiz.paths import data_dir
from kratom_quiz.storage import backup, guard
from kratom_quiz.storage.backup import BackupInfo
from kratom_quiz.storage.quick import sqlite_file


def _file(url: str) -> Path:
    path = sqlite_file(url)
    if path is None:
        raise UserError("backups and checks are for the embedded SQLite database; a server keeps its own")
    return path


def backups_folder(url: str) -> Path:
    """Where the backups of the database at ``url`` are kept."""
    return backup.backup_dir(data_dir(), _file(url))


def back_up(url: str, now: datetime, reason: str = "") -> BackupInfo:
    """A checked backup of the database now (it must pass the open check first: a damaged file is not copied
    over the good backups)."""
    path = _file(url)
    if not path.is_file():
        raise UserError(f"{path} does not exist yet: nothing to back up")
    guard.inspect_file(path)
    return backup.make_backup(path, backups_folder(url), now, reason=reason)


def backup_on_open(path: Path, revision: str | None, now: datetime) -> BackupInfo | None:
    """The backup taken as a checked database file is opened: always before its schema is migrated,
    otherwise about once a day (None when a recent one exists)."""
    from kratom_quiz.storage.revisions import HEAD_REVISION

    folder = backup.backup_dir(data_dir(), path)
    if revision != HEAD_REVISION:
        # No upgrade without a way back: a failure here stops the open, with the file unchanged.
        return backup.make_backup(path, folder, now, reason=f"before-schema-{HEAD_REVISION}")
    try:
        return backup.rolling_backup(path, folder, now)
    except UserError:
        # A daily copy that cannot be written (a full disk) must not stop the learner from studying or
        # reading stats; the next open tries again, and any write that then fails says why.
        return None


def backups(url: str) -> list[BackupInfo]:
    """The backups of the database, newest first."""
    return backup.list_backups(backups_folder(url))


def restore_backup(url: str, chosen: Path | None, now: datetime) -> tuple[BackupInfo, Path | None]:
    """Put a backup (the newest good one by default) in place of the database; the replaced file is kept.

    Returns the backup restored and where the replaced file was moved (None when there was no file).
    """
    path = _file(url)
    if chosen is None:
        good = [b for b in backups(url) if b.reviews is not None]
        if not good:
            raise UserError(f"no backup of {path} yet (they are kept in {backups_folder(url)})")
        chosen = good[0].path
    elif not chosen.is_file():
        raise UserError(f"no such backup: {chosen}")
    aside = backup.restore(path, chosen, now)
    return backup.describe_backup(chosen), aside


@dataclass
class CheckReport:
    """What ``db check`` found: problems it repaired, and problems only a restore can fix."""

    path: Path
    repaired: list[str] = field(default_factory=list)
    unrepaired: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.repaired and not self.unrepaired


def check_database(url: str) -> CheckReport:
    """Check the database file like Anki's "Check Database", repairing what is safe.

    Integrity and foreign keys are checked on a read-only connection; a file that fails integrity is never
    written (restore a backup instead). On a sound file, study states that contradict the tables they belong
    to are repaired: a state whose item or learner is gone is removed, a learner's missing state row for an
    item is added as new, and a state that differs from what the review log replays to is rebuilt from the
    log (the log is the truth). Each repair is idempotent: a second run finds nothing.
    """
    path = _file(url)
    report = CheckReport(path)
    if not path.is_file():
        raise UserError(f"{path} does not exist")
    try:
        guard.inspect_file(path)
    except guard.DamagedDatabase as exc:
        report.unrepaired.append(f"damaged: {exc.detail}")
        return report
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
        if problems != ["ok"]:
            report.unrepaired.extend(f"integrity: {p}" for p in problems)
            return report
        _repair_states(conn, report)
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall():
            report.unrepaired.append(f"foreign key: {table} row {rowid} points to a missing {parent} row")
    finally:
        conn.close()
    if not report.unrepaired:
        _repair_from_logs(url, report)
    return report


def _repair_from_logs(url: str, report: CheckReport) -> None:
    """Study states that differ from what the review log replays to are rewritten from the log."""
    from kratom_quiz.services.core import open_database
    from kratom_quiz.storage import replay

    db = open_database(url)
    try:
        with db.engine.begin() as conn:
            stale = replay.stale_learners(conn, fuzz=db.fuzz)
            if stale:
                replay.rebuild(conn, sorted(stale), fuzz=db.fuzz)
                report.repaired.append(
                    f"study states that differed from the review log (rebuilt from it): {sum(stale.values())}"
                )
    finally:
        db.close()


_STATE_REPAIRS = (
    (
        "study states of items that no longer exist",
        "DELETE FROM card_state WHERE item_id NOT IN (SELECT id FROM items)",
    ),
    (
        "study states of learners that no longer exist",
        "DELETE FROM card_state WHERE learner_id NOT IN (SELECT id FROM learners)",
    ),
    (
        "missing study states (added as new)",
        "INSERT INTO card_state (learner_id, item_id, deck_id, state, reps, lapses, suspended, leech) "
        "SELECT l.id, i.id, i.deck_id, 'new', 0, 0, 0, 0 FROM learners l CROSS JOIN items i "
        "WHERE NOT EXISTS (SELECT 1 FROM card_state s WHERE s.learner_id = l.id AND s.item_id = i.id)",
    ),
)


def _repair_states(conn: sqlite3.Connection, report: CheckReport) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for what, statement in _STATE_REPAIRS:
            changed = conn.execute(statement).rowcount
            if changed > 0:
                report.repaired.append(f"{what}: {changed}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
